/**
 * The aggregation allowlist: every aggregation type the guard lets through
 * and how its body is checked. Types not listed are refused; the dangerous
 * ones are listed in `REFUSED_AGGREGATIONS` with the reason.
 *
 * @packageDocumentation
 */
import type { JsonValue } from './json-value.js';
import type { KeyRules } from './object-rules.js';
import { copyKeys, expectArray, oneOrMany, walkObject } from './object-rules.js';
import { childPointer } from './pointer.js';
import { queryKey, walkQuery } from './query-walker.js';
import { refuse } from './refusal.js';
import { hitsOptionRules } from './hits-options.js';
import { walkSort } from './sort-walker.js';
import type { WalkContext } from './walk-context.js';

/** Checks one aggregation body (the value under its type key). */
export type AggregationBodyWalker = (body: JsonValue, pointer: string, context: WalkContext) => JsonValue;

const SCRIPT_REFUSAL = { refuse: 'script', why: 'Scripts are refused in aggregations.' } as const;

/**
 * `min_doc_count: 0` on a terms-style aggregation lists terms that only hidden
 * documents contain (with a zero count), so it must be at least 1.
 */
function minDocCountAtLeastOne(value: JsonValue, pointer: string): JsonValue {
  const count = typeof value === 'string' ? Number(value) : value;
  if (typeof count !== 'number' || !(count >= 1)) {
    refuse('min-doc-count-zero', 'min_doc_count below 1 lists terms that only hidden documents contain.', { pointer });
  }
  return value;
}

function options(...keys: string[]): AggregationBodyWalker {
  const rules: KeyRules = { ...copyKeys(...keys), script: SCRIPT_REFUSAL };
  return (body, pointer) => walkObject(body, pointer, 'This aggregation', rules, 'aggregation-option-not-allowed');
}

function termsStyle(...keys: string[]): AggregationBodyWalker {
  const rules: KeyRules = { ...copyKeys(...keys), min_doc_count: minDocCountAtLeastOne, script: SCRIPT_REFUSAL };
  return (body, pointer) => walkObject(body, pointer, 'This aggregation', rules, 'aggregation-option-not-allowed');
}

const VALUE_SOURCE = ['field', 'missing', 'format', 'value_type'] as const;
const METRIC = options(...VALUE_SOURCE);
const BUCKETS_PATH = ['buckets_path', 'gap_policy', 'format'] as const;

const walkFilters: AggregationBodyWalker = (body, pointer, context) =>
  walkObject(
    body,
    pointer,
    'filters',
    {
      ...copyKeys('other_bucket', 'other_bucket_key', 'keyed'),
      filters: (value, at) =>
        Array.isArray(value)
          ? value.map((item, i) => walkQuery(item, childPointer(at, i), context, 0))
          : walkObject(value, at, 'filters.filters', {}, 'malformed', (_name, item, p) => walkQuery(item, p, context, 0)),
    },
    'aggregation-option-not-allowed',
  );

const walkAdjacency: AggregationBodyWalker = (body, pointer, context) =>
  walkObject(
    body,
    pointer,
    'adjacency_matrix',
    {
      separator: 'copy',
      filters: (value, at) => walkObject(value, at, 'adjacency_matrix.filters', {}, 'malformed', (_name, item, p) => walkQuery(item, p, context, 0)),
    },
    'aggregation-option-not-allowed',
  );

const COMPOSITE_SOURCE_TYPES: Readonly<Record<string, KeyRules>> = {
  terms: { ...copyKeys('field', 'missing_bucket', 'missing_order', 'order', 'value_type', 'format'), script: SCRIPT_REFUSAL },
  histogram: { ...copyKeys('field', 'interval', 'missing_bucket', 'missing_order', 'order', 'value_type', 'format'), script: SCRIPT_REFUSAL },
  date_histogram: {
    ...copyKeys('field', 'calendar_interval', 'fixed_interval', 'interval', 'time_zone', 'offset', 'missing_bucket', 'missing_order', 'order', 'value_type', 'format'),
    script: SCRIPT_REFUSAL,
  },
  geotile_grid: { ...copyKeys('field', 'precision', 'bounds', 'missing_bucket', 'missing_order', 'order'), script: SCRIPT_REFUSAL },
};

function walkCompositeSource(item: JsonValue, pointer: string): JsonValue {
  return walkObject(item, pointer, 'A composite source', {}, 'malformed', (_name, spec, at) =>
    walkObject(spec, at, 'A composite source', {}, 'aggregation-option-not-allowed', (type, options, p) => {
      if (!Object.prototype.hasOwnProperty.call(COMPOSITE_SOURCE_TYPES, type)) {
        refuse('aggregation-type-not-allowed', `The composite source type "${type}" is not on the guard's allowlist.`, { pointer: p });
      }
      return walkObject(options, p, 'A composite source', COMPOSITE_SOURCE_TYPES[type] as KeyRules, 'aggregation-option-not-allowed');
    }),
  );
}

const walkComposite: AggregationBodyWalker = (body, pointer) =>
  walkObject(
    body,
    pointer,
    'composite',
    {
      ...copyKeys('size', 'after'),
      sources: (value, at) => expectArray(value, at, 'composite.sources').map((item, i) => walkCompositeSource(item, childPointer(at, i))),
    },
    'aggregation-option-not-allowed',
  );

const walkTopHits: AggregationBodyWalker = (body, pointer, context) =>
  walkObject(body, pointer, 'top_hits', hitsOptionRules(context), 'aggregation-option-not-allowed');

const walkTopMetrics: AggregationBodyWalker = (body, pointer, context) =>
  walkObject(
    body,
    pointer,
    'top_metrics',
    {
      size: 'copy',
      metrics: (value, at) => oneOrMany(value, at, (m, p) => walkObject(m, p, 'A top_metrics metric', copyKeys('field'), 'aggregation-option-not-allowed')),
      sort: (value, at) => walkSort(value, at, context),
    },
    'aggregation-option-not-allowed',
  );

const walkWeightedAvg: AggregationBodyWalker = (body, pointer) => {
  const source = (value: JsonValue, at: string): JsonValue =>
    walkObject(value, at, 'A weighted_avg source', { ...copyKeys('field', 'missing'), script: SCRIPT_REFUSAL }, 'aggregation-option-not-allowed');
  return walkObject(body, pointer, 'weighted_avg', { ...copyKeys('format', 'value_type'), value: source, weight: source }, 'aggregation-option-not-allowed');
};

/** Allowed aggregation types. `bucket` types may have sub-aggregations. */
export const AGGREGATIONS: Readonly<Record<string, { readonly bucket: boolean; readonly walk: AggregationBodyWalker }>> = {
  terms: {
    bucket: true,
    walk: termsStyle(...VALUE_SOURCE, 'size', 'shard_size', 'shard_min_doc_count', 'order', 'include', 'exclude', 'execution_hint', 'collect_mode', 'show_term_doc_count_error'),
  },
  multi_terms: {
    bucket: true,
    walk: (body, pointer) =>
      walkObject(
        body,
        pointer,
        'multi_terms',
        {
          ...copyKeys('size', 'shard_size', 'shard_min_doc_count', 'order', 'show_term_doc_count_error', 'collect_mode'),
          min_doc_count: minDocCountAtLeastOne,
          terms: (value, at) =>
            expectArray(value, at, 'multi_terms.terms').map((t, i) =>
              walkObject(t, childPointer(at, i), 'A multi_terms source', { ...copyKeys('field', 'missing'), script: SCRIPT_REFUSAL }, 'aggregation-option-not-allowed'),
            ),
          script: SCRIPT_REFUSAL,
        },
        'aggregation-option-not-allowed',
      ),
  },
  rare_terms: { bucket: true, walk: options(...VALUE_SOURCE, 'max_doc_count', 'precision', 'include', 'exclude') },
  histogram: { bucket: true, walk: options(...VALUE_SOURCE, 'interval', 'min_doc_count', 'extended_bounds', 'hard_bounds', 'offset', 'order', 'keyed') },
  date_histogram: {
    bucket: true,
    walk: options(...VALUE_SOURCE, 'calendar_interval', 'fixed_interval', 'interval', 'min_doc_count', 'extended_bounds', 'hard_bounds', 'offset', 'order', 'keyed', 'time_zone'),
  },
  auto_date_histogram: { bucket: true, walk: options(...VALUE_SOURCE, 'buckets', 'time_zone', 'minimum_interval') },
  variable_width_histogram: { bucket: true, walk: options(...VALUE_SOURCE, 'buckets', 'shard_size', 'initial_buffer') },
  range: { bucket: true, walk: options(...VALUE_SOURCE, 'ranges', 'keyed') },
  date_range: { bucket: true, walk: options(...VALUE_SOURCE, 'ranges', 'keyed', 'time_zone') },
  ip_range: { bucket: true, walk: options(...VALUE_SOURCE, 'ranges', 'keyed') },
  missing: { bucket: true, walk: options(...VALUE_SOURCE) },
  filter: { bucket: true, walk: (body, pointer, context) => queryKey(context)(body, pointer) },
  filters: { bucket: true, walk: walkFilters },
  adjacency_matrix: { bucket: true, walk: walkAdjacency },
  composite: { bucket: true, walk: walkComposite },
  nested: { bucket: true, walk: options('path') },
  reverse_nested: { bucket: true, walk: options('path') },
  sampler: { bucket: true, walk: options('shard_size') },
  diversified_sampler: { bucket: true, walk: options('field', 'shard_size', 'max_docs_per_value', 'execution_hint') },
  geohash_grid: { bucket: true, walk: options('field', 'precision', 'bounds', 'size', 'shard_size') },
  geotile_grid: { bucket: true, walk: options('field', 'precision', 'bounds', 'size', 'shard_size') },
  avg: { bucket: false, walk: METRIC },
  sum: { bucket: false, walk: METRIC },
  min: { bucket: false, walk: METRIC },
  max: { bucket: false, walk: METRIC },
  value_count: { bucket: false, walk: METRIC },
  stats: { bucket: false, walk: METRIC },
  extended_stats: { bucket: false, walk: options(...VALUE_SOURCE, 'sigma') },
  cardinality: { bucket: false, walk: options(...VALUE_SOURCE, 'precision_threshold', 'execution_hint') },
  percentiles: { bucket: false, walk: options(...VALUE_SOURCE, 'percents', 'keyed', 'tdigest', 'hdr') },
  percentile_ranks: { bucket: false, walk: options(...VALUE_SOURCE, 'values', 'keyed', 'tdigest', 'hdr') },
  median_absolute_deviation: { bucket: false, walk: options(...VALUE_SOURCE, 'compression') },
  geo_bounds: { bucket: false, walk: options('field', 'wrap_longitude') },
  geo_centroid: { bucket: false, walk: options('field') },
  weighted_avg: { bucket: false, walk: walkWeightedAvg },
  top_hits: { bucket: false, walk: walkTopHits },
  top_metrics: { bucket: false, walk: walkTopMetrics },
  avg_bucket: { bucket: false, walk: options(...BUCKETS_PATH) },
  sum_bucket: { bucket: false, walk: options(...BUCKETS_PATH) },
  min_bucket: { bucket: false, walk: options(...BUCKETS_PATH) },
  max_bucket: { bucket: false, walk: options(...BUCKETS_PATH) },
  stats_bucket: { bucket: false, walk: options(...BUCKETS_PATH) },
  extended_stats_bucket: { bucket: false, walk: options(...BUCKETS_PATH, 'sigma') },
  percentiles_bucket: { bucket: false, walk: options(...BUCKETS_PATH, 'percents', 'keyed') },
  derivative: { bucket: false, walk: options(...BUCKETS_PATH, 'unit') },
  cumulative_sum: { bucket: false, walk: options('buckets_path', 'format') },
  serial_diff: { bucket: false, walk: options(...BUCKETS_PATH, 'lag') },
  bucket_sort: {
    bucket: false,
    walk: (body, pointer, context) =>
      walkObject(body, pointer, 'bucket_sort', { ...copyKeys('from', 'size', 'gap_policy'), sort: (v, at) => walkSort(v, at, context) }, 'aggregation-option-not-allowed'),
  },
};

/** Aggregation types refused whatever their options, with the reason. */
export const REFUSED_AGGREGATIONS: Readonly<Record<string, readonly [string, string]>> = {
  global: ['global-aggregation', 'A global aggregation ignores the query, so it would see every document.'],
  significant_terms: ['significant-terms', 'significant_terms compares with the whole index, hidden documents included.'],
  significant_text: ['significant-terms', 'significant_text compares with the whole index, hidden documents included.'],
  children: ['join-aggregation', 'children finds its documents through the join, not the query.'],
  parent: ['join-aggregation', 'parent finds its documents through the join, not the query.'],
  scripted_metric: ['script', 'Scripts are refused in aggregations.'],
  bucket_script: ['script', 'Scripts are refused in aggregations.'],
  bucket_selector: ['script', 'Scripts are refused in aggregations.'],
  moving_fn: ['script', 'Scripts are refused in aggregations.'],
};
