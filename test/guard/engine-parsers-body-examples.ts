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
  terms: {
    body: { field: 'service', missing: 'none', value_type: 'string', size: 5, shard_size: 10, shard_min_doc_count: 1, min_doc_count: 2, order: [{ _count: 'desc' }, { _key: 'asc' }], include: 'a.*', exclude: 'b|c', execution_hint: 'map', collect_mode: 'breadth_first', show_term_doc_count_error: true },
    wrong: ['size', 'many'],
  },
  multi_terms: { body: { terms: [{ field: 'a', missing: 'x' }, { field: 'b' }], size: 3, shard_size: 5, shard_min_doc_count: 1, min_doc_count: 1, order: { _count: 'desc' }, show_term_doc_count_error: false, collect_mode: 'depth_first' }, wrong: ['terms', { field: 'a' }] },
  rare_terms: { body: { field: 'service', max_doc_count: 2, precision: 0.01, include: { partition: 0, num_partitions: 2 } }, wrong: ['max_doc_count', {}] },
  histogram: { body: { field: 'code', interval: 10, offset: 5, min_doc_count: 1, order: { _key: 'desc' }, keyed: true, missing: 0, format: '0.0' }, wrong: ['offset', '1h'] },
  date_histogram: { body: { field: 'ts', calendar_interval: '1d', time_zone: 'Europe/Paris', offset: '+6h', min_doc_count: 1, format: 'yyyy-MM-dd', keyed: false, order: { _count: 'asc' } }, wrong: ['time_zone', 1] },
  auto_date_histogram: { body: { field: 'ts', buckets: 20, time_zone: 'UTC', minimum_interval: 'hour', format: 'yyyy' }, wrong: ['buckets', 'twenty'] },
  variable_width_histogram: { body: { field: 'code', buckets: 10, shard_size: 100, initial_buffer: 500 }, wrong: ['buckets', [1]] },
  range: { body: { field: 'code', ranges: [{ to: 10 }, { key: 'mid', from: 10, to: 20 }, { from: '20' }], keyed: true }, wrong: ['ranges', { to: 10 }] },
  date_range: { body: { field: 'ts', ranges: [{ from: 'now-1d/d', to: 'now' }], time_zone: 'UTC', format: 'yyyy' }, wrong: ['keyed', 'yes'] },
  ip_range: { body: { field: 'ip', ranges: [{ mask: '10.0.0.0/8' }, { to: '10.0.0.5' }] }, wrong: ['ranges', [{ mask: 8 }]] },
  missing: { body: { field: 'service' }, wrong: ['field', ['service']] },
  filter: { body: { term: { service: 'a' } }, wrong: ['term', 'a'] },
  filters: { body: { filters: { a: { term: { service: 'a' } }, b: { match_all: {} } }, other_bucket: true, other_bucket_key: 'rest' }, wrong: ['other_bucket', 'sometimes'] },
  adjacency_matrix: { body: { filters: { a: { term: { service: 'a' } }, b: { term: { service: 'b' } } }, separator: '+' }, wrong: ['separator', 1] },
  composite: {
    body: {
      size: 10,
      after: { s: 'a', h: 5, d: 1_600_000_000_000, g: '6/10/10' },
      sources: [
        { s: { terms: { field: 'service', missing_bucket: true, missing_order: 'last', order: 'desc' } } },
        { h: { histogram: { field: 'code', interval: 5 } } },
        { d: { date_histogram: { field: 'ts', calendar_interval: '1d', time_zone: 'UTC' } } },
        { g: { geotile_grid: { field: 'loc', precision: 6 } } },
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
  geotile_grid: { body: { field: 'loc', precision: 7, size: 100, bounds: { top_left: 'POINT (0 10)', bottom_right: { lat: 0, lon: 10 } } }, wrong: ['bounds', { top: 1 }] },
  avg: { body: { field: 'code', missing: 0, format: '0.0' }, wrong: ['field', 1] },
  sum: { body: { field: 'code' }, wrong: ['missing', {}] },
  min: { body: { field: 'code' }, wrong: ['format', 1] },
  max: { body: { field: 'code', value_type: 'long' }, wrong: ['value_type', 1] },
  value_count: { body: { field: 'code' }, wrong: ['field', null] },
  stats: { body: { field: 'code' }, wrong: ['field', true] },
  extended_stats: { body: { field: 'code', sigma: 2 }, wrong: ['sigma', 'two'] },
  cardinality: { body: { field: 'service', precision_threshold: 100, execution_hint: 'direct' }, wrong: ['precision_threshold', 'high'] },
  percentiles: { body: { field: 'code', percents: [50, 99], keyed: false, tdigest: { compression: 200 } }, wrong: ['percents', 50] },
  percentile_ranks: { body: { field: 'code', values: [10], hdr: { number_of_significant_value_digits: 3 } }, wrong: ['hdr', { digits: 3 }] },
  median_absolute_deviation: { body: { field: 'code', compression: 100 }, wrong: ['compression', 'x'] },
  geo_bounds: { body: { field: 'loc', wrap_longitude: true }, wrong: ['wrap_longitude', 1] },
  geo_centroid: { body: { field: 'loc' }, wrong: ['field', 1] },
  weighted_avg: { body: { value: { field: 'code', missing: 1 }, weight: { field: 'w' }, format: '0.0' }, wrong: ['value', 'code'] },
  top_hits: { body: { size: 1, sort: [{ code: 'desc' }], _source: ['msg'] }, wrong: ['size', 'one'] },
  top_metrics: { body: { metrics: [{ field: 'code' }], sort: { ts: 'desc' }, size: 1 }, wrong: ['metrics', [{ field: 'code', script: 'x' }]] },
  avg_bucket: { body: { buckets_path: 't>_count', gap_policy: 'skip', format: '0' }, wrong: ['buckets_path', 1] },
  sum_bucket: { body: { buckets_path: 't>_count' }, wrong: ['gap_policy', 1] },
  min_bucket: { body: { buckets_path: 't>_count' }, wrong: ['format', 1] },
  max_bucket: { body: { buckets_path: 't>_count' }, wrong: ['buckets_path', { a: 1 }] },
  stats_bucket: { body: { buckets_path: 't>_count' }, wrong: ['buckets_path', [1]] },
  extended_stats_bucket: { body: { buckets_path: 't>_count', sigma: 3 }, wrong: ['sigma', 'x'] },
  percentiles_bucket: { body: { buckets_path: 't>_count', percents: [50], keyed: true }, wrong: ['percents', ['x']] },
  derivative: { body: { buckets_path: '_count', unit: '1d' }, wrong: ['unit', 1] },
  bucket_script: { body: { buckets_path: { c: '_count' }, script: { source: 'c * 2', lang: 'expression', params: { k: 1 } }, gap_policy: 'insert_zeros' }, wrong: ['buckets_path', { c: 1 }] },
  bucket_selector: { body: { buckets_path: { c: '_count' }, script: { source: 'c > 1', lang: 'expression' } }, wrong: ['gap_policy', true] },
  cumulative_sum: { body: { buckets_path: '_count', format: '0' }, wrong: ['buckets_path', ['_count']] },
  serial_diff: { body: { buckets_path: '_count', lag: 2 }, wrong: ['lag', 'two'] },
  bucket_sort: { body: { sort: [{ _count: { order: 'desc' } }], from: 0, size: 5, gap_policy: 'skip' }, wrong: ['size', 'five'] },
};

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
