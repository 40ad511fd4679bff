/**
 * `double`, `float` and `half_float` fields: exact point equality after
 * rounding both sides to the field's precision. `-0` and `0` are different
 * points (Lucene compares sortable bits).
 *
 * Query side: `double` reads the value with Java `Double.parseDouble`;
 * `float` with `Float.parseFloat` (rounded once, straight to binary32);
 * `half_float` with `Float.parseFloat`, then rounded to binary16 (ties to
 * even). So on a `float` field `"0.1000000001"` matches a document `0.1`,
 * on a `double` field it does not; on a `half_float` field `"200.125"`
 * matches `200.1`.
 * - unparseable (`""`, `"abc"`, `"0x10"`): the engine fails → rejected;
 * - not finite after parsing and rounding (`"NaN"`, `"1e400"`, `"70000"` on
 *   `half_float`): Elasticsearch ≥ 8.16 returns no hit, OpenSearch and older
 *   Elasticsearch fail → rejected.
 *
 * Index side: a JSON number is sent as `JSON.stringify` writes it, so `-0`
 * arrives as `0`, and is read by Jackson: as a double, or for `float` and
 * `half_float` straight from its decimal text to binary32 (Jackson ≥ 2.14:
 * differs from `Math.fround` only for doubles exactly halfway between two
 * floats), then for `half_float` to binary16. A numeric string (with
 * `coerce`, the default) is read with `parseDouble`/`parseFloat` and keeps
 * its sign (`"-0"` is `-0`); `""` counts as `null`. Non-finite values are
 * refused by the engine: no match.
 *
 * A `JsonNumber` (from `parseJsonDocument`) is read from its text as
 * Jackson does: a floating token with `parseDouble`/`parseFloat` (so
 * `-0.0` keeps its sign), an integer token as the exact integer rounded to
 * the type (so `-0` is `0`); a non-finite result (`1e400`, `1e39` on
 * `float`) is refused rather than taken for `null`.
 *
 * @packageDocumentation
 */
import { isJsonNumber, jsonNumberIsInteger, jsonNumberText } from '../documents/json-number.js';
import type { FloatFieldType } from '../mapping/field-types.js';
import { roundToHalfFloat } from './half-float.js';
import { floatMidpointsAround, floatOfJsonNumber, parseJavaDouble, parseJavaFloat } from './java-double.js';
import type { PreparedLeafTerm } from './prepared-term.js';
import { rejectTerm } from './rejection.js';

/**
 * Prepares a `term` on a `double`, `float` or `half_float` field.
 *
 * @example
 * ```ts
 * prepareFloatingTerm('ratio', { type: 'float' }, '0.1000000001').matchLeaf(0.1);  // true
 * prepareFloatingTerm('ratio', { type: 'double' }, '0.1000000001').matchLeaf(0.1); // false
 * prepareFloatingTerm('ratio', { type: 'double' }, '-0').matchLeaf(0);             // false
 * ```
 */
export function prepareFloatingTerm(field: string, type: FloatFieldType, value: string): PreparedLeafTerm {
  const parsed = type.type === 'double' ? parseJavaDouble(value) : parseJavaFloat(value);
  if (parsed === undefined) {
    throw rejectTerm(field, type.type, value, 'it is not a number (the engine fails the search)');
  }
  const target = type.type === 'half_float' ? roundToHalfFloat(parsed) : parsed;
  if (!Number.isFinite(target)) {
    throw rejectTerm(
      field,
      type.type,
      value,
      `it is not a finite ${type.type} (Elasticsearch ≥ 8.16 matches nothing, OpenSearch and older Elasticsearch fail the search)`,
    );
  }
  return { kind: 'leaf', queryValue: value, matchLeaf: floatingLeafMatcher(type, value, target) };
}

function floatingLeafMatcher(type: FloatFieldType, value: string, target: number): (leaf: unknown) => boolean {
  const coerce = type.coerce ?? true;
  const ofNumber = indexedNumber(type.type);
  const ofString = type.type === 'double' ? parseJavaDouble : type.type === 'float' ? parseJavaFloat : parseJavaHalfFloat;
  const nullMatches = type.nullValue !== undefined && Object.is(ofNumber(type.nullValue), target);
  const matchOther = (leaf: unknown): boolean => {
    if (typeof leaf === 'string') {
      if (!coerce) return false;
      if (leaf === value) return true;
      if (leaf === '') return nullMatches;
      const parsed = ofString(leaf);
      return parsed !== undefined && Object.is(parsed, target);
    }
    if (typeof leaf === 'bigint') return Object.is(ofNumber(Number(leaf)), target);
    if (isJsonNumber(leaf)) {
      // Rounding the exact integer or decimal once is what parseDouble/parseFloat of the text does;
      // an integer token has no negative zero.
      const parsed = ofString(jsonNumberText(leaf));
      if (parsed === undefined || !Number.isFinite(parsed)) return false;
      return Object.is(jsonNumberIsInteger(leaf) ? parsed + 0 : parsed, target);
    }
    return (leaf === null || (typeof leaf === 'number' && !Number.isFinite(leaf))) && nullMatches;
  };
  const matchNumberAsNull = (leaf: number): boolean => !Number.isFinite(leaf) && nullMatches;
  if (type.type === 'double') {
    // JSON.stringify sends -0 as 0, so no number leaf is indexed as -0.
    if (Object.is(target, -0)) return (leaf) => (typeof leaf === 'number' ? matchNumberAsNull(leaf) : matchOther(leaf));
    return (leaf) => leaf === target || (typeof leaf === 'number' ? matchNumberAsNull(leaf) : matchOther(leaf));
  }
  if (type.type === 'float' && target !== 0) {
    // Doubles strictly between the midpoints round to the target; only the midpoints need the exact decimal path.
    const [below, above] = floatMidpointsAround(target);
    return (leaf) => {
      if (typeof leaf !== 'number') return matchOther(leaf);
      if (leaf > below && leaf < above) return true;
      return leaf === below || leaf === above ? floatOfJsonNumber(leaf) === target : matchNumberAsNull(leaf);
    };
  }
  return (leaf) => (typeof leaf === 'number' && Number.isFinite(leaf) ? Object.is(ofNumber(leaf), target) : matchOther(leaf));
}

/** What a finite JSON number leaf is indexed as, per type (`-0` arrives as `0`; a tiny negative number keeps its sign). */
function indexedNumber(type: FloatFieldType['type']): (n: number) => number {
  switch (type) {
    case 'double':
      return (n) => n + 0;
    case 'float':
      return (n) => (n === 0 ? 0 : floatOfJsonNumber(n));
    case 'half_float':
      return (n) => (n === 0 ? 0 : roundToHalfFloat(floatOfJsonNumber(n)));
    default:
      return unreachable(type);
  }
}

function parseJavaHalfFloat(s: string): number | undefined {
  const parsed = parseJavaFloat(s);
  return parsed === undefined ? undefined : roundToHalfFloat(parsed);
}

function unreachable(value: never): never {
  throw new TypeError(`Unexpected floating type: ${JSON.stringify(value)}`);
}
