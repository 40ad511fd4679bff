/**
 * The guard's threat model (docs/security.md), aggregations:: each at the top level and nested as a
 * sub-aggregation several levels down.
 */
import { describe, expect, it } from 'vitest';
import { expectRefused, guardedBody, TOKEN_FIELDS } from './guard-helpers.js';

function placements(aggregation: Record<string, unknown>): [string, Record<string, unknown>, string][] {
  const [type] = Object.keys(aggregation) as [string];
  return [
    ['top level', { aggs: { x: aggregation } }, `/aggs/x/${type}`],
    ['under "aggregations"', { aggregations: { x: aggregation } }, `/aggregations/x/${type}`],
    ['inside terms › filter', { aggs: { t: { terms: { field: 'service' }, aggs: { f: { filter: { match_all: {} }, aggs: { x: aggregation } } } } } }, `/aggs/t/aggs/f/aggs/x/${type}`],
    ['inside nested › reverse_nested', { aggs: { n: { nested: { path: 'items' }, aggregations: { r: { reverse_nested: {}, aggs: { x: aggregation } } } } } }, `/aggs/n/aggregations/r/aggs/x/${type}`],
  ];
}

describe.each([
  ['global', { global: {} }, 'global-aggregation', ''],
  ['significant_terms', { significant_terms: { field: 'tenant' } }, 'significant-terms', ''],
  ['significant_terms with a background_filter', { significant_terms: { field: 'tenant', background_filter: { term: { tenant: 'globex' } } } }, 'significant-terms', ''],
  ['significant_text', { significant_text: { field: 'msg' } }, 'significant-terms', ''],
  ['terms with min_doc_count 0', { terms: { field: 'tenant', min_doc_count: 0 } }, 'min-doc-count-zero', '/min_doc_count'],
  ['terms with min_doc_count "0"', { terms: { field: 'tenant', min_doc_count: '0' } }, 'min-doc-count-zero', '/min_doc_count'],
  ['multi_terms with min_doc_count 0', { multi_terms: { terms: [{ field: 'a' }, { field: 'b' }], min_doc_count: 0 } }, 'min-doc-count-zero', '/min_doc_count'],
  ['children', { children: { type: 'answer' } }, 'join-aggregation', ''],
  ['parent', { parent: { type: 'answer' } }, 'join-aggregation', ''],
  ['scripted_metric', { scripted_metric: { map_script: 'x' } }, 'script', ''],
  ['bucket_script with a painless script', { bucket_script: { buckets_path: {}, script: 'x' } }, 'script', '/script'],
  ['bucket_selector with a painless script', { bucket_selector: { buckets_path: {}, script: { source: 'x', lang: 'painless' } } }, 'script', '/script'],
  ['bucket_script with a stored script', { bucket_script: { buckets_path: {}, script: { id: 'stored', lang: 'expression' } } }, 'script', '/script/id'],
  ['bucket_script without a language', { bucket_script: { buckets_path: {}, script: { source: 'a + b' } } }, 'script', '/script'],
  ['a terms script', { terms: { script: { source: 'x' } } }, 'script', '/script'],
  ['a composite source script', { composite: { sources: [{ s: { terms: { script: { source: 'x' } } } }] } }, 'script', '/sources/0/s/terms/script'],
  ['an unknown aggregation', { brand_new_agg: {} }, 'aggregation-type-not-allowed', ''],
  ['top_hits with explain', { top_hits: { explain: true } }, 'explain', '/explain'],
  ['top_hits with script_fields', { top_hits: { script_fields: { x: { script: 'x' } } } }, 'script', '/script_fields'],
  ['top_hits with a script sort', { top_hits: { sort: [{ _script: { script: 'x' } }] } }, 'script', '/sort/0/_script'],
])('%s is refused', (_name, aggregation, reason, inside) => {
  it.each(placements(aggregation))('%s', (_where, body, pointer) => {
    expectRefused({ body }, reason, { pointer: `${pointer}${inside}` });
  });
});

describe('aggregations inside the query scope are allowed', () => {
  it.each([
    ['sampler', { sampler: { shard_size: 10 }, aggs: { t: { terms: { field: 'service' } } } }],
    ['bucket_script with a Lucene expression (TSVB, Lens formulas)', { bucket_script: { buckets_path: { count: '_count' }, script: { source: 'count * k', lang: 'expression', params: { k: 1 } } } }],
    ['bucket_selector with a Lucene expression', { bucket_selector: { buckets_path: { count: '_count' }, script: { source: 'count > 1', lang: 'expression' } } }],
    ['diversified_sampler', { diversified_sampler: { field: 'service', shard_size: 10 } }],
    ['filter', { filter: { term: { level: 'error' } } }],
    ['filters', { filters: { filters: { a: { match_all: {} } }, other_bucket_key: 'rest' } }],
    ['composite', { composite: { sources: [{ s: { terms: { field: 'service', missing_bucket: true } } }], size: 10 } }],
    ['terms with min_doc_count 1', { terms: { field: 'service', min_doc_count: 1, order: { _count: 'desc' } } }],
    ['histogram with min_doc_count 1', { histogram: { field: 'code', interval: 100, min_doc_count: 1 } }],
    ['metrics', { stats: { field: 'code' } }],
    ['top_hits', { top_hits: { size: 1, sort: [{ code: 'desc' }], _source: ['msg'], highlight: { fields: { msg: {} } } } }],
    ['nested and reverse_nested', { nested: { path: 'items' }, aggs: { back: { reverse_nested: {}, aggs: { s: { terms: { field: 'service' } } } } } }],
    ['a pipeline', { date_histogram: { field: 'ts', calendar_interval: 'day', min_doc_count: 1 }, aggs: { c: { cumulative_sum: { buckets_path: '_count' } } } }],
  ])('%s', (_name, aggregation) => {
    expect(guardedBody({ aggs: { x: aggregation } })['aggs']).toEqual({ x: aggregation });
  });

  it('refuses aggregations nested deeper than the limit', () => {
    const deep = (levels: number): Record<string, unknown> =>
      levels === 0 ? { leaf: { avg: { field: 'code' } } } : { [`l${levels}`]: { terms: { field: 'service' }, aggs: deep(levels - 1) } };
    expect(() => guardedBody({ aggs: deep(4) })).not.toThrow();
    expectRefused({ body: { aggs: deep(5) } }, 'aggregations-too-deep', { pointer: '/aggs/l5/aggs/l4/aggs/l3/aggs/l2/aggs/l1/aggs' });
    expectRefused({ body: { aggs: deep(2) } }, 'aggregations-too-deep', { pointer: '/aggs/l2/aggs/l1/aggs' }, { fields: TOKEN_FIELDS, indices: ['logs-app'], limits: { maxAggregationDepth: 2 } });
  });
});
