/**
 * The Java `Double.parseDouble` / `Float.parseFloat` emulation against
 * independent references: JS `Number` on the shared decimal grammar, the
 * exact decimal expansion of hexadecimal literals, and a BigInt
 * nearest-float search for binary32 rounding.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFloatMidpoint, javaTrim, parseJavaDouble, parseJavaFloat } from '../../../src/access/values/java-double.js';

/** m × 2^e written out as an exact decimal literal. */
function exactDecimal(m: bigint, e: number): string {
  return e >= 0 ? (m << BigInt(e)).toString() : `${m * 5n ** BigInt(-e)}e${e}`;
}

/** Exact value of a decimal literal as a fraction n / d (d > 0). */
function fractionOfDecimal(literal: string): [bigint, bigint] {
  const match = /^([+-]?)(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (match === null) throw new Error(literal);
  const digits = BigInt(`${match[2] ?? ''}${match[3] ?? ''}` || '0');
  const exponent = Number(match[4] ?? '0') - (match[3] ?? '').length;
  const signed = match[1] === '-' ? -digits : digits;
  return exponent >= 0 ? [signed * 10n ** BigInt(exponent), 1n] : [signed, 10n ** BigInt(-exponent)];
}

/** Exact value of a finite double as a fraction. */
function fractionOfDouble(x: number): [bigint, bigint] {
  if (x === 0) return [0n, 1n];
  let m = x;
  let e = 0;
  while (!Number.isInteger(m)) {
    m *= 2;
    e++;
  }
  return [BigInt(m), 1n << BigInt(e)];
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Reference binary32 rounding of a decimal literal: nearest float by exact comparison, ties to the even bit pattern. */
function referenceFloat(literal: string): number {
  const [n, d] = fractionOfDecimal(literal);
  const guess = Math.fround(Number(literal));
  if (!Number.isFinite(guess)) return guess;
  const candidates = [guess];
  f32[0] = guess;
  const bits = u32[0] ?? 0;
  for (const delta of [-1, 1]) {
    u32[0] = bits + delta;
    const neighbour = f32[0] ?? Number.NaN;
    if (Number.isFinite(neighbour)) candidates.push(neighbour);
  }
  let best = guess;
  let bestDistance: [bigint, bigint] | undefined;
  for (const candidate of candidates) {
    const [cn, cd] = fractionOfDouble(candidate);
    const num = n * cd - cn * d;
    const distance: [bigint, bigint] = [num < 0n ? -num : num, d * cd];
    if (bestDistance === undefined) {
      best = candidate;
      bestDistance = distance;
      continue;
    }
    const order = distance[0] * bestDistance[1] - bestDistance[0] * distance[1];
    f32[0] = candidate;
    const even = ((u32[0] ?? 0) & 1) === 0;
    if (order < 0n || (order === 0n && even)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

const decimalLiteral = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => d.toExponential(12)),
  fc.float({ noNaN: true, noDefaultInfinity: true }).map((f) => f.toPrecision(9)),
  fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: -60, max: 60 })).map(([m, e]) => `${m}e${e}`),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => `${a}.${b}`),
);

const floatMidpoint = fc
  .float({ noNaN: true, noDefaultInfinity: true, min: Math.fround(-3e38), max: Math.fround(3e38) })
  .filter((f) => f !== 0)
  .map((f) => {
    f32[0] = f;
    u32[0] = (u32[0] ?? 0) + 1;
    return f / 2 + (f32[0] ?? 0) / 2;
  });

describe('parseJavaDouble', () => {
  it('agrees with JS Number on the decimal grammar both languages share', () => {
    fc.assert(
      fc.property(decimalLiteral, fc.constantFrom('', '+', '-'), (literal, sign) => {
        const text = literal.startsWith('-') ? literal : `${sign}${literal}`;
        expect(Object.is(parseJavaDouble(text), Number(text))).toBe(true);
      }),
    );
  });

  it('trims every char <= U+0020 at both ends, and accepts a trailing f/F/d/D', () => {
    const padding = fc.string({ unit: fc.integer({ min: 0, max: 0x20 }).map((c) => String.fromCharCode(c)), maxLength: 3 });
    fc.assert(
      fc.property(decimalLiteral, padding, padding, fc.constantFrom('', 'f', 'F', 'd', 'D'), (literal, before, after, suffix) => {
        expect(Object.is(parseJavaDouble(`${before}${literal}${suffix}${after}`), Number(literal))).toBe(true);
      }),
    );
  });

  it('rounds hexadecimal literals exactly like the decimal expansion of their value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 2n ** 70n }), fc.integer({ min: -1200, max: 1100 }), (mantissa, exponent) => {
        const hex = `0x${mantissa.toString(16)}p${exponent}`;
        expect(parseJavaDouble(hex)).toBe(Number(exactDecimal(mantissa, exponent)));
        expect(parseJavaDouble(`-${hex}`)).toBe(-Number(exactDecimal(mantissa, exponent)));
      }),
    );
  });

  it('reads a hexadecimal fraction as digits over 16^n', () => {
    expect(parseJavaDouble('0x1.8p1')).toBe(3);
    expect(parseJavaDouble('0X.8P0')).toBe(0.5);
    expect(parseJavaDouble('0x1p3d')).toBe(8);
  });

  it.each(['NaN', '+NaN', '-NaN'])('reads %j as NaN', (text) => {
    expect(parseJavaDouble(text)).toBeNaN();
  });

  it('reads signed Infinity and overflowing literals as infinities', () => {
    expect(parseJavaDouble('Infinity')).toBe(Infinity);
    expect(parseJavaDouble('-Infinity')).toBe(-Infinity);
    expect(parseJavaDouble('1e400')).toBe(Infinity);
    expect(parseJavaDouble('0e99999999999')).toBe(0);
  });

  it.each(['', ' ', '0x10', '1_000', '٢٠٠', '２００', '1e', 'e1', '.', '+', '-', '--1', '1.2.3', '1,5', '1 000', 'Infinityf', 'nan', 'infinity', '0x', '0x1', '0xp1', '1ee2', '1e2.5', 'ff'])(
    'rejects %j like Java (NumberFormatException)',
    (text) => {
      expect(parseJavaDouble(text)).toBeUndefined();
    },
  );

  it('rejects any string holding a character outside the Java literal alphabet', () => {
    const outside = fc.string({ minLength: 1, maxLength: 1 }).filter((c) => !/[0-9.eExXpPa-fA-F+\-NIinfty\u0000-\u0020]/.test(c));
    fc.assert(
      fc.property(decimalLiteral, outside, fc.nat(), (literal, intruder, at) => {
        const position = at % (literal.length + 1);
        expect(parseJavaDouble(`${literal.slice(0, position)}${intruder}${literal.slice(position)}`)).toBeUndefined();
      }),
    );
  });
});

describe('parseJavaFloat', () => {
  it('rounds decimal literals once, straight to the nearest float (ties to even)', () => {
    fc.assert(
      fc.property(decimalLiteral, (literal) => {
        expect(Object.is(parseJavaFloat(literal), referenceFloat(literal))).toBe(true);
      }),
    );
  });

  it('differs from Math.fround(Number(s)) only where the double is a float midpoint, and then follows the exact value', () => {
    fc.assert(
      fc.property(floatMidpoint, (midpoint) => {
        expect(isFloatMidpoint(midpoint)).toBe(true);
        const literal = String(midpoint);
        expect(parseJavaFloat(literal)).toBe(referenceFloat(literal));
      }),
    );
    // 1 + 2^-24 is a midpoint; its shortest spelling lies just above it, so Java rounds up.
    expect(Math.fround(Number('1.0000000596046448'))).toBe(1);
    expect(parseJavaFloat('1.0000000596046448')).toBe(1.0000001192092896);
  });

  it('rounds hexadecimal literals to binary32 like their exact decimal value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 2n ** 40n }), fc.integer({ min: -190, max: 140 }), (mantissa, exponent) => {
        expect(parseJavaFloat(`0x${mantissa.toString(16)}p${exponent}`)).toBe(referenceFloat(exactDecimal(mantissa, exponent)));
      }),
    );
  });

  it('overflows to Infinity above the largest float', () => {
    expect(parseJavaFloat('3.5e38')).toBe(Infinity);
    expect(parseJavaFloat('3.4028235e38')).toBe(3.4028234663852886e38);
  });
});

describe('javaTrim', () => {
  it('removes control characters as well as spaces, and nothing else', () => {
    expect(javaTrim('\u0000\t 42 \u001f')).toBe('42');
    expect(javaTrim('\u00a042')).toBe('\u00a042');
  });
});
