/**
 * `integer`, `short` and `byte` fields.
 *
 * Query side (every engine parses the value with Java `Double.parseDouble`,
 * so `" 200"`, `"+200"`, `"2e2"`, `"200.0"`, `"200f"` all mean 200):
 * - unparseable (`""`, `"abc"`, `"0x10"`, `"1_000"`, `"٢٠٠"`): the engine
 *   fails the search → rejected;
 * - a fraction, `NaN` or infinity (`"1.5"`): every engine returns no hit →
 *   accepted, matches nothing;
 * - a whole number outside the `int` range (`"3000000000"`): Elasticsearch
 *   ≥ 8.16 returns no hit, OpenSearch and older Elasticsearch fail → rejected;
 * - a whole number in the `int` range but outside `short`/`byte`
 *   (`"200"` on `byte`): no hit everywhere → accepted, matches nothing;
 * - otherwise it matches documents indexed with that value.
 *
 * Index side (`coerce`, default true): a JSON number is truncated toward
 * zero (`1.9` → 1, `-1.9` → -1) if it lies within the `int` range, then
 * range-checked for `short`/`byte`; a numeric string is parsed with
 * `Double.parseDouble` and truncated the same way (the engine even indexes
 * `"NaN"` as 0: Java's `(int) NaN`), with the range checked on the parsed
 * double for `short` (`"32767.5"` is refused though `32767.5` is not);
 * `""` counts as `null` (→ `null_value`). With `coerce: false`, strings and
 * numbers with a fraction are refused. Refused documents are not indexed, so
 * they match nothing. Booleans never match; bigints are exact integers.
 *
 * A `JsonNumber` (from `parseJsonDocument`) is read as Jackson's
 * `getIntValue` reads the token: its double, range-checked against `int`,
 * then truncated (with `coerce`); a non-finite one (`1e400`) is refused
 * rather than taken for `null`.
 *
 * @packageDocumentation
 */
import { isJsonNumber, jsonNumberValue } from '../documents/json-number.js';
import type { JsonNumber } from '../documents/json-number.js';
import type { IntegerFieldType } from '../mapping/field-types.js';
import { parseJavaDouble } from './java-double.js';
import type { PreparedLeafTerm } from './prepared-term.js';
import { rejectTerm } from './rejection.js';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const RANGES = {
  integer: [INT_MIN, INT_MAX],
  short: [-32768, 32767],
  byte: [-128, 127],
} as const;

type SmallIntegerType = IntegerFieldType & { readonly type: 'integer' | 'short' | 'byte' };

/**
 * Prepares a `term` on an `integer`, `short` or `byte` field (`long` has
 * its own rules: `long.ts`).
 *
 * @example
 * ```ts
 * const t = prepareIntegerTerm('status', { type: 'integer' }, '2e2');
 * t.matchLeaf(200);     // true
 * t.matchLeaf(200.9);   // true (coerced to 200 at index time)
 * t.matchLeaf('200.0'); // true
 * prepareIntegerTerm('status', { type: 'integer' }, '0x10'); // throws VALIDATION
 * ```
 */
export function prepareIntegerTerm(field: string, type: IntegerFieldType, value: string): PreparedLeafTerm {
  if (type.type === 'long') throw new TypeError('prepareIntegerTerm does not handle long');
  const smallType = type as SmallIntegerType;
  const parsed = parseJavaDouble(value);
  if (parsed === undefined) {
    throw rejectTerm(field, type.type, value, 'it is not a number (the engine fails the search)');
  }
  if (!(parsed % 1 === 0)) return { kind: 'leaf', queryValue: value, matchLeaf: never };
  if (parsed < INT_MIN || parsed > INT_MAX) {
    throw rejectTerm(
      field,
      type.type,
      value,
      'it is outside the integer range (Elasticsearch ≥ 8.16 matches nothing, OpenSearch and older Elasticsearch fail the search)',
    );
  }
  const [min, max] = RANGES[smallType.type];
  if (parsed < min || parsed > max) return { kind: 'leaf', queryValue: value, matchLeaf: never };
  return { kind: 'leaf', queryValue: value, matchLeaf: integerLeafMatcher(smallType, value, parsed + 0) };
}

function integerLeafMatcher(type: SmallIntegerType, value: string, target: number): (leaf: unknown) => boolean {
  const coerce = type.coerce ?? true;
  // Strings are range-checked on the parsed double: against short for `short`, against int otherwise.
  const [stringMin, stringMax] = type.type === 'short' ? RANGES.short : RANGES.integer;
  const nullMatches = type.nullValue !== undefined && Math.trunc(type.nullValue) === target;
  const targetBigInt = BigInt(target);
  const matchString = (leaf: string): boolean => {
    if (leaf === value) return true;
    if (leaf === '') return nullMatches;
    const parsed = parseJavaDouble(leaf);
    if (parsed === undefined || parsed < stringMin || parsed > stringMax) return false;
    // Java's (int) cast: NaN becomes 0, fractions are truncated toward zero.
    return (parsed !== parsed ? 0 : Math.trunc(parsed)) === target;
  };
  // null, and NaN/±Infinity which JSON.stringify sends as null, index null_value.
  // An integer token within int is exact as a double; beyond, or non-finite, the document is refused.
  const matchJsonNumber = (leaf: JsonNumber): boolean => {
    const n = jsonNumberValue(leaf);
    if (!(n >= INT_MIN && n <= INT_MAX)) return false;
    return coerce ? Math.trunc(n) === target : n === target;
  };
  const matchNullOrBigInt = (leaf: unknown): boolean => {
    if (typeof leaf === 'bigint') return leaf === targetBigInt;
    if (leaf === null || (typeof leaf === 'number' && !Number.isFinite(leaf))) return nullMatches;
    return isJsonNumber(leaf) && matchJsonNumber(leaf);
  };
  if (!coerce) {
    return (leaf) => leaf === target || (typeof leaf !== 'string' && matchNullOrBigInt(leaf));
  }
  return (leaf) => {
    if (typeof leaf === 'number' && leaf >= INT_MIN && leaf <= INT_MAX) return Math.trunc(leaf) === target;
    return typeof leaf === 'string' ? matchString(leaf) : matchNullOrBigInt(leaf);
  };
}

function never(): boolean {
  return false;
}
