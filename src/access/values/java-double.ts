/**
 * A faithful emulation of Java's `Double.parseDouble` and `Float.parseFloat`
 * (`FloatingDecimal.readJavaFormatString`), which Elasticsearch and
 * OpenSearch use to read numeric `term` values and numeric strings in
 * documents.
 *
 * Accepted syntax, after trimming every char `<= ' '` at both ends (Java
 * `String.trim`):
 * - an optional `+` or `-`;
 * - `NaN` or `Infinity` (exact case), or
 * - decimal: ASCII digits with at most one `.` and at least one digit,
 *   an optional exponent `e`/`E` with optional sign and at least one digit,
 *   an optional suffix `f`/`F`/`d`/`D` (`"1_000"`, `"0x10"`, `"٢٠٠"`, `""`,
 *   `"1e"` are rejected), or
 * - hexadecimal: `0x`/`0X`, hex digits with at most one `.`, then a
 *   mandatory binary exponent `p`/`P` (`"0x1p3"` is 8; `"0x10"` is rejected),
 *   and the optional suffix.
 *
 * Both round correctly (to nearest, ties to even) from the exact decimal or
 * hexadecimal value; `Float.parseFloat` rounds straight to binary32, which
 * differs from `Math.fround(Number(s))` when the double lies exactly halfway
 * between two floats, a case handled here with exact BigInt arithmetic.
 *
 * @packageDocumentation
 */

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?$/;
const HEX = /^([+-]?)0[xX](?:([0-9a-fA-F]+)\.?|([0-9a-fA-F]*)\.([0-9a-fA-F]+))[pP]([+-]?\d+)[fFdD]?$/;
const SPECIAL = /^[+-]?(?:NaN|Infinity)$/;

/**
 * Java `String.trim`: removes every char `<= U+0020` at both ends (not only
 * whitespace: control characters too).
 *
 * @example
 * ```ts
 * javaTrim('\u0000 42\t'); // '42'
 * ```
 */
export function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** A parsed Java floating literal: a special value, or an exact value `mantissa × base^exponent` with a sign. */
type JavaLiteral =
  | { readonly kind: 'special'; readonly value: number }
  | { readonly kind: 'decimal'; readonly negative: boolean; readonly text: string }
  | { readonly kind: 'hex'; readonly negative: boolean; readonly mantissa: bigint; readonly binaryExponent: number };

function readJavaLiteral(input: string): JavaLiteral | undefined {
  const s = javaTrim(input);
  if (s.length === 0) return undefined;
  const last = s.charCodeAt(s.length - 1);
  // 'N' of NaN or 'y' of Infinity: no suffix allowed after them.
  if (last === 0x4e || last === 0x79) {
    if (!SPECIAL.test(s)) return undefined;
    const negative = s.charCodeAt(0) === 0x2d;
    return { kind: 'special', value: s.endsWith('NaN') ? Number.NaN : negative ? -Infinity : Infinity };
  }
  if (DECIMAL.test(s)) {
    const body = /[fFdD]$/.test(s) ? s.slice(0, -1) : s;
    return { kind: 'decimal', negative: body.charCodeAt(0) === 0x2d, text: body };
  }
  const hex = HEX.exec(s);
  if (hex === null) return undefined;
  const whole = hex[2] ?? hex[3] ?? '';
  const fraction = hex[2] === undefined ? (hex[4] ?? '') : '';
  const digits = `${whole}${fraction}`;
  const exponent = Number(hex[5]);
  return {
    kind: 'hex',
    negative: hex[1] === '-',
    mantissa: BigInt(`0x${digits.length === 0 ? '0' : digits}`),
    // Exponents beyond any double are clamped: the value is 0 or infinite either way.
    binaryExponent: Math.max(-100_000, Math.min(100_000, exponent)) - 4 * fraction.length,
  };
}

/**
 * Java `Double.parseDouble(s)`, or `undefined` where Java throws
 * `NumberFormatException`.
 *
 * @example
 * ```ts
 * parseJavaDouble(' 200 ');  // 200
 * parseJavaDouble('2e2');    // 200
 * parseJavaDouble('200f');   // 200
 * parseJavaDouble('0x1p3');  // 8
 * parseJavaDouble('0x10');   // undefined (hex needs a `p` exponent)
 * parseJavaDouble('1_000');  // undefined
 * parseJavaDouble('-0');     // -0
 * ```
 */
export function parseJavaDouble(s: string): number | undefined {
  const literal = readJavaLiteral(s);
  if (literal === undefined) return undefined;
  switch (literal.kind) {
    case 'special':
      return literal.value;
    case 'decimal':
      // JS `Number` rounds a decimal literal correctly, as Java does.
      return Number(literal.text);
    case 'hex': {
      const magnitude = scaleByPowerOfTwo(literal.mantissa, literal.binaryExponent, 53, 1074);
      return literal.negative ? -magnitude : magnitude;
    }
    default:
      return unreachable(literal);
  }
}

/**
 * Java `Float.parseFloat(s)` (same syntax as `parseJavaDouble`,
 * rounded once, straight to binary32), as a JS number; `undefined` where
 * Java throws.
 *
 * @example
 * ```ts
 * parseJavaFloat('0.1') === Math.fround(0.1);            // true
 * parseJavaFloat('1.0000000596046448');                  // 1.0000001192092896 (Math.fround(Number(...)) gives 1)
 * parseJavaFloat('3.5e38');                              // Infinity
 * ```
 */
export function parseJavaFloat(s: string): number | undefined {
  const literal = readJavaLiteral(s);
  if (literal === undefined) return undefined;
  switch (literal.kind) {
    case 'special':
      return literal.value;
    case 'decimal': {
      const asDouble = Number(literal.text);
      const rounded = Math.fround(asDouble);
      if (rounded === asDouble || !isFloatMidpoint(asDouble)) return rounded;
      return roundMidpointToFloat(asDouble, compareDecimalToDouble(literal.text, asDouble));
    }
    case 'hex': {
      const magnitude = scaleByPowerOfTwo(literal.mantissa, literal.binaryExponent, 24, 149);
      return literal.negative ? -magnitude : magnitude;
    }
    default:
      return unreachable(literal);
  }
}

/**
 * The float nearest to a JS number's shortest decimal spelling (`String(n)`),
 * as Jackson ≥ 2.14 (`Float.parseFloat` on the JSON text) computes it for a
 * number sent by `JSON.stringify`. Equals `Math.fround(n)` except when `n`
 * lies exactly halfway between two floats.
 *
 * @example
 * ```ts
 * floatOfJsonNumber(0.1) === Math.fround(0.1); // true
 * ```
 */
export function floatOfJsonNumber(n: number): number {
  const rounded = Math.fround(n);
  if (rounded === n || !isFloatMidpoint(n)) return rounded;
  return roundMidpointToFloat(n, compareDecimalToDouble(String(n), n));
}

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);
const MAX_FLOAT = 3.4028234663852886e38;
const FLOAT_OVERFLOW_MIDPOINT = MAX_FLOAT + 2 ** 103;

/** The float next to `f` (itself a float) in the direction of `towards`. */
function floatNeighbour(f: number, towards: number): number {
  if (f === Infinity) return MAX_FLOAT;
  if (f === -Infinity) return -MAX_FLOAT;
  if (f === 0) return towards > 0 ? 2 ** -149 : -(2 ** -149);
  f32[0] = f;
  // Sign-magnitude bits: moving away from zero adds one, towards zero subtracts one.
  i32[0] = (i32[0] ?? 0) + ((towards > f) === (f > 0) ? 1 : -1);
  return f32[0] ?? Number.NaN;
}

/**
 * The two doubles halfway between the float `f` (finite, non-zero) and its
 * neighbours: every double strictly between them rounds to `f`; the bounds
 * themselves are ties.
 *
 * @example
 * ```ts
 * const [below, above] = floatMidpointsAround(1); // [1 - 2 ** -25, 1 + 2 ** -24]
 * ```
 */
export function floatMidpointsAround(f: number): readonly [number, number] {
  const down = floatNeighbour(f, -Infinity);
  const up = floatNeighbour(f, Infinity);
  const below = down === -Infinity ? -FLOAT_OVERFLOW_MIDPOINT : f / 2 + down / 2;
  const above = up === Infinity ? FLOAT_OVERFLOW_MIDPOINT : f / 2 + up / 2;
  return [below, above];
}

/**
 * Whether the double `d` lies exactly halfway between two adjacent floats
 * (where `Math.fround` and a direct decimal-to-float parse may disagree).
 *
 * @example
 * ```ts
 * isFloatMidpoint(1 + 2 ** -24); // true
 * isFloatMidpoint(0.1);          // false
 * ```
 */
export function isFloatMidpoint(d: number): boolean {
  if (!Number.isFinite(d)) return false;
  const rounded = Math.fround(d);
  if (rounded === d) return false;
  if (Math.abs(d) === FLOAT_OVERFLOW_MIDPOINT) return true;
  const other = floatNeighbour(rounded, d);
  return rounded / 2 + other / 2 === d;
}

/** Rounds a float midpoint `d` given the sign of (exact value − d): away from d's even neighbour when they differ. */
function roundMidpointToFloat(d: number, exactVersusD: number): number {
  const even = Math.fround(d);
  if (exactVersusD === 0) return even;
  const other = floatNeighbour(even, d);
  const above = even > other ? even : other;
  const below = even > other ? other : even;
  return exactVersusD > 0 ? above : below;
}

/** Sign of (decimal literal − d), computed exactly; `d` finite and non-zero. */
function compareDecimalToDouble(text: string, d: number): number {
  const match = /^([+-]?)(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?$/.exec(text);
  if (match === null) return 0;
  const digits = `${match[2] ?? ''}${match[3] ?? ''}`.replace(/^0+/, '') || '0';
  const decimalExponent = Number(match[4] ?? '0') - (match[3] ?? '').length;
  const negative = match[1] === '-';
  const [mantissa, binaryExponent] = decomposeDouble(Math.abs(d));
  let left = BigInt(digits);
  let right = mantissa;
  if (decimalExponent >= 0) left *= 10n ** BigInt(decimalExponent);
  else right *= 10n ** BigInt(-decimalExponent);
  if (binaryExponent >= 0) right <<= BigInt(binaryExponent);
  else left <<= BigInt(-binaryExponent);
  const magnitudeOrder = left === right ? 0 : left > right ? 1 : -1;
  return negative ? -magnitudeOrder : magnitudeOrder;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** `d = mantissa × 2^exponent` with an integer mantissa; `d` finite and non-negative. */
function decomposeDouble(d: number): [bigint, number] {
  f64[0] = d;
  const hi = u32[1] ?? 0;
  const lo = u32[0] ?? 0;
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return biased === 0 ? [fraction, -1074] : [fraction | (1n << 52n), biased - 1075];
}

/**
 * `mantissa × 2^exponent` rounded (ties to even) to a binary format with
 * `precision` significand bits whose smallest subnormal is `2^-minExponent`,
 * as a JS number (infinite on overflow).
 */
function scaleByPowerOfTwo(mantissa: bigint, exponent: number, precision: number, minExponent: number): number {
  if (mantissa === 0n) return 0;
  const bits = mantissa.toString(2).length;
  const top = bits - 1 + exponent;
  const maxExponent = precision === 53 ? 1023 : 127;
  if (top > maxExponent + 1) return Infinity;
  // Subnormals have fewer significant bits: the last one is worth 2^-minExponent.
  const kept = Math.min(precision, top + minExponent + 1);
  const shift = bits - kept;
  let q: bigint;
  if (shift <= 0) {
    q = mantissa << BigInt(-shift);
  } else {
    q = mantissa >> BigInt(shift);
    const rest = mantissa - (q << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
  }
  const scale = exponent + shift;
  // Two exact steps keep intermediate powers of two inside the double range.
  const value = Number(q) * 2 ** Math.trunc(scale / 2) * 2 ** (scale - Math.trunc(scale / 2));
  return precision === 53 ? value : Math.fround(value);
}

function unreachable(value: never): never {
  throw new TypeError(`Unexpected literal: ${JSON.stringify(value)}`);
}
