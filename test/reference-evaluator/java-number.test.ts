/**
 * The JDK parsers the oracle re-implements. Laws against JS where JS is
 * exact (a double's shortest text parses back to itself; Math.fround is
 * IEEE float rounding), and pinned examples where Java differs from JS.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  javaMathRound,
  javaTrim,
  parseJavaBigDecimal,
  parseJavaDouble,
  parseJavaFloat,
  roundToHalfFloat,
} from '../support/reference-evaluator/java-number.js';

// String(-0) is "0": spell the sign out so the text really is the number's.
const text = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));

describe('Double.parseDouble', () => {
  it('reads back every finite double from its JS text', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        expect(Object.is(parseJavaDouble(text(d)), d)).toBe(true);
      }),
    );
  });

  it('agrees with JS Number() on decimal literals (both round correctly)', () => {
    const literal = fc
      .tuple(fc.stringMatching(/^[1-9]\d{0,25}$/), fc.stringMatching(/^\d{0,25}$/), fc.integer({ min: -330, max: 330 }))
      .map(([i, f, e]) => `${i}${f === '' ? '' : `.${f}`}e${e}`);
    fc.assert(
      fc.property(literal, (s) => {
        expect(Object.is(parseJavaDouble(s), Number(s))).toBe(true);
      }),
    );
  });

  it('accepts what Java accepts beyond JSON', () => {
    expect(parseJavaDouble(' 200 ')).toBe(200);
    expect(parseJavaDouble('\t+200\n')).toBe(200);
    expect(parseJavaDouble('200f')).toBe(200);
    expect(parseJavaDouble('2.D')).toBe(2);
    expect(parseJavaDouble('.5')).toBe(0.5);
    expect(parseJavaDouble('0x1p4')).toBe(16);
    expect(parseJavaDouble('0x1.8p1')).toBe(3);
    expect(parseJavaDouble('-Infinity')).toBe(-Infinity);
    expect(parseJavaDouble('NaN')).toBeNaN();
    expect(Object.is(parseJavaDouble('-0'), -0)).toBe(true);
    expect(parseJavaDouble('1e400')).toBe(Infinity);
    expect(parseJavaDouble('1e-400')).toBe(0);
  });

  it('refuses what Java refuses', () => {
    for (const s of ['', ' ', '0x10', 'abc', '1_000', '٢٠٠', '1e', '.', 'infinity', '+-1', '1.0.0', '\u00a0200', '2ff']) {
      expect(parseJavaDouble(s), JSON.stringify(s)).toBeUndefined();
    }
  });

  it('trims only chars <= U+0020, unlike JS', () => {
    expect(javaTrim('\u0001 a \u001f')).toBe('a');
    expect(javaTrim('\u00a0a')).toBe('\u00a0a');
  });
});

describe('Float.parseFloat', () => {
  it('rounds once to float: the float text of a float reads back to it', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (f) => {
        expect(Object.is(parseJavaFloat(text(f)), f)).toBe(true);
      }),
    );
  });

  it('rounds ties to even, and overflows past the largest float', () => {
    // 1 + 2^-24 is halfway between 1 and the next float: ties go to even (1)
    expect(parseJavaFloat('1.000000059604644775390625')).toBe(1);
    // 1 + 3·2^-24 is halfway between 1+2^-23 and 1+2^-22: even is 1+2^-22
    expect(parseJavaFloat('1.000000178813934326171875')).toBe(1 + 2 ** -22);
    expect(parseJavaFloat('3.4028235e38')).toBe(3.4028234663852886e38);
    expect(parseJavaFloat('3.5e38')).toBe(Infinity);
    expect(parseJavaFloat('0.1000000001')).toBe(Math.fround(0.1));
  });
});

describe('half-float rounding', () => {
  it('matches the binary16 grid', () => {
    expect(roundToHalfFloat(200.1)).toBe(200.125);
    expect(roundToHalfFloat(200.0625)).toBe(200); // tie → even
    expect(roundToHalfFloat(200.1875)).toBe(200.25); // tie → even
    expect(roundToHalfFloat(65504)).toBe(65504);
    expect(roundToHalfFloat(65519)).toBe(65504);
    expect(roundToHalfFloat(65520)).toBe(Infinity);
    expect(roundToHalfFloat(2 ** -24)).toBe(2 ** -24);
    expect(roundToHalfFloat(2 ** -26)).toBe(0);
    expect(Object.is(roundToHalfFloat(-0), -0)).toBe(true);
  });

  it('is idempotent and monotone', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, min: -60000, max: 60000 }), fc.float({ noNaN: true, min: -60000, max: 60000 }), (a, b) => {
        const ha = roundToHalfFloat(a);
        expect(roundToHalfFloat(ha)).toBe(ha);
        if (a <= b) expect(ha <= roundToHalfFloat(b)).toBe(true);
      }),
    );
  });
});

describe('new BigDecimal(String) and Math.round', () => {
  it('reads decimal literals exactly and truncates toward zero', () => {
    expect(parseJavaBigDecimal('200.000000000000000001')).toEqual({ integer: 200n, hasFraction: true });
    expect(parseJavaBigDecimal('-1.9')).toEqual({ integer: -1n, hasFraction: true });
    expect(parseJavaBigDecimal('2e2')).toEqual({ integer: 200n, hasFraction: false });
    expect(parseJavaBigDecimal('+9223372036854775808')).toEqual({ integer: 9223372036854775808n, hasFraction: false });
    expect(parseJavaBigDecimal('0e999999')).toEqual({ integer: 0n, hasFraction: false });
    for (const s of [' 1', '1f', '0x10', '', '.', 'NaN']) expect(parseJavaBigDecimal(s), s).toBeUndefined();
  });

  it('Math.round: ties toward +∞, NaN → 0, saturating', () => {
    expect(javaMathRound(2.5)).toBe(3n);
    expect(javaMathRound(-2.5)).toBe(-2n);
    expect(javaMathRound(0.49999999999999994)).toBe(0n);
    expect(javaMathRound(Number.NaN)).toBe(0n);
    expect(javaMathRound(1e300)).toBe(2n ** 63n - 1n);
    expect(javaMathRound(-Infinity)).toBe(-(2n ** 63n));
  });
});
