/**
 * keyword / wildcard / flattened / constant_keyword / boolean / schemaless
 * value rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareBooleanTerm } from '../../../src/access/values/boolean.js';
import { prepareConstantKeywordTerm } from '../../../src/access/values/constant-keyword.js';
import { prepareFlattenedTerm } from '../../../src/access/values/flattened.js';
import { hasVersionDependentLowercase } from '../../../src/access/values/java-lowercase.js';
import { prepareKeywordTerm } from '../../../src/access/values/keyword.js';
import { prepareSchemalessTerm } from '../../../src/access/values/prepare-term.js';
import { SharedTokenError } from '../../../src/errors.js';
import { keywordStringArbitrary } from '../../support/value-arbitraries.js';

/** Java `Character.toLowerCase` per code point, written independently: JS mapping of one code point, except İ. */
function javaLower(s: string): string {
  return Array.from(s, (c) => (c === 'İ' ? 'i' : c.toLowerCase())).join('');
}
const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('keyword', () => {
  it('without normalizer, a string leaf matches exactly when it is the same string', () => {
    fc.assert(
      fc.property(keywordStringArbitrary.filter(wellFormed), keywordStringArbitrary.filter(wellFormed), (value, leaf) => {
        expect(prepareKeywordTerm('f', { type: 'keyword' }, value).matchLeaf(leaf)).toBe(leaf === value);
      }),
    );
  });

  it('with the lowercase normalizer, matches when both lowercase (per code point, as Java) to the same string', () => {
    fc.assert(
      fc.property(keywordStringArbitrary.filter(wellFormed), keywordStringArbitrary.filter(wellFormed), fc.boolean(), (value, other, upper) => {
        fc.pre(!hasVersionDependentLowercase(value));
        const leaf = upper ? value.toUpperCase() : other;
        const term = prepareKeywordTerm('f', { type: 'keyword', normalizer: 'lowercase' }, value);
        expect(term.matchLeaf(leaf)).toBe(javaLower(leaf) === javaLower(value));
      }),
    );
  });

  it('lowercases İ to i and Σ to σ everywhere, as Java does (JS would give i̇ and a final ς)', () => {
    const term = prepareKeywordTerm('f', { type: 'keyword', normalizer: 'lowercase' }, 'iσσ');
    expect(term.matchLeaf('İΣΣ')).toBe(true);
    expect(term.matchLeaf('iσς')).toBe(false);
  });

  it('rejects, with the lowercase normalizer, values whose lowercasing depends on the JDK Unicode version', () => {
    for (const value of ['ა', 'Ა', 'Ɤ', 'ɤ', '\u{10570}', '\u{16EA0}', '\u0378']) {
      expect(() => prepareKeywordTerm('f', { type: 'keyword', normalizer: 'lowercase' }, value), value).toThrow(SharedTokenError);
      expect(prepareKeywordTerm('f', { type: 'keyword' }, value).matchLeaf(value)).toBe(true);
    }
  });

  it('rejects a normalizer it does not emulate, on every value, and any normalizer on wildcard (OpenSearch only)', () => {
    expect(() => prepareKeywordTerm('f', { type: 'keyword', normalizer: 'asciifolding' }, 'a')).toThrow(/asciifolding/);
    expect(() => prepareKeywordTerm('f', { type: 'wildcard', normalizer: 'lowercase' }, 'a')).toThrow(/wildcard/);
  });

  it('applies ignore_above to the document length before normalization, and to null_value', () => {
    const type = { type: 'keyword', normalizer: 'lowercase', ignoreAbove: 4, nullValue: 'ACME' } as const;
    expect(prepareKeywordTerm('f', type, 'acme').matchLeaf('ACME')).toBe(true);
    expect(prepareKeywordTerm('f', type, 'acme').matchLeaf(null)).toBe(true);
    expect(prepareKeywordTerm('f', type, 'acmes').matchLeaf('ACMES')).toBe(false);
    expect(prepareKeywordTerm('f', { type: 'keyword', ignoreAbove: 3, nullValue: 'ACME' }, 'ACME').matchLeaf(null)).toBe(false);
  });

  it('indexes numbers, bigints and booleans as their JSON text; NaN as null; objects never', () => {
    const five = prepareKeywordTerm('f', { type: 'keyword' }, '5');
    expect([5, 5n, '5', 5.0].map((leaf) => five.matchLeaf(leaf))).toEqual([true, true, true, true]);
    expect(prepareKeywordTerm('f', { type: 'keyword' }, '5.0').matchLeaf(5)).toBe(false);
    expect(prepareKeywordTerm('f', { type: 'keyword' }, '0').matchLeaf(-0)).toBe(true);
    expect(prepareKeywordTerm('f', { type: 'keyword' }, '1e+21').matchLeaf(1e21)).toBe(true);
    expect(prepareKeywordTerm('f', { type: 'keyword' }, 'true').matchLeaf(true)).toBe(true);
    expect(prepareKeywordTerm('f', { type: 'keyword', nullValue: 'n' }, 'n').matchLeaf(Number.NaN)).toBe(true);
    expect(prepareKeywordTerm('f', { type: 'keyword' }, 'NaN').matchLeaf(Number.NaN)).toBe(false);
    expect(prepareKeywordTerm('f', { type: 'keyword' }, '[object Object]').matchLeaf({})).toBe(false);
  });

  it('treats an unpaired surrogate as U+FFFD, as Lucene encodes it, on both sides', () => {
    expect(prepareKeywordTerm('f', { type: 'keyword' }, '\uD800').matchLeaf('\uFFFD')).toBe(true);
    expect(prepareKeywordTerm('f', { type: 'keyword' }, 'a\uFFFD').matchLeaf('a\uDC00')).toBe(true);
    expect(prepareKeywordTerm('f', { type: 'keyword' }, '😀').matchLeaf('\uD83D')).toBe(false);
    expect(prepareKeywordTerm('f', { type: 'keyword', normalizer: 'lowercase' }, 'A\uD800').matchLeaf('a\uFFFD')).toBe(true);
  });

  it('rejects a value longer than the longest term Lucene can index (32766 UTF-8 bytes)', () => {
    expect(() => prepareKeywordTerm('f', { type: 'keyword' }, 'é'.repeat(16384))).toThrow(/32766/);
    expect(prepareKeywordTerm('f', { type: 'keyword' }, 'é'.repeat(16383)).kind).toBe('leaf');
  });
});

describe('constant_keyword', () => {
  it('matches all documents for the constant, none for another value, and none without a constant', () => {
    expect(prepareConstantKeywordTerm('f', { type: 'constant_keyword', value: 'acme' }, 'acme')).toMatchObject({ kind: 'constant', matches: true });
    expect(prepareConstantKeywordTerm('f', { type: 'constant_keyword', value: 'acme' }, 'Acme')).toMatchObject({ kind: 'constant', matches: false });
    expect(prepareConstantKeywordTerm('f', { type: 'constant_keyword', value: 'ac?e' }, 'ac?e')).toMatchObject({ matches: true });
    expect(prepareConstantKeywordTerm('f', { type: 'constant_keyword' }, 'acme')).toMatchObject({ matches: false });
  });

  it('rejects every value with a * (a wildcard there)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        expect(() => prepareConstantKeywordTerm('f', { type: 'constant_keyword', value: 'acme' }, `${before}*${after}`)).toThrow(SharedTokenError);
      }),
    );
  });
});

describe('flattened', () => {
  it('compares leaf values as their JSON text; null leaves are not indexed', () => {
    const term = prepareFlattenedTerm('labels', { type: 'flattened' }, '5');
    expect([5, '5', 5n, 5.5, '5.0', null].map((leaf) => term.matchLeaf(leaf))).toEqual([true, true, true, false, false, false]);
    expect(prepareFlattenedTerm('labels', { type: 'flat_object' }, 'false').matchLeaf(false)).toBe(true);
  });
});

describe('boolean', () => {
  it('indexes true/false, "true"/"false" and "" (as false); anything else is refused by the engine', () => {
    const yes = prepareBooleanTerm('b', { type: 'boolean' }, 'true');
    const no = prepareBooleanTerm('b', { type: 'boolean', nullValue: false }, 'false');
    expect([true, 'true', 'True', 1, null].map((leaf) => yes.matchLeaf(leaf))).toEqual([true, true, false, false, false]);
    expect([false, 'false', '', 0, null, 'off'].map((leaf) => no.matchLeaf(leaf))).toEqual([true, true, true, false, true, false]);
  });
});

describe('schemaless', () => {
  it('compares strings exactly, numbers by value (JSON literals only), booleans by text', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(prepareSchemalessTerm(JSON.stringify(n)).matchLeaf(n)).toBe(true);
        expect(prepareSchemalessTerm(` ${JSON.stringify(n)}`).matchLeaf(n)).toBe(false);
      }),
    );
    expect(prepareSchemalessTerm('2e2').matchLeaf(200)).toBe(true);
    expect(prepareSchemalessTerm('2e2').matchLeaf('200')).toBe(false);
    expect(prepareSchemalessTerm('true').matchLeaf(true)).toBe(true);
    expect(prepareSchemalessTerm('9007199254740993').matchLeaf(9007199254740993n)).toBe(true);
    expect(prepareSchemalessTerm('null').matchLeaf(null)).toBe(false);
  });
});
