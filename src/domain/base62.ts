// Only letters and digits, so a secret survives double-click selection, URLs and secret
// scanners' word matching.

/** The base62 alphabet, in value order. */
export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Encodes a non-negative integer as exactly `width` base62 digits, most
 * significant first, left-padded with `0`.
 *
 * @throws RangeError when the number needs more than `width` digits.
 * @example
 * ```ts
 * encodeBase62(61n, 3); // '00z'
 * ```
 */
export function encodeBase62(value: bigint, width: number): string {
  let rest = value;
  let out = '';
  for (let i = 0; i < width; i++) {
    out = BASE62_ALPHABET[Number(rest % 62n)] + out;
    rest /= 62n;
  }
  if (rest !== 0n) throw new RangeError(`value does not fit in ${width} base62 digits`);
  return out;
}

/**
 * Decodes base62 digits to an integer, or `null` if a character is not base62.
 *
 * @example
 * ```ts
 * decodeBase62('00z'); // 61n
 * ```
 */
export function decodeBase62(digits: string): bigint | null {
  let value = 0n;
  for (const ch of digits) {
    const digit = BASE62_ALPHABET.indexOf(ch);
    if (digit < 0) return null;
    value = value * 62n + BigInt(digit);
  }
  return value;
}
