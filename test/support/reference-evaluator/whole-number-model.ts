/**
 * Whole-number types (`byte`, `short`, `integer`, `long`, `unsigned_long`)
 * as OpenSearch 2.19 `NumberFieldMapper` indexes and queries them.
 *
 * Index side (`coerce` default true): strings are parsed, fractions
 * truncated, `""` counts as `null`, values the type cannot hold make the
 * document malformed (skipped with `ignore_malformed`, otherwise the
 * document is rejected).
 *
 * Query side (`term`): first `Double.parseDouble(v) % 1` (unparseable →
 * shard error; a fraction, NaN or ∞ → no match), then the type's parse with
 * range checks (out of range → shard error). `byte`/`short` query through
 * `integer`, so a value outside their range but inside int's matches
 * nothing.
 */
import type { IntegerFieldType, UnsignedLongFieldType } from '../../../src/access/mapping/field-types.js';
import { type FieldModel, type QueryScalar, type RangeBounds, type Rejection, type TermTest, NONE, lenient, queryText, shardError, testOf } from './field-model.js';
import { parseJavaBigDecimal, parseJavaDouble } from './java-number.js';
import { isRejection, malformed, queryDouble, substituteNull } from './number-common.js';
import type { SourceLeaf } from './source-walk.js';

type WholeType = 'byte' | 'short' | 'integer' | 'long' | 'unsigned_long';

const RANGES: Record<WholeType, readonly [bigint, bigint]> = {
  byte: [-128n, 127n],
  short: [-32768n, 32767n],
  integer: [-(2n ** 31n), 2n ** 31n - 1n],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
  unsigned_long: [0n, 2n ** 64n - 1n],
};

const inRange = (type: WholeType, v: bigint): boolean => v >= RANGES[type][0] && v <= RANGES[type][1];

/**
 * The whole number a `_source` leaf indexes as, following
 * `XContentParser.intValue/shortValue/longValue/bigIntegerValue(coerce)`.
 */
function indexWhole(type: WholeType, leaf: Exclude<SourceLeaf, null>, coerce: boolean): bigint | Rejection {
  switch (typeof leaf) {
    case 'boolean':
      return malformed(type, leaf);
    case 'bigint':
      return inRange(type, leaf) ? leaf : malformed(type, leaf);
    case 'number': {
      if (!coerce && !Number.isInteger(leaf)) return malformed(type, leaf);
      // An integral number below 1e21 prints as an integer literal: the parser reads it exactly.
      if (Number.isInteger(leaf) && Math.abs(leaf) < 1e21) {
        const exact = BigInt(leaf);
        return inRange(type, exact) ? exact : malformed(type, leaf);
      }
      // A float literal: Jackson range-checks the double against the cast type, then truncates.
      if (type === 'long') {
        if (leaf < -(2 ** 63) || leaf > 2 ** 63) return malformed(type, leaf);
        return leaf >= 2 ** 63 ? RANGES.long[1] : BigInt(Math.trunc(leaf));
      }
      if (type !== 'unsigned_long' && (leaf < -(2 ** 31) || leaf > 2 ** 31 - 1)) return malformed(type, leaf);
      const v = BigInt(Math.trunc(leaf));
      return inRange(type, v) ? v : malformed(type, leaf);
    }
    case 'string': {
      if (!coerce) return malformed(type, leaf);
      if (type === 'long' || type === 'unsigned_long') {
        // Numbers.toLong / toUnsignedLong: BigDecimal syntax (no blanks, no suffix), truncated.
        const d = parseJavaBigDecimal(leaf);
        if (d === undefined || !inRange(type, d.integer)) return malformed(type, leaf);
        return d.integer;
      }
      // int/short (and byte through intValue): Double.parseDouble, range-checked as a double, then (int) cast.
      const d = parseJavaDouble(leaf);
      if (d === undefined) return malformed(type, leaf);
      const castRange = type === 'short' ? RANGES.short : RANGES.integer;
      if (d < Number(castRange[0]) || d > Number(castRange[1])) return malformed(type, leaf);
      const v = Number.isNaN(d) ? 0n : BigInt(Math.trunc(d));
      return inRange(type, v) ? v : malformed(type, leaf);
    }
    default:
      return malformed(type, leaf);
  }
}

/**
 * `NumberType.parse(value, coerce=true)` for a whole-number query value that
 * has no decimal part (checked by the caller): INTEGER range-checks the double;
 * LONG/UNSIGNED_LONG also re-read the text as a `BigDecimal`.
 */
function parseWholeQuery(type: WholeType, value: QueryScalar, pointer: string): bigint {
  const d = queryDouble(value, type, pointer);
  const text = queryText(value);
  if (type === 'long' || type === 'unsigned_long') {
    const [min, max] = RANGES[type];
    if (d < Number(min) || d > Number(max)) shardError(pointer, `Value [${text}] is out of range for ${type}`);
    const big = parseJavaBigDecimal(text);
    if (big === undefined) shardError(pointer, `For input string: "${text}"`);
    if (big.integer > max || big.integer < min) shardError(pointer, `Value [${text}] is out of range for ${type}`);
    return big.integer;
  }
  // byte and short delegate to INTEGER
  if (d < Number(RANGES.integer[0]) || d > Number(RANGES.integer[1])) shardError(pointer, `Value [${text}] is out of range for an integer`);
  return Number.isNaN(d) ? 0n : BigInt(Math.trunc(d));
}

/** `hasDecimalPart`: `parseDouble(v) % 1 != 0` (true for NaN and ±∞). */
function hasDecimalPart(value: QueryScalar, type: string, pointer: string): boolean {
  return !(queryDouble(value, type, pointer) % 1 === 0);
}

function wholeTerm(type: WholeType, value: QueryScalar, pointer: string): TermTest {
  if (hasDecimalPart(value, type, pointer)) return NONE;
  const v = parseWholeQuery(type, value, pointer);
  return testOf((t) => t === v);
}

/** `longRangeQuery` / INTEGER `rangeQuery` / `unsignedLongRangeQuery` bound handling, decimals included. */
function wholeRange(type: WholeType, bounds: RangeBounds, pointer: string): TermTest {
  const queryType: WholeType = type === 'byte' || type === 'short' ? 'integer' : type;
  const [min, max] = RANGES[queryType];
  let l = min;
  let u = max;
  if (bounds.lower) {
    l = parseWholeQuery(queryType, bounds.lower.value, pointer);
    const dec = hasDecimalPart(bounds.lower.value, type, pointer);
    if ((!dec && !bounds.lower.inclusive) || (dec && Math.sign(queryDouble(bounds.lower.value, type, pointer)) > 0)) {
      if (l === max) return NONE;
      l += 1n;
    }
  }
  if (bounds.upper) {
    u = parseWholeQuery(queryType, bounds.upper.value, pointer);
    const dec = hasDecimalPart(bounds.upper.value, type, pointer);
    if ((!dec && !bounds.upper.inclusive) || (dec && Math.sign(queryDouble(bounds.upper.value, type, pointer)) < 0)) {
      // OpenSearch's unsigned_long checks the upper bound against MAX here (not MIN); kept as the engine has it.
      if (u === (queryType === 'unsigned_long' ? max : min)) return NONE;
      u -= 1n;
    }
  }
  const lo = l;
  const hi = u;
  return testOf((t) => typeof t === 'bigint' && t >= lo && t <= hi);
}

/** Whole-number types: `byte`, `short`, `integer`, `long`, `unsigned_long`. */
export function wholeNumberModel(spec: IntegerFieldType | UnsignedLongFieldType): FieldModel {
  const type: WholeType = spec.type;
  // unsigned_long honours coerce like the others (`AbstractXContentParser.bigIntegerValue(coerce)`): without it every string is refused.
  const coerce = spec.coerce ?? true;
  return {
    typeName: type,
    index: (leaf) => {
      const value = substituteNull(leaf, coerce, spec.nullValue);
      if (value === undefined) return [];
      const v = indexWhole(type, value, coerce);
      return isRejection(v) ? v : [v];
    },
    term: (value, pointer) => wholeTerm(type, value, pointer),
    range: (bounds, pointer) => wholeRange(type, bounds, pointer),
    prefix: (_value, pointer) => shardError(pointer, `Can only use prefix queries on keyword and text fields, not on [${type}]`),
    match: (value, options, pointer) => [lenient(options.lenient, () => wholeTerm(type, value, pointer))],
  };
}
