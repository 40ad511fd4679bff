/**
 * `long` fields, exact over the whole 64-bit range (BigInt beyond 2^53).
 *
 * Query side: the engines first check the value with `Double.parseDouble`
 * (a fraction, `NaN` or infinity → no hit), then read it with
 * `new BigDecimal(value)` and truncate:
 * - unparseable by either (`""`, `"abc"`, `" 200"`, `"200f"`, `"0x1p3"`):
 *   the engine fails the search → rejected;
 * - a fraction the double cannot see (`"200.000000000000000001"`): matches
 *   200, as on the engine;
 * - outside the `long` range (`"9223372036854775808"`): Elasticsearch ≥ 8.16
 *   returns no hit, OpenSearch and older Elasticsearch fail → rejected;
 * - a visible fraction (`"1.5"`): no hit everywhere → accepted, matches nothing.
 *
 * Index side (`coerce`, default true): a JSON number is truncated toward
 * zero and must lie in [-2^63, 2^63); a numeric string is read with
 * `Long.parseLong` (which takes `+` and any Unicode decimal digit: `"٢٠٠"`
 * is 200), else with `new BigDecimal` truncated (`"2e2"`, `"200.9"`; not
 * `" 200"`); `""` counts as `null`. With `coerce: false`, strings and
 * fractions are refused. Bigint leaves are exact.
 *
 * A `JsonNumber` (from `parseJsonDocument`) is read as Jackson reads the
 * token: an integer token exactly (`9007199254740993`; outside the long
 * range the document is refused), any other token as the double of its text,
 * then as a JS number above, except that a non-finite one (`1e400`) is
 * refused rather than taken for `null`.
 *
 * @packageDocumentation
 */
import { isJsonNumber, jsonNumberIsInteger, jsonNumberText, jsonNumberValue } from '../documents/json-number.js';
import type { JsonNumber } from '../documents/json-number.js';
import type { IntegerFieldType } from '../mapping/field-types.js';
import { parseJavaBigDecimal, parseJavaLong, truncateBigDecimal } from './java-big-decimal.js';
import { parseJavaDouble } from './java-double.js';
import type { PreparedLeafTerm } from './prepared-term.js';
import { rejectTerm } from './rejection.js';

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const TWO_63 = 2 ** 63;

/**
 * Prepares a `term` on a `long` field.
 *
 * @example
 * ```ts
 * const t = prepareLongTerm('id', { type: 'long' }, '9007199254740993');
 * t.matchLeaf(9007199254740993n);  // true
 * t.matchLeaf('9007199254740993'); // true
 * t.matchLeaf(9007199254740992);   // false
 * ```
 */
export function prepareLongTerm(field: string, type: IntegerFieldType, value: string): PreparedLeafTerm {
  const parsed = parseJavaDouble(value);
  if (parsed === undefined) {
    throw rejectTerm(field, type.type, value, 'it is not a number (the engine fails the search)');
  }
  if (!(parsed % 1 === 0)) return { kind: 'leaf', queryValue: value, matchLeaf: never };
  const decimal = parseJavaBigDecimal(value);
  if (decimal === undefined) {
    throw rejectTerm(
      field,
      type.type,
      value,
      'it is not a plain decimal number (a long term is read with BigDecimal: no spaces, suffixes or hex; the engine fails the search)',
    );
  }
  const target = truncateBigDecimal(decimal, 40);
  if (target === 'overflow' || target > LONG_MAX || target < LONG_MIN || isBeyondLongBounds(decimal.unscaled, decimal.scale)) {
    throw rejectTerm(
      field,
      type.type,
      value,
      'it is outside the long range (Elasticsearch ≥ 8.16 matches nothing, OpenSearch and older Elasticsearch fail the search)',
    );
  }
  return { kind: 'leaf', queryValue: value, matchLeaf: longLeafMatcher(type, value, target) };
}

/** The engines' weak bounds: a BigDecimal ≥ MAX+1 or ≤ MIN-1 is out of range (fractions between are truncated in). */
function isBeyondLongBounds(unscaled: bigint, scale: number): boolean {
  if (scale <= 0) return false; // whole numbers: the truncated range check above is exact
  const unit = 10n ** BigInt(scale);
  return unscaled >= (LONG_MAX + 1n) * unit || unscaled <= (LONG_MIN - 1n) * unit;
}

/**
 * The long a numeric document string is indexed as (with `coerce`, the
 * default): `Long.parseLong`, else `new BigDecimal` truncated toward zero;
 * `undefined` when the engine refuses the string.
 *
 * @example
 * ```ts
 * coerceLongString('٢٠٠');   // 200n
 * coerceLongString('200.9'); // 200n
 * coerceLongString(' 200');  // undefined
 * ```
 */
export function coerceLongString(leaf: string): bigint | undefined {
  const exact = parseJavaLong(leaf);
  if (exact !== undefined) return exact;
  const decimal = parseJavaBigDecimal(leaf);
  if (decimal === undefined || isBeyondLongBounds(decimal.unscaled, decimal.scale)) return undefined;
  const truncated = truncateBigDecimal(decimal, 40);
  return truncated === 'overflow' || truncated > LONG_MAX || truncated < LONG_MIN ? undefined : truncated;
}

function longLeafMatcher(type: IntegerFieldType, value: string, target: bigint): (leaf: unknown) => boolean {
  const coerce = type.coerce ?? true;
  // The double equal to the target, if one is (always below 2^53; sometimes beyond).
  const targetNumber = BigInt(Number(target)) === target ? Number(target) : Number.NaN;
  const nullMatches = type.nullValue !== undefined && Number.isFinite(type.nullValue) && BigInt(Math.trunc(type.nullValue)) === target;
  // Jackson's getLongValue: an integer token exactly; a floating token as a double, range-checked, then cast.
  const matchJsonNumber = (leaf: JsonNumber): boolean => {
    const n = jsonNumberValue(leaf);
    if (jsonNumberIsInteger(leaf)) {
      const text = jsonNumberText(leaf);
      return text.length < 16 ? n === targetNumber : BigInt(text) === target;
    }
    if (!(n >= -TWO_63 && n < TWO_63)) return false;
    return coerce ? Math.trunc(n) === targetNumber : n === targetNumber;
  };
  const matchNullOrBigInt = (leaf: unknown): boolean => {
    if (typeof leaf === 'bigint') return leaf === target;
    if (leaf === null || (typeof leaf === 'number' && !Number.isFinite(leaf))) return nullMatches;
    return isJsonNumber(leaf) && matchJsonNumber(leaf);
  };
  if (!coerce) {
    return (leaf) => leaf === targetNumber || (typeof leaf !== 'string' && matchNullOrBigInt(leaf));
  }
  return (leaf) => {
    if (typeof leaf === 'number' && leaf >= -TWO_63 && leaf < TWO_63) return Math.trunc(leaf) === targetNumber;
    if (typeof leaf === 'string') {
      if (leaf === value) return true;
      if (leaf === '') return nullMatches;
      return coerceLongString(leaf) === target;
    }
    return matchNullOrBigInt(leaf);
  };
}

function never(): boolean {
  return false;
}
