/**
 * Integer, long, floating, scaled_float and unsigned_long rules: index-time
 * coercion of documents against independent arithmetic, and query-side
 * acceptance.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareFloatingTerm } from '../../../src/access/values/floating.js';
import { prepareIntegerTerm } from '../../../src/access/values/integer.js';
import { isFloatMidpoint } from '../../../src/access/values/java-double.js';
import { prepareLongTerm } from '../../../src/access/values/long.js';
import { prepareScaledFloatTerm } from '../../../src/access/values/scaled-float.js';
import { prepareUnsignedLongTerm } from '../../../src/access/values/unsigned-long.js';
import { SharedTokenError } from '../../../src/errors.js';

describe('integer, short, byte', () => {
  it('a document number matches when its truncation toward zero is the filter (coerce)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.double({ min: -1001, max: 1001, noNaN: true }), (target, doc) => {
        expect(prepareIntegerTerm('n', { type: 'integer' }, String(target)).matchLeaf(doc)).toBe(Math.trunc(doc) === target);
      }),
    );
  });

  it('with coerce: false, only whole numbers match, and strings never do', () => {
    const term = prepareIntegerTerm('n', { type: 'integer', coerce: false }, '5');
    expect([5, 5.5, '5', 5n].map((leaf) => term.matchLeaf(leaf))).toEqual([true, false, false, true]);
  });

  it('reads document strings with Double.parseDouble, truncating like Java (int) casts', () => {
    const five = prepareIntegerTerm('n', { type: 'integer' }, '5');
    expect([' 5 ', '5.9', '5e0', '+5', '5f', '0x5p0', '٥', '5_0'].map((leaf) => five.matchLeaf(leaf))).toEqual([true, true, true, true, true, true, false, false]);
    // Java's (int) NaN is 0: the engine indexes "NaN" as 0 on an integer field.
    expect(prepareIntegerTerm('n', { type: 'integer' }, '0').matchLeaf('NaN')).toBe(true);
  });

  it('refuses documents outside the range (after int truncation for byte)', () => {
    expect(prepareIntegerTerm('n', { type: 'integer' }, '2147483647').matchLeaf(2147483647.5)).toBe(false);
    expect(prepareIntegerTerm('n', { type: 'byte' }, '127').matchLeaf(127.9)).toBe(true);
    expect(prepareIntegerTerm('n', { type: 'short' }, '32767').matchLeaf('32767.5')).toBe(false);
    expect(prepareIntegerTerm('n', { type: 'short' }, '32767').matchLeaf(32767.5)).toBe(true);
  });

  it('treats "" as null (null_value) and booleans as refused', () => {
    const zero = prepareIntegerTerm('n', { type: 'integer', nullValue: 0 }, '0');
    expect([null, '', false].map((leaf) => zero.matchLeaf(leaf))).toEqual([true, true, false]);
  });
});

describe('long', () => {
  const longs = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });

  it('matches a bigint, its decimal string and (when exact) the number, and nothing next to it', () => {
    fc.assert(
      fc.property(longs, (n) => {
        const term = prepareLongTerm('n', { type: 'long' }, n.toString());
        expect(term.matchLeaf(n)).toBe(true);
        expect(term.matchLeaf(n.toString())).toBe(true);
        expect(term.matchLeaf(n + 1n)).toBe(false);
        expect(term.matchLeaf(Number(n))).toBe(BigInt(Number(n)) === n);
      }),
    );
  });

  it('reads document strings with Long.parseLong (Unicode digits) or BigDecimal (truncated), not parseDouble', () => {
    const term = prepareLongTerm('n', { type: 'long' }, '200');
    expect(['٢٠٠', '+200', '2e2', '200.9', ' 200', '200f', 'NaN'].map((leaf) => term.matchLeaf(leaf))).toEqual([true, true, true, true, false, false, false]);
  });

  it('accepts a visible fraction as matching nothing, and rejects out-of-range and non-BigDecimal spellings', () => {
    expect(prepareLongTerm('n', { type: 'long' }, '1.5').matchLeaf(1)).toBe(false);
    for (const value of ['9223372036854775808', '-9223372036854775809', '1e19', '0x10', '', ' 1', '1d']) {
      expect(() => prepareLongTerm('n', { type: 'long' }, value), value).toThrow(SharedTokenError);
    }
    expect(prepareLongTerm('n', { type: 'long' }, '9223372036854775807.9').matchLeaf(9223372036854775807n)).toBe(true);
  });
});

describe('double and float', () => {
  it('double terms match exactly the same double, -0 apart from 0', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }), (value, doc) => {
        const term = prepareFloatingTerm('x', { type: 'double' }, String(value));
        // JSON.stringify sends -0 as 0.
        expect(term.matchLeaf(doc)).toBe(Object.is(doc === 0 ? 0 : doc, value));
      }),
    );
    expect(prepareFloatingTerm('x', { type: 'double' }, '-0').matchLeaf('-0.0')).toBe(true);
  });

  it('float terms match every double that rounds to the same float', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }), (value, doc) => {
        fc.pre(!isFloatMidpoint(doc));
        const term = prepareFloatingTerm('x', { type: 'float' }, String(value));
        const docFloat = doc === 0 ? 0 : Math.fround(doc);
        // The filter is spelled String(value), which writes -0 as "0".
        expect(term.matchLeaf(doc)).toBe(Object.is(docFloat, Math.fround(Number(String(value)))));
        expect(term.matchLeaf(Math.fround(value) === 0 ? String(value) : Math.fround(value))).toBe(true);
      }),
    );
  });

  it('rejects non-finite values (ES ≥ 8.16 none, OpenSearch error)', () => {
    for (const value of ['NaN', 'Infinity', '1e400']) expect(() => prepareFloatingTerm('x', { type: 'double' }, value)).toThrow(SharedTokenError);
    expect(() => prepareFloatingTerm('x', { type: 'float' }, '1e39')).toThrow(SharedTokenError);
  });
});

describe('scaled_float', () => {
  it('documents are scaled with double arithmetic and Math.round (ties toward +∞)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100000, max: 100000 }), fc.double({ min: -1000, max: 1000, noNaN: true }), (scaled, doc) => {
        const term = prepareScaledFloatTerm('p', { type: 'scaled_float', scalingFactor: 100 }, String(scaled / 100));
        expect(term.matchLeaf(doc)).toBe(Math.round(doc * 100) === scaled);
      }),
    );
    const minusTwo = prepareScaledFloatTerm('p', { type: 'scaled_float', scalingFactor: 10 }, '-0.2');
    expect(minusTwo.matchLeaf(-0.25)).toBe(true); // -2.5 rounds to -2
  });

  it('rejects values whose scaled value sits on a rounding boundary, and non-finite ones', () => {
    expect(() => prepareScaledFloatTerm('p', { type: 'scaled_float', scalingFactor: 100 }, '1.235')).toThrow(/boundary/);
    expect(() => prepareScaledFloatTerm('p', { type: 'scaled_float', scalingFactor: 100 }, 'NaN')).toThrow(SharedTokenError);
  });
});

describe('unsigned_long', () => {
  it('matches plain digits over the whole range, against numbers, bigints and document strings', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (n) => {
        fc.pre(n !== 2n ** 63n - 1n);
        const term = prepareUnsignedLongTerm('u', { type: 'unsigned_long' }, n.toString());
        expect(term.matchLeaf(n)).toBe(true);
        expect(term.matchLeaf(`${n}.0`)).toBe(true);
        expect(term.matchLeaf(n + 1n)).toBe(false);
      }),
    );
  });

  it('accepts fractions as matching nothing; rejects what the engines disagree on', () => {
    expect(prepareUnsignedLongTerm('u', { type: 'unsigned_long' }, '1.5').matchLeaf(1)).toBe(false);
    for (const value of ['200.0', '-0', '+', '+-1', '-1', '2e2', '٢٠٠', '18446744073709551616', '9223372036854775807', '', 'abc']) {
      expect(() => prepareUnsignedLongTerm('u', { type: 'unsigned_long' }, value), value).toThrow(SharedTokenError);
    }
  });

  it('truncates fractional documents as OpenSearch does (coerce), reads whole-valued decimal strings', () => {
    const term = prepareUnsignedLongTerm('u', { type: 'unsigned_long' }, '200');
    expect([200, 200.5, '200.0', '2e2', '200.5', -0, 201.5].map((leaf) => term.matchLeaf(leaf))).toEqual([true, true, true, true, true, false, false]);
  });

  it('with coerce: false, refuses fractional documents', () => {
    const term = prepareUnsignedLongTerm('u', { type: 'unsigned_long', coerce: false }, '200');
    expect([200, 200.5, '200.0', '200.5'].map((leaf) => term.matchLeaf(leaf))).toEqual([true, false, false, false]);
  });

  it('truncates negative fractions to 0 under coerce, as OpenSearch indexes -0.5 and "-0.9"', () => {
    const zero = prepareUnsignedLongTerm('u', { type: 'unsigned_long' }, '0');
    expect([-0.5, '-0.9', -1e-10, '-0', '-0.0', -0, 0].map((leaf) => zero.matchLeaf(leaf))).toEqual([true, true, true, true, true, true, true]);
    expect([-1, -1.5, '-1', '-1.5'].map((leaf) => zero.matchLeaf(leaf))).toEqual([false, false, false, false]);
    expect(prepareUnsignedLongTerm('u', { type: 'unsigned_long' }, '1').matchLeaf(-1.5)).toBe(false);
  });

  it('with coerce: false, drops every string ("200" included) and every fraction, keeps whole numbers', () => {
    const term = prepareUnsignedLongTerm('u', { type: 'unsigned_long', coerce: false, ignoreMalformed: true }, '200');
    expect(['200', '', '+200', 200.7, 200, 200n].map((leaf) => term.matchLeaf(leaf))).toEqual([false, false, false, false, true, true]);
    const zero = prepareUnsignedLongTerm('u', { type: 'unsigned_long', coerce: false }, '0');
    expect([-0, -0.5, '-0.9', '0'].map((leaf) => zero.matchLeaf(leaf))).toEqual([true, false, false, false]);
  });

  it('reads a filter "+5" as 5 on every engine (Long.parseUnsignedLong and BigDecimal both take a plus)', () => {
    const term = prepareUnsignedLongTerm('u', { type: 'unsigned_long' }, '+5');
    expect(term.queryValue).toBe('+5');
    expect([5, '5', '+5', '5.0', 4, 6].map((leaf) => term.matchLeaf(leaf))).toEqual([true, true, true, true, false, false]);
  });

  describe('read as OpenSearch reads a term (engine: opensearch)', () => {
    const onOpenSearch = { type: 'unsigned_long', engine: 'opensearch' } as const;

    it('takes any decimal spelling of a whole number in range, truncated as BigDecimal.toBigInteger does', () => {
      const cases: Array<[string, bigint]> = [
        ['200.0', 200n],
        ['2e2', 200n],
        ['+200', 200n],
        ['-0', 0n],
        ['-0.0', 0n],
        ['1e19', 10n ** 19n],
        ['9223372036854775807', 2n ** 63n - 1n],
        ['18446744073709551615', 2n ** 64n - 1n],
        // The double has no fraction (the digits are beyond its precision), so the BigDecimal is read and truncated.
        ['5.0000000000000000001', 5n],
        ['18446744073709551615.5', 2n ** 64n - 1n],
      ];
      for (const [value, target] of cases) {
        const term = prepareUnsignedLongTerm('u', onOpenSearch, value);
        expect(term.queryValue, value).toBe(value);
        expect(term.matchLeaf(target), value).toBe(true);
        expect(term.matchLeaf(target + 1n), value).toBe(false);
      }
    });

    it('matches nothing for a fraction, NaN or an infinity (hasDecimalPart), whatever the range', () => {
      for (const value of ['1.5', '-1.5', 'NaN', 'Infinity', '-Infinity', '1e400', '0.25e1']) {
        const term = prepareUnsignedLongTerm('u', onOpenSearch, value);
        expect([0, 1, 2, 5, '1.5'].some((leaf) => term.matchLeaf(leaf)), value).toBe(false);
      }
    });

    it('refuses what fails the search: no Java double, out of range, or a double that is no BigDecimal', () => {
      for (const value of ['', 'abc', '٢٠٠', '-1', '-1e0', '18446744073709551616', '2e19', ' 200', '200f', '0x10', '200d']) {
        expect(() => prepareUnsignedLongTerm('u', onOpenSearch, value), value).toThrow(/engine fails the search/);
      }
    });

    it('without the engine, keeps the reading every engine shares', () => {
      for (const value of ['200.0', '2e2', '9223372036854775807']) {
        expect(() => prepareUnsignedLongTerm('u', { type: 'unsigned_long' }, value), value).toThrow(SharedTokenError);
      }
    });
  });
});
