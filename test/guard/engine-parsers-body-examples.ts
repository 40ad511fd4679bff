/**
 * One accepted body per aggregation type on the guard's allowlist, every
 * option its parser declares that the guard accepts, and one wrong kind for
 * it; and the request context each needs to run on a node (a pipeline needs
 * its parent or sibling, `reverse_nested` a `nested`). Shared by the guard's
 * unit tests and the engine suite, which runs each example on the node.
 */

/** One example: the body under the type key, and a `[key, value]` of the wrong kind. */
export interface AggregationExample {
  readonly body: Record<string, unknown>;
  readonly wrong: readonly [string, unknown];
}

/**
 * One accepted body per aggregation type on the allowlist (every option its
 * parser declares that the guard accepts), and one wrong kind for it.
 */
export const AGGREGATION_EXAMPLES: Readonly<Record<string, AggregationExample>> = {
  // On a long field: a keyword field refuses a custom format. The regex and partition forms of include are kept
  // by their own unit tests (a partition include takes no exclude).
  terms: {
    body: { field: 'code', missing: 0, value_type: 'long', format: '0', size: 5, shard_size: 10, shard_min_doc_count: 1, min_doc_count: 1, order: [{ _count: 'desc' }, { _key: 'asc' }], include: [5, 15], exclude: [1], execution_hint: 'map', collect_mode: 'breadth_first', show_term_doc_count_error: true },
    wrong: ['size', 'many'],
  },
  multi_terms: { body: { terms: [{ field: 'a', missing: 'x' }, { field: 'b' }], size: 3, shard_size: 5, shard_min_doc_count: 1, min_doc_count: 1, order: { _count: 'desc' }, show_term_doc_count_error: false, collect_mode: 'depth_first' }, wrong: ['terms', { field: 'a' }] },
  rare_terms: { body: { field: 'code', missing: 0, value_type: 'long', format: '0', max_doc_count: 2, precision: 0.01, include: [5, 15], exclude: [1] }, wrong: ['max_doc_count', {}] },
  histogram: {
    body: { field: 'code', missing: 0, value_type: 'long', format: '0.0', interval: 10, offset: 5, min_doc_count: 1, order: { _key: 'desc' }, keyed: true, extended_bounds: { min: 0, max: 20 }, hard_bounds: { min: -10, max: 100 } },
    wrong: ['offset', '1h'],
  },
  date_histogram: {
    body: {
      field: 'ts',
      missing: '2020-09-13',
      value_type: 'date',
      format: 'yyyy-MM-dd',
      calendar_interval: '1d',
      time_zone: 'Europe/Paris',
      offset: '+6h',
      min_doc_count: 1,
      keyed: false,
      order: { _count: 'asc' },
      extended_bounds: { min: '2020-09-12', max: '2020-09-15' },
      hard_bounds: { min: '2020-09-01', max: '2020-09-30' },
    },
    wrong: ['time_zone', 1],
  },
  auto_date_histogram: { body: { field: 'ts', missing: '2020-09-13', value_type: 'date', format: 'yyyy-MM-dd', buckets: 20, time_zone: 'UTC', minimum_interval: 'hour' }, wrong: ['buckets', 'twenty'] },
  variable_width_histogram: { body: { field: 'code', missing: 0, value_type: 'long', format: '0', buckets: 10, shard_size: 100, initial_buffer: 500 }, wrong: ['buckets', [1]] },
  range: { body: { field: 'code', missing: 0, value_type: 'long', format: '0.0', ranges: [{ to: 10 }, { key: 'mid', from: 10, to: 20 }, { from: '20' }], keyed: true }, wrong: ['ranges', { to: 10 }] },
  date_range: { body: { field: 'ts', missing: '2020-09-13', value_type: 'date', format: 'yyyy-MM-dd', ranges: [{ key: 'recent', from: 'now-10y/d', to: 'now' }], time_zone: 'UTC', keyed: true }, wrong: ['keyed', 'yes'] },
  ip_range: { body: { field: 'ip', missing: '10.0.0.2', value_type: 'ip', ranges: [{ key: 'ten', mask: '10.0.0.0/8' }, { from: '10.0.0.0', to: '10.0.0.5' }], keyed: true }, wrong: ['ranges', [{ mask: 8 }]] },
  missing: { body: { field: 'code', missing: 0, value_type: 'long', format: '0' }, wrong: ['field', ['service']] },
  filter: { body: { term: { service: 'a' } }, wrong: ['term', 'a'] },
  filters: { body: { filters: { a: { term: { service: 'a' } }, b: { match_all: {} } }, other_bucket: true, other_bucket_key: 'rest' }, wrong: ['other_bucket', 'sometimes'] },
  adjacency_matrix: { body: { filters: { a: { term: { service: 'a' } }, b: { term: { service: 'b' } } }, separator: '+' }, wrong: ['separator', 1] },
  composite: {
    body: {
      size: 10,
      // The date key is formatted and read back with the source's format, so the format keeps the offset's hour.
      after: { s: 'a', h: 5, d: '2020-09-13T01', g: '6/10/10' },
      sources: [
        { s: { terms: { field: 'service', value_type: 'string', missing_bucket: true, missing_order: 'last', order: 'desc' } } },
        { h: { histogram: { field: 'code', value_type: 'long', interval: 5, missing_bucket: false, order: 'asc' } } },
        { d: { date_histogram: { field: 'ts', format: "yyyy-MM-dd'T'HH", calendar_interval: '1d', time_zone: 'UTC', offset: '+1h' } } },
        { g: { geotile_grid: { field: 'loc', precision: 6, bounds: { top_left: [0, 20], bottom_right: [20, 0] } } } },
      ],
    },
    wrong: ['sources', { s: { terms: { field: 'service' } } }],
  },
  nested: { body: { path: 'items' }, wrong: ['path', 1] },
  reverse_nested: { body: { path: 'items' }, wrong: ['path', {}] },
  sampler: { body: { shard_size: 100 }, wrong: ['shard_size', 'big'] },
  diversified_sampler: { body: { field: 'service', shard_size: 100, max_docs_per_value: 2, execution_hint: 'map' }, wrong: ['max_docs_per_value', true] },
  random_sampler: { body: { probability: 0.1, seed: 42, shard_seed: 1 }, wrong: ['probability', 'low'] },
  geohash_grid: { body: { field: 'loc', precision: '5km', size: 100, shard_size: 200, bounds: { top_left: [0, 10], bottom_right: [10, 0] } }, wrong: ['precision', {}] },
  geotile_grid: { body: { field: 'loc', precision: 7, size: 100, shard_size: 200, bounds: { top_left: 'POINT (0 10)', bottom_right: { lat: 0, lon: 10 } } }, wrong: ['bounds', { top: 1 }] },
  avg: { body: { field: 'code', missing: 0, value_type: 'long', format: '0.0' }, wrong: ['field', 1] },
  sum: { body: { field: 'code', missing: 0, value_type: 'long', format: '0.0' }, wrong: ['missing', {}] },
  min: { body: { field: 'code', missing: 0, value_type: 'long', format: '0.0' }, wrong: ['format', 1] },
  max: { body: { field: 'code', missing: 0, value_type: 'long', format: '0.0' }, wrong: ['value_type', 1] },
  value_count: { body: { field: 'code', missing: 0, value_type: 'long', format: '0' }, wrong: ['field', null] },
  stats: { body: { field: 'code', missing: 0, value_type: 'long', format: '0.0' }, wrong: ['field', true] },
  extended_stats: { body: { field: 'code', missing: 0, value_type: 'long', format: '0.0', sigma: 2 }, wrong: ['sigma', 'two'] },
  cardinality: { body: { field: 'service', missing: 'none', value_type: 'string', precision_threshold: 100, execution_hint: 'direct' }, wrong: ['precision_threshold', 'high'] },
  percentiles: { body: { field: 'code', missing: 0, value_type: 'long', format: '0.0', percents: [50, 99], keyed: false, tdigest: { compression: 200 } }, wrong: ['percents', 50] },
  percentile_ranks: { body: { field: 'code', missing: 0, value_type: 'long', format: '0.0', values: [10], keyed: true, hdr: { number_of_significant_value_digits: 3 } }, wrong: ['hdr', { digits: 3 }] },
  median_absolute_deviation: { body: { field: 'code', missing: 0, value_type: 'long', format: '0.0', compression: 100 }, wrong: ['compression', 'x'] },
  geo_bounds: { body: { field: 'loc', wrap_longitude: true }, wrong: ['wrap_longitude', 1] },
  geo_centroid: { body: { field: 'loc' }, wrong: ['field', 1] },
  weighted_avg: { body: { value: { field: 'code', missing: 1 }, weight: { field: 'w', missing: 1 }, format: '0.0', value_type: 'long' }, wrong: ['value', 'code'] },
  top_hits: {
    body: { from: 0, size: 1, sort: [{ code: 'desc' }], _source: ['msg'], version: true, track_scores: true, stored_fields: ['_source'], docvalue_fields: ['code'], fields: ['service'], highlight: { fields: { msg: {} } } },
    wrong: ['size', 'one'],
  },
  top_metrics: { body: { metrics: [{ field: 'code' }], sort: { ts: 'desc' }, size: 1 }, wrong: ['metrics', [{ field: 'code', script: 'x' }]] },
  avg_bucket: { body: { buckets_path: 't>_count', gap_policy: 'skip', format: '0' }, wrong: ['buckets_path', 1] },
  sum_bucket: { body: { buckets_path: ['t>_count'], gap_policy: 'insert_zeros', format: '0' }, wrong: ['gap_policy', 1] },
  min_bucket: { body: { buckets_path: 't>_count', gap_policy: 'skip', format: '0' }, wrong: ['format', 1] },
  max_bucket: { body: { buckets_path: 't>_count', gap_policy: 'skip', format: '0' }, wrong: ['buckets_path', { a: 't>_count' }] },
  stats_bucket: { body: { buckets_path: 't>_count', gap_policy: 'skip', format: '0' }, wrong: ['buckets_path', [1]] },
  extended_stats_bucket: { body: { buckets_path: 't>_count', gap_policy: 'skip', format: '0', sigma: 3 }, wrong: ['sigma', '3'] },
  percentiles_bucket: { body: { buckets_path: 't>_count', gap_policy: 'skip', format: '0', percents: [50], keyed: true }, wrong: ['keyed', 'true'] },
  derivative: { body: { buckets_path: '_count', gap_policy: 'skip', format: '0', unit: '1d' }, wrong: ['buckets_path', { a: '_count' }] },
  bucket_script: { body: { buckets_path: { c: '_count' }, script: { source: 'c * k', lang: 'expression', params: { k: 1 } }, gap_policy: 'insert_zeros', format: '0' }, wrong: ['buckets_path', { c: 1 }] },
  bucket_selector: { body: { buckets_path: { c: '_count' }, script: { source: 'c > 1', lang: 'expression' }, gap_policy: 'skip' }, wrong: ['gap_policy', true] },
  cumulative_sum: { body: { buckets_path: '_count', format: '0' }, wrong: ['buckets_path', ['_count']] },
  serial_diff: { body: { buckets_path: '_count', gap_policy: 'skip', format: '0', lag: 2 }, wrong: ['lag', '2'] },
  bucket_sort: { body: { sort: [{ _count: { order: 'desc' } }], from: 0, size: 5, gap_policy: 'skip' }, wrong: ['sort', '_count'] },
};

/** An aggregation form the guard refuses because an engine's parser does not read it as the guard would. */
export interface AggregationRefusal {
  readonly name: string;
  /** The aggregation (`{ type: body }`). */
  readonly aggregation: Record<string, unknown>;
  readonly reason: string;
  /** The refusal's pointer inside the aggregation. */
  readonly inside: string;
  /**
   * Which engines fail on it when it is sent unguarded: `all`, or the one product that does (the other reads it;
   * the guard follows the stricter one), or `none` (both run it, reading it otherwise than it reads).
   */
  readonly nodeFails: 'all' | 'opensearch' | 'elasticsearch' | 'none';
}

/**
 * Forms an engine's parser does not know or reads as another kind (OpenSearch 2.19 and Elasticsearch 8.19), so
 * the guard refuses them. The engine suite sends each unguarded and checks the node(s) fail on it.
 */
export const AGGREGATION_REFUSALS: readonly AggregationRefusal[] = [
  // DateIntervalWrapper: Elasticsearch 8 declares `interval` only for the 7.x compatibility header.
  { name: 'date_histogram interval', aggregation: { date_histogram: { field: 'ts', interval: '1d', min_doc_count: 1 } }, reason: 'aggregation-option-not-allowed', inside: '/date_histogram/interval', nodeFails: 'elasticsearch' },
  {
    name: 'a composite date_histogram source with interval',
    aggregation: { composite: { sources: [{ d: { date_histogram: { field: 'ts', interval: '1d' } } }] } },
    reason: 'aggregation-option-not-allowed',
    inside: '/composite/sources/0/d/date_histogram/interval',
    nodeFails: 'elasticsearch',
  },
  // CompositeValuesSourceParserHelper.declareValuesSourceFields declares no format; only the date_histogram source does.
  { name: 'a composite terms source with format', aggregation: { composite: { sources: [{ s: { terms: { field: 'code', format: '0' } } }] } }, reason: 'aggregation-option-not-allowed', inside: '/composite/sources/0/s/terms/format', nodeFails: 'all' },
  // declareFields(..., formattable = false).
  { name: 'ip_range format', aggregation: { ip_range: { field: 'ip', format: 'x', ranges: [{ to: '10.0.0.5' }] } }, reason: 'aggregation-option-not-allowed', inside: '/ip_range/format', nodeFails: 'all' },
  { name: 'cardinality format', aggregation: { cardinality: { field: 'code', format: '0' } }, reason: 'aggregation-option-not-allowed', inside: '/cardinality/format', nodeFails: 'all' },
  // FiltersAggregationBuilder.parse: `keyed` is Elasticsearch only; `other_bucket` only as a boolean token.
  { name: 'filters keyed', aggregation: { filters: { filters: { a: { match_all: {} } }, keyed: false } }, reason: 'aggregation-option-not-allowed', inside: '/filters/keyed', nodeFails: 'opensearch' },
  { name: 'filters other_bucket as a string', aggregation: { filters: { filters: { a: { match_all: {} } }, other_bucket: 'true' } }, reason: 'malformed', inside: '/filters/other_bucket', nodeFails: 'all' },
  // RangeAggregator.Range.PARSER declares key, from, to: `mask` is ip_range's.
  { name: 'a range with mask', aggregation: { range: { field: 'code', ranges: [{ mask: '10.0.0.0/8' }] } }, reason: 'aggregation-option-not-allowed', inside: '/range/ranges/0/mask', nodeFails: 'all' },
  // IncludeExclude.parseExclude (STRING_ARRAY): no partition.
  { name: 'terms exclude as a partition', aggregation: { terms: { field: 'service', exclude: { partition: 0, num_partitions: 2 } } }, reason: 'malformed', inside: '/terms/exclude', nodeFails: 'all' },
  // IncludeExclude.merge: "Cannot specify any excludes when using a partition-based include" (both engines).
  {
    name: 'a terms partition include beside an exclude list',
    aggregation: { terms: { field: 'service', include: { partition: 0, num_partitions: 10 }, exclude: ['x'] } },
    reason: 'malformed',
    inside: '/terms/exclude',
    nodeFails: 'all',
  },
  { name: 'a terms partition include beside a regex exclude', aggregation: { terms: { field: 'service', include: { partition: 0, num_partitions: 10 }, exclude: 'x.*' } }, reason: 'malformed', inside: '/terms/exclude', nodeFails: 'all' },
  // IncludeExclude.parseInclude: "Missing [num_partitions] parameter for partition-based include".
  // new IncludeExclude(partition, numPartitions): "Partition must be >=0 and < numPartition".
  { name: 'a terms partition include beyond num_partitions', aggregation: { terms: { field: 'service', include: { partition: 2, num_partitions: 2 } } }, reason: 'malformed', inside: '/terms/include/partition', nodeFails: 'all' },
  // Both read as Java ints (Jackson: "Numeric value (2147483648) out of range of int"; found by a hostile probe).
  { name: 'a terms partition include with num_partitions beyond an int', aggregation: { terms: { field: 'service', include: { partition: 0, num_partitions: 2147483648 } } }, reason: 'malformed', inside: '/terms/include/num_partitions', nodeFails: 'all' },
  { name: 'a terms partition include without num_partitions', aggregation: { terms: { field: 'service', include: { partition: 0 } } }, reason: 'malformed', inside: '/terms/include', nodeFails: 'all' },
  // InternalOrder.Parser.parseOrderParam keeps the last key of an order object: the first is silently dropped.
  { name: 'an order object with two keys', aggregation: { terms: { field: 'service', order: { _key: 'asc', _count: 'desc' } } }, reason: 'malformed', inside: '/terms/order', nodeFails: 'none' },
  // DoubleBounds.PARSER: histogram bounds are numbers.
  { name: 'histogram bounds as a date', aggregation: { histogram: { field: 'code', interval: 10, min_doc_count: 1, extended_bounds: { min: 'now-1d', max: 'now' } } }, reason: 'malformed', inside: '/histogram/extended_bounds/min', nodeFails: 'all' },
  // BucketMetricsParser, DerivativePipelineAggregationBuilder.parse, SerialDiffPipelineAggregationBuilder.parse: no map of paths.
  { name: 'avg_bucket buckets_path as a map', aggregation: { avg_bucket: { buckets_path: { a: 't>_count' } } }, reason: 'malformed', inside: '/avg_bucket/buckets_path', nodeFails: 'all' },
  { name: 'derivative buckets_path as a map', aggregation: { derivative: { buckets_path: { a: '_count' } } }, reason: 'malformed', inside: '/derivative/buckets_path', nodeFails: 'all' },
  { name: 'serial_diff buckets_path as a map', aggregation: { serial_diff: { buckets_path: { a: '_count' } } }, reason: 'malformed', inside: '/serial_diff/buckets_path', nodeFails: 'all' },
  // Number and boolean tokens only.
  { name: 'serial_diff lag as a string', aggregation: { serial_diff: { buckets_path: '_count', lag: '2' } }, reason: 'malformed', inside: '/serial_diff/lag', nodeFails: 'all' },
  { name: 'extended_stats_bucket sigma as a string', aggregation: { extended_stats_bucket: { buckets_path: 't>_count', sigma: '3' } }, reason: 'malformed', inside: '/extended_stats_bucket/sigma', nodeFails: 'all' },
  { name: 'percentiles_bucket keyed as a string', aggregation: { percentiles_bucket: { buckets_path: 't>_count', keyed: 'true' } }, reason: 'malformed', inside: '/percentiles_bucket/keyed', nodeFails: 'all' },
  { name: 'sampler shard_size as a string', aggregation: { sampler: { shard_size: '100' } }, reason: 'malformed', inside: '/sampler/shard_size', nodeFails: 'all' },
  // BucketSelectorPipelineAggregationBuilder.parse knows no format.
  { name: 'bucket_selector format', aggregation: { bucket_selector: { buckets_path: { c: '_count' }, script: { source: 'c > 1', lang: 'expression' }, format: '0' } }, reason: 'aggregation-option-not-allowed', inside: '/bucket_selector/format', nodeFails: 'all' },
  // ExpressionScriptEngine.newBucketAggregationScriptFactory: every param, buckets_path names included, must be a
  // variable of the expression ("The variable [k] does not exist"), and a number ("can only process numbers").
  {
    name: 'bucket_script with a param the expression does not use',
    aggregation: { bucket_script: { buckets_path: { c: '_count' }, script: { source: 'c * 2', lang: 'expression', params: { k: 1 } } } },
    reason: 'malformed',
    inside: '/bucket_script/script/source',
    nodeFails: 'all',
  },
  {
    name: 'bucket_script reading a path as params.c (Painless style)',
    aggregation: { bucket_script: { buckets_path: { c: '_count' }, script: { source: 'params.c * 2', lang: 'expression' } } },
    reason: 'malformed',
    inside: '/bucket_script/script/source',
    nodeFails: 'all',
  },
  {
    name: 'bucket_selector with a buckets_path name the expression does not use',
    aggregation: { bucket_selector: { buckets_path: { c: '_count', d: '_count' }, script: { source: 'c > 1', lang: 'expression' } } },
    reason: 'malformed',
    inside: '/bucket_selector/script/source',
    nodeFails: 'all',
  },
  {
    name: 'bucket_script with a numeric string param',
    aggregation: { bucket_script: { buckets_path: { c: '_count' }, script: { source: 'c * k', lang: 'expression', params: { k: '2' } } } },
    reason: 'malformed',
    inside: '/bucket_script/script/params/k',
    nodeFails: 'all',
  },
  // BucketSortPipelineAggregationBuilder: sort is OBJECT_ARRAY.
  { name: 'bucket_sort sort as a bare name', aggregation: { bucket_sort: { sort: '_count' } }, reason: 'malformed', inside: '/bucket_sort/sort', nodeFails: 'all' },
];

const SIBLING_PIPELINES = new Set(['avg_bucket', 'sum_bucket', 'min_bucket', 'max_bucket', 'stats_bucket', 'extended_stats_bucket', 'percentiles_bucket']);
const SAMPLERS = new Set(['sampler', 'diversified_sampler', 'random_sampler']);
const PARENT_PIPELINES = new Set(['derivative', 'cumulative_sum', 'serial_diff', 'bucket_script', 'bucket_selector', 'bucket_sort']);

/**
 * The `aggs` of a request that runs `{ [type]: body }` as the aggregation `a`
 * where the engine accepts it: sibling pipelines beside a `terms` named `t`,
 * parent pipelines under a daily `date_histogram`, `reverse_nested` under
 * `nested`; others at the top.
 */
export function runnableAggs(type: string, body: Record<string, unknown>): Record<string, unknown> {
  const a = { [type]: body };
  if (SIBLING_PIPELINES.has(type)) return { t: { terms: { field: 'service' } }, a };
  // Parent pipelines want every bucket (min_doc_count 0), which the guard accepts only with bounds.
  const daily = { field: 'ts', calendar_interval: '1d', min_doc_count: 0, extended_bounds: { min: '2020-09-12', max: '2020-09-15' } };
  if (PARENT_PIPELINES.has(type)) return { h: { date_histogram: daily, aggs: { a } } };
  if (type === 'reverse_nested') return { n: { nested: { path: 'items' }, aggs: { a } } };
  // Samplers refuse to run without a sub-aggregation.
  if (SAMPLERS.has(type)) return { a: { ...a, aggs: { m: { max: { field: 'code' } } } } };
  return { a };
}

/** A mapping holding every field the examples name. */
export const EXAMPLE_PROPERTIES = {
  tenant: { type: 'keyword' }, service: { type: 'keyword' }, a: { type: 'keyword' }, b: { type: 'keyword' }, code: { type: 'long' }, w: { type: 'long' },
  ts: { type: 'date' }, loc: { type: 'geo_point' }, ip: { type: 'ip' }, msg: { type: 'text' }, items: { type: 'nested', properties: { sku: { type: 'keyword' } } },
} as const;
