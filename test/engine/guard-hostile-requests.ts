/**
 * A grammar of hostile search requests, by class: each one tries to read
 * hidden documents or another index, or to make the engine do unbounded work,
 * through a position of the request that a guard could miss. The classes:
 *
 * - `lookup`: terms lookups (and `geo_shape.indexed_shape`) into the other
 *   tenant's index or into hidden documents of the token's own index, in
 *   every position a query can take;
 * - `script`: script queries, `script_score`, script fields, runtime
 *   mappings, script sorts, aggregation scripts;
 * - `nested-sort`: `nested.filter` / the deprecated `nested_filter` in field
 *   and `_geo_distance` sorts, and unknown keys in `_geo_distance`, at top
 *   level, in `collapse.inner_hits` and in `top_hits`;
 * - `param-as-field`: `boost` and `_name` with an object value, which the
 *   engine reads as a field name, in every clause that has them;
 * - `multi-term`: options whose selected documents depend on the whole
 *   term dictionary (`rewrite: top_terms_N`, `max_expansions`, `fuzziness`,
 *   `min_doc_freq`, fuzzy and wildcard `query_string` syntax, `span_multi`);
 * - `buckets`: `histogram`/`date_histogram` with `min_doc_count: 0` and
 *   `extended_bounds`, `terms` with `min_doc_count: 0`;
 * - `hits`: `collapse.inner_hits` and `top_hits` carrying the above;
 * - `msearch`: `_msearch` with headers naming other indices, patterns,
 *   `_all`, no index, and bodies from the other classes.
 *
 * Requests are sorted by `num` (or request a page holding every visible
 * document) so that scores, the documented exception, cannot change which
 * documents come back.
 */
import fc from 'fast-check';
import { FULL_INDEX, OTHER_INDEX } from './guard-hostile-data.js';

type Json = unknown;
type Obj = Record<string, Json>;

/** The hostile classes, in report order. */
export const HOSTILE_CLASSES = ['lookup', 'script', 'nested-sort', 'param-as-field', 'multi-term', 'buckets', 'hits', 'msearch'] as const;
export type HostileClass = (typeof HOSTILE_CLASSES)[number];

/** One generated request, as a proxy would receive it. */
export interface HostileRequest {
  readonly cls: HostileClass;
  /** What the request tries, for the report (`lookup in post_filter`, ...). */
  readonly label: string;
  readonly method: 'POST';
  readonly path: string;
  readonly body: Json;
}

/** A page large enough for every visible document. */
const PAGE = 50;

// ---- Building blocks ------------------------------------------------------

const lookupTarget = fc.constantFrom(
  { index: OTHER_INDEX, id: 'o0', path: 'apikey' },
  { index: OTHER_INDEX, id: 'o1', path: 'code' },
  { index: FULL_INDEX, id: 'hidmark-id-0', path: 'code' },
  { index: FULL_INDEX, id: 'hidmark-id-1', path: 'secret' },
  { index: FULL_INDEX, id: 'hidmark-id-2', path: 'num' },
);
const lookupField = fc.constantFrom('code', 'num', 'tenant', 'message.raw');

/** A terms lookup, or a shape lookup: reads a document of its own choosing. */
const lookupClause: fc.Arbitrary<Obj> = fc.oneof(
  fc.tuple(lookupField, lookupTarget).map(([field, target]) => ({ terms: { [field]: target } })),
  fc.tuple(lookupField, lookupTarget).map(([field, target]) => ({ terms: { [field]: target, boost: 2 } })),
  lookupTarget.map((target) => ({ geo_shape: { loc: { indexed_shape: { ...target, path: 'loc' }, relation: 'intersects' } } })),
);

/** Puts a clause in one of the positions a query can take; `label` says where. */
function inPosition(clause: Obj): fc.Arbitrary<{ label: string; body: Obj }> {
  const sort = [{ num: { order: 'asc' } }];
  return fc.constantFrom(
    { label: 'query', body: { query: clause, sort } },
    { label: 'bool.filter', body: { query: { bool: { filter: [{ match_all: {} }, clause] } }, sort } },
    { label: 'bool.should', body: { query: { bool: { should: [clause, { term: { code: 'c0' } }] } }, sort } },
    { label: 'constant_score', body: { query: { constant_score: { filter: clause } }, sort } },
    { label: 'function_score.functions.filter', body: { query: { function_score: { query: { match_all: {} }, functions: [{ filter: clause, weight: 2 }] } }, sort } },
    { label: 'dis_max', body: { query: { dis_max: { queries: [clause] } }, sort } },
    { label: 'boosting.negative', body: { query: { boosting: { positive: { match_all: {} }, negative: clause, negative_boost: 0.5 } }, sort } },
    { label: 'post_filter', body: { post_filter: clause, sort } },
    { label: 'aggs.filter', body: { size: 0, aggs: { f: { filter: clause } } } },
    { label: 'aggs.filters', body: { size: 0, aggs: { f: { filters: { filters: { x: clause } } } } } },
    { label: 'nested aggs.filter', body: { size: 0, aggs: { t: { terms: { field: 'code' }, aggs: { f: { filter: clause } } } } } },
    { label: 'highlight_query', body: { query: { match: { message: 'alpha' } }, sort, highlight: { fields: { message: { highlight_query: clause } } } } },
    { label: 'highlight.highlight_query', body: { query: { match: { message: 'alpha' } }, sort, highlight: { highlight_query: clause, fields: { message: {} } } } },
    { label: 'nested.query', body: { query: { nested: { path: 'items', query: { bool: { must: [{ match_all: {} }], filter: [clause] } } } }, sort } },
    { label: 'rescore_query', body: { query: { match_all: {} }, sort: [{ _score: 'desc' }, { num: 'asc' }], rescore: { window_size: PAGE, query: { rescore_query: clause } } } },
    { label: 'sort nested.filter', body: { sort: [{ 'items.qty': { order: 'asc', nested: { path: 'items', filter: clause } } }, { num: 'asc' }] } },
  ).map(({ label, body }) => ({ label, body: { size: PAGE, ...body } }));
}

/** A clause in a random position, labelled `<what> in <position>`. */
function placed(cls: HostileClass, what: string, clauses: fc.Arbitrary<Obj>): fc.Arbitrary<HostileRequest> {
  return clauses.chain((clause) => inPosition(clause)).map(({ label, body }) => request(cls, `${what} in ${label}`, body));
}

function request(cls: HostileClass, label: string, body: Json, path = `/${FULL_INDEX}/_search`): HostileRequest {
  return { cls, label, method: 'POST', path, body };
}

// ---- Classes ----------------------------------------------------------------

const lookups = placed('lookup', 'lookup', lookupClause);

const SCRIPT_SOURCE = "doc['secret'].size() > 0";
const scripts: fc.Arbitrary<HostileRequest> = fc.oneof(
  placed('script', 'script query', fc.constant({ script: { script: { source: SCRIPT_SOURCE } } })),
  placed('script', 'script_score', fc.constant({ script_score: { query: { match_all: {} }, script: { source: "doc['num'].value" } } })),
  fc.constantFrom(
    request('script', 'script_fields', { size: PAGE, sort: [{ num: 'asc' }], script_fields: { s: { script: { source: "params['_source']['secret']" } } } }),
    request('script', 'runtime_mappings shadowing the token field', { size: PAGE, sort: [{ num: 'asc' }], runtime_mappings: { tenant: { type: 'keyword', script: { source: "emit('acme')" } } } }),
    // OpenSearch's counterpart of runtime_mappings (2.15+); Elasticsearch refuses the key.
    request('script', 'derived field shadowing the token field', { size: PAGE, sort: [{ num: 'asc' }], derived: { tenant: { type: 'keyword', script: { source: "emit('acme')" } } } }),
    request('script', 'runtime field read by a terms aggregation', { size: 0, runtime_mappings: { r: { type: 'keyword', script: { source: "emit(doc['tenant'].value)" } } }, aggs: { t: { terms: { field: 'r' } } } }),
    request('script', 'script sort', { size: PAGE, sort: [{ _script: { type: 'number', script: { source: "doc['num'].value" }, order: 'asc' } }] }),
    request('script', 'terms aggregation script', { size: 0, aggs: { t: { terms: { script: { source: "doc['secret'].size() > 0 ? 'x' : 'y'" } } } } }),
    request('script', 'scripted_metric', { size: 0, aggs: { m: { scripted_metric: { init_script: 'state.a = []', map_script: "state.a.add(doc['num'].value)", combine_script: 'return state.a', reduce_script: 'return states' } } } }),
    request('script', 'bucket_selector', { size: 0, aggs: { t: { terms: { field: 'code' }, aggs: { s: { bucket_selector: { buckets_path: { c: '_count' }, script: 'params.c > 1' } } } } } }),
  ),
);

/** What a nested sort filter may carry: a lookup, or a query on hidden markers. */
const sortFilter: fc.Arbitrary<Obj> = fc.oneof(lookupClause, fc.constant({ term: { 'items.sku': 'hidmark-sku-1' } }), fc.constant({ match_all: {} }));

const nestedSortEntry: fc.Arbitrary<{ label: string; entry: Obj }> = sortFilter.chain((filter) =>
  fc.constantFrom(
    { label: 'field sort nested.filter', entry: { 'items.qty': { order: 'asc', nested: { path: 'items', filter } } } },
    { label: 'field sort nested_filter', entry: { 'items.qty': { order: 'asc', nested_path: 'items', nested_filter: filter } } },
    { label: '_geo_distance nested_filter', entry: { _geo_distance: { loc: [0, 0], order: 'asc', unit: 'km', nested_path: 'items', nested_filter: filter } } },
    { label: '_geo_distance nested.filter', entry: { _geo_distance: { loc: [0, 0], order: 'asc', nested: { path: 'items', filter } } } },
    { label: '_geo_distance unknown key', entry: { _geo_distance: { loc: [0, 0], order: 'asc', ignore_unmapped: true, extra: filter } } },
  ),
);

const nestedSorts: fc.Arbitrary<HostileRequest> = fc
  .tuple(nestedSortEntry, fc.constantFrom('sort', 'collapse.inner_hits.sort', 'top_hits.sort'))
  .map(([{ label, entry }, where]) => {
    const sort = [entry, { num: 'asc' }];
    const body =
      where === 'sort'
        ? { size: PAGE, sort }
        : where === 'collapse.inner_hits.sort'
          ? { size: PAGE, sort: [{ num: 'asc' }], collapse: { field: 'code', inner_hits: { name: 'i', size: PAGE, sort } } }
          : { size: 0, aggs: { t: { terms: { field: 'code' }, aggs: { h: { top_hits: { size: PAGE, sort } } } } } };
    return request('nested-sort', `${label} in ${where}`, body);
  });

/** Clauses keyed by a field name, with a value of the shape each parser takes for the field. */
const FIELD_CLAUSES: ReadonlyArray<readonly [string, Obj]> = [
  ['term', { value: 'hidmark-code-1' }],
  ['match', { query: 'alpha' }],
  ['match_phrase', { query: 'alpha secure' }],
  ['match_phrase_prefix', { query: 'alpha se' }],
  ['match_bool_prefix', { query: 'alpha se' }],
  ['prefix', { value: 'hid' }],
  ['wildcard', { value: 'hid*' }],
  ['regexp', { value: 'hid.*' }],
  ['fuzzy', { value: 'hidmark' }],
  ['range', { gte: 0 }],
  ['span_term', { value: 'alpha' }],
  ['intervals', { match: { query: 'alpha' } }],
];

/** `boost`/`_name` with an object value: a field of that name to the engine. */
const paramAsFieldClause: fc.Arbitrary<{ what: string; clause: Obj }> = fc.oneof(
  fc.tuple(fc.constantFrom('boost', '_name'), lookupTarget).map(([name, target]) => ({ what: `terms.${name} lookup`, clause: { terms: { [name]: target } } })),
  fc.tuple(fc.constantFrom('boost', '_name'), fc.constantFrom(...FIELD_CLAUSES)).map(([name, [type, value]]) => ({ what: `${type}.${name} object`, clause: { [type]: { [name]: value } } })),
  fc.constantFrom('boost', '_name').map((name) => ({ what: `exists field ${name}`, clause: { exists: { field: name } } })),
  fc.tuple(fc.constantFrom('boost', '_name'), lookupTarget).map(([name, target]) => ({ what: `geo_shape.${name} indexed_shape`, clause: { geo_shape: { [name]: { indexed_shape: { ...target, path: 'loc' } } } } })),
  fc.constantFrom('boost', '_name').map((name) => ({ what: `terms_set.${name} object`, clause: { terms_set: { [name]: { terms: ['c1'], minimum_should_match_script: { source: '1' } } } } })),
);
const paramsAsFields: fc.Arbitrary<HostileRequest> = paramAsFieldClause.chain(({ what, clause }) =>
  inPosition(clause).map(({ label, body }) => request('param-as-field', `${what} in ${label}`, body)),
);

/** Multi-term queries with options that depend on terms of every document. */
const multiTermClause: fc.Arbitrary<{ what: string; clause: Obj }> = fc.oneof(
  fc.tuple(fc.constantFrom('prefix', 'wildcard', 'regexp'), fc.integer({ min: 1, max: 3 })).map(([type, n]) => ({
    what: `${type} rewrite top_terms_${n}`,
    clause: { [type]: { message: { value: type === 'prefix' ? 'sec' : type === 'wildcard' ? 'sec*' : 'sec.*', rewrite: `top_terms_${n}` } } },
  })),
  fc.constantFrom('top_terms_boost_1', 'top_terms_blended_freqs_1').map((rewrite) => ({ what: `prefix rewrite ${rewrite}`, clause: { prefix: { message: { value: 'sec', rewrite } } } })),
  fc.integer({ min: 1, max: 2 }).map((n) => ({ what: `fuzzy max_expansions ${n}`, clause: { fuzzy: { message: { value: 'securx', fuzziness: 1, max_expansions: n } } } })),
  fc.constant({ what: 'fuzzy default expansions', clause: { fuzzy: { message: { value: 'securx', fuzziness: 'AUTO' } } } }),
  fc.integer({ min: 1, max: 2 }).map((n) => ({ what: `match fuzziness max_expansions ${n}`, clause: { match: { message: { query: 'securx', fuzziness: 1, max_expansions: n } } } })),
  fc.constant({ what: 'multi_match fuzziness', clause: { multi_match: { query: 'securx', fields: ['message'], fuzziness: 1, max_expansions: 1 } } }),
  fc.integer({ min: 1, max: 2 }).map((n) => ({ what: `match_phrase_prefix max_expansions ${n}`, clause: { match_phrase_prefix: { message: { query: 'alpha se', max_expansions: n } } } })),
  fc.integer({ min: 1, max: 25 }).map((n) => ({ what: 'more_like_this min_doc_freq', clause: { more_like_this: { fields: ['message'], like: 'alpha secure second', min_term_freq: 1, min_doc_freq: n, max_query_terms: 3 } } })),
  fc.constant({ what: 'more_like_this like a hidden document', clause: { more_like_this: { fields: ['message'], like: [{ _index: FULL_INDEX, _id: 'hidmark-id-3' }], min_term_freq: 1, min_doc_freq: 1 } } }),
  fc.integer({ min: 1, max: 25 }).map((n) => ({ what: 'more_like_this max_doc_freq', clause: { more_like_this: { fields: ['message'], like: 'alpha secure second', min_term_freq: 1, min_doc_freq: 1, max_doc_freq: n } } })),
  fc.constant({ what: 'span_multi top_terms', clause: { span_multi: { match: { prefix: { message: { value: 'sec', rewrite: 'top_terms_1' } } } } } }),
  fc.constant({ what: 'query_string fuzzy syntax', clause: { query_string: { query: 'message:securx~1', fuzzy_max_expansions: 1 } } }),
  fc.constant({ what: 'query_string wildcard rewrite', clause: { query_string: { query: 'message:sec*', rewrite: 'top_terms_1' } } }),
  fc.constant({ what: 'query_string fuzzy rewrite', clause: { query_string: { query: 'message:securx~1', fuzzy_rewrite: 'top_terms_1' } } }),
  fc.constant({ what: 'simple_query_string fuzzy', clause: { simple_query_string: { query: 'securx~1', fields: ['message'], fuzzy_max_expansions: 1 } } }),
  fc.constant({ what: 'simple_query_string prefix', clause: { simple_query_string: { query: 'sec*', fields: ['message'] } } }),
  fc.constant({ what: 'intervals fuzzy', clause: { intervals: { message: { fuzzy: { term: 'securx', fuzziness: 1 } } } } }),
  fc.constant({ what: 'intervals prefix', clause: { intervals: { message: { prefix: { prefix: 'sec' } } } } }),
);
const multiTerms: fc.Arbitrary<HostileRequest> = multiTermClause.chain(({ what, clause }) =>
  fc
    .constantFrom(
      { label: 'query', body: { size: PAGE, sort: [{ num: 'asc' }], query: clause } },
      { label: 'post_filter', body: { size: PAGE, sort: [{ num: 'asc' }], post_filter: clause } },
      { label: 'aggs.filter', body: { size: 0, aggs: { f: { filter: clause } } } },
      { label: 'bool.filter', body: { size: PAGE, sort: [{ num: 'asc' }], query: { bool: { filter: [clause] } } } },
    )
    .map(({ label, body }) => request('multi-term', `${what} in ${label}`, body)),
);

/** Bucket aggregations with their bucket count, when the count is known up front. */
const DAY = 86_400_000;
const bucketAggregation: fc.Arbitrary<{ what: string; agg: Obj }> = fc.oneof(
  fc.constantFrom(1, 10, 1000).chain((interval) =>
    fc.constantFrom(100, 50_000, 1_000_000_000).map((max) => ({
      what: `histogram min_doc_count 0 extended_bounds 0..${max} interval ${interval}`,
      agg: { histogram: { field: 'num', interval, min_doc_count: 0, extended_bounds: { min: 0, max } } },
    })),
  ),
  fc.constantFrom(['1h', 3_600_000], ['1d', DAY], ['1ms', 1]).chain(([interval, _ms]) =>
    fc.constantFrom(2, 365, 130 * 365).map((days) => ({
      what: `date_histogram min_doc_count 0 fixed_interval ${interval} over ${days} days`,
      agg: { date_histogram: { field: 'ts', fixed_interval: interval, min_doc_count: 0, extended_bounds: { min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 0, 1) + days * DAY } } },
    })),
  ),
  fc.constant({ what: 'date_histogram min_doc_count 0 calendar_interval month', agg: { date_histogram: { field: 'ts', calendar_interval: 'month', min_doc_count: 0, extended_bounds: { min: '2024-01-01', max: '2024-12-31' } } } }),
  fc.constant({ what: 'histogram min_doc_count 0 without bounds', agg: { histogram: { field: 'num', interval: 1, min_doc_count: 0 } } }),
  fc.constant({ what: 'histogram hard_bounds wider than the data', agg: { histogram: { field: 'num', interval: 1, min_doc_count: 0, hard_bounds: { min: 0, max: 100 } } } }),
  fc.constant({ what: 'terms min_doc_count 0', agg: { terms: { field: 'code', min_doc_count: 0, size: 100 } } }),
  fc.constant({ what: 'terms include regex over hidden terms', agg: { terms: { field: 'code', include: 'hid.*', size: 100 } } }),
  fc.constant({ what: 'rare_terms', agg: { rare_terms: { field: 'code', max_doc_count: 2 } } }),
  fc.constant({ what: 'composite missing_bucket', agg: { composite: { size: 100, sources: [{ c: { terms: { field: 'code', missing_bucket: true } } }] } } }),
  fc.constant({ what: 'auto_date_histogram', agg: { auto_date_histogram: { field: 'ts', buckets: 10 } } }),
);
const buckets: fc.Arbitrary<HostileRequest> = fc
  .tuple(bucketAggregation, fc.boolean())
  .map(([{ what, agg }, nestedInTerms]) =>
    request('buckets', nestedInTerms ? `${what} under terms` : what, { size: 0, aggs: nestedInTerms ? { t: { terms: { field: 'code' }, aggs: { b: agg } } } : { b: agg } }),
  );

/** `collapse.inner_hits` and `top_hits` with script fields, highlight queries, docvalue fields. */
const hitsOptions: fc.Arbitrary<{ what: string; options: Obj }> = fc.oneof(
  fc.constant({ what: 'script_fields', options: { script_fields: { s: { script: { source: "params['_source']['secret']" } } } } }),
  lookupClause.map((clause) => ({ what: 'highlight_query lookup', options: { highlight: { fields: { message: { highlight_query: clause } } } } })),
  fc.constant({ what: 'docvalue_fields', options: { docvalue_fields: ['code', 'num'] } }),
  fc.constant({ what: 'stored_fields and _source', options: { stored_fields: ['_source'], _source: ['code'] } }),
  fc.constant({ what: 'explain', options: { explain: true } }),
  fc.constant({ what: 'version and seq_no', options: { version: true, seq_no_primary_term: true } }),
);
const hits: fc.Arbitrary<HostileRequest> = fc.tuple(hitsOptions, fc.boolean()).map(([{ what, options }, inCollapse]) =>
  inCollapse
    ? request('hits', `collapse.inner_hits ${what}`, { size: PAGE, sort: [{ num: 'asc' }], collapse: { field: 'code', inner_hits: { name: 'i', size: PAGE, sort: [{ num: 'asc' }], ...options } } })
    : request('hits', `top_hits ${what}`, { size: 0, aggs: { t: { terms: { field: 'code' }, aggs: { h: { top_hits: { size: PAGE, sort: [{ num: 'asc' }], ...options } } } } } }),
);

const msearchHeader: fc.Arbitrary<{ what: string; header: Obj }> = fc.constantFrom(
  { what: 'own index', header: { index: FULL_INDEX } },
  { what: 'no index', header: {} },
  { what: 'index list', header: { index: [FULL_INDEX] } },
  { what: 'other index', header: { index: OTHER_INDEX } },
  { what: 'own and other', header: { index: `${FULL_INDEX},${OTHER_INDEX}` } },
  { what: 'pattern over both', header: { index: 'hostile-*' } },
  { what: '_all', header: { index: '_all' } },
  { what: 'expand_wildcards all', header: { index: FULL_INDEX, expand_wildcards: 'all' } },
  { what: 'dfs', header: { index: FULL_INDEX, search_type: 'dfs_query_then_fetch' } },
  { what: 'preference and routing', header: { index: FULL_INDEX, preference: '_local', routing: 'x' } },
);
const msearchBody: fc.Arbitrary<{ what: string; body: Json }> = fc.oneof(
  fc.constant({ what: 'match_all', body: { size: PAGE, sort: [{ num: 'asc' }], query: { match_all: {} } } }),
  fc.oneof(lookups, nestedSorts, multiTerms, paramsAsFields).map((r) => ({ what: r.label, body: r.body })),
);
const msearches: fc.Arbitrary<HostileRequest> = fc
  .tuple(fc.array(fc.tuple(msearchHeader, msearchBody), { minLength: 1, maxLength: 3 }), fc.constantFrom('/_msearch', `/${FULL_INDEX}/_msearch`))
  .map(([items, path]) =>
    request(
      'msearch',
      items.map(([h, b]) => `[${h.what}] ${b.what}`).join(' + '),
      `${items.map(([h, b]) => `${JSON.stringify(h.header)}\n${JSON.stringify(b.body)}\n`).join('')}`,
      path,
    ),
  );

/** The arbitrary of each class. */
export const hostileRequestArbitraries: Readonly<Record<HostileClass, fc.Arbitrary<HostileRequest>>> = {
  lookup: lookups,
  script: scripts,
  'nested-sort': nestedSorts,
  'param-as-field': paramsAsFields,
  'multi-term': multiTerms,
  buckets,
  hits,
  msearch: msearches,
};
