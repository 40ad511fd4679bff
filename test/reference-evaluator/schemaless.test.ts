/**
 * The schemaless rules (no `fields`, docs/design.md §4): strings exact, numbers by
 * value (the filter read as a JSON number literal), booleans by
 * "true"/"false", arrays any element, objects flattened, dotted keys equal
 * to nesting.
 */
import { describe, expect, it } from 'vitest';
import { evaluateOnDocs } from '../support/reference-evaluator.js';
import { matchesOne, term } from './helpers.js';

describe('schemaless term', () => {
  it('strings are exact: no trimming, no case folding, * and ? are plain', () => {
    expect(matchesOne(term('k', 'Acme'), { k: 'Acme' })).toBe(true);
    for (const v of ['acme', ' Acme', 'Acme ', 'Ac*', 'Acm?']) expect(matchesOne(term('k', v), { k: 'Acme' }), v).toBe(false);
    expect(matchesOne(term('k', 'Ac*'), { k: 'Ac*' })).toBe(true);
    expect(matchesOne(term('k', ''), { k: '' })).toBe(true);
  });

  it('numbers match by value when the filter is a JSON number literal', () => {
    for (const v of ['200', '200.0', '2e2', '2E+2', '200.000']) expect(matchesOne(term('n', v), { n: 200 }), v).toBe(true);
    for (const v of [' 200', '+200', '0200', '200f', '0x10', 'Infinity', '']) expect(matchesOne(term('n', v), { n: 200 }), v).toBe(false);
    expect(matchesOne(term('n', '0'), { n: -0 })).toBe(true);
    expect(matchesOne(term('n', '-0'), { n: 0 })).toBe(true);
    expect(matchesOne(term('n', '0.1'), { n: 0.1 })).toBe(true);
    // a JSON number in the query stands for itself
    expect(matchesOne(term('n', 200), { n: 200 })).toBe(true);
  });

  it('a string that looks like a number still only matches that exact string', () => {
    expect(matchesOne(term('n', '200'), { n: '200' })).toBe(true);
    expect(matchesOne(term('n', '200.0'), { n: '200' })).toBe(false);
  });

  it('bigints match integer literals exactly', () => {
    expect(matchesOne(term('n', '9007199254740993'), { n: 9007199254740993n })).toBe(true);
    expect(matchesOne(term('n', '9007199254740992'), { n: 9007199254740993n })).toBe(false);
  });

  it('booleans match "true"/"false" only', () => {
    expect(matchesOne(term('b', 'true'), { b: true })).toBe(true);
    for (const v of ['True', '1', 'TRUE', '']) expect(matchesOne(term('b', v), { b: true }), v).toBe(false);
    expect(matchesOne(term('b', 'false'), { b: false })).toBe(true);
  });

  it('null and objects never match a value', () => {
    expect(matchesOne(term('k', 'null'), { k: null })).toBe(false);
    expect(matchesOne(term('k', ''), { k: null })).toBe(false);
    expect(matchesOne(term('k', '[object Object]'), { k: {} })).toBe(false);
  });

  it('has no nested paths', () => {
    expect(() => evaluateOnDocs({ nested: { path: 'a', query: { match_all: {} } } }, [])).toThrow(/nested/);
  });
});
