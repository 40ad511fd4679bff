/**
 * fast-check arbitraries for the guard's tests: documents of a tiny log
 * index, token expressions over it, and untrusted search requests drawn from
 * the whole grammar the guard allows (nested bools, every allowed clause
 * type, aggregations with sub-aggregations, post_filter, rescore, highlight,
 * collapse, top-level knn, `_count`, `_msearch`), plus the dangerous shapes it
 * must refuse, for mixing in.
 */
import fc from 'fast-check';
import { compileAccess } from '../../src/access/plan/compile-access.js';
import type { AccessExpression, FilterTerm } from '../../src/access/expression/expression.js';
import type { FieldTypes } from '../../src/access/mapping/field-types.js';
import type { EvalDoc } from './search-evaluator.js';

/** The indices of the test cluster the token may read. */
export const TOKEN_INDICES = ['logs-app', 'logs-web-*'] as const;

/** The mapping of the test index: `items` is a nested object (nested queries need the mapping). */
export const TEST_FIELDS: FieldTypes = {
  tenant: { type: 'keyword' },
  service: { type: 'keyword' },
  level: { type: 'keyword' },
  code: { type: 'long' },
  msg: { type: 'text', keywordSubfield: 'msg.keyword' },
  'msg.keyword': { type: 'keyword', sourcePaths: ['msg'] },
  'items.sku': { type: 'keyword', nestedPaths: ['items'] },
  'items.qty': { type: 'long', nestedPaths: ['items'] },
  tags: { type: 'keyword' },
};

const TENANTS = ['acme', 'globex', 'initech'] as const;
const SERVICES = ['api', 'web', 'db'] as const;
const LEVELS = ['info', 'warn', 'error'] as const;
const SKUS = ['A-1', 'B-2', 'C-3'] as const;
const KEYWORD_FIELDS = ['tenant', 'service', 'level'] as const;
const ALL_FIELDS = ['tenant', 'service', 'level', 'code', 'msg', 'items.sku', 'items.qty', 'tags', 'missing.field'] as const;

const valueOf = (field: string): fc.Arbitrary<string> =>
  fc.constantFrom(...(field === 'tenant' ? TENANTS : field === 'service' ? SERVICES : field === 'level' ? LEVELS : SKUS));

/** One log document; `tenant` and `service` are sometimes arrays, sometimes missing. */
export const sourceArbitrary: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    tenant: fc.oneof(fc.constantFrom(...TENANTS), fc.array(fc.constantFrom(...TENANTS), { minLength: 1, maxLength: 2 })),
    service: fc.oneof(fc.constantFrom(...SERVICES), fc.array(fc.constantFrom(...SERVICES), { maxLength: 2 })),
    level: fc.constantFrom(...LEVELS),
    code: fc.integer({ min: 100, max: 599 }),
    msg: fc.constantFrom('timeout', 'ok', 'disk full', 'retry later'),
    items: fc.array(fc.record({ sku: fc.constantFrom(...SKUS), qty: fc.integer({ min: 0, max: 5 }) }), { maxLength: 3 }),
    tags: fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

/** A small index: up to 12 documents with ids `d0`, `d1`, ... */
export const docsArbitrary: fc.Arbitrary<EvalDoc[]> = fc
  .array(sourceArbitrary, { maxLength: 12 })
  .map((sources) => sources.map((_source, i) => ({ _id: `d${i}`, _source })));

const filterArbitrary: fc.Arbitrary<FilterTerm> = fc
  .constantFrom(...KEYWORD_FIELDS)
  .chain((field) => valueOf(field).map((value) => ({ field, value })));

/** A token's access expression, built the way the service builds it: from filters and an operator. */
export const expressionArbitrary: fc.Arbitrary<AccessExpression> = fc
  .tuple(fc.array(filterArbitrary, { maxLength: 3 }), fc.constantFrom('AND' as const, 'OR' as const))
  .map(([filters, operator]) => compileAccess(filters, operator));

const field = fc.constantFrom(...ALL_FIELDS);
const keywordField = fc.constantFrom(...KEYWORD_FIELDS);

type Q = Record<string, unknown>;

const leafQuery: fc.Arbitrary<Q> = fc.oneof(
  keywordField.chain((f) => valueOf(f).map((v) => ({ term: { [f]: v } }))),
  keywordField.chain((f) => valueOf(f).map((v) => ({ term: { [f]: { value: v, boost: 2 } } }))),
  keywordField.chain((f) => fc.array(valueOf(f), { minLength: 1, maxLength: 3 }).map((vs) => ({ terms: { [f]: vs } }))),
  fc.integer({ min: 100, max: 599 }).map((n) => ({ range: { code: { gte: n } } })),
  fc.constantFrom('a', 'w', 'd').map((p) => ({ prefix: { service: p } })),
  field.map((f) => ({ exists: { field: f } })),
  fc.array(fc.constantFrom('d0', 'd1', 'd2', 'd3'), { maxLength: 3 }).map((values) => ({ ids: { values } })),
  fc.constant({ match_all: {} }),
  fc.constant({ match_none: {} }),
  fc.constantFrom('timeout', 'disk').map((t) => ({ match: { msg: t } })),
  fc.constantFrom('time*', '?k').map((t) => ({ wildcard: { msg: { value: t } } })),
  fc.constant({ regexp: { service: 'a.*' } }),
  fc.constant({ prefix: { service: { value: 'ap', rewrite: 'constant_score' } } }),
  fc.constantFrom('msg:timeout', 'tenant:acme OR *', '_index:other').map((q) => ({ query_string: { query: q, default_field: '*' } })),
  fc.constant({ simple_query_string: { query: 'disk | ok', fields: ['msg'] } }),
  fc.constant({ multi_match: { query: 'acme', fields: ['tenant', 'msg^2'] } }),
  fc.constant({ match_phrase: { msg: 'disk full' } }),
  fc.constant({ combined_fields: { query: 'ok', fields: ['msg'] } }),
  fc.constant({ match_bool_prefix: { msg: 'disk fu' } }),
  fc.constant({ percolate: { field: 'query', document: { msg: 'timeout' } } }),
  fc.constant({ intervals: { msg: { match: { query: 'disk full' } } } }),
  fc.constant({ span_term: { msg: 'disk' } }),
  fc.constant({ terms_set: { tags: { terms: ['a', 'b'], minimum_should_match_field: 'code' } } }),
  fc.constant({ geo_distance: { distance: '10km', location: { lat: 1, lon: 2 } } }),
  fc.constant({ distance_feature: { field: 'ts', origin: 'now', pivot: '1d' } }),
);

/** A query clause from the whole allowed grammar, with compound clauses nested a few levels. */
export const queryArbitrary: fc.Arbitrary<Q> = fc.letrec<{ query: Q }>((tie) => {
  const sub = tie('query');
  const oneOrList = fc.oneof(sub, fc.array(sub, { maxLength: 3 }));
  return {
    query: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leafQuery,
      fc
        .record({ must: oneOrList, filter: oneOrList, should: oneOrList, must_not: oneOrList, minimum_should_match: fc.constantFrom(0, 1, '50%') }, { requiredKeys: [] })
        .map((bool) => ({ bool })),
      sub.map((filter) => ({ constant_score: { filter, boost: 1.5 } })),
      fc.array(sub, { minLength: 1, maxLength: 3 }).map((queries) => ({ dis_max: { queries, tie_breaker: 0.3 } })),
      fc.tuple(sub, sub).map(([positive, negative]) => ({ boosting: { positive, negative, negative_boost: 0.5 } })),
      sub.map((query) => ({ nested: { path: 'items', query, score_mode: 'avg', inner_hits: { size: 2, _source: false } } })),
      fc.tuple(sub, sub).map(([query, filter]) => ({ function_score: { query, functions: [{ filter, weight: 2 }, { random_score: {} }], boost_mode: 'sum' } })),
      sub.map((organic) => ({ pinned: { ids: ['d1'], organic } })),
      fc.option(sub, { nil: undefined }).map((filter) => ({ knn: { field: 'vec', query_vector: [0.1, 0.2], k: 3, num_candidates: 10, ...(filter ? { filter } : {}) } })),
      // Looks like the guard's own wrapper, with another filter: must be wrapped again, not trusted.
      sub.map((q) => ({ bool: { filter: [{ match_all: {} }], must: [q] } })),
      fc.tuple(sub, sub).map(([a, b]) => ({ bool: { should: [a, b], minimum_should_match: 0 } })),
    ),
  };
}).query;

type A = Record<string, unknown>;

const metricAggregation: fc.Arbitrary<A> = fc.oneof(
  fc.constantFrom('avg', 'sum', 'min', 'max', 'value_count', 'cardinality', 'stats', 'extended_stats', 'percentiles', 'median_absolute_deviation').chain((type) =>
    fc.constantFrom('code', 'items.qty').map((f) => ({ [type]: { field: f } })),
  ),
  fc.record({ size: fc.integer({ min: 1, max: 3 }), sort: fc.constant([{ code: { order: 'desc' } }]), _source: fc.constantFrom(true, ['tenant']) }).map((topHits) => ({ top_hits: topHits })),
  fc.constant({ top_metrics: { metrics: { field: 'code' }, sort: { code: 'asc' } } }),
  fc.constant({ weighted_avg: { value: { field: 'code' }, weight: { field: 'items.qty', missing: 1 } } }),
);

/** Aggregations with sub-aggregations, every allowed bucket type, up to three levels. */
export const aggregationsArbitrary: fc.Arbitrary<A> = fc.letrec<{ aggs: A; agg: A }>((tie) => {
  const subAggs = fc.option(tie('aggs'), { nil: undefined, depthSize: 'small' });
  const bucket: fc.Arbitrary<A> = fc.oneof(
    fc.record({ field: keywordField, size: fc.integer({ min: 1, max: 5 }), min_doc_count: fc.constantFrom(1, 2, '1'), missing: fc.constant('n/a') }, { requiredKeys: ['field'] }).map((terms) => ({ terms })),
    fc.constant({ multi_terms: { terms: [{ field: 'tenant' }, { field: 'service' }], min_doc_count: 1 } }),
    keywordField.map((f) => ({ rare_terms: { field: f, max_doc_count: 2 } })),
    fc.constant({ histogram: { field: 'code', interval: 100, min_doc_count: 0, extended_bounds: { min: 0, max: 600 } } }),
    fc.constant({ range: { field: 'code', ranges: [{ to: 300 }, { from: 300, to: 500 }, { from: 500 }] } }),
    queryArbitrary.map((filter) => ({ filter })),
    fc.tuple(queryArbitrary, queryArbitrary, fc.boolean()).map(([a, b, other]) => ({ filters: { filters: { a, b }, other_bucket: other } })),
    fc.tuple(queryArbitrary, queryArbitrary).map(([a, b]) => ({ filters: { filters: [a, b] } })),
    fc.tuple(queryArbitrary, queryArbitrary).map(([a, b]) => ({ adjacency_matrix: { filters: { a, b } } })),
    fc.constant({ composite: { size: 10, sources: [{ t: { terms: { field: 'tenant' } } }, { c: { histogram: { field: 'code', interval: 100, missing_bucket: true } } }] } }),
    fc.constant({ nested: { path: 'items' } }),
    fc.constant({ reverse_nested: {} }),
    fc.constant({ sampler: { shard_size: 5 } }),
    fc.constant({ diversified_sampler: { field: 'service', shard_size: 5 } }),
    field.map((f) => ({ missing: { field: f } })),
  );
  return {
    agg: fc.oneof(
      fc.tuple(bucket, subAggs).map(([b, aggs]) => (aggs === undefined ? b : { ...b, aggs })),
      metricAggregation,
      fc.constant({ avg_bucket: { buckets_path: 'x>_count' } }),
    ),
    aggs: fc.dictionary(fc.constantFrom('a', 'b', 'by_x', 'n-1'), tie('agg'), { minKeys: 1, maxKeys: 3 }),
  };
}).aggs;

const highlightArbitrary = fc.record(
  {
    fields: fc.oneof(
      fc.option(queryArbitrary, { nil: undefined }).map((hq) => ({ msg: hq ? { highlight_query: hq, number_of_fragments: 1 } : {} })),
      fc.constant([{ msg: {} }, { 'tenant*': { type: 'plain' } }]),
    ),
    highlight_query: queryArbitrary,
    pre_tags: fc.constant(['<b>']),
  },
  { requiredKeys: ['fields'] },
);

/** A `_search` body from the allowed grammar. */
export const searchBodyArbitrary: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    query: queryArbitrary,
    post_filter: queryArbitrary,
    aggs: aggregationsArbitrary,
    size: fc.integer({ min: 0, max: 20 }),
    from: fc.integer({ min: 0, max: 5 }),
    sort: fc.constantFrom('code', ['_score', { code: 'desc' }], [{ 'items.qty': { order: 'asc', nested: { path: 'items', filter: { term: { 'items.sku': 'A-1' } } } } }]),
    _source: fc.constantFrom(true, false, ['tenant', 'msg'], { excludes: ['items'] }),
    track_total_hits: fc.constantFrom(true, 100),
    highlight: highlightArbitrary,
    rescore: fc.array(queryArbitrary.map((rq) => ({ window_size: 10, query: { rescore_query: rq, query_weight: 0.7 } })), { minLength: 1, maxLength: 2 }),
    collapse: fc.constant({ field: 'service', inner_hits: { name: 'latest', size: 2, sort: [{ code: 'desc' }] } }),
    knn: fc.option(queryArbitrary, { nil: undefined }).map((filter) => ({ field: 'vec', query_vector: [1, 0], k: 2, num_candidates: 5, ...(filter ? { filter } : {}) })),
    min_score: fc.constant(0.5),
    explain: fc.constant(false),
    profile: fc.constant(false),
  },
  { requiredKeys: [] },
);

const paramsArbitrary = fc.record(
  {
    size: fc.constantFrom('10', 5),
    from: fc.constant('0'),
    track_total_hits: fc.constant('true'),
    typed_keys: fc.constant(true),
    expand_wildcards: fc.constant('open'),
    ignore_unavailable: fc.constant('true'),
  },
  { requiredKeys: [] },
);

const searchPath = fc.constantFrom('/_search', '/logs-app/_search', '/logs-web-*/_search', '/logs-app,logs-web-2024/_search', '/logs-web-%2A/_search');

/** A whole request (or a bare body) to `_search`, `_count` or `_msearch`. */
export const requestArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.record({ method: fc.constantFrom('GET', 'POST', 'post'), path: searchPath, params: paramsArbitrary, body: searchBodyArbitrary }), weight: 5 },
  { arbitrary: searchBodyArbitrary, weight: 2 },
  {
    arbitrary: fc.record({ path: fc.constantFrom('/_count', '/logs-app/_count'), body: fc.record({ query: queryArbitrary }, { requiredKeys: [] }) }),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('/_msearch', '/logs-app/_msearch'),
        fc.array(fc.tuple(fc.record({ index: fc.constantFrom('logs-app', 'logs-web-1', ['logs-app', 'logs-web-*']), preference: fc.constant('x') }, { requiredKeys: [] }), searchBodyArbitrary), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.boolean(),
      )
      .map(([path, pairs, asText]) => ({
        path,
        body: asText ? pairs.map(([h, b]) => `${JSON.stringify(h)}\n${JSON.stringify(b)}\n`).join('') : pairs.flat(),
      })),
    weight: 2,
  },
);

/** Shapes the guard must refuse (each escapes or leaks), placed at the top or nested deep. */
export const dangerousFragments: readonly { readonly name: string; readonly body: Record<string, unknown>; readonly params?: Record<string, string> }[] = [
  { name: 'global aggregation', body: { aggs: { all: { global: {}, aggs: { hits: { top_hits: {} } } } } } },
  { name: 'min_doc_count 0', body: { aggs: { f: { filter: { match_all: {} }, aggs: { t: { terms: { field: 'tenant', min_doc_count: 0 } } } } } } },
  { name: 'significant_terms', body: { aggs: { s: { significant_terms: { field: 'tenant' } } } } },
  { name: 'children aggregation', body: { aggs: { c: { children: { type: 'answer' } } } } },
  { name: 'runtime_mappings', body: { runtime_mappings: { tenant: { type: 'keyword', script: "emit('acme')" } } } },
  { name: 'suggest', body: { suggest: { s: { text: 'ac', term: { field: 'tenant' } } } } },
  { name: 'profile', body: { profile: true } },
  { name: 'URL q', body: {}, params: { q: '*' } },
];

/** A body from the allowed grammar with one dangerous fragment merged in. */
export const dangerousRequestArbitrary: fc.Arbitrary<{ params?: Record<string, string>; body: Record<string, unknown> }> = fc
  .tuple(searchBodyArbitrary, fc.constantFrom(...dangerousFragments))
  .map(([body, fragment]) => ({ body: { ...body, ...fragment.body }, ...(fragment.params ? { params: fragment.params } : {}) }));
