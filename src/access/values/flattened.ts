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
 * A term on a key (`labels.team`) is matched against one string that joins
 * the key path and the value: OpenSearch's `FlatObjectFieldMapper` indexes
 * every leaf as `path=value` in its `_valueAndPath` field, Elasticsearch's
 * `FlattenedFieldMapper` as `path\0value` in its `_keyed` field. A `=` (on
 * `flat_object`) or `\0` (on `flattened`) in the key path or in the value
 * makes that string split in more than one way: the document
 * `{"labels": {"team=red": "blue"}}` would match the filter
 * `labels.team: "red=blue"`, reaching a document nobody meant it to. When
 * neither the key nor the value holds the separator, the only split is the
 * intended one (a document key with the separator would need the value to
 * hold it too), so such terms are exact; the others are rejected.
 *
 * @packageDocumentation
 */
import type { FlattenedFieldType } from '../mapping/field-types.js';
import { MAX_TERM_BYTES, toIndexedForm, utf8Length } from './indexed-string.js';
import { scalarJsonText } from './json-text.js';
import type { PreparedLeafTerm } from './prepared-term.js';
import { rejectTerm } from './rejection.js';

/**
 * Rejects a term on the key `key` (the path under the root, without the
 * root) of a `flattened` / `flat_object` field when the separator the engine
 * joins path and value with (`=` or `\0`) appears in the key or the value.
 *
 * @throws SharedTokenError `VALIDATION` (reason says which separator).
 *
 * @example
 * ```ts
 * checkFlattenedKeyTerm('labels.team', { type: 'flat_object' }, 'team', 'red=blue'); // throws
 * checkFlattenedKeyTerm('labels.team', { type: 'flat_object' }, 'team', 'red');      // ok
 * ```
 */
export function checkFlattenedKeyTerm(field: string, type: FlattenedFieldType, key: string, value: string): void {
  const separator = type.type === 'flat_object' ? '=' : '\0';
  const shown = type.type === 'flat_object' ? '`=`' : 'U+0000';
  if (key.includes(separator) || value.includes(separator)) {
    throw rejectTerm(
      field,
      type.type,
      value,
      `the engine indexes a key's leaves as one string "path${type.type === 'flat_object' ? '=' : '\\0'}value", so ${shown} in the key or the value makes the split ambiguous (a document with another key could match)`,
    );
  }
}

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
