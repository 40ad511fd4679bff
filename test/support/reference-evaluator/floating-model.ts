/**
 * Floating-point types (`double`, `float`, `half_float`) and
 * `scaled_float`, as OpenSearch 2.19 indexes and queries them: values are
 * compared after rounding to the type (`half_float` rounds a float to
 * binary16), non-finite values are refused on both sides, and `-0` is its
 * own point (Lucene orders -0 before +0).
 */
import type { FloatFieldType, ScaledFloatFieldType } from '../../../src/access/mapping/field-types.js';
import { type FieldModel, type QueryScalar, type RangeBound, type RangeBounds, type TermTest, lenient, queryText, shardError, testOf } from './field-model.js';
import { decimalProduct, javaMathRound, parseJavaDouble, parseJavaFloat, roundToHalfFloat } from './java-number.js';
import { isRejection, leafDouble, malformed, queryDouble, substituteNull } from './number-common.js';

/** Total order of doubles as Lucene sorts them: -0 before +0. */
function compareDoubles(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (Object.is(a, b)) return 0;
  return Object.is(a, -0) ? -1 : 1;
}

type FloatType = 'double' | 'float' | 'half_float';

/** The value as the type stores it (`HalfFloatPoint` rounds a float to binary16). */
function storeAs(type: FloatType, d: number): number {
  switch (type) {
    case 'double':
      return d;
    case 'float':
      return d;
    case 'half_float':
      return roundToHalfFloat(d);
    default: {
      const never: never = type;
      return never;
    }
  }
}

/** `parse(value, false)` of a floating query value, with `validateParsed` (non-finite → shard error). */
function floatQuery(type: FloatType, value: QueryScalar, pointer: string): number {
  let parsed: number | undefined;
  if (typeof value === 'number') parsed = type === 'double' ? value : Math.fround(value);
  else parsed = type === 'double' ? parseJavaDouble(queryText(value)) : parseJavaFloat(queryText(value));
  if (parsed === undefined) shardError(pointer, `failed to parse [${queryText(value)}] for field of type [${type}]`);
  if (!Number.isFinite(storeAs(type, parsed))) shardError(pointer, `[${type}] supports only finite values, but got [${queryText(value)}]`);
  return parsed;
}

function floatRange(type: FloatType, bounds: RangeBounds, pointer: string): TermTest {
  const bound = (b: RangeBound | undefined): number | undefined => {
    if (b === undefined) return undefined;
    if (type === 'double') {
      // doubleRangeQuery uses objectToDouble without the finiteness check
      const d = queryDouble(b.value, type, pointer);
      if (Number.isNaN(d)) shardError(pointer, `NaN bound on [double] is not modelled as a match set`);
      return d;
    }
    return floatQuery(type, b.value, pointer);
  };
  const lo = bound(bounds.lower);
  const hi = bound(bounds.upper);
  return testOf((t) => {
    if (typeof t !== 'number') return false;
    if (lo !== undefined) {
      const c = compareDoubles(t, lo);
      if (c < 0 || (c === 0 && !bounds.lower!.inclusive)) return false;
    }
    if (hi !== undefined) {
      const c = compareDoubles(t, hi);
      if (c > 0 || (c === 0 && !bounds.upper!.inclusive)) return false;
    }
    return true;
  });
}

/** `double`, `float`, `half_float`. */
export function floatingModel(spec: FloatFieldType): FieldModel {
  const type: FloatType = spec.type;
  const coerce = spec.coerce ?? true;
  const term = (value: QueryScalar, pointer: string): TermTest => {
    const v = storeAs(type, floatQuery(type, value, pointer));
    return testOf((t) => typeof t === 'number' && Object.is(t, v));
  };
  return {
    typeName: type,
    index: (leaf) => {
      const value = substituteNull(leaf, coerce, spec.nullValue);
      if (value === undefined) return [];
      const d = leafDouble(type, value, coerce, type !== 'double');
      if (isRejection(d)) return d;
      const stored = storeAs(type, d);
      if (!Number.isFinite(stored)) return malformed(type, value);
      return [stored];
    },
    term,
    range: (bounds, pointer) => floatRange(type, bounds, pointer),
    prefix: (_value, pointer) => shardError(pointer, `Can only use prefix queries on keyword and text fields, not on [${type}]`),
    match: (value, options, pointer) => [lenient(options.lenient, () => term(value, pointer))],
  };
}

/**
 * `scaled_float`: index `Math.round(doc × factor)` in double arithmetic;
 * query `Math.round(BigDecimal(Double.toString(parseDouble(v))) × factor)`
 * (OpenSearch 2.12–3.2; 3.3 switched the query side to double arithmetic
 * too, PR #19188). A non-finite query value is a shard error.
 */
export function scaledFloatModel(spec: ScaledFloatFieldType): FieldModel {
  const factor = spec.scalingFactor;
  const coerce = spec.coerce ?? true;
  const scaled = (value: QueryScalar, pointer: string): bigint => {
    const product = decimalProduct(queryDouble(value, 'scaled_float', pointer), factor);
    if (product === undefined) shardError(pointer, `[scaled_float] cannot scale the non-finite value [${queryText(value)}]`);
    return javaMathRound(product);
  };
  const term = (value: QueryScalar, pointer: string): TermTest => {
    const v = scaled(value, pointer);
    return testOf((t) => t === v);
  };
  return {
    typeName: 'scaled_float',
    index: (leaf) => {
      const value = substituteNull(leaf, coerce, spec.nullValue);
      if (value === undefined) return [];
      const d = leafDouble('scaled_float', value, coerce, false);
      if (isRejection(d)) return d;
      if (!Number.isFinite(d)) return malformed('scaled_float', value);
      return [javaMathRound(d * factor)];
    },
    term,
    range: (bounds, pointer) => {
      // The scaled bounds are longs, so LONG.rangeQuery sees no decimal part.
      const lo = bounds.lower ? scaled(bounds.lower.value, pointer) + (bounds.lower.inclusive ? 0n : 1n) : undefined;
      const hi = bounds.upper ? scaled(bounds.upper.value, pointer) - (bounds.upper.inclusive ? 0n : 1n) : undefined;
      return testOf((t) => typeof t === 'bigint' && (lo === undefined || t >= lo) && (hi === undefined || t <= hi));
    },
    prefix: (_value, pointer) => shardError(pointer, 'Can only use prefix queries on keyword and text fields, not on [scaled_float]'),
    match: (value, options, pointer) => [lenient(options.lenient, () => term(value, pointer))],
  };
}
