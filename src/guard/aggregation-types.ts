/**
 * The aggregation allowlist: every aggregation type the guard lets through
 * and the grammar of its body, read as the engines' `*AggregationBuilder.parse`
 * / `PARSER` read it, in OpenSearch 2.19 and Elasticsearch 8.19: where they
 * differ, the stricter reading (an option one of them does not know is
 * refused; a kind only one of them reads is refused). Types not listed are
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
  // Number tokens only: the bucket script takes a param only if it is a Number ("can only process numbers").
  const script = walkObject(value, pointer, 'script', { source: string, lang: string, params: mapOf(numberToken) }, 'script');
  if (script['lang'] !== 'expression' || typeof script['source'] !== 'string') return refuse('script', only, { pointer });
  return script;
};

const ID_START = /[_$a-zA-Z]/;
const ID_PART = /[_$a-zA-Z0-9]/;

/**
 * The plain variables of a Lucene expression (`JavascriptCompiler`: `ID`
 * not followed by `.`, `[` or `(`): `doc['x'].value`, `a.b` and function
 * names are not. Numbers and the quoted strings of array indexes are skipped.
 */
function plainVariables(source: string): Set<string> {
  const found = new Set<string>();
  let i = 0;
  const skipSpaces = (): void => {
    while (i < source.length && /\s/.test(source[i] as string)) i += 1;
  };
  while (i < source.length) {
    const c = source[i] as string;
    if (c === "'" || c === '"') {
      const end = source.indexOf(c, i + 1);
      i = end < 0 ? source.length : end + 1;
    } else if (/[0-9.]/.test(c)) {
      i += 1;
      while (i < source.length && /[0-9a-zA-Z.]/.test(source[i] as string)) i += 1;
    } else if (ID_START.test(c)) {
      const start = i;
      while (i < source.length && ID_PART.test(source[i] as string)) i += 1;
      const name = source.slice(start, i);
      skipSpaces();
      if (!/[.[(]/.test(source[i] ?? '')) found.add(name);
    } else {
      i += 1;
    }
  }
  return found;
}

/**
 * bucket_script / bucket_selector: the expression engine's bucket script
 * (`ExpressionScriptEngine.newBucketAggregationScriptFactory`) fails on any
 * param it has no variable for ("The variable [k] does not exist in the
 * executable expressions script"), and the buckets_path values are params too:
 * a map's names, `_value` for a string, `_value0`, `_value1` ... for an array
 * (`BucketScriptPipelineAggregationBuilder.extractBucketPath`). Each must be a
 * plain variable of the source.
 */
function withExpressionVariables(what: string, rules: KeyRules): AggregationBodyWalker {
  return (body, pointer) => {
    const parsed = walkObject(body, pointer, what, rules, 'aggregation-option-not-allowed');
    const script = parsed['script'];
    if (!isJsonObject(script) || typeof script['source'] !== 'string') return parsed;
    const paths = parsed['buckets_path'];
    const pathNames = isJsonObject(paths) ? Object.keys(paths) : Array.isArray(paths) ? paths.map((_path, i) => `_value${i}`) : paths === undefined ? [] : ['_value'];
    const params = script['params'];
    const names = [...pathNames, ...(isJsonObject(params) ? Object.keys(params) : [])];
    const variables = plainVariables(script['source']);
    const unused = names.find((name) => !variables.has(name));
    if (unused !== undefined) {
      refuse('malformed', `The expression does not use "${shown(unused)}": the engine fails on a buckets_path name or param it has no variable for.`, { pointer: childPointer(childPointer(pointer, 'script'), 'source') });
    }
    return parsed;
  };
}

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

/**
 * A boolean where the engine's hand-written parser reads only a boolean token
 * (`filters.other_bucket`, `percentiles_bucket.keyed`): `"true"` as a string
 * lands in the string branch, where the key is unknown, so it is refused.
 */
const booleanToken: Kind = (value, pointer) =>
  typeof value === 'boolean' ? value : refuse('malformed', 'This value must be true or false (not a string).', { pointer });

/**
 * A number where the engine's hand-written parser reads only a number token
 * (`sampler.shard_size`, `serial_diff.lag`, `extended_stats_bucket.sigma`): a
 * numeric string lands in the string branch, where the key is unknown.
 */
const numberToken: Kind = (value, pointer) =>
  typeof value === 'number' ? value : refuse('malformed', 'This value must be a number (not a string).', { pointer });

/** {@link numberToken}, at most the cap `name` (allocation-caps.ts). */
function numberTokenAtMost(name: Parameters<typeof atMostCap>[0], option: string): Kind {
  const capped = atMostCap(name, option);
  return (value, pointer) => capped(numberToken(value, pointer), pointer);
}

/**
 * `ValuesSourceAggregationBuilder.declareFields(parser, scriptable, formattable,
 * timezoneAware)` (both engines): `field`, `missing` (a value), `value_type`
 * always; `format` only when formattable; `script` when scriptable (refused);
 * `time_zone` when time-zone aware (added by the types that are).
 */
const VALUE_SOURCE_UNFORMATTED: KeyRules = { field: string, missing: scalar, value_type: string, script: SCRIPT_REFUSAL };
const VALUE_SOURCE: KeyRules = { ...VALUE_SOURCE_UNFORMATTED, format: string };

/**
 * One `order` object: `InternalOrder.Parser.parseOrderParam` (both engines)
 * reads keys until the object ends and keeps only the last, so an object with
 * two keys is not read as two orders; it must hold exactly one.
 */
const oneOrder: Kind = (value, pointer) => {
  const parsed = mapOf(oneOf('asc', 'desc'))(value, pointer);
  if (Object.keys(parsed as object).length !== 1) refuse('malformed', 'An order object must have exactly one key (the engine keeps only the last).', { pointer });
  return parsed;
};

/** `order` of bucket aggregations: `{ key: dir }` or an array of them (`declareObjectArray`). */
const bucketOrder: Kind = oneOrArrayOf(oneOrder);

/**
 * `include` of terms as `IncludeExclude.parseInclude` reads it (declared
 * OBJECT_ARRAY_OR_STRING): a regex (a string), a list of terms (an array), or a
 * partition (an object); a bare number or boolean is none of these.
 */
const include: Kind = (value, pointer) => (isJsonObject(value) ? partition(value, pointer) : typeof value === 'string' ? value : arrayOf(scalar)(value, pointer));

/**
 * A partition include: `parseInclude` fails without either key ("Missing [partition] parameter for
 * partition-based include") and, reading both with `intValue` (decimals truncated), beyond an int
 * or outside 0 <= partition < num_partitions.
 */
const partition: Kind = (value, pointer) => {
  const parsed = walkObject(value, pointer, 'include', { partition: number, num_partitions: number }, 'aggregation-option-not-allowed');
  if (parsed['partition'] === undefined || parsed['num_partitions'] === undefined) {
    refuse('malformed', 'A partition include needs both partition and num_partitions.', { pointer });
  }
  const index = Math.trunc(Number(parsed['partition']));
  const count = Math.trunc(Number(parsed['num_partitions']));
  // Both are read as Java ints: beyond 2^31 - 1 the parser fails ("out of range of int").
  if (count > 2_147_483_647) refuse('malformed', 'num_partitions must be at most 2147483647.', { pointer: childPointer(pointer, 'num_partitions') });
  if (!(index >= 0 && index < count)) {
    refuse('malformed', 'partition must be at least 0 and below num_partitions.', { pointer: childPointer(pointer, 'partition') });
  }
  return parsed;
};

/** `exclude` (`IncludeExclude.parseExclude`, declared STRING_ARRAY): a regex or a list of terms, never a partition. */
const exclude: Kind = (value, pointer) => (typeof value === 'string' ? value : arrayOf(scalar)(value, pointer));

// Module-level, not per call: a closure created per terms aggregation cost a fifth of nested-aggregation requests under tsx.
const isRegex = (v: JsonValue | undefined): boolean => typeof v === 'string';
const isTermSet = (v: JsonValue | undefined): boolean => Array.isArray(v);

/**
 * IncludeExclude.merge (both engines) refuses a regex with a set ("Cannot mix
 * a regex-based include with a set-based method") and any exclude beside a
 * partition include ("Cannot specify any excludes when using a partition-based
 * include"; the engine suite sees all three nodes fail the search): the guard
 * refuses both, so what it accepts is what the engine runs.
 */
function withIncludeExclude(what: string, rules: KeyRules): AggregationBodyWalker {
  return (body, pointer) => {
    const parsed = walkObject(body, pointer, what, rules, 'aggregation-option-not-allowed');
    const include = parsed['include'];
    const exclude = parsed['exclude'];
    if ((isRegex(include) && isTermSet(exclude)) || (isTermSet(include) && isRegex(exclude))) {
      refuse('malformed', 'include and exclude must both be regular expressions or both be term lists.', { pointer: childPointer(pointer, 'exclude') });
    }
    if (isJsonObject(include) && exclude !== undefined) {
      refuse('malformed', 'A partition include takes no exclude.', { pointer: childPointer(pointer, 'exclude') });
    }
    return parsed;
  };
}

function options(what: string, rules: KeyRules): AggregationBodyWalker {
  return (body, pointer) => walkObject(body, pointer, what, rules, 'aggregation-option-not-allowed');
}

// LongBounds.PARSER (date_histogram): `min` / `max` LONG_OR_NULL, a number or a date string.
const dateBounds: Kind = (value, pointer) => walkObject(value, pointer, 'bounds', { min: stringOrNumber, max: stringOrNumber }, 'aggregation-option-not-allowed');
// DoubleBounds.PARSER (histogram): `min` / `max` DOUBLE_OR_NULL, numbers only.
const numericBounds: Kind = (value, pointer) => walkObject(value, pointer, 'bounds', { min: number, max: number }, 'aggregation-option-not-allowed');

const METRIC = (what: string, extra: KeyRules = {}): AggregationBodyWalker => options(what, { ...VALUE_SOURCE, ...extra });

/**
 * `buckets_path` as `BucketMetricsParser`, `DerivativePipelineAggregationBuilder.parse` and
 * `SerialDiffPipelineAggregationBuilder.parse` read it: a string token or an array of them; an object lands
 * in their "unexpected token" branch. Only `bucket_script` (OBJECT_ARRAY_OR_STRING) and `bucket_selector`
 * (a START_OBJECT branch) read a map of names to paths.
 */
const PATHS: Kind = oneOrArrayOf(string);
const PATHS_OR_MAP: Kind = (v, p) => (isJsonObject(v) ? mapOf(string)(v, p) : PATHS(v, p));
// BucketMetricsParser.parse (both engines): string tokens `buckets_path`, `gap_policy`, `format`, or an array `buckets_path`.
const BUCKETS_PATH: KeyRules = { buckets_path: PATHS, gap_policy: string, format: string };

// RangeAggregator.Range.PARSER (range, date_range): `key`, `from`, `to` (DOUBLE_OR_NULL: a number or a string).
const ranges: Kind = arrayOf((value, pointer) =>
  walkObject(value, pointer, 'A range', { key: string, from: stringOrNumber, to: stringOrNumber }, 'aggregation-option-not-allowed'),
);
// IpRangeAggregationBuilder.parseRange: `key`, `from`, `to`, `mask`.
const ipRanges: Kind = arrayOf((value, pointer) =>
  walkObject(value, pointer, 'An ip range', { key: string, from: stringOrNumber, to: stringOrNumber, mask: string }, 'aggregation-option-not-allowed'),
);

const geoBoundsBox: Kind = (value, pointer) =>
  walkObject(value, pointer, 'bounds', { top_left: geoPoint, bottom_right: geoPoint, top_right: geoPoint, bottom_left: geoPoint, wkt: string }, 'aggregation-option-not-allowed');

// FiltersAggregationBuilder.parse: `other_bucket` only as a boolean token, `other_bucket_key` a string, `filters`
// an object or an array of queries. `keyed` is Elasticsearch only (OpenSearch 2.19 fails on it): refused.
const walkFilters: AggregationBodyWalker = (body, pointer, context) =>
  walkObject(
    body,
    pointer,
    'filters',
    {
      other_bucket: booleanToken,
      other_bucket_key: string,
      filters: (value, at) =>
        Array.isArray(value)
          ? value.map((item, i) => context.walkers.query(item, childPointer(at, i), context, 0))
          : walkObject(value, at, 'filters.filters', {}, 'malformed', (_name, item, p) => context.walkers.query(item, p, context, 0)),
    },
    'aggregation-option-not-allowed',
  );

// AdjacencyMatrixAggregationBuilder.PARSER: `separator`, `filters` (named queries). OpenSearch's
// `show_only_intersecting` is unknown to Elasticsearch: not accepted. n filters make up to n + n(n-1)/2
// buckets; doBuild fails above index.max_adjacency_matrix_filters (OpenSearch, default 100) or the clause
// count (Elasticsearch 8): the guard counts the filters before walking them, against the stricter default.
const walkAdjacency: AggregationBodyWalker = (body, pointer, context) => {
  const max = context.limits.maxAdjacencyMatrixFilters;
  const filters = isJsonObject(body) ? body['filters'] : undefined;
  if (isJsonObject(filters) && Object.keys(filters).length > max) {
    refuse('too-many-buckets', `adjacency_matrix takes at most ${max} filters.`, { pointer: childPointer(pointer, 'filters'), limit: max });
  }
  return walkObject(
    body,
    pointer,
    'adjacency_matrix',
    {
      separator: string,
      filters: (value, at) => walkObject(value, at, 'adjacency_matrix.filters', {}, 'malformed', (_name, item, p) => context.walkers.query(item, p, context, 0)),
    },
    'aggregation-option-not-allowed',
  );
};

// CompositeValuesSourceParserHelper.declareValuesSourceFields (both engines): `field`, `missing_bucket`,
// `missing_order`, `value_type`, `script`, `order`; no `format` (only the date_histogram source declares it).
const COMPOSITE_COMMON: KeyRules = { field: string, missing_bucket: boolean, missing_order: string, order: oneOf('asc', 'desc'), value_type: string, script: SCRIPT_REFUSAL };

// Each source type's own options: HistogramValuesSourceBuilder (`interval` double), DateHistogramValuesSourceBuilder
// (`format`, the DateIntervalWrapper intervals, `offset`, `time_zone`), GeoTileGridValuesSourceBuilder (`precision`,
// `bounds`). The deprecated date `interval` is read by Elasticsearch 8 only under the 7.x compatibility header: refused.
const COMPOSITE_SOURCE_TYPES: Readonly<Record<string, KeyRules>> = {
  terms: COMPOSITE_COMMON,
  histogram: { ...COMPOSITE_COMMON, interval: number },
  date_histogram: { ...COMPOSITE_COMMON, format: string, calendar_interval: string, fixed_interval: string, time_zone: string, offset: stringOrNumber },
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
  order: bucketOrder,
  keyed: boolean,
};

// HistogramAggregationBuilder.PARSER (both engines): declareFields(scriptable, formattable, no time zone);
// `interval` and `offset` are `declareDouble` (a number, not a date offset as in date_histogram); bounds are
// DoubleBounds (numbers); empty buckets bounded (see histogram-bounds.ts).
// Rule tables built once: a spread per aggregation showed as a fifth of the guard's cost on histogram-heavy requests.
const HISTOGRAM_RULES: KeyRules = { ...HISTOGRAM_COMMON, interval: number, offset: number, extended_bounds: numericBounds, hard_bounds: numericBounds };

const walkHistogram: AggregationBodyWalker = (body, pointer, context) => {
  const parsed = walkObject(body, pointer, 'histogram', HISTOGRAM_RULES, 'aggregation-option-not-allowed');
  return boundEmptyBuckets(parsed, pointer, numericInterval(parsed, pointer), false, context.limits.maxHistogramBuckets);
};

// DateHistogramAggregationBuilder.PARSER (both engines): the value source with `time_zone`, the interval
// (DateIntervalWrapper.declareIntervalFields: `calendar_interval`, `fixed_interval`; the deprecated `interval` is
// declared by Elasticsearch 8.19 only for the 7.x compatibility header, so it is refused), `offset` (LONG: a
// number or a `+1h` string), `keyed`, `min_doc_count`, `extended_bounds` / `hard_bounds` (LongBounds), `order`.
const DATE_HISTOGRAM_RULES: KeyRules = {
  ...HISTOGRAM_COMMON,
  calendar_interval: string,
  fixed_interval: string,
  time_zone: string,
  offset: stringOrNumber,
  extended_bounds: dateBounds,
  hard_bounds: dateBounds,
};

const walkDateHistogram: AggregationBodyWalker = (body, pointer, context) => {
  const parsed = walkObject(body, pointer, 'date_histogram', DATE_HISTOGRAM_RULES, 'aggregation-option-not-allowed');
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

// TermsAggregationBuilder.PARSER (both engines): declareFields(scriptable, formattable); `size`, `shard_size`
// (int), `min_doc_count`, `shard_min_doc_count` (long), `execution_hint`, `collect_mode`, `order`,
// `show_term_doc_count_error`, `include`, `exclude`. `shard_min_doc_count` counts the documents the shard
// collected, which the token filter already narrowed: it reveals nothing hidden.
const TERMS_OPTIONS: KeyRules = {
  ...VALUE_SOURCE,
  size: number,
  shard_size: number,
  shard_min_doc_count: number,
  min_doc_count: minDocCountAtLeastOne,
  order: bucketOrder,
  include,
  exclude,
  execution_hint: string,
  collect_mode: string,
  show_term_doc_count_error: boolean,
};

// AbstractPercentilesAggregationBuilder.createParser and PercentilesMethod (both engines): declareFields(scriptable,
// formattable), `keyed`, `tdigest` { `compression` } (Elasticsearch's `tdigest.execution_hint` is unknown to
// OpenSearch: not accepted), `hdr` { `number_of_significant_value_digits` }.
const percentilesConfig: KeyRules = {
  tdigest: (v, p) => walkObject(v, p, 'tdigest', { compression: atMostCap('tdigestCompression', 'tdigest.compression') }, 'aggregation-option-not-allowed'),
  hdr: (v, p) =>
    walkObject(v, p, 'hdr', { number_of_significant_value_digits: atMostCap('hdrSignificantDigits', 'hdr.number_of_significant_value_digits') }, 'aggregation-option-not-allowed'),
  keyed: boolean,
};

/** Allowed aggregation types. `bucket` types may have sub-aggregations. */
export const AGGREGATIONS: Readonly<Record<string, { readonly bucket: boolean; readonly walk: AggregationBodyWalker }>> = {
  terms: { bucket: true, walk: withIncludeExclude('terms', TERMS_OPTIONS) },
  // MultiTermsAggregationBuilder.PARSER (OpenSearch server, Elasticsearch x-pack analytics): no value source of
  // its own; `terms` sources (MultiTermsValuesSourceConfig / MultiValuesSourceFieldConfig) take `field`, `missing`.
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
  // RareTermsAggregationBuilder.PARSER (both engines): declareFields(scriptable, formattable), `max_doc_count`
  // (long), `precision` (double), `include`, `exclude` as terms.
  rare_terms: { bucket: true, walk: withIncludeExclude('rare_terms', { ...VALUE_SOURCE, max_doc_count: number, precision: number, include, exclude }) },
  histogram: { bucket: true, walk: walkHistogram },
  date_histogram: { bucket: true, walk: walkDateHistogram },
  // AutoDateHistogramAggregationBuilder.PARSER (both engines): declareFields(scriptable, formattable, time zone),
  // `buckets` (int), `minimum_interval` (string); at most `buckets` buckets by construction.
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
  // VariableWidthHistogramAggregationBuilder.PARSER (both engines): `buckets`, `shard_size`, `initial_buffer` (int);
  // its `time_zone` is not accepted. `buckets` is checked against search.max_buckets by the builder;
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
  // RangeAggregationBuilder.PARSER / DateRangeAggregationBuilder.PARSER (both engines): declareFields(scriptable,
  // formattable[, time zone]), `keyed`, `ranges`.
  range: { bucket: true, walk: options('range', { ...VALUE_SOURCE, ranges, keyed: boolean }) },
  date_range: { bucket: true, walk: options('date_range', { ...VALUE_SOURCE, ranges, keyed: boolean, time_zone: string }) },
  // IpRangeAggregationBuilder.PARSER (both engines): declareFields(not scriptable, not formattable): no `format`.
  ip_range: { bucket: true, walk: options('ip_range', { ...VALUE_SOURCE_UNFORMATTED, ranges: ipRanges, keyed: boolean }) },
  // MissingAggregationBuilder.PARSER: declareFields(scriptable, formattable).
  missing: { bucket: true, walk: options('missing', VALUE_SOURCE) },
  filter: { bucket: true, walk: (body, pointer, context) => context.walkers.query(body, pointer, context, 0) },
  filters: { bucket: true, walk: walkFilters },
  adjacency_matrix: { bucket: true, walk: walkAdjacency },
  composite: { bucket: true, walk: walkComposite },
  nested: { bucket: true, walk: options('nested', { path: string }) },
  reverse_nested: { bucket: true, walk: options('reverse_nested', { path: string }) },
  // SamplerAggregationBuilder.parse (both engines): `shard_size` only as a number token.
  sampler: { bucket: true, walk: options('sampler', { shard_size: numberTokenAtMost('samplerShardSize', 'sampler.shard_size') }) },
  // DiversifiedAggregationBuilder.PARSER (both engines): declareFields(scriptable), `shard_size`, `max_docs_per_value`
  // (int), `execution_hint`.
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
  // GeoGridAggregationBuilder.createParser (OpenSearch geo module, Elasticsearch server): `precision` (a number or,
  // for geohash, a distance), `size`, `shard_size` (int), `bounds` (GeoBoundingBox.parseBoundingBox).
  geohash_grid: { bucket: true, walk: options('geohash_grid', { field: string, precision: stringOrNumber, bounds: geoBoundsBox, size: number, shard_size: number }) },
  geotile_grid: { bucket: true, walk: options('geotile_grid', { field: string, precision: number, bounds: geoBoundsBox, size: number, shard_size: number }) },
  // The single-value metrics: declareFields(scriptable, formattable) in both engines.
  avg: { bucket: false, walk: METRIC('avg') },
  sum: { bucket: false, walk: METRIC('sum') },
  min: { bucket: false, walk: METRIC('min') },
  max: { bucket: false, walk: METRIC('max') },
  value_count: { bucket: false, walk: METRIC('value_count') },
  stats: { bucket: false, walk: METRIC('stats') },
  extended_stats: { bucket: false, walk: METRIC('extended_stats', { sigma: number }) },
  // CardinalityAggregationBuilder.PARSER (both engines): declareFields(scriptable, not formattable): no `format`.
  cardinality: { bucket: false, walk: options('cardinality', { ...VALUE_SOURCE_UNFORMATTED, precision_threshold: number, execution_hint: string }) },
  percentiles: { bucket: false, walk: METRIC('percentiles', { ...percentilesConfig, percents: arrayOf(number) }) },
  percentile_ranks: { bucket: false, walk: METRIC('percentile_ranks', { ...percentilesConfig, values: arrayOf(number) }) },
  // MedianAbsoluteDeviationAggregationBuilder.PARSER: `compression` (Elasticsearch's `execution_hint` is unknown to OpenSearch).
  median_absolute_deviation: { bucket: false, walk: METRIC('median_absolute_deviation', { compression: atMostCap('medianAbsoluteDeviationCompression', 'median_absolute_deviation.compression') }) },
  geo_bounds: { bucket: false, walk: options('geo_bounds', { field: string, wrap_longitude: boolean, script: SCRIPT_REFUSAL }) },
  geo_centroid: { bucket: false, walk: options('geo_centroid', { field: string, script: SCRIPT_REFUSAL }) },
  weighted_avg: { bucket: false, walk: walkWeightedAvg },
  top_hits: { bucket: false, walk: walkTopHits },
  top_metrics: { bucket: false, walk: walkTopMetrics },
  // Sibling pipelines: BucketMetricsParser (both engines), with ExtendedStatsBucketParser's `sigma` and
  // PercentilesBucketPipelineAggregationBuilder's `percents` / `keyed` read only as number / boolean tokens.
  avg_bucket: { bucket: false, walk: options('avg_bucket', BUCKETS_PATH) },
  sum_bucket: { bucket: false, walk: options('sum_bucket', BUCKETS_PATH) },
  min_bucket: { bucket: false, walk: options('min_bucket', BUCKETS_PATH) },
  max_bucket: { bucket: false, walk: options('max_bucket', BUCKETS_PATH) },
  stats_bucket: { bucket: false, walk: options('stats_bucket', BUCKETS_PATH) },
  extended_stats_bucket: { bucket: false, walk: options('extended_stats_bucket', { ...BUCKETS_PATH, sigma: numberToken }) },
  percentiles_bucket: { bucket: false, walk: options('percentiles_bucket', { ...BUCKETS_PATH, percents: arrayOf(number), keyed: booleanToken }) },
  // DerivativePipelineAggregationBuilder.parse (both engines): string tokens `format`, `buckets_path`, `gap_policy`, `unit`.
  derivative: { bucket: false, walk: options('derivative', { ...BUCKETS_PATH, unit: string }) },
  // TSVB and Lens formulas send these with Lucene expressions. BucketScriptPipelineAggregationBuilder.PARSER:
  // `buckets_path` (a map, strings or a string), `script`, `format`, `gap_policy`.
  bucket_script: { bucket: false, walk: withExpressionVariables('bucket_script', { buckets_path: PATHS_OR_MAP, gap_policy: string, format: string, script: expressionScript }) },
  // BucketSelectorPipelineAggregationBuilder.parse (both engines): `buckets_path`, `gap_policy`, `script`; no `format`.
  bucket_selector: { bucket: false, walk: withExpressionVariables('bucket_selector', { buckets_path: PATHS_OR_MAP, gap_policy: string, script: expressionScript }) },
  // CumulativeSumPipelineAggregationBuilder.PARSER: `buckets_path`, `format`.
  cumulative_sum: { bucket: false, walk: options('cumulative_sum', { buckets_path: string, format: string }) },
  // SerialDiffPipelineAggregationBuilder.parse (both engines): string tokens `format`, `buckets_path`, `gap_policy`;
  // `lag` only as a number token.
  serial_diff: { bucket: false, walk: options('serial_diff', { ...BUCKETS_PATH, lag: numberTokenAtMost('serialDiffLag', 'serial_diff.lag') }) },
  // BucketSortPipelineAggregationBuilder.PARSER (both engines): `sort` (OBJECT_ARRAY: an object or an array, not a
  // bare field name), `from`, `size` (int), `gap_policy`.
  bucket_sort: {
    bucket: false,
    walk: (body, pointer, context) =>
      walkObject(
        body,
        pointer,
        'bucket_sort',
        {
          from: number,
          size: number,
          gap_policy: string,
          sort: (v, at) =>
            Array.isArray(v) || isJsonObject(v) ? context.walkers.sort(v, at, context) : refuse('malformed', 'bucket_sort.sort must be an object or an array.', { pointer: at }),
        },
        'aggregation-option-not-allowed',
      ),
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
