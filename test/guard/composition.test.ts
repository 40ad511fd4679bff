/**
 * Composition: `{ bool: { filter: [TOKEN], must: [USER] } }`, never merged
 * into the user's bool; new objects, input untouched; prototype-safe keys.
 */
import { describe, expect, it } from 'vitest';
import { guardSearchRequest } from '../../src/index.js';
import type { AccessExpression } from '../../src/access/expression/expression.js';
import { guard, guardedBody, OPTIONS, TOKEN_QUERY, wrapped } from './guard-helpers.js';

describe('the user query goes whole into must, next to the token filter', () => {
  it('a user bool with should and minimum_should_match 0 cannot make the token optional', () => {
    const user = { bool: { should: [{ match_all: {} }], filter: [{ term: { tenant: 'globex' } }], minimum_should_match: 0 } };
    expect(guardedBody({ query: user })['query']).toEqual({ bool: { filter: [TOKEN_QUERY], must: [user] } });
  });

  it('a user query that imitates the wrapper with another filter is wrapped again', () => {
    const imitation = { bool: { filter: [{ match_all: {} }], must: [{ match_all: {} }] } };
    expect(guardedBody({ query: imitation })['query']).toEqual(wrapped(imitation));
  });

  it('uses the compiled expression, for OR tokens and for tokens that see nothing', () => {
    const or: AccessExpression = { kind: 'or', children: [{ kind: 'term', field: 'tenant', value: 'acme' }, { kind: 'term', field: 'service', value: 'api' }] };
    const body = guardSearchRequest({ query: { match_all: {} } }, or, OPTIONS).body as { query: { bool: { filter: unknown[] } } };
    expect(body.query.bool.filter).toEqual([
      { bool: { should: [{ term: { tenant: { value: 'acme' } } }, { term: { service: { value: 'api' } } }], minimum_should_match: 1 } },
    ]);
    const none = guardSearchRequest({}, { kind: 'none' }, OPTIONS).body as { query: unknown };
    expect(none.query).toEqual({ bool: { filter: [{ match_none: {} }], must: [{ match_all: {} }] } });
  });
});

describe('the input is never changed and the output shares nothing with it', () => {
  it('leaves a deeply frozen input intact', () => {
    const deepFreeze = <T>(value: T): T => {
      if (typeof value === 'object' && value !== null) {
        Object.values(value).forEach(deepFreeze);
        Object.freeze(value);
      }
      return value;
    };
    const request = deepFreeze({ path: '/logs-app/_search', params: { size: '1' }, body: { query: { bool: { must: [{ match: { msg: 'x' } }] } }, knn: { field: 'v', query_vector: [1], k: 1, num_candidates: 1 } } });
    const before = JSON.stringify(request);
    const guarded = guard(request);
    expect(JSON.stringify(request)).toBe(before);
    const body = guarded.body as { query: { bool: { must: unknown[] } } };
    expect(body.query.bool.must[0]).not.toBe(request.body.query);
    expect(guarded.params).not.toBe(request.params);
  });

  it('leaves a frozen input intact where the guard reuses its own copy (aggregation maps, meta, one-key sorts)', () => {
    const deepFreeze = <T>(value: T): T => {
      if (typeof value === 'object' && value !== null) {
        Object.values(value).forEach(deepFreeze);
        Object.freeze(value);
      }
      return value;
    };
    const aggs = JSON.parse('{"__proto__":{"max":{"field":"code"},"meta":{"k":[1]}},"a":{"terms":{"field":"s"},"aggs":{"b":{"avg":{"field":"code"}}}}}') as unknown;
    const request = deepFreeze({ path: '/logs-app/_search', body: { sort: [{ ts: 'desc' }], aggs } });
    const before = JSON.stringify(request);
    const body = guard(request).body as { sort: unknown[]; aggs: Record<string, unknown> };
    expect(JSON.stringify(request)).toBe(before);
    expect(body.sort[0]).not.toBe(request.body.sort[0]);
    expect(body.aggs).not.toBe(aggs);
    expect(Object.keys(body.aggs)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(body.aggs)).toBe(Object.prototype);
    expect(body.aggs).toEqual(JSON.parse(JSON.stringify(aggs)));
  });

  it('guards an _msearch body object passed twice as two searches, both whole (the copy is a tree)', () => {
    const search = { sort: [{ ts: 'desc' }], aggs: { a: { terms: { field: 's' }, meta: { k: 1 }, aggs: { b: { avg: { field: 'code' } } } } } };
    const text = guard({ path: '/logs-app/_msearch', body: [{}, search, {}, search] }).body as string;
    const lines = text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[1]).toEqual(lines[3]);
    expect(lines[3]?.['aggs']).toEqual(search.aggs);
    expect(search.aggs.a.aggs.b).toEqual({ avg: { field: 'code' } });
  });
});

describe('prototype-polluting keys are data, never prototypes', () => {
  it('a __proto__ key from JSON text is refused as an unknown body key, and Object.prototype is untouched', () => {
    expect(() => guard({ path: '/logs-app/_search', body: '{"__proto__":{"polluted":true}}' })).toThrow(/__proto__/);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('keeps __proto__ and constructor as field names inside clauses, as own properties', () => {
    const body = JSON.parse('{"query":{"term":{"__proto__":"x"}},"aggs":{"constructor":{"terms":{"field":"constructor"}}}}') as unknown;
    const guarded = guard({ path: '/logs-app/_search', body }).body as { query: { bool: { must: [{ term: object }] } }; aggs: object };
    const term = guarded.query.bool.must[0].term;
    expect(Object.getPrototypeOf(term)).toBe(Object.prototype);
    expect(Object.keys(term)).toEqual(['__proto__']);
    expect(JSON.stringify(guarded)).toContain('"term":{"__proto__":"x"}');
    expect(Object.keys(guarded.aggs)).toEqual(['constructor']);
  });

  it('does not find rules on Object.prototype: constructor and toString are unknown clause types', () => {
    for (const type of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      const body = JSON.parse(`{"query":{"${type}":{}}}`) as unknown;
      expect(() => guard({ path: '/logs-app/_search', body })).toThrow(expect.objectContaining({ reason: 'query-type-not-allowed' }));
    }
  });

  it('refuses getters, class instances and non-JSON values instead of reading them', () => {
    const getter = Object.defineProperty({}, 'query', { get: () => ({ match_all: {} }), enumerable: true });
    expect(() => guard({ path: '/logs-app/_search', body: getter })).toThrow(expect.objectContaining({ reason: 'body-not-json', context: expect.objectContaining({ pointer: '/query' }) }));
    expect(() => guard({ path: '/logs-app/_search', body: { size: new Date() } })).toThrow(expect.objectContaining({ reason: 'body-not-json' }));
    expect(() => guard({ path: '/logs-app/_search', body: { size: Number.NaN } })).toThrow(expect.objectContaining({ reason: 'body-not-json' }));
    expect(() => guard({ path: '/logs-app/_search', body: { size: undefined } })).toThrow(expect.objectContaining({ reason: 'body-not-json' }));
  });
});

describe('idempotence, by example', () => {
  it('guarding a guarded request returns an equal request', () => {
    const once = guard({ path: '/logs-app/_search', body: { query: { match: { msg: 'x' } }, knn: { field: 'v', query_vector: [1], k: 1, num_candidates: 1 } } });
    expect(guard(once)).toEqual(once);
    const msearch = guard({ path: '/_msearch', body: [{}, { query: { match_all: {} } }] });
    expect(guard(msearch)).toEqual(msearch);
  });
});
