/**
 * IEEE binary16 rounding as Lucene's `HalfFloatPoint` does it
 * (`halfFloatToShortBits`: round to nearest, ties to even, overflow to
 * infinity, float subnormals to zero), ported bit for bit.
 *
 * @packageDocumentation
 */

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

/** Divide by 2^shift rounding to nearest, ties to even (Lucene's `roundShift`). */
function roundShift(i: number, shift: number): number {
  let rounded = i + (1 << (shift - 1));
  rounded -= (rounded >>> shift) & 1;
  return rounded >>> shift;
}

/**
 * The binary16 bits of the float `v` (already a binary32 value).
 *
 * @example
 * ```ts
 * halfFloatBits(1);     // 0x3c00
 * halfFloatBits(65520); // 0x7c00 (infinity)
 * ```
 */
export function halfFloatBits(v: number): number {
  f32[0] = v;
  const floatBits = i32[0] ?? 0;
  const sign = floatBits >>> 31;
  let exp = (floatBits >>> 23) & 0xff;
  let mantissa = floatBits & 0x7fffff;
  if (exp === 0xff) {
    exp = 0x1f;
    mantissa >>>= 23 - 10;
  } else if (exp === 0x00) {
    mantissa = 0;
  } else {
    exp = exp - 127 + 15;
    if (exp >= 0x1f) {
      exp = 0x1f;
      mantissa = 0;
    } else if (exp <= 0) {
      const shift = 23 - 10 - exp + 1;
      if (shift >= 32) {
        exp = 0;
        mantissa = 0;
      } else {
        mantissa = roundShift(mantissa | 0x800000, shift);
        exp = mantissa >>> 10;
        mantissa &= 0x3ff;
      }
    } else {
      mantissa = roundShift((exp << 23) | mantissa, 23 - 10);
      exp = mantissa >>> 10;
      mantissa &= 0x3ff;
    }
  }
  return (sign << 15) | (exp << 10) | mantissa;
}

/**
 * The value of binary16 bits as a JS number.
 *
 * @example
 * ```ts
 * halfFloatValue(0x3c00); // 1
 * ```
 */
export function halfFloatValue(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exp === 0x1f) return mantissa === 0 ? sign * Infinity : Number.NaN;
  if (exp === 0) return sign * mantissa * 2 ** -24;
  return sign * (1024 + mantissa) * 2 ** (exp - 25);
}

/**
 * A float rounded to the nearest half float (what a `half_float` field
 * indexes and what its `term` query compares against).
 *
 * @example
 * ```ts
 * roundToHalfFloat(Math.fround(200.1));    // 200.125
 * roundToHalfFloat(Math.fround(200.0625)); // 200 (tie, to even)
 * ```
 */
export function roundToHalfFloat(v: number): number {
  return halfFloatValue(halfFloatBits(v));
}
