/**
 * `boolean` fields.
 *
 * - Query side: only `"true"` and `"false"` (exact case). Every engine
 *   fails the search on anything else (`"True"`, `""`, `"1"`: "Can't parse
 *   boolean value"), so those are rejected.
 * - Index side: JSON `true`/`false`, the strings `"true"`/`"false"`, and
 *   `""`, which the engine indexes as `false`. `null` becomes `null_value`
 *   when set. Any other leaf (`"True"`, numbers) makes the engine reject
 *   the document (or skip the field with `ignore_malformed`): no match.
 *
 * @packageDocumentation
 */
import type { BooleanFieldType } from '../mapping/field-types.js';
import type { PreparedLeafTerm } from './prepared-term.js';
import { rejectTerm } from './rejection.js';

/**
 * Prepares a `term` on a `boolean` field.
 *
 * @example
 * ```ts
 * const t = prepareBooleanTerm('ok', { type: 'boolean' }, 'false');
 * t.matchLeaf(false); // true
 * t.matchLeaf('');    // true (indexed as false)
 * prepareBooleanTerm('ok', { type: 'boolean' }, 'True'); // throws VALIDATION
 * ```
 */
export function prepareBooleanTerm(field: string, type: BooleanFieldType, value: string): PreparedLeafTerm {
  if (value !== 'true' && value !== 'false') {
    throw rejectTerm(field, type.type, value, 'a boolean filter value must be exactly "true" or "false"');
  }
  const target = value === 'true';
  const nullMatches = type.nullValue === target;
  const matchLeaf = target
    ? (leaf: unknown): boolean => leaf === true || leaf === 'true' || (leaf === null && nullMatches)
    : (leaf: unknown): boolean => leaf === false || leaf === 'false' || leaf === '' || (leaf === null && nullMatches);
  return { kind: 'leaf', queryValue: value, matchLeaf };
}
