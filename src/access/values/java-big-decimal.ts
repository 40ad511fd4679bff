/**
 * Java's integer and `BigDecimal` string parsers as the engines use them
 * for `long` terms (`Numbers.toLong`: `Long.parseLong`, then
 * `new BigDecimal(s)` truncated) and for numeric strings in documents
 * (`long`, `unsigned_long`).
 *
 * Syntax shared by all three: an optional `+` or `-` at the start, then
 * digits as Java's `Character.digit` reads them (any BMP decimal digit:
 * `"٢٠٠"` is 200). No whitespace, no suffix, no hex. `BigDecimal` adds an
 * optional `.` fraction (at least one digit overall) and an exponent
 * `e`/`E` with optional sign and at most ten significant digits, as long as
 * the resulting scale fits an `int`.
 *
 * @packageDocumentation
 */
import { javaDigit } from './java-digit.js';

/** An exact decimal: `unscaled × 10^-scale`. */
export interface JavaBigDecimal {
  /** The digits as a signed integer. */
  readonly unscaled: bigint;
  /** How many of the digits are after the decimal point (negative: trailing zeros implied). */
  readonly scale: number;
}

/** Digits `s[start, end)` as a non-negative bigint, or undefined if one is not a Java decimal digit (or the range is empty). */
function digitsToBigInt(s: string, start: number, end: number): bigint | undefined {
  if (end <= start) return undefined;
  let ascii = true;
  for (let i = start; i < end; i++) {
    const unit = s.charCodeAt(i);
    if (unit < 0x30 || unit > 0x39) {
      ascii = false;
      break;
    }
  }
  if (ascii) return BigInt(s.slice(start, end));
  let text = '';
  for (let i = start; i < end; i++) {
    const digit = javaDigit(s.charCodeAt(i), 10);
    if (digit < 0) return undefined;
    text += String(digit);
  }
  return BigInt(text);
}

function signLength(s: string): number {
  const first = s.charCodeAt(0);
  return first === 0x2b || first === 0x2d ? 1 : 0;
}

/**
 * Java `new BigInteger(s)` (radix 10), or `undefined` where Java throws.
 *
 * @example
 * ```ts
 * parseJavaBigInteger('+200'); // 200n
 * parseJavaBigInteger('٢٠٠');  // 200n
 * parseJavaBigInteger('2e2');  // undefined
 * ```
 */
export function parseJavaBigInteger(s: string): bigint | undefined {
  const sign = signLength(s);
  const magnitude = digitsToBigInt(s, sign, s.length);
  if (magnitude === undefined) return undefined;
  return s.charCodeAt(0) === 0x2d ? -magnitude : magnitude;
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/**
 * Java `Long.parseLong(s)`, or `undefined` where Java throws (syntax or
 * overflow).
 *
 * @example
 * ```ts
 * parseJavaLong('-9223372036854775808'); // -9223372036854775808n
 * parseJavaLong('9223372036854775808');  // undefined
 * ```
 */
export function parseJavaLong(s: string): bigint | undefined {
  const value = parseJavaBigInteger(s);
  return value === undefined || value < LONG_MIN || value > LONG_MAX ? undefined : value;
}

/**
 * Java `new BigDecimal(s)`, or `undefined` where Java throws.
 *
 * @example
 * ```ts
 * parseJavaBigDecimal('200.000000000000000001'); // { unscaled: 200000000000000000001n, scale: 18 }
 * parseJavaBigDecimal('2e2');                    // { unscaled: 2n, scale: -2 }
 * parseJavaBigDecimal(' 200');                   // undefined
 * parseJavaBigDecimal('200f');                   // undefined
 * ```
 */
export function parseJavaBigDecimal(s: string): JavaBigDecimal | undefined {
  const sign = signLength(s);
  let exponentAt = -1;
  for (let i = sign; i < s.length; i++) {
    const unit = s.charCodeAt(i) | 0x20;
    if (unit === 0x65) {
      exponentAt = i;
      break;
    }
  }
  const significandEnd = exponentAt < 0 ? s.length : exponentAt;
  const dot = s.indexOf('.', sign);
  const hasDot = dot >= 0 && dot < significandEnd;
  const whole = hasDot ? s.slice(sign, dot) : s.slice(sign, significandEnd);
  const fraction = hasDot ? s.slice(dot + 1, significandEnd) : '';
  if (whole.length + fraction.length === 0) return undefined;
  const digits = `${whole}${fraction}`;
  const magnitude = digitsToBigInt(digits, 0, digits.length);
  if (magnitude === undefined) return undefined;
  let exponent = 0;
  if (exponentAt >= 0) {
    const parsed = parseExponent(s, exponentAt + 1);
    if (parsed === undefined) return undefined;
    exponent = parsed;
  }
  const scale = fraction.length - exponent;
  if (scale > 2147483647 || scale < -2147483648) return undefined;
  return { unscaled: s.charCodeAt(0) === 0x2d ? -magnitude : magnitude, scale };
}

/** BigDecimal's `parseExp`: optional sign, then at most ten digits once leading zeros are skipped, fitting an int. */
function parseExponent(s: string, start: number): number | undefined {
  const first = s.charCodeAt(start);
  const negative = first === 0x2d;
  let i = negative || first === 0x2b ? start + 1 : start;
  if (i >= s.length) return undefined;
  while (s.length - i > 10 && javaDigit(s.charCodeAt(i), 10) === 0) i++;
  if (s.length - i > 10) return undefined;
  let value = 0;
  for (; i < s.length; i++) {
    const digit = javaDigit(s.charCodeAt(i), 10);
    if (digit < 0) return undefined;
    value = value * 10 + digit;
  }
  const exponent = negative ? -value : value;
  // Java reads the exponent into a long, then refuses one that does not fit an int.
  return exponent > 2147483647 || exponent < -2147483648 ? undefined : exponent;
}

/**
 * `BigDecimal.toBigInteger()` (truncation toward zero) when the result's
 * magnitude is below `10^maxDigits`; `'overflow'` when it is not (without
 * materialising huge powers of ten).
 *
 * @example
 * ```ts
 * truncateBigDecimal({ unscaled: -15n, scale: 1 }, 30); // -1n
 * truncateBigDecimal({ unscaled: 1n, scale: -40 }, 30);  // 'overflow'
 * ```
 */
export function truncateBigDecimal(value: JavaBigDecimal, maxDigits: number): bigint | 'overflow' {
  if (value.unscaled === 0n) return 0n;
  const magnitudeDigits = (value.unscaled < 0n ? -value.unscaled : value.unscaled).toString().length;
  if (magnitudeDigits - value.scale > maxDigits) return 'overflow';
  if (value.scale <= 0) return value.unscaled * 10n ** BigInt(-value.scale);
  if (value.scale > magnitudeDigits) return 0n;
  // BigInt division truncates toward zero, like toBigInteger.
  return value.unscaled / 10n ** BigInt(value.scale);
}

/**
 * `BigDecimal.toBigIntegerExact()`: the integer value, `undefined` when
 * there is a non-zero fraction, `'overflow'` as in `truncateBigDecimal`.
 *
 * @example
 * ```ts
 * exactBigDecimalInteger({ unscaled: 2000n, scale: 1 }, 30); // 200n
 * exactBigDecimalInteger({ unscaled: 2005n, scale: 1 }, 30); // undefined
 * ```
 */
export function exactBigDecimalInteger(value: JavaBigDecimal, maxDigits: number): bigint | 'overflow' | undefined {
  const truncated = truncateBigDecimal(value, maxDigits);
  if (truncated === 'overflow' || value.scale <= 0) return truncated;
  if (truncated === 0n) return value.unscaled === 0n ? 0n : undefined;
  return truncated * 10n ** BigInt(value.scale) === value.unscaled ? truncated : undefined;
}
