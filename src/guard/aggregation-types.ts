/**
 * The aggregation allowlist: every aggregation type the guard lets through
 * and the grammar of its body, read as the engines' `*AggregationBuilder.parse`
 * (OpenSearch 2.19 `ObjectParser` declarations) read it. Types not listed are
 * refused; the dangerous ones are listed in `REFUSED_AGGREGATIONS` with the reason.
 *
 * @packageDocumentation
 */
import type { JsonValue } from './json-value.js';
import { isJsonObject } from './json-value.js';
import type { Kind } from './json-kinds.js';
import { arrayOf, boolean, geoPoint, mapOf, number, oneOf, oneOrArrayOf, scalar, string, stringOrNumber } from './json-kinds.js';
import { atMostCap } from './allocation-caps.js';
import { boundEmptyBuckets, dateIntervalMs, numericInterval } from './histogram-bounds.js';
import { hitsOptionRules } from './hits-options.js';
import type { KeyRules, RefusedKey } from './object-rules.js';
import { expectArray, oneOrMany, walkObject } from './object-rules.js';
import { childPointer } from './pointer.js';
import { refuse, shown } from './refusal.js';
import type { WalkContext } from './walk-context.js';

/** Checks one aggregation body (the value under its type key). */
export type AggregationBodyWalker = (body: JsonValue, pointer: string, context: WalkContext) => JsonValue;

const SCRIPT_REFUSAL: RefusedKey = { refuse: 'script', why: 'Scripts are refused in aggregations.' };

/**
 * The script of `bucket_script` / `bucket_selector`: only an inline Lucene
 * `expression` (`Script.parse`: `source`, `lang`, `params`). In a bucket
 * aggregation context an expression's variables are bound to the bucket
 * path values and `params` only (OpenSearch `ExpressionScriptEngine`,
 * bucket aggregation factory): no document access, no loops. Painless, a
 * stored script (`id`) or a bare string (default language painless) are refused.
 */
const expressionScript: Kind = (value, pointer) => {
  const only = 'Only inline scripts with "lang": "expression" are accepted in bucket_script and bucket_selector.';
  if (!isJsonObject(value)) return refuse('script', only, { pointer });
  const script = walkObject(value, pointer, 'script', { source: string, lang: string, params: mapOf(number) }, 'script');
  if (script['lang'] !== 'expression' || typeof script['source'] !== 'string') return refuse('script', only, { pointer });
  return script;
};

/**
 * `min_doc_count: 0` on a terms-style aggregation lists terms that only hidden
 * documents contain (with a zero count), so it must be at least 1.
 */
const minDocCountAtLeastOne: Kind = (value, pointer) => {
  const count = typeof value === 'string' ? Number(value) : value;
  if (typeof count !== 'number' || !(count >= 1)) {
    refuse('min-doc-count-zero', 'min_doc_count below 1 lists terms that only hidden documents contain.', { pointer });
  }
  return value;
};

/** `ValuesSourceAggregationBuilder`: where the values come from. */
const VALUE_SOURCE: KeyRules = { field: string, missing: scalar, format: string, value_type: string, script: SCRIPT_REFUSAL };

/** `order` of bucket aggregations: `{ key: dir }` or an array of them (`InternalOrder.Parser`). */
const bucketOrder: Kind = oneOrArrayOf(mapOf(oneOf('asc', 'desc')));

/**
 * `include` / `exclude` of terms as `IncludeExclude.parseInclude` reads them: a
 * regex (a string), a list of terms (an array), or a partition (an object); a
 * bare number or boolean is none of these.
 */
const includeExclude: Kind = (value, pointer) =>
  isJsonObject(value)
    ? walkObject(value, pointer, 'include', { partition: number, num_partitions: number }, 'aggregation-option-not-allowed')
    : typeof value === 'string'
      ? value
      : arrayOf(scalar)(value, pointer);

/**
 * IncludeExclude.merge (both engines) refuses a regex with a set ("Cannot mix
 * a regex-based include with a set-based method"): the guard refuses the
 * mix too, so what it accepts is what the engine runs.
 */
function withIncludeExclude(what: string, rules: KeyRules): AggregationBodyWalker {
  return (body, pointer) => {
    const parsed = walkObject(body, pointer, what, rules, 'aggregation-option-not-allowed');
    const include = parsed['include'];
    const exclude = parsed['exclude'];
    const regex = (v: JsonValue | undefined): boolean => typeof v === 'string';
    const set = (v: JsonValue | undefined): boolean => Array.isArray(v);
    if ((regex(include) && set(exclude)) || (set(include) && regex(exclude))) {
      refuse('malformed', 'include and exclude must both be regular expressions or both be term lists.', { pointer: childPointer(pointer, 'exclude') });
    }
    return parsed;
  };
}

function options(what: string, rules: KeyRules): AggregationBodyWalker {
  return (body, pointer) => walkObject(body, pointer, what, rules, 'aggregation-option-not-allowed');
}

const bounds: Kind = (value, pointer) => walkObject(value, pointer, 'bounds', { min: stringOrNumber, max: stringOrNumber }, 'aggregation-option-not-allowed');

const METRIC = (what: string, extra: KeyRules = {}): AggregationBodyWalker => options(what, { ...VALUE_SOURCE, ...extra });
const BUCKETS_PATH: KeyRules = { buckets_path: (v, p) => (isJsonObject(v) ? mapOf(string)(v, p) : oneOrArrayOf(string)(v, p)), gap_policy: string, format: string };

const ranges: Kind = arrayOf((value, pointer) =>
  walkObject(value, pointer, 'A range', { key: string, from: stringOrNumber, to: stringOrNumber, mask: string }, 'aggregation-option-not-allowed'),
);

const geoBoundsBox: Kind = (value, pointer) =>
  walkObject(value, pointer, 'bounds', { top_left: geoPoint, bottom_right: geoPoint, top_right: geoPoint, bottom_left: geoPoint, wkt: string }, 'aggregation-option-not-allowed');

const walkFilters: AggregationBodyWalker = (body, pointer, context) =>
  walkObject(
    body,
    pointer,
    'filters',
    {
      other_bucket: boolean,
      other_bucket_key: string,
      keyed: boolean,
      filters: (value, at) =>
        Array.isArray(value)
          ? value.map((item, i) => context.walkers.query(item, childPointer(at, i), context, 0))
          : walkObject(value, at, 'filters.filters', {}, 'malformed', (_name, item, p) => context.walkers.query(item, p, context, 0)),
    },
    'aggregation-option-not-allowed',
  );

const walkAdjacency: AggregationBodyWalker = (body, pointer, context) =>
  walkObject(
    body,
    pointer,
    'adjacency_matrix',
    {
      separator: string,
      filters: (value, at) => walkObject(value, at, 'adjacency_matrix.filters', {}, 'malformed', (_name, item, p) => context.walkers.query(item, p, context, 0)),
    },
    'aggregation-option-not-allowed',
  );

const COMPOSITE_COMMON: KeyRules = { field: string, missing_bucket: boolean, missing_order: string, order: oneOf('asc', 'desc'), value_type: string, format: string, script: SCRIPT_REFUSAL };

// CompositeValuesSourceParserHelper: the common options (`declareValuesSourceFields`) and each type's own.
const COMPOSITE_SOURCE_TYPES: Readonly<Record<string, KeyRules>> = {
  terms: COMPOSITE_COMMON,
  histogram: { ...COMPOSITE_COMMON, interval: number },
  date_histogram: { ...COMPOSITE_COMMON, calendar_interval: string, fixed_interval: string, interval: stringOrNumber, time_zone: string, offset: stringOrNumber },
  geotile_grid: { ...COMPOSITE_COMMON, precision: number, bounds: geoBoundsBox },
};

/** An object with exactly one key (the engine reads the first key and then expects the object to end). */
function exactlyOneKey(value: JsonValue, pointer: string, what: string): void {
  if (isJsonObject(value) && Object.keys(value).length !== 1) refuse('malformed', `${what} must have exactly one key.`, { pointer });
}

// CompositeValuesSourceParserHelper.fromXContent reads `{ name: { type: { ... } } }`, the first key at each
// level only, then steps over two closing tokens: a second name or type is not read as one, so it is refused.
function walkCompositeSource(item: JsonValue, pointer: string): JsonValue {
  exactlyOneKey(item, pointer, 'A composite source');
  return walkObject(item, pointer, 'A composite source', {}, 'malformed', (_name, spec, at) => {
    exactlyOneKey(spec, at, 'A composite source');
    return walkObject(spec, at, 'A composite source', {}, 'aggregation-option-not-allowed', (type, body, p) => {
      if (!Object.prototype.hasOwnProperty.call(COMPOSITE_SOURCE_TYPES, type)) {
        refuse('aggregation-type-not-allowed', `The composite source type "${shown(type)}" is not on the guard's allowlist.`, { pointer: p });
      }
      return walkObject(body, p, 'A composite source', COMPOSITE_SOURCE_TYPES[type] as KeyRules, 'aggregation-option-not-allowed');
    });
  });
}

const walkComposite: AggregationBodyWalker = (body, pointer) =>
  walkObject(
    body,
    pointer,
    'composite',
    {
      size: number,
      after: mapOf((v, p) => (v === null ? null : scalar(v, p))),
      sources: (value, at) => expectArray(value, at, 'composite.sources').map((item, i) => walkCompositeSource(item, childPointer(at, i))),
    },
    'aggregation-option-not-allowed',
  );

const HISTOGRAM_COMMON: KeyRules = {
  ...VALUE_SOURCE,
  min_doc_count: number,
  extended_bounds: bounds,
  hard_bounds: bounds,
  offset: stringOrNumber,
  order: bucketOrder,
  keyed: boolean,
};

// HistogramAggregationBuilder.PARSER (both engines): `interval` and `offset` are `declareDouble` (a number, not
// a date offset as in date_histogram); empty buckets bounded (see histogram-bounds.ts).
const walkHistogram: AggregationBodyWalker = (body, pointer, context) => {
  const parsed = walkObject(body, pointer, 'histogram', { ...HISTOGRAM_COMMON, interval: number, offset: number }, 'aggregation-option-not-allowed');
  return boundEmptyBuckets(parsed, pointer, numericInterval(parsed, pointer), false, context.limits.maxHistogramBuckets);
};

// DateHistogramAggregationBuilder.PARSER (both engines): the value source with `time_zone`, the interval
// (DateIntervalWrapper: `calendar_interval`, `fixed_interval`, deprecated `interval`, OpenSearch only), `offset`
// (a number or a `+1h` string), `keyed`, `min_doc_count`, `extended_bounds` / `hard_bounds` (LongBounds), `order`.
const walkDateHistogram: AggregationBodyWalker = (body, pointer, context) => {
  const parsed = walkObject(
    body,
    pointer,
    'date_histogram',
    { ...HISTOGRAM_COMMON, calendar_interval: string, fixed_interval: string, interval: stringOrNumber, time_zone: string },
    'aggregation-option-not-allowed',
  );
  return boundEmptyBuckets(parsed, pointer, dateIntervalMs(parsed, pointer), true, context.limits.maxHistogramBuckets);
};

/** A target bucket count (`auto_date_histogram.buckets`), at most the histogram bucket limit. */
function bucketTarget(max: number): Kind {
  return (value, pointer) => {
    const parsed = number(value, pointer);
    if (Number(parsed) > max) refuse('too-many-buckets', `More than ${max} buckets were asked for.`, { pointer, limit: max });
    return parsed;
  };
}

const walkTopHits: AggregationBodyWalker = (body, pointer, context) =>
  walkObject(body, pointer, 'top_hits', hitsOptionRules(context), 'aggregation-option-not-allowed');

const walkTopMetrics: AggregationBodyWalker = (body, pointer, context) =>
  walkObject(
    body,
    pointer,
    'top_metrics',
    {
      size: number,
      metrics: (value, at) => oneOrMany(value, at, (m, p) => walkObject(m, p, 'A top_metrics metric', { field: string }, 'aggregation-option-not-allowed')),
      sort: (value, at) => context.walkers.sort(value, at, context),
    },
    'aggregation-option-not-allowed',
  );

const walkWeightedAvg: AggregationBodyWalker = (body, pointer) => {
  const source: Kind = (value, at) =>
    walkObject(value, at, 'A weighted_avg source', { field: string, missing: number, script: SCRIPT_REFUSAL }, 'aggregation-option-not-allowed');
  return walkObject(body, pointer, 'weighted_avg', { format: string, value_type: string, value: source, weight: source }, 'aggregation-option-not-allowed');
};

const TERMS_OPTIONS: KeyRules = {
  ...VALUE_SOURCE,
  size: number,
  shard_size: number,
  shard_min_doc_count: number,
  min_doc_count: minDocCountAtLeastOne,
  order: bucketOrder,
  include: includeExclude,
  exclude: includeExclude,
  execution_hint: string,
  collect_mode: string,
  show_term_doc_count_error: boolean,
};

const percentilesConfig: KeyRules = {
  tdigest: (v, p) => walkObject(v, p, 'tdigest', { compression: atMostCap('tdigestCompression', 'tdigest.compression') }, 'aggregation-option-not-allowed'),
  hdr: (v, p) => walkObject(v, p, 'hdr', { number_of_significant_value_digits: number }, 'aggregation-option-not-allowed'),
  keyed: boolean,
};

/** Allowed aggregation types. `bucket` types may have sub-aggregations. */
export const AGGREGATIONS: Readonly<Record<string, { readonly bucket: boolean; readonly walk: AggregationBodyWalker }>> = {
  // TermsAggregationBuilder.PARSER
  terms: { bucket: true, walk: withIncludeExclude('terms', TERMS_OPTIONS) },
  // MultiTermsAggregationBuilder.PARSER
  multi_terms: {
    bucket: true,
    walk: options('multi_terms', {
      size: number,
      shard_size: number,
      shard_min_doc_count: number,
      min_doc_count: minDocCountAtLeastOne,
      order: bucketOrder,
      show_term_doc_count_error: boolean,
      collect_mode: string,
      terms: arrayOf((t, p) => walkObject(t, p, 'A multi_terms source', { field: string, missing: scalar, script: SCRIPT_REFUSAL }, 'aggregation-option-not-allowed')),
      script: SCRIPT_REFUSAL,
    }),
  },
  // RareTermsAggregationBuilder.PARSER
  rare_terms: { bucket: true, walk: withIncludeExclude('rare_terms', { ...VALUE_SOURCE, max_doc_count: number, precision: number, include: includeExclude, exclude: includeExclude }) },
  histogram: { bucket: true, walk: walkHistogram },
  date_histogram: { bucket: true, walk: walkDateHistogram },
  // AutoDateHistogramAggregationBuilder.PARSER: at most `buckets` buckets by construction.
  auto_date_histogram: {
    bucket: true,
    walk: (body, pointer, context) =>
      walkObject(
        body,
        pointer,
        'auto_date_histogram',
        { ...VALUE_SOURCE, buckets: bucketTarget(context.limits.maxHistogramBuckets), time_zone: string, minimum_interval: string },
        'aggregation-option-not-allowed',
      ),
  },
  // VariableWidthHistogramAggregationBuilder: `buckets` is checked against search.max_buckets by the builder;
  // shard_size and initial_buffer are not (see allocation-caps.ts).
  variable_width_histogram: {
    bucket: true,
    walk: options('variable_width_histogram', {
      ...VALUE_SOURCE,
      buckets: number,
      shard_size: atMostCap('variableWidthBuffer', 'variable_width_histogram.shard_size'),
      initial_buffer: atMostCap('variableWidthBuffer', 'variable_width_histogram.initial_buffer'),
    }),
  },
  range: { bucket: true, walk: options('range', { ...VALUE_SOURCE, ranges, keyed: boolean }) },
  date_range: { bucket: true, walk: options('date_range', { ...VALUE_SOURCE, ranges, keyed: boolean, time_zone: string }) },
  ip_range: { bucket: true, walk: options('ip_range', { ...VALUE_SOURCE, ranges, keyed: boolean }) },
  missing: { bucket: true, walk: options('missing', VALUE_SOURCE) },
  filter: { bucket: true, walk: (body, pointer, context) => context.walkers.query(body, pointer, context, 0) },
  filters: { bucket: true, walk: walkFilters },
  adjacency_matrix: { bucket: true, walk: walkAdjacency },
  composite: { bucket: true, walk: walkComposite },
  nested: { bucket: true, walk: options('nested', { path: string }) },
  reverse_nested: { bucket: true, walk: options('reverse_nested', { path: string }) },
  sampler: { bucket: true, walk: options('sampler', { shard_size: atMostCap('samplerShardSize', 'sampler.shard_size') }) },
  diversified_sampler: {
    bucket: true,
    walk: options('diversified_sampler', {
      field: string,
      shard_size: atMostCap('samplerShardSize', 'diversified_sampler.shard_size'),
      max_docs_per_value: atMostCap('diversifiedMaxDocsPerValue', 'diversified_sampler.max_docs_per_value'),
      execution_hint: string,
      script: SCRIPT_REFUSAL,
    }),
  },
  // RandomSamplerAggregationBuilder.PARSER (Elasticsearch): samples the documents the query matched, nothing else.
  random_sampler: { bucket: true, walk: options('random_sampler', { probability: number, seed: number, shard_seed: number }) },
  geohash_grid: { bucket: true, walk: options('geohash_grid', { field: string, precision: stringOrNumber, bounds: geoBoundsBox, size: number, shard_size: number }) },
  geotile_grid: { bucket: true, walk: options('geotile_grid', { field: string, precision: number, bounds: geoBoundsBox, size: number, shard_size: number }) },
  avg: { bucket: false, walk: METRIC('avg') },
  sum: { bucket: false, walk: METRIC('sum') },
  min: { bucket: false, walk: METRIC('min') },
  max: { bucket: false, walk: METRIC('max') },
  value_count: { bucket: false, walk: METRIC('value_count') },
  stats: { bucket: false, walk: METRIC('stats') },
  extended_stats: { bucket: false, walk: METRIC('extended_stats', { sigma: number }) },
  cardinality: { bucket: false, walk: METRIC('cardinality', { precision_threshold: number, execution_hint: string }) },
  percentiles: { bucket: false, walk: METRIC('percentiles', { ...percentilesConfig, percents: arrayOf(number) }) },
  percentile_ranks: { bucket: false, walk: METRIC('percentile_ranks', { ...percentilesConfig, values: arrayOf(number) }) },
  median_absolute_deviation: { bucket: false, walk: METRIC('median_absolute_deviation', { compression: atMostCap('medianAbsoluteDeviationCompression', 'median_absolute_deviation.compression') }) },
  geo_bounds: { bucket: false, walk: options('geo_bounds', { field: string, wrap_longitude: boolean, script: SCRIPT_REFUSAL }) },
  geo_centroid: { bucket: false, walk: options('geo_centroid', { field: string, script: SCRIPT_REFUSAL }) },
  weighted_avg: { bucket: false, walk: walkWeightedAvg },
  top_hits: { bucket: false, walk: walkTopHits },
  top_metrics: { bucket: false, walk: walkTopMetrics },
  avg_bucket: { bucket: false, walk: options('avg_bucket', BUCKETS_PATH) },
  sum_bucket: { bucket: false, walk: options('sum_bucket', BUCKETS_PATH) },
  min_bucket: { bucket: false, walk: options('min_bucket', BUCKETS_PATH) },
  max_bucket: { bucket: false, walk: options('max_bucket', BUCKETS_PATH) },
  stats_bucket: { bucket: false, walk: options('stats_bucket', BUCKETS_PATH) },
  extended_stats_bucket: { bucket: false, walk: options('extended_stats_bucket', { ...BUCKETS_PATH, sigma: number }) },
  percentiles_bucket: { bucket: false, walk: options('percentiles_bucket', { ...BUCKETS_PATH, percents: arrayOf(number), keyed: boolean }) },
  derivative: { bucket: false, walk: options('derivative', { ...BUCKETS_PATH, unit: string }) },
  // TSVB and Lens formulas send these with Lucene expressions.
  bucket_script: { bucket: false, walk: options('bucket_script', { ...BUCKETS_PATH, script: expressionScript }) },
  bucket_selector: { bucket: false, walk: options('bucket_selector', { ...BUCKETS_PATH, script: expressionScript }) },
  cumulative_sum: { bucket: false, walk: options('cumulative_sum', { buckets_path: string, format: string }) },
  serial_diff: { bucket: false, walk: options('serial_diff', { ...BUCKETS_PATH, lag: atMostCap('serialDiffLag', 'serial_diff.lag') }) },
  bucket_sort: {
    bucket: false,
    walk: (body, pointer, context) =>
      walkObject(body, pointer, 'bucket_sort', { from: number, size: number, gap_policy: string, sort: (v, at) => context.walkers.sort(v, at, context) }, 'aggregation-option-not-allowed'),
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
  moving_fn: ['script', 'Scripts are refused in aggregations.'],
};
