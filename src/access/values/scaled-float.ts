/**
 * `scaled_float` fields: stored as the long `round(value × scaling_factor)`.
 *
 * Query side: the engine computes
 * `Math.round(new BigDecimal(Double.toString(Double.parseDouble(v))) × BigDecimal.valueOf(f))`
 * and matches that long: at `scaling_factor: 100`, `"1.234"` → 123, which
 * matches a document `1.23` (1.23 × 100 = 123.00000000000001 → 123).
 * - unparseable or not finite (`"abc"`, `"NaN"`, `"1e400"`): the engine
 *   fails → rejected;
 * - a scaled value on, or within a few ulps of, a rounding boundary
 *   (`"1.235"` at 100 → 123.5): rejected, because `Double.toString` changed
 *   in JDK 19 and older engines may see other digits and round the other way;
 * - a scaled value beyond ±2^53: rejected (Java saturates longs, JS cannot
 *   follow exactly).
 *
 * Index side: `Math.round(value × scaling_factor)` in double arithmetic
 * (Java and JS `Math.round` agree: ties toward +∞, `-2.5` → -2); numeric
 * strings are read with `Double.parseDouble` (with `coerce`, the default);
 * `""` counts as `null`; non-finite values are refused. A `JsonNumber`
 * (from `parseJsonDocument`) is the double of its text; a non-finite one
 * (`1e400`) is refused rather than taken for `null`.
 *
 * @packageDocumentation
 */
import { isJsonNumber, jsonNumberValue } from '../documents/json-number.js';
import type { ScaledFloatFieldType } from '../mapping/field-types.js';
import { parseJavaDouble } from './java-double.js';
import type { PreparedLeafTerm } from './prepared-term.js';
import { rejectTerm } from './rejection.js';

/**
 * Prepares a `term` on a `scaled_float` field.
 *
 * @example
 * ```ts
 * const t = prepareScaledFloatTerm('price', { type: 'scaled_float', scalingFactor: 100 }, '1.234');
 * t.matchLeaf(1.23); // true
 * t.matchLeaf(1.24); // false
 * ```
 */
export function prepareScaledFloatTerm(field: string, type: ScaledFloatFieldType, value: string): PreparedLeafTerm {
  const parsed = parseJavaDouble(value);
  if (parsed === undefined || !Number.isFinite(parsed)) {
    throw rejectTerm(field, type.type, value, 'it is not a finite number (the engine fails the search)');
  }
  const factor = type.scalingFactor;
  const product = Number(multiplyDecimals(String(parsed), String(factor)));
  if (!Number.isFinite(product) || Math.abs(product) >= 2 ** 53) {
    throw rejectTerm(field, type.type, value, 'its scaled value is beyond ±2^53');
  }
  const distanceToTie = Math.abs(product - Math.floor(product) - 0.5);
  const margin = 8 * (Math.abs(parsed) * Math.abs(factor) + Math.abs(product)) * 2 ** -52;
  if (distanceToTie <= margin) {
    throw rejectTerm(
      field,
      type.type,
      value,
      `its scaled value (${product}) is on a rounding boundary, where engines on different JDKs round differently`,
    );
  }
  const target = Math.round(product);
  return { kind: 'leaf', queryValue: value, matchLeaf: scaledLeafMatcher(type, value, target) };
}

/** The exact product of two decimal literals (JS number spellings), as a decimal literal. */
function multiplyDecimals(a: string, b: string): string {
  const [am, ae] = decimalParts(a);
  const [bm, be] = decimalParts(b);
  return `${am * bm}e${ae + be}`;
}

function decimalParts(literal: string): [bigint, number] {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(literal);
  if (match === null) throw new TypeError(`Not a decimal literal: ${literal}`);
  const fraction = match[3] ?? '';
  const mantissa = BigInt(`${match[1] ?? ''}${match[2] ?? '0'}${fraction}`);
  return [mantissa, Number(match[4] ?? '0') - fraction.length];
}

function scaledLeafMatcher(type: ScaledFloatFieldType, value: string, target: number): (leaf: unknown) => boolean {
  const coerce = type.coerce ?? true;
  const factor = type.scalingFactor;
  const nullMatches = type.nullValue !== undefined && Math.round(type.nullValue * factor) === target;
  return (leaf) => {
    if (typeof leaf === 'number') return Number.isFinite(leaf) ? Math.round(leaf * factor) === target : nullMatches;
    if (typeof leaf === 'string') {
      if (!coerce) return false;
      if (leaf === value) return true;
      if (leaf === '') return nullMatches;
      const parsed = parseJavaDouble(leaf);
      return parsed !== undefined && Number.isFinite(parsed) && Math.round(parsed * factor) === target;
    }
    if (typeof leaf === 'bigint') return Math.round(Number(leaf) * factor) === target;
    if (leaf === null) return nullMatches;
    if (!isJsonNumber(leaf)) return false;
    const n = jsonNumberValue(leaf);
    return Number.isFinite(n) && Math.round(n * factor) === target;
  };
}
