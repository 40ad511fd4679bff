/**
 * Limits against abuse: each is a clear refusal, configurable, with defaults.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_GUARD_LIMITS } from '../../src/index.js';
import { expectRefused, guard, refusalOf, TOKEN_FIELDS } from './guard-helpers.js';

const options = (limits: Record<string, number>) => ({ fields: TOKEN_FIELDS, indices: ['logs-app'], limits });

describe('limits', () => {
  it('has documented defaults', () => {
    expect(DEFAULT_GUARD_LIMITS).toEqual({
      maxBodyBytes: 1048576,
      maxJsonDepth: 64,
      maxClauses: 1024,
      maxQueryDepth: 20,
      maxAggregationDepth: 5,
      maxAggregations: 100,
      maxSearches: 50,
      maxHistogramBuckets: 10000,
      maxAdjacencyMatrixFilters: 100,
      maxNestedBuckets: 65535,
      maxHistogramParentBuckets: 1024,
      maxIndexNames: 256,
      maxIndexNameBytes: 255,
    });
  });

  it('body size: object bodies and JSON text', () => {
    const big = { query: { terms: { tenant: Array.from({ length: 200 }, (_, i) => `value-${i}`) } } };
    expect(() => guard({ path: '/logs-app/_search', body: big }, options({ maxBodyBytes: 4000 }))).not.toThrow();
    expect(refusalOf({ path: '/logs-app/_search', body: big }, options({ maxBodyBytes: 1000 })).reason).toBe('body-too-large');
    expect(refusalOf({ path: '/logs-app/_search', body: JSON.stringify(big) }, options({ maxBodyBytes: 1000 })).reason).toBe('body-too-large');
    expect(refusalOf({ path: '/logs-app/_search', body: 'x'.repeat(2 * 1024 * 1024) }).reason).toBe('body-too-large');
  });

  it('JSON depth, whatever the keys', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100; i += 1) deep = { a: deep };
    expect(refusalOf({ path: '/logs-app/_search', body: { query: deep } }).reason).toBe('body-too-deep');
    expect(refusalOf({ path: '/logs-app/_search', body: JSON.stringify({ size: deep }) }).reason).toBe('body-too-deep');
  });

  it('query clause count and compound depth', () => {
    const many = { bool: { should: Array.from({ length: 30 }, () => ({ match_all: {} })) } };
    expect(refusalOf({ path: '/logs-app/_search', body: { query: many } }, options({ maxClauses: 20 })).reason).toBe('too-many-clauses');
    let nested: unknown = { match_all: {} };
    for (let i = 0; i < 25; i += 1) nested = { constant_score: { filter: nested } };
    const error = refusalOf({ path: '/logs-app/_search', body: { query: nested } });
    expect(error.reason).toBe('query-too-deep');
    expect(error.context['limit']).toBe(20);
  });

  it('clauses count across every place of a search, not per place', () => {
    const clause = { bool: { should: Array.from({ length: 6 }, () => ({ match_all: {} })) } };
    expect(() => guard({ path: '/logs-app/_search', body: { query: clause } }, options({ maxClauses: 10 }))).not.toThrow();
    expectRefused({ path: '/logs-app/_search', body: { query: clause, post_filter: clause } }, 'too-many-clauses', { pointer: '/query/bool/should/2/match_all' }, options({ maxClauses: 10 }));
  });

  it('adjacency_matrix filters: n filters make up to n(n+1)/2 buckets, so at most maxAdjacencyMatrixFilters (100, OpenSearch\'s index default)', () => {
    const matrix = (n: number) => ({ size: 0, aggs: { m: { adjacency_matrix: { filters: Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, { term: { code: i } }])) } } } });
    expect(() => guard({ path: '/logs-app/_search', body: matrix(100) })).not.toThrow();
    expectRefused({ path: '/logs-app/_search', body: matrix(101) }, 'too-many-buckets', { pointer: '/aggs/m/adjacency_matrix/filters' });
    expect(refusalOf({ path: '/logs-app/_search', body: matrix(101) }).context['limit']).toBe(100);
    expect(() => guard({ path: '/logs-app/_search', body: matrix(3) }, options({ maxAdjacencyMatrixFilters: 3 }))).not.toThrow();
    expect(refusalOf({ path: '/logs-app/_search', body: matrix(4) }, options({ maxAdjacencyMatrixFilters: 3 })).reason).toBe('too-many-buckets');
    // Counted before the filters are walked: 101 filters refused for their count, not for the clause limit.
    expect(refusalOf({ path: '/logs-app/_search', body: matrix(2000) }).reason).toBe('too-many-buckets');
  });

  it('adjacency_matrix nested in adjacency_matrix: the product of their buckets at most 65,535 (search.max_buckets), at any depth and key order', () => {
    const filters = (n: number, prefix: string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, { term: { code: i } }]));
    const nested = (outer: number, inner: number, aggsFirst = false) => {
      const child = { inner: { adjacency_matrix: { filters: filters(inner, 'g') } } };
      const parent = aggsFirst ? { aggs: child, adjacency_matrix: { filters: filters(outer, 'f') } } : { adjacency_matrix: { filters: filters(outer, 'f') }, aggs: child };
      return { size: 0, aggs: { outer: parent } };
    };
    // 100 under 100 (5,050 x 5,050 buckets) ran the OpenSearch node out of memory.
    expectRefused({ path: '/logs-app/_search', body: nested(100, 100) }, 'too-many-buckets', { pointer: '/aggs/outer/aggs/inner/adjacency_matrix' });
    expectRefused({ path: '/logs-app/_search', body: nested(100, 100, true) }, 'too-many-buckets', { pointer: '/aggs/outer/aggs/inner/adjacency_matrix' });
    // 3 outer filters make 6 buckets: 6 x 5,050 = 30,300 stays under; 5 make 15: 75,750 does not.
    expect(() => guard({ path: '/logs-app/_search', body: nested(3, 100) })).not.toThrow();
    expect(refusalOf({ path: '/logs-app/_search', body: nested(5, 100) }).reason).toBe('too-many-buckets');
    // Through a bucket aggregation in between, and siblings do not multiply.
    const through = { size: 0, aggs: { outer: { adjacency_matrix: { filters: filters(100, 'f') }, aggs: { t: { terms: { field: 'service' }, aggs: { inner: { adjacency_matrix: { filters: filters(100, 'g') } } } } } } } };
    expect(refusalOf({ path: '/logs-app/_search', body: through }).reason).toBe('too-many-buckets');
    const siblings = { size: 0, aggs: { a: { adjacency_matrix: { filters: filters(100, 'f') } }, b: { adjacency_matrix: { filters: filters(100, 'g') } } } };
    expect(() => guard({ path: '/logs-app/_search', body: siblings })).not.toThrow();
  });

  it('adjacency_matrix under any bucket aggregation: its buckets times theirs at most maxNestedBuckets (65,535)', () => {
    const filters = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, { term: { code: i } }]));
    const under = (parent: Record<string, unknown>, n: number) => ({ size: 0, aggs: { t: { ...parent, aggs: { m: { adjacency_matrix: { filters: filters(n) } } } } } });
    const at = '/aggs/t/aggs/m/adjacency_matrix';
    // 30 filters (465 buckets) under terms of 20,000 buckets kept the OpenSearch node busy for minutes.
    expectRefused({ path: '/logs-app/_search', body: under({ terms: { field: 'service', size: 20_000 } }, 30) }, 'too-many-buckets', { pointer: at });
    // terms of size 10 keeps 25 buckets per shard: 71 filters (2,556 buckets) fit, 72 (2,628) do not.
    expect(() => guard({ path: '/logs-app/_search', body: under({ terms: { field: 'service' } }, 71) })).not.toThrow();
    expect(refusalOf({ path: '/logs-app/_search', body: under({ terms: { field: 'service' } }, 72) }).context).toMatchObject({ pointer: at, limit: 65_535 });
    // Under a histogram whose buckets the data decides, no bound holds; a single-bucket parent counts 1.
    expectRefused({ path: '/logs-app/_search', body: under({ date_histogram: { field: 'ts', fixed_interval: '1h', min_doc_count: 1 } }, 1) }, 'too-many-buckets', { pointer: at });
    expect(() => guard({ path: '/logs-app/_search', body: under({ filter: { match_all: {} } }, 100) })).not.toThrow();
    // The limit is configurable.
    expect(refusalOf({ path: '/logs-app/_search', body: under({ terms: { field: 'service' } }, 10) }, options({ maxNestedBuckets: 1000 })).reason).toBe('too-many-buckets');
    expect(() => guard({ path: '/logs-app/_search', body: under({ terms: { field: 'service' } }, 10) }, options({ maxNestedBuckets: 1375 }))).not.toThrow();
  });

  it('aggregation count and _msearch size', () => {
    const aggs = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`a${i}`, { avg: { field: 'code' } }]));
    expect(refusalOf({ path: '/logs-app/_search', body: { aggs } }, options({ maxAggregations: 4 })).reason).toBe('too-many-aggregations');
    expect(refusalOf({ path: '/_msearch', body: [{}, {}, {}, {}, {}, {}] }, options({ maxSearches: 2 })).reason).toBe('too-many-searches');
  });
});
