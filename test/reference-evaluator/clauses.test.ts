/**
 * The leaf and compound clauses besides term and bool: what each matches,
 * and that anything not modelled is refused rather than guessed.
 */
import { describe, expect, it } from 'vitest';
import type { FieldTypes } from '../../src/access/mapping/field-types.js';
import { ReferenceQueryError, UnsupportedQueryError, evaluateOnDocs } from '../support/reference-evaluator.js';
import { expectShardError, matchesOne, term } from './helpers.js';

const fields: FieldTypes = {
  host: { type: 'keyword' },
  status: { type: 'long' },
  size: { type: 'integer' },
  ratio: { type: 'double' },
  at: { type: 'date' },
  ip: { type: 'ip' },
  ok: { type: 'boolean' },
  msg: { type: 'text' },
};
const docs = [
  { _id: '1', _source: { host: 'alpha', status: 200, size: 10, ratio: -0.5, at: '2020-01-01T00:00:00Z', ip: '10.0.0.1', ok: true, msg: 'Disk full on alpha' } },
  { _id: '2', _source: { host: 'beta', status: 404, size: 20, ratio: 0, at: '2020-01-02T12:00:00Z', ip: '10.0.0.2', ok: false, msg: 'User not found' } },
  { _id: '3', _source: { host: ['gamma', 'alpha2'], status: 500, size: 30, ratio: 0.5, at: '2020-01-03', ip: '::1', msg: 'disk error' } },
  { _id: '4', _source: { other: true } },
];
const ids = (query: unknown): string[] => [...evaluateOnDocs(query, docs, fields)].sort();

describe('terms', () => {
  it('is an OR of terms, parsed per field type', () => {
    expect(ids({ terms: { host: ['alpha', 'gamma'] } })).toEqual(['1', '3']);
    expect(ids({ terms: { status: ['200', 404.0, '5e2'] } })).toEqual(['1', '2', '3']);
    expect(ids({ terms: { status: [] } })).toEqual([]);
  });
  it('drops fractional integers but still fails on unparseable ones', () => {
    expect(ids({ terms: { status: ['200.5', '404'] } })).toEqual(['2']);
    expectShardError({ terms: { status: ['404', 'x'] } }, {}, fields);
  });
  it('refuses a terms lookup', () => {
    expect(() => ids({ terms: { host: { index: 'i', id: '1', path: 'p' } } })).toThrow(UnsupportedQueryError);
  });
});

describe('range', () => {
  it('on whole numbers, with decimal bounds rounded the way the engine does', () => {
    expect(ids({ range: { status: { gte: 200, lt: 500 } } })).toEqual(['1', '2']);
    expect(ids({ range: { status: { gt: '199.5', lte: '404.9' } } })).toEqual(['1', '2']);
    expect(ids({ range: { status: { gt: '200' } } })).toEqual(['2', '3']);
    expect(ids({ range: { size: { gte: '-1.5', lte: '19.9' } } })).toEqual(['1']);
    expect(ids({ range: { status: { from: 200, to: 404, include_upper: false } } })).toEqual(['1']);
  });
  it('on doubles, where -0 sorts before +0', () => {
    expect(ids({ range: { ratio: { gte: 0 } } })).toEqual(['2', '3']);
    expect(ids({ range: { ratio: { gt: '-0' } } })).toEqual(['2', '3']);
    expect(ids({ range: { ratio: { lt: 0 } } })).toEqual(['1']);
  });
  it('on dates, with gt/lte rounding up and gte/lt rounding down', () => {
    expect(ids({ range: { at: { gte: '2020-01-02', lte: '2020-01-02' } } })).toEqual(['2']);
    expect(ids({ range: { at: { gt: '2020-01-01' } } })).toEqual(['2', '3']);
    expect(ids({ range: { at: { lt: '2020-01-02' } } })).toEqual(['1']);
  });
  it('on keywords in UTF-8 order, on ips, on booleans', () => {
    expect(ids({ range: { host: { gte: 'alpha', lt: 'b' } } })).toEqual(['1', '3']);
    expect(ids({ range: { ip: { gte: '10.0.0.0', lte: '10.0.0.1' } } })).toEqual(['1']);
    expect(ids({ range: { ok: { gt: 'false' } } })).toEqual(['1']);
  });
  it('on an unmapped field matches nothing; unmodelled parameters are refused', () => {
    expect(ids({ range: { nope: { gte: 1 } } })).toEqual([]);
    expect(() => ids({ range: { at: { gte: '2020', time_zone: '+01:00' } } })).toThrow(UnsupportedQueryError);
  });
});

describe('prefix, match, exists, ids', () => {
  it('prefix on keywords and _id; an error on numbers', () => {
    expect(ids({ prefix: { host: 'alp' } })).toEqual(['1', '3']);
    expect(ids({ prefix: { host: { value: 'gam' } } })).toEqual(['3']);
    expect(ids({ prefix: { _id: '1' } })).toEqual(['1']);
    expectShardError({ prefix: { status: '2' } }, {}, fields);
  });
  it('match is exact on keywords and analyzed on text', () => {
    expect(ids({ match: { host: 'alpha' } })).toEqual(['1']);
    expect(ids({ match: { msg: 'DISK alpha' } })).toEqual(['1', '3']);
    expect(ids({ match: { msg: { query: 'DISK alpha', operator: 'and' } } })).toEqual(['1']);
    expect(ids({ match: { msg: '!!' } })).toEqual([]);
    expect(ids({ match: { status: '404' } })).toEqual(['2']);
    expect(ids({ match: { status: { query: 'x', lenient: true } } })).toEqual([]);
    expect(() => ids({ match: { status: 'x' } })).toThrow(ReferenceQueryError);
  });
  it('exists needs an indexed value; on an object path any field below counts', () => {
    expect(ids({ exists: { field: 'ok' } })).toEqual(['1', '2']);
    const nested: FieldTypes = { 'a.b': { type: 'keyword' }, 'a.c': { type: 'long' } };
    expect(matchesOne({ exists: { field: 'a' } }, { a: { c: 1 } }, nested)).toBe(true);
    expect(matchesOne({ exists: { field: 'a' } }, { a: { d: 1 } }, nested)).toBe(false);
  });
  it('ids matches _id values', () => {
    expect(ids({ ids: { values: ['2', '4', 'nope'] } })).toEqual(['2', '4']);
    expect(ids(term('_id', '3'))).toEqual(['3']);
  });
});

describe('compound wrappers', () => {
  it('constant_score is its filter, dis_max a union, boosting its positive query', () => {
    expect(ids({ constant_score: { filter: term('host', 'beta'), boost: 2 } })).toEqual(['2']);
    expect(ids({ dis_max: { queries: [term('host', 'beta'), term('status', '500')], tie_breaker: 0.3 } })).toEqual(['2', '3']);
    expect(ids({ boosting: { positive: { match_all: {} }, negative: term('host', 'beta'), negative_boost: 0.1 } })).toEqual(['1', '2', '3', '4']);
  });
  it('boosting still fails on an invalid negative query', () => {
    expect(() => ids({ boosting: { positive: { match_all: {} }, negative: term('status', 'x'), negative_boost: 0.1 } })).toThrow(ReferenceQueryError);
  });
  it('match_all and match_none', () => {
    expect(ids({ match_all: {} })).toEqual(['1', '2', '3', '4']);
    expect(ids({ match_none: {} })).toEqual([]);
  });
});

describe('refusals', () => {
  it('throws UnsupportedQueryError for clauses and parameters it does not model', () => {
    for (const q of [
      { wildcard: { host: 'a*' } },
      { query_string: { query: 'alpha' } },
      { script: { script: 'true' } },
      { term: { host: { value: 'alpha', case_insensitive: true } } },
      { match: { msg: { query: 'disk', fuzziness: 1 } } },
    ]) {
      expect(() => ids(q), JSON.stringify(q)).toThrow(UnsupportedQueryError);
    }
  });
  it('throws ReferenceQueryError (parsing) for malformed DSL', () => {
    for (const q of [{}, { term: {} }, { term: { a: 'x', b: 'y' } }, { term: { host: null } }, { term: { host: ['a'] } }, { match_all: {}, match_none: {} }, 'match_all', { dis_max: { queries: [] } }]) {
      let error: unknown;
      try {
        ids(q);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(q)).toBeInstanceOf(ReferenceQueryError);
      expect((error as ReferenceQueryError).kind).toBe('parsing');
    }
  });
  it('points at the offending value', () => {
    try {
      ids({ bool: { filter: [{ match_all: {} }, { term: { status: 'x' } }] } });
      expect.unreachable();
    } catch (e) {
      expect((e as ReferenceQueryError).pointer).toBe('/bool/filter/1/term/status');
    }
  });
  it('a field type it does not model makes queries on that field unsupported, not others', () => {
    const geo: FieldTypes = { loc: { type: 'unsupported', mappedType: 'geo_point' }, host: { type: 'keyword' } };
    expect(() => evaluateOnDocs(term('loc', 'x'), [], geo)).toThrow(UnsupportedQueryError);
    expect(evaluateOnDocs(term('host', 'x'), [{ _id: '1', _source: { host: 'x', loc: [1, 2] } }], geo).has('1')).toBe(true);
  });
});
