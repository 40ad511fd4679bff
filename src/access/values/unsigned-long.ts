/**
 * `unsigned_long` fields (0 … 2^64−1).
 *
 * Query side: the engines disagree on everything but plain digits with an
 * optional `+`. Elasticsearch reads the value with `Long.parseUnsignedLong`
 * (which takes `+` and any Unicode digit), and returns no hit for anything
 * else `parseDouble` accepts (`"200.0"`, `"2e2"`); OpenSearch reads decimals
 * with `BigDecimal`, so `"200.0"` matches 200 there. Hence:
 * - ASCII digits, optionally after `+` (`"+5"`), at most 2^64−1: exact match;
 * - a fraction, `NaN` or infinity (`"1.5"`): no hit everywhere → accepted,
 *   matches nothing;
 * - anything else (`"200.0"`, `"-0"`, `"-1"`, `"٢٠٠"`, beyond 2^64−1,
 *   unparseable): rejected;
 * - `"9223372036854775807"` (2^63−1): rejected, because recent Elasticsearch
 *   indexes any JSON number ≥ 1e21 as that value (a saturating cast) while
 *   older versions refuse such documents.
 *
 * With the field type's `engine: 'opensearch'` the value is read as
 * OpenSearch reads it (`prepareOnOpenSearch`), so `"200.0"`, `"2e2"` and
 * 2^63−1 are exact there.
 *
 * Index side, with `coerce` (the default): a JSON integer in range; a whole
 * JSON number in range; a string read as a `BigDecimal` (`"200.0"`, `"2e2"`,
 * `"٢٠٠"`, `"+5"`); `""` counts as `null`. A value with a fraction is
 * truncated toward zero as OpenSearch does (`NumberFieldMapper`, unsigned
 * long: `BigDecimal.toBigInteger`): `200.9` and `"200.9"` are 200, `-0.5`
 * and `"-0.9"` are 0, `-1.5` is out of range and refused. Elasticsearch
 * refuses fractional documents instead, so they never reach its index and
 * matching them cannot disagree with it.
 *
 * With `coerce: false` only whole JSON numbers are indexed (`5.0` is 5,
 * `-0.0` is 0); every string, `"200"` and `""` included, and every
 * fractional number is refused (or dropped under `ignore_malformed`): such
 * documents match nothing (`AbstractXContentParser.bigIntegerValue` checks
 * the token before reading it).
 *
 * A `JsonNumber` (from `parseJsonDocument`) is read exactly from its text,
 * as OpenSearch reads the token (as a `BigDecimal`, seen on the node:
 * `9007199254740993.0` is 9007199254740993): an integer token as is
 * (`18446744073709551615`; `-0` is 0), any other truncated toward zero
 * with `coerce` (`-0.5` is 0, `1e400` is out of range) and refused
 * without it unless whole; never `null`.
 *
 * @packageDocumentation
 */
import { isJsonNumber, jsonNumberIsInteger, jsonNumberText, jsonNumberValue } from '../documents/json-number.js';
import type { JsonNumber } from '../documents/json-number.js';
import type { UnsignedLongFieldType } from '../mapping/field-types.js';
import { exactBigDecimalInteger, parseJavaBigDecimal, truncateBigDecimal } from './java-big-decimal.js';
import { parseJavaDouble } from './java-double.js';
import type { PreparedLeafTerm } from './prepared-term.js';
import { rejectTerm } from './rejection.js';

const MAX = 2n ** 64n - 1n;
const SATURATED = 2n ** 63n - 1n;

/**
 * Prepares a `term` on an `unsigned_long` field.
 *
 * @example
 * ```ts
 * const t = prepareUnsignedLongTerm('bytes', { type: 'unsigned_long' }, '18446744073709551615');
 * t.matchLeaf(18446744073709551615n); // true
 * prepareUnsignedLongTerm('bytes', { type: 'unsigned_long' }, '200.0'); // throws VALIDATION
 * ```
 */
export function prepareUnsignedLongTerm(field: string, type: UnsignedLongFieldType, value: string): PreparedLeafTerm {
  if (type.engine === 'opensearch') return prepareOnOpenSearch(field, type, value);
  if (/^\+?[0-9]+$/.test(value)) {
    const target = BigInt(value.startsWith('+') ? value.slice(1) : value);
    if (target > MAX) {
      throw rejectTerm(field, type.type, value, 'it is above 2^64-1 (Elasticsearch matches nothing, OpenSearch fails the search)');
    }
    if (target === SATURATED) {
      throw rejectTerm(
        field,
        type.type,
        value,
        '2^63-1 is where recent Elasticsearch versions put any huge JSON number, so documents match it differently across versions',
      );
    }
    return { kind: 'leaf', queryValue: value, matchLeaf: unsignedLeafMatcher(type, value, target) };
  }
  const parsed = parseJavaDouble(value);
  if (parsed !== undefined && !(parsed % 1 === 0)) return { kind: 'leaf', queryValue: value, matchLeaf: never };
  throw rejectTerm(
    field,
    type.type,
    value,
    parsed === undefined
      ? 'it is not a number every engine reads (OpenSearch fails the search; Elasticsearch also reads Unicode digits)'
      : 'only plain digits are read the same way by every engine (Elasticsearch and OpenSearch disagree on signs, decimals and exponents)',
  );
}

const MAX_AS_DOUBLE = Number(MAX);

/**
 * The term as OpenSearch reads it (`NumberType.UNSIGNED_LONG.termQuery`):
 * `hasDecimalPart` first (`Double.parseDouble`, whose failure fails the
 * search; a fraction, `NaN` or infinity matches nothing), then
 * `objectToUnsignedLong`: the double must lie in 0 … 2^64−1, the text must
 * be a `BigDecimal` strictly between −1 and 2^64, and its integer part
 * (truncated: `"5.0000000000000000001"` is 5) is the term.
 */
function prepareOnOpenSearch(field: string, type: UnsignedLongFieldType, value: string): PreparedLeafTerm {
  const parsed = parseJavaDouble(value);
  if (parsed === undefined) {
    throw rejectTerm(field, type.type, value, 'it is not a number Java reads (the engine fails the search)');
  }
  if (!(parsed % 1 === 0)) return { kind: 'leaf', queryValue: value, matchLeaf: never };
  const decimal = parsed < 0 || parsed > MAX_AS_DOUBLE ? undefined : parseJavaBigDecimal(value);
  const target = decimal === undefined ? undefined : truncateBigDecimal(decimal, 21);
  // BigDecimal ≤ −1 or ≥ 2^64 is out of range: exactly when its truncation is below 0 or above 2^64−1.
  if (typeof target !== 'bigint' || target < 0n || target > MAX) {
    throw rejectTerm(field, type.type, value, 'it is not a decimal between 0 and 2^64-1 (the engine fails the search)');
  }
  return { kind: 'leaf', queryValue: value, matchLeaf: unsignedLeafMatcher(type, value, target) };
}

/** The unsigned long a document string is indexed as, or undefined when the engine refuses it. */
function unsignedOfString(leaf: string, coerce: boolean): bigint | undefined {
  const decimal = parseJavaBigDecimal(leaf);
  if (decimal === undefined) return undefined;
  // BigDecimal.toBigInteger truncates toward zero: "-0.9" is 0.
  const integer = coerce ? truncateBigDecimal(decimal, 21) : exactBigDecimalInteger(decimal, 21);
  return typeof integer === 'bigint' && integer >= 0n && integer <= MAX ? integer : undefined;
}

function unsignedLeafMatcher(type: UnsignedLongFieldType, value: string, target: bigint): (leaf: unknown) => boolean {
  const targetNumber = BigInt(Number(target)) === target ? Number(target) : Number.NaN;
  const nullValue = type.nullValue;
  const coerce = type.coerce !== false;
  const nullMatches =
    nullValue !== undefined && (typeof nullValue === 'number' ? nullValue === targetNumber : unsignedOfString(nullValue, coerce) === target);
  const matchJsonNumber = (leaf: JsonNumber): boolean => {
    const text = jsonNumberText(leaf);
    if (jsonNumberIsInteger(leaf)) return text.length < 16 ? jsonNumberValue(leaf) === targetNumber : BigInt(text) === target;
    return unsignedOfString(text, coerce) === target;
  };
  return (leaf) => {
    // Whole numbers below 1e21 are sent as integer literals; -0 is sent as 0.
    if (typeof leaf === 'number') {
      if (!Number.isFinite(leaf)) return nullMatches;
      // Truncated toward zero under coerce: -0.5 is 0 (Math.trunc gives -0, which === 0).
      return leaf === targetNumber || (coerce && leaf > -1 && Math.trunc(leaf) === targetNumber);
    }
    if (typeof leaf === 'string') {
      // Without coerce the engine refuses every string token.
      if (!coerce) return false;
      if (leaf === value) return true;
      if (leaf === '') return nullMatches;
      return unsignedOfString(leaf, coerce) === target;
    }
    if (typeof leaf === 'bigint') return leaf === target;
    if (leaf === null) return nullMatches;
    return isJsonNumber(leaf) && matchJsonNumber(leaf);
  };
}

function never(): boolean {
  return false;
}
