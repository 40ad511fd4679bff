/**
 * `bool` as BoolQueryBuilder + Lucene's BooleanQuery answer it: an empty
 * bool is match_all, should-only needs one should, should next to
 * must/filter is optional unless minimum_should_match says otherwise, and
 * minimum_should_match follows `Queries.calculateMinShouldMatch`.
 */
import { describe, expect, it } from 'vitest';
import { ReferenceQueryError, UnsupportedQueryError, evaluateOnDocs } from '../support/reference-evaluator.js';
import { term } from './helpers.js';

// Documents a..d hold the letters of their tags; schemaless rules.
const docs = [
  { _id: 'a', _source: { tag: ['x'] } },
  { _id: 'b', _source: { tag: ['x', 'y'] } },
  { _id: 'c', _source: { tag: ['y', 'z'] } },
  { _id: 'd', _source: { other: 1 } },
];
const ids = (query: unknown): string[] => [...evaluateOnDocs(query, docs)].sort();
const x = term('tag', 'x');
const y = term('tag', 'y');
const z = term('tag', 'z');

describe('bool', () => {
  it('an empty bool, or one with only empty lists, matches everything', () => {
    expect(ids({ bool: {} })).toEqual(['a', 'b', 'c', 'd']);
    expect(ids({ bool: { must: [], filter: [], should: [], must_not: [] } })).toEqual(['a', 'b', 'c', 'd']);
    // minimum_should_match is never applied to a clause-less bool
    expect(ids({ bool: { minimum_should_match: 1 } })).toEqual(['a', 'b', 'c', 'd']);
  });

  it('filter and must are AND', () => {
    expect(ids({ bool: { filter: [x, y] } })).toEqual(['b']);
    expect(ids({ bool: { must: x, filter: y } })).toEqual(['b']);
  });

  it('should alone needs at least one clause (minimum_should_match defaults to 1)', () => {
    expect(ids({ bool: { should: [x, z] } })).toEqual(['a', 'b', 'c']);
    expect(ids({ bool: { should: [x, z], minimum_should_match: 0 } })).toEqual(['a', 'b', 'c']);
  });

  it('should next to filter is optional (default 0), so bool{filter:[A], should:[B]} is A', () => {
    expect(ids({ bool: { filter: [y], should: [x] } })).toEqual(['b', 'c']);
    expect(ids({ bool: { filter: [y], should: [x], minimum_should_match: 1 } })).toEqual(['b']);
  });

  it('should with must_not only still needs one should', () => {
    expect(ids({ bool: { should: [x, y], must_not: [z] } })).toEqual(['a', 'b']);
  });

  it('must_not alone is the complement (adjust_pure_negative), or nothing without it', () => {
    expect(ids({ bool: { must_not: [x] } })).toEqual(['c', 'd']);
    expect(ids({ bool: { must_not: [x], adjust_pure_negative: false } })).toEqual([]);
    // the rebuild for a pure negative query drops minimum_should_match
    expect(ids({ bool: { must_not: [x], minimum_should_match: 2 } })).toEqual(['c', 'd']);
  });

  it('minimum_should_match as a count, a string, a percentage, a negative', () => {
    const should = [x, y, z];
    expect(ids({ bool: { should, minimum_should_match: 2 } })).toEqual(['b', 'c']);
    expect(ids({ bool: { should, minimum_should_match: '2' } })).toEqual(['b', 'c']);
    expect(ids({ bool: { should, minimum_should_match: ' 2 ' } })).toEqual(['b', 'c']);
    // 3 × 66% = 1.98 → 1
    expect(ids({ bool: { should, minimum_should_match: '66%' } })).toEqual(['a', 'b', 'c']);
    expect(ids({ bool: { should, minimum_should_match: '67%' } })).toEqual(['b', 'c']);
    // -1 of 3 → 2
    expect(ids({ bool: { should, minimum_should_match: -1 } })).toEqual(['b', 'c']);
    // -34% of 3: 3 + (int)(-1.02) = 2
    expect(ids({ bool: { should, minimum_should_match: '-34%' } })).toEqual(['b', 'c']);
  });

  it('minimum_should_match above the number of should clauses matches nothing', () => {
    expect(ids({ bool: { should: [x, y], minimum_should_match: 3 } })).toEqual([]);
    expect(ids({ bool: { filter: [x], minimum_should_match: 1 } })).toEqual([]);
  });

  it('a malformed minimum_should_match is refused, a conditional one is not modelled', () => {
    expect(() => ids({ bool: { should: [x], minimum_should_match: '1.5' } })).toThrow(ReferenceQueryError);
    expect(() => ids({ bool: { should: [x], minimum_should_match: 1.5 } })).toThrow(ReferenceQueryError);
    expect(() => ids({ bool: { should: [x], minimum_should_match: '2<75%' } })).toThrow(UnsupportedQueryError);
  });

  it('a clause error anywhere fails the whole query', () => {
    expect(() => evaluateOnDocs({ bool: { should: [x, { term: { n: 'abc' } }] } }, docs, { n: { type: 'long' }, tag: { type: 'keyword' } })).toThrow(
      ReferenceQueryError,
    );
  });

  it('unknown bool keys are not modelled', () => {
    expect(() => ids({ bool: { must: x, maybe: y } })).toThrow(UnsupportedQueryError);
  });
});
