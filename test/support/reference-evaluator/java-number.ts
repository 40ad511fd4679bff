/**
 * The JDK number parsers the engine calls, re-implemented exactly:
 * `Double.parseDouble`, `Float.parseFloat`, `new BigDecimal(String)`,
 * `Math.round(double)`, and IEEE round-to-nearest-even into float and
 * half-float. Values are computed from exact rationals (bigint), never by
 * chaining JS float operations, so there is no double rounding unless the
 * engine does it too.
 */

/** An exact non-negative rational `num / den` with a sign. */
interface Rational {
  readonly negative: boolean;
  readonly num: bigint;
  readonly den: bigint;
}

/** Java `String.trim()`: strips every char <= U+0020 at both ends (not the same set as JS `trim`). */
export function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return s.slice(start, end);
}

const DECIMAL_FLOAT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?[fFdD]?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)[fFdD]?$/;
const SPECIAL = /^([+-]?)(NaN|Infinity)$/;

/**
 * The exact value of a Java floating-point literal as `Double.parseDouble` /
 * `Float.parseFloat` accept it (after `trim`), or `undefined` when they throw
 * `NumberFormatException`. Infinity and NaN come back as JS numbers.
 */
function readJavaFloatingLiteral(input: string): Rational | number | undefined {
  const s = javaTrim(input);
  const special = SPECIAL.exec(s);
  if (special) {
    if (special[2] === 'NaN') return Number.NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  const hex = HEX_FLOAT.exec(s);
  if (hex) {
    const intDigits = hex[2] ?? '';
    const fracDigits = hex[3] ?? '';
    if (intDigits === '' && fracDigits === '') return undefined;
    const mantissa = BigInt(`0x${intDigits}${fracDigits}` === '0x' ? '0' : `0x${intDigits}${fracDigits}`);
    const exp2 = Number(hex[4]) - 4 * fracDigits.length;
    return scaleByPowerOfTwo(hex[1] === '-', mantissa, exp2);
  }
  const dec = DECIMAL_FLOAT.exec(s);
  if (!dec) return undefined;
  const intDigits = dec[2] ?? '';
  const fracDigits = dec[3] ?? '';
  if (intDigits === '' && fracDigits === '') return undefined;
  return decimalRational(dec[1] === '-', intDigits + fracDigits, (dec[4] === undefined ? 0 : Number(dec[4])) - fracDigits.length);
}

function scaleByPowerOfTwo(negative: boolean, mantissa: bigint, exp2: number): Rational | number {
  if (mantissa === 0n) return negative ? -0 : 0;
  if (exp2 > 2000) return negative ? -Infinity : Infinity;
  if (exp2 < -2200) return negative ? -0 : 0;
  return exp2 >= 0
    ? { negative, num: mantissa << BigInt(exp2), den: 1n }
    : { negative, num: mantissa, den: 1n << BigInt(-exp2) };
}

/** digits × 10^exp10, short-circuiting magnitudes far outside every binary format. */
function decimalRational(negative: boolean, digits: string, exp10: number): Rational | number {
  const trimmed = digits.replace(/^0+/, '');
  if (trimmed === '') return negative ? -0 : 0;
  const magnitude = trimmed.length + exp10; // value < 10^magnitude
  if (magnitude > 330) return negative ? -Infinity : Infinity;
  if (magnitude < -340) return negative ? -0 : 0;
  const mantissa = BigInt(trimmed);
  return exp10 >= 0
    ? { negative, num: mantissa * 10n ** BigInt(exp10), den: 1n }
    : { negative, num: mantissa, den: 10n ** BigInt(-exp10) };
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** A binary format: `precision` significand bits (with the hidden one), smallest and largest normal exponent. */
interface BinaryFormat {
  readonly precision: number;
  readonly minExponent: number;
  readonly maxExponent: number;
}

const DOUBLE: BinaryFormat = { precision: 53, minExponent: -1022, maxExponent: 1023 };
const FLOAT: BinaryFormat = { precision: 24, minExponent: -126, maxExponent: 127 };
const HALF: BinaryFormat = { precision: 11, minExponent: -14, maxExponent: 15 };

/** IEEE 754 round-to-nearest, ties-to-even, of an exact rational into `format` (subnormals and overflow included). */
function roundRational(r: Rational, format: BinaryFormat): number {
  const { num, den } = r;
  const sign = r.negative ? -1 : 1;
  if (num === 0n) return sign * 0;
  // e = floor(log2(num/den))
  let e = bitLength(num) - bitLength(den);
  const ge = (exp: number): boolean => (exp >= 0 ? num >= den << BigInt(exp) : num << BigInt(-exp) >= den);
  if (!ge(e)) e -= 1;
  if (e > format.maxExponent) return sign * Infinity;
  const quantumExp = Math.max(e, format.minExponent) - (format.precision - 1);
  // m = num / den / 2^quantumExp, split into quotient and remainder
  const scaledNum = quantumExp >= 0 ? num : num << BigInt(-quantumExp);
  const scaledDen = quantumExp >= 0 ? den << BigInt(quantumExp) : den;
  let m = scaledNum / scaledDen;
  const twiceRemainder = 2n * (scaledNum % scaledDen);
  if (twiceRemainder > scaledDen || (twiceRemainder === scaledDen && m % 2n === 1n)) m += 1n;
  const value = Number(m) * 2 ** quantumExp;
  const maxFinite = (2 - 2 ** (1 - format.precision)) * 2 ** format.maxExponent;
  return sign * (value > maxFinite ? Infinity : value);
}

/** The exact rational value of a finite JS number. */
function numberRational(x: number): Rational {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const negative = hi >>> 31 === 1;
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exp2 = (biased === 0 ? 1 : biased) - 1075;
  const r = scaleByPowerOfTwo(negative, mantissa, exp2);
  return typeof r === 'number' ? { negative, num: 0n, den: 1n } : r;
}

/** `Double.parseDouble(s)`; `undefined` where Java throws `NumberFormatException`. */
export function parseJavaDouble(s: string): number | undefined {
  const r = readJavaFloatingLiteral(s);
  if (r === undefined || typeof r === 'number') return r;
  return roundRational(r, DOUBLE);
}

/** `Float.parseFloat(s)` (rounded once, straight from the decimal); `undefined` where Java throws. */
export function parseJavaFloat(s: string): number | undefined {
  const r = readJavaFloatingLiteral(s);
  if (r === undefined || typeof r === 'number') return r;
  return roundRational(r, FLOAT);
}

/** Lucene `HalfFloatPoint` rounding of a float (given as a JS number) to binary16. */
export function roundToHalfFloat(f: number): number {
  if (!Number.isFinite(f)) return f;
  return roundRational(numberRational(f), HALF);
}

/** Java `Math.round(double)`: nearest long, ties toward +∞, NaN → 0, saturating. */
export function javaMathRound(x: number): bigint {
  if (Number.isNaN(x)) return 0n;
  if (x >= 2 ** 63) return 2n ** 63n - 1n;
  if (x <= -(2 ** 63)) return -(2n ** 63n);
  // JS Math.round has the same exact "nearest, ties toward +∞" definition as Java 7+.
  return BigInt(Math.round(x));
}

/** The value of a `new BigDecimal(String)` literal. */
export interface JavaBigDecimal {
  /** The value truncated toward zero (`toBigInteger()`). */
  readonly integer: bigint;
  /** Whether the value has a non-zero fractional part. */
  readonly hasFraction: boolean;
}

const BIG_DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * `new BigDecimal(s)` (ASCII digits): no whitespace, no suffix, no hex;
 * `undefined` on `NumberFormatException`.
 */
export function parseJavaBigDecimal(s: string): JavaBigDecimal | undefined {
  const m = BIG_DECIMAL.exec(s);
  if (!m) return undefined;
  const intDigits = m[2] ?? '';
  const fracDigits = m[3] ?? '';
  if (intDigits === '' && fracDigits === '') return undefined;
  const sign = m[1] === '-' ? -1n : 1n;
  const mantissa = BigInt(intDigits + fracDigits);
  const exp10 = (m[4] === undefined ? 0 : Number(m[4])) - fracDigits.length;
  if (mantissa === 0n) return { integer: 0n, hasFraction: false };
  // Far beyond every range the engine checks: keep the bigint small but the verdict the same.
  if (exp10 > 1_000) return { integer: sign * 10n ** 1_000n, hasFraction: false };
  if (exp10 < -1_000 - (intDigits + fracDigits).length) return { integer: 0n, hasFraction: true };
  if (exp10 >= 0) return { integer: sign * mantissa * 10n ** BigInt(exp10), hasFraction: false };
  const den = 10n ** BigInt(-exp10);
  return { integer: sign * (mantissa / den), hasFraction: mantissa % den !== 0n };
}

/**
 * `new BigDecimal(Double.toString(d)).multiply(BigDecimal.valueOf(f)).doubleValue()`:
 * the exact product of the two doubles' shortest decimal spellings (JDK 19+
 * `Double.toString` is the shortest round-trip text, as JS `String` is),
 * rounded once to double. `undefined` for a non-finite `d` (`new BigDecimal("NaN")` throws).
 */
export function decimalProduct(d: number, f: number): number | undefined {
  if (!Number.isFinite(d) || !Number.isFinite(f)) return undefined;
  const a = decimalRational(d < 0 || Object.is(d, -0), ...decimalParts(Math.abs(d)));
  const b = decimalRational(f < 0, ...decimalParts(Math.abs(f)));
  if (typeof a === 'number' || typeof b === 'number') return 0; // a zero factor
  return roundRational({ negative: a.negative !== b.negative, num: a.num * b.num, den: a.den * b.den }, DOUBLE);
}

/** The digits and power of ten of a finite non-negative double's shortest text. */
function decimalParts(x: number): [string, number] {
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) throw new Error(`unexpected number text ${String(x)}`);
  const frac = m[2] ?? '';
  return [(m[1] ?? '') + frac, (m[3] === undefined ? 0 : Number(m[3])) - frac.length];
}
