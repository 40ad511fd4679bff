/**
 * `keyword` and `wildcard` fields: exact, case-sensitive match of the
 * indexed term.
 *
 * Rules, identical on every supported engine:
 * - Query side: the value as typed, through the field's normalizer
 *   (`KeywordFieldType.indexedValueForSearch`), so with `lowercase`
 *   `ACME` matches `Acme`. `ignore_above` is not applied to the query, so a
 *   value longer than it matches nothing (accepted).
 * - Index side, in the engine's order (`KeywordFieldMapper.parseCreateField`):
 *   an explicit `null` (or `null` array element) becomes `null_value` when
 *   set, else no value; a string longer than `ignore_above` (UTF-16 units,
 *   before normalization) is not indexed; then the normalizer; numbers,
 *   bigints and booleans are indexed as their JSON text (`textOrNull()`:
 *   a number token's literal, which a `JsonNumber` keeps: `5.0` → `"5.0"`,
 *   `1e3` → `"1e3"`; a plain JS number is taken as `JSON.stringify` sends
 *   it: `5` → `"5"`, `-0` → `"0"`, `1e21` → `"1e+21"`); objects never match.
 * - Bytes: Lucene indexes UTF-8 with unpaired surrogates replaced by U+FFFD,
 *   on both sides, so `"\uD800"` and `"\uFFFD"` are the same term.
 * - Normalizers: the filters read from the index settings
 *   (`normalizerFilters`, see `normalizer.ts`); a hand-written spec may
 *   name the built-in `lowercase` alone.
 * - A `wildcard` field without doc values checks the value OpenSearch reads
 *   back from `_source` instead (see `wildcard-source.ts`).
 *
 * Rejected:
 * - a normalizer known only by a name other than `lowercase`, and any
 *   normalizer on a `wildcard` field (OpenSearch only; its query path
 *   differs from keyword's);
 * - values the normalizer cannot treat alike on every engine (characters
 *   whose case mapping changed between the engines' Unicode versions;
 *   digits under `decimal_digit`: see `normalizer.ts`);
 * - values over 32766 UTF-8 bytes (Lucene's term limit: no document can
 *   hold such a term);
 * - `""` on a `wildcard` field: its n-gram index never finds the empty
 *   string, even in a document holding `""` (seen on OpenSearch 2.19 by
 *   `npm run test:engine`), while `keyword` does; rather than guess every
 *   engine's behaviour, the value is refused.
 *
 * Performance: a string leaf without normalizer costs one `===`; with
 * `lowercase` alone, an ASCII leaf is compared char by char without
 * allocating; other normalizers normalize each leaf.
 *
 * @packageDocumentation
 */
import type { KeywordFieldType, NormalizerFilter, WildcardFieldType } from '../mapping/field-types.js';
import { MAX_TERM_BYTES, hasLoneSurrogate, toIndexedForm, utf8Length } from './indexed-string.js';
import { equalsLowercased, javaLowerCase } from './java-lowercase.js';
import { normalize, normalizerValueProblem } from './normalizer.js';
import { prepareWildcardSourceTerm } from './wildcard-source.js';
import { scalarJsonText } from './json-text.js';
import { isJsonNumber } from '../documents/json-number.js';
import type { PreparedLeafTerm } from './prepared-term.js';
import { rejectTerm } from './rejection.js';

/**
 * Prepares a `term` on a `keyword` or `wildcard` field.
 *
 * @example
 * ```ts
 * const t = prepareKeywordTerm('org', { type: 'keyword', normalizer: 'lowercase' }, 'ACME');
 * t.matchLeaf('Acme'); // true
 * t.queryValue;        // 'ACME' (the engine lowercases it itself)
 * ```
 */
export function prepareKeywordTerm(field: string, type: KeywordFieldType | WildcardFieldType, value: string): PreparedLeafTerm {
  const filters = normalizerFiltersOf(field, type, value);
  if (filters.length > 0 && type.type === 'wildcard') {
    // Only OpenSearch accepts a normalizer on wildcard, and its n-gram term query normalizes the
    // pattern through another path (normalizeWildcardPattern): not verified, so not emulated.
    throw rejectTerm(field, type.type, value, 'a normalizer on a wildcard field is not emulated');
  }
  const problem = normalizerValueProblem(filters, value);
  if (problem !== undefined) throw rejectTerm(field, type.type, value, problem);
  if (value === '' && type.type === 'wildcard') {
    throw rejectTerm(field, type.type, value, 'a wildcard field does not find the empty string by term');
  }
  if (utf8Length(value) > MAX_TERM_BYTES) {
    throw rejectTerm(field, type.type, value, `it is longer than ${MAX_TERM_BYTES} UTF-8 bytes, the longest term an index can hold`);
  }
  if (type.type === 'wildcard' && type.docValues === false) return prepareWildcardSourceTerm(type, value);
  const lowercaseOnly = filters.length === 1 && filters[0] === 'lowercase';
  if (filters.length > 0 && !lowercaseOnly) return prepareNormalizedTerm(filters, type, value);
  const lowercase = lowercaseOnly;
  const target = toIndexedForm(lowercase ? javaLowerCase(value) : value);
  const ignoreAbove = type.ignoreAbove ?? Infinity;
  // Lowercasing preserves length, so an indexed string equal to the target has the target's length.
  if (target.length > ignoreAbove) return { kind: 'leaf', queryValue: value, matchLeaf: never };

  const nullMatches =
    type.nullValue !== undefined &&
    type.nullValue.length <= ignoreAbove &&
    toIndexedForm(lowercase ? javaLowerCase(type.nullValue) : type.nullValue) === target;
  // JSON texts of numbers, bigints and booleans have no surrogates, and no upper case except
  // a number written with `E` (`1E3`, kept by parseJsonDocument), which `lowercase` folds.
  const scalarMatches = (leaf: unknown): boolean => {
    const text = scalarJsonText(leaf);
    if (text === null) return nullMatches;
    return text === target || (lowercase && text !== undefined && isJsonNumber(leaf) && javaLowerCase(text) === target);
  };
  const targetHasReplacement = target.includes('\uFFFD');

  const matchLeaf = lowercase
    ? (leaf: unknown): boolean =>
        typeof leaf === 'string'
          ? leaf === value || (equalsLowercased(leaf, target) || (targetHasReplacement && loneSurrogateEquals(javaLowerCase(leaf), target)))
          : scalarMatches(leaf)
    : targetHasReplacement
      ? (leaf: unknown): boolean => (typeof leaf === 'string' ? leaf === target || loneSurrogateEquals(leaf, target) : scalarMatches(leaf))
      : (leaf: unknown): boolean => leaf === target || (typeof leaf !== 'string' && scalarMatches(leaf));
  // Without normalizer or U+FFFD, a string leaf matches exactly when it is the target
  // (its length then is the target's, within ignore_above).
  if (!lowercase && !targetHasReplacement) return { kind: 'leaf', queryValue: value, matchLeaf, exactString: target };
  return { kind: 'leaf', queryValue: value, matchLeaf };
}

/**
 * The normalizer filters of a keyword-like field: `normalizerFilters` when
 * the spec has them (read from the index settings), the built-in
 * `lowercase` for a hand-written spec naming it, none without a normalizer.
 */
function normalizerFiltersOf(field: string, type: KeywordFieldType | WildcardFieldType, value: string): readonly NormalizerFilter[] {
  if (type.normalizerFilters !== undefined) return type.normalizerFilters;
  if (type.normalizer === undefined) return [];
  if (type.normalizer === 'lowercase') return ['lowercase'];
  throw rejectTerm(
    field,
    type.type,
    value,
    `the normalizer "${type.normalizer}" is known only by its name; read the field types with the index settings (fieldTypesFromMapping) so that its filters are known`,
  );
}

/** A keyword term through a general normalizer chain: both sides normalized, then compared as indexed bytes. */
function prepareNormalizedTerm(filters: readonly NormalizerFilter[], type: KeywordFieldType | WildcardFieldType, value: string): PreparedLeafTerm {
  const target = toIndexedForm(normalize(filters, value));
  const ignoreAbove = type.ignoreAbove ?? Infinity;
  // ignore_above applies to the value before normalization, on the document side only.
  const indexes = (text: string): boolean => text.length <= ignoreAbove && toIndexedForm(normalize(filters, text)) === target;
  const nullMatches = type.nullValue !== undefined && indexes(type.nullValue);
  const matchLeaf = (leaf: unknown): boolean => {
    const text = scalarJsonText(leaf);
    if (text === null) return nullMatches;
    return text !== undefined && indexes(text);
  };
  return { kind: 'leaf', queryValue: value, matchLeaf };
}

function loneSurrogateEquals(leaf: string, target: string): boolean {
  return leaf.length === target.length && hasLoneSurrogate(leaf) && toIndexedForm(leaf) === target;
}

function never(): boolean {
  return false;
}
