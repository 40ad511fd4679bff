/**
 * `flattened` (Elasticsearch) and `flat_object` (OpenSearch): every leaf
 * under the field is indexed as a keyword, under the root (any leaf) and
 * under `root.key` (that key's leaves); the compiler resolves which leaves
 * a term looks at. Leaf values compare as strings: a number is indexed as
 * its JSON text, so `"5"` matches `5` but `"5.0"` does not; booleans as
 * `"true"`/`"false"`; `null` leaves are not indexed. No normalizer.
 *
 * Rejected: values over 32766 UTF-8 bytes (no document can hold them).
 *
 * @packageDocumentation
 */
import type { FlattenedFieldType } from '../mapping/field-types.js';
import { MAX_TERM_BYTES, toIndexedForm, utf8Length } from './indexed-string.js';
import { scalarJsonText } from './json-text.js';
import type { PreparedLeafTerm } from './prepared-term.js';
import { rejectTerm } from './rejection.js';

/**
 * Prepares a `term` on a `flattened` / `flat_object` field (root or key).
 *
 * @example
 * ```ts
 * const t = prepareFlattenedTerm('labels', { type: 'flattened' }, '5');
 * t.matchLeaf(5);     // true
 * t.matchLeaf('5.0'); // false
 * ```
 */
export function prepareFlattenedTerm(field: string, type: FlattenedFieldType, value: string): PreparedLeafTerm {
  if (utf8Length(value) > MAX_TERM_BYTES) {
    throw rejectTerm(field, type.type, value, `it is longer than ${MAX_TERM_BYTES} UTF-8 bytes, the longest term an index can hold`);
  }
  const target = toIndexedForm(value);
  const targetHasReplacement = target.includes('\uFFFD');
  const matchLeaf = (leaf: unknown): boolean => {
    if (leaf === target) return true;
    if (typeof leaf === 'string') {
      // Only a leaf with unpaired surrogates can index to a target holding U+FFFD without being equal to it.
      return targetHasReplacement && leaf.length === target.length && toIndexedForm(leaf) === target;
    }
    // Flattened fields skip nulls: `scalarJsonText` gives null for them, never equal to the target.
    return scalarJsonText(leaf) === target;
  };
  return { kind: 'leaf', queryValue: value, matchLeaf };
}
