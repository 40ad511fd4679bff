/**
 * Java's `Character.digit(char, radix)` for radix 10 and 16, which the
 * engines' parsers (`Long.parseLong`, `new BigDecimal`, `new BigInteger`,
 * `Integer.parseInt` in IP parsing) use: besides ASCII it accepts every
 * decimal digit of the Basic Multilingual Plane (`٢` is 2, `２` is 2), and
 * for radix 16 the fullwidth letters `Ａ`–`Ｆ`/`ａ`–`ｆ`. It works on UTF-16
 * units, so supplementary-plane digits (surrogate pairs) are not digits.
 *
 * BMP decimal digits (`\p{Nd}`) have been stable since before Unicode 10, the
 * oldest version a supported engine runs on (JDK 11), so the JS engine's
 * Unicode tables agree with every engine's.
 *
 * @packageDocumentation
 */

let digitTable: Uint8Array | undefined;

/** Unicode decimal digits come in runs of ten starting at a zero, so a run position is the digit value. */
function buildDigitTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const nd = /^\p{Nd}$/u;
  let previous = -1;
  for (let unit = 0; unit < 0x10000; unit++) {
    if (unit >= 0xd800 && unit < 0xe000) {
      previous = -1;
      continue;
    }
    if (nd.test(String.fromCharCode(unit))) {
      previous = previous >= 0 && previous < 9 ? previous + 1 : 0;
      table[unit] = previous + 1;
    } else {
      previous = -1;
    }
  }
  return table;
}

/**
 * The value of UTF-16 unit `unit` as a digit in `radix` (10 or 16) the way
 * Java's `Character.digit` reads it, or -1.
 *
 * @example
 * ```ts
 * javaDigit('7'.charCodeAt(0), 10);      // 7
 * javaDigit('٢'.charCodeAt(0), 10);      // 2
 * javaDigit('Ｆ'.charCodeAt(0), 16);     // 15
 * javaDigit('f'.charCodeAt(0), 10);      // -1
 * ```
 */
export function javaDigit(unit: number, radix: 10 | 16): number {
  if (unit >= 0x30 && unit <= 0x39) return unit - 0x30;
  if (radix === 16) {
    const lower = unit | 0x20;
    if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
    if (unit >= 0xff21 && unit <= 0xff26) return unit - 0xff21 + 10;
    if (unit >= 0xff41 && unit <= 0xff46) return unit - 0xff41 + 10;
  }
  if (unit < 0x80) return -1;
  digitTable ??= buildDigitTable();
  return (digitTable[unit] ?? 0) - 1;
}
