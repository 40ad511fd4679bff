/**
 * `constant_keyword`: every document of the index holds the mapping's
 * `value`, so a `term` selects all documents or none.
 *
 * The engines evaluate `term` with `Regex.simpleMatch(filterValue, constant)`,
 * where `*` is a wildcard (`"*"` and `"ac*"` match every document of an
 * index whose constant is `acme`) and `?` is an ordinary character. That
 * would make "exact match" a lie, so a value containing `*` is rejected.
 * Any other value matches exactly when it equals the constant
 * (case-sensitive). Without a `value` in the mapping (Elasticsearch, before
 * the first document), no document has one: the term matches nothing.
 *
 * @packageDocumentation
 */
import type { ConstantKeywordFieldType } from '../mapping/field-types.js';
import type { PreparedTerm } from './prepared-term.js';
import { rejectTerm } from './rejection.js';

/**
 * Prepares a `term` on a `constant_keyword` field.
 *
 * @example
 * ```ts
 * prepareConstantKeywordTerm('org', { type: 'constant_keyword', value: 'acme' }, 'acme');
 * // { kind: 'constant', matches: true, queryValue: 'acme' }
 * prepareConstantKeywordTerm('org', { type: 'constant_keyword', value: 'acme' }, 'ac*'); // throws VALIDATION
 * ```
 */
export function prepareConstantKeywordTerm(field: string, type: ConstantKeywordFieldType, value: string): PreparedTerm {
  if (value.includes('*')) {
    throw rejectTerm(field, type.type, value, '`*` is a wildcard in a `term` on constant_keyword, so the value would not match exactly');
  }
  return { kind: 'constant', matches: type.value !== undefined && type.value === value, queryValue: value };
}
