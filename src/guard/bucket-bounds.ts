/**
 * How many buckets an aggregation can make per bucket of its parent, read
 * from its guarded body, and which aggregations make buckets that do not
 * come from the data. The engines build a sub-aggregation's buckets for
 * every parent bucket before `search.max_buckets` applies, so the guard
 * bounds the product along each path of nested aggregations.
 *
 * @packageDocumentation
 */
import type { JsonObject, JsonValue } from './json-value.js';
import { getOwn, isJsonObject } from './json-value.js';
import { emptyBucketsOf } from './histogram-bounds.js';

/** Aggregations that make one bucket per parent bucket (or none). */
const SINGLE_BUCKET: ReadonlySet<string> = new Set(['missing', 'filter', 'nested', 'reverse_nested', 'sampler', 'diversified_sampler', 'random_sampler']);

/** A size option as the engine reads it: the guard accepts a number or a numeric string, which the engines coerce. */
function sizeOption(body: JsonObject, key: string, fallback: number): number {
  const value = getOwn(body, key);
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? Number(value) : fallback;
}

/**
 * Buckets a shard keeps for a top-N aggregation: `shard_size`, by default
 * `size × 1.5 + 10` (BucketUtils.suggestShardSideQueueSize, both engines),
 * and never fewer than `size`.
 */
function shardQueue(body: JsonObject, defaultSize: number): number {
  const size = sizeOption(body, 'size', defaultSize);
  return Math.max(size, sizeOption(body, 'shard_size', Math.floor(size * 1.5 + 10)));
}

function countOf(value: JsonValue | undefined): number {
  if (Array.isArray(value)) return value.length;
  return isJsonObject(value) ? Object.keys(value).length : 0;
}

/**
 * The most buckets aggregation `type` with guarded body `body` makes per
 * parent bucket, on one shard: `Infinity` when the data decides (a
 * histogram with `min_doc_count` ≥ 1, `rare_terms`, `auto_date_histogram`,
 * `variable_width_histogram`) or the type has no sub-aggregations to bound.
 *
 * @example
 * ```ts
 * bucketsPerParent('terms', { field: 'service', size: 10 }); // 25: the shard queue
 * ```
 */
export function bucketsPerParent(type: string, body: JsonValue): number {
  if (SINGLE_BUCKET.has(type)) return 1;
  if (!isJsonObject(body)) return Number.POSITIVE_INFINITY;
  switch (type) {
    case 'terms':
    case 'multi_terms':
      return shardQueue(body, 10);
    case 'geohash_grid':
    case 'geotile_grid':
      return shardQueue(body, 10_000);
    case 'composite':
      return sizeOption(body, 'size', 10);
    case 'filters':
      return countOf(getOwn(body, 'filters')) + (getOwn(body, 'other_bucket') === true || getOwn(body, 'other_bucket_key') !== undefined ? 1 : 0);
    case 'range':
    case 'date_range':
    case 'ip_range':
      return countOf(getOwn(body, 'ranges'));
    case 'adjacency_matrix': {
      const n = countOf(getOwn(body, 'filters'));
      return (n * (n + 1)) / 2;
    }
    case 'histogram':
    case 'date_histogram':
      return emptyBucketsOf(body) ?? Number.POSITIVE_INFINITY;
    default:
      return Number.POSITIVE_INFINITY;
  }
}

/**
 * True when the engines build the buckets of aggregation `type` whether or
 * not documents fall in them, or build many per document, so that under a
 * wide parent they multiply past memory before `search.max_buckets`
 * applies: `adjacency_matrix` (n(n+1)/2 per document that matches all its
 * filters) and a histogram with empty buckets (`min_doc_count: 0`). Under
 * `terms` of 20,000 buckets, 465 `adjacency_matrix` buckets or 1,000 empty
 * histogram buckets each kept the OpenSearch 2.19 node busy for minutes;
 * 465 `filters` buckets each failed cleanly in 3 s, so `filters` and ranges
 * are not checked.
 */
export function makesBucketsRegardlessOfData(type: string, body: JsonValue): boolean {
  if (type === 'adjacency_matrix') return true;
  return (type === 'histogram' || type === 'date_histogram') && isJsonObject(body) && emptyBucketsOf(body) !== undefined;
}

/**
 * The aggregation types whose shard results OpenSearch (2.19 and 3.9) builds
 * with one list per parent bucket, each sized for every bucket the
 * aggregation made on the shard under all parents
 * (`BucketsAggregator.buildAggregationsForVariableBuckets`: `new
 * ArrayList<>(bucketOrds.size())` per owning bucket; its callers are
 * `AbstractHistogramAggregator`, `DateHistogramAggregator`,
 * `DateRangeHistogramAggregator` and `AutoDateHistogramAggregator`). The
 * memory grows with parents × buckets and no circuit breaker sees it, so
 * `limits.maxHistogramParentBuckets` bounds their parents whatever their
 * own options. Elasticsearch 8.19 sizes each list for its own parent.
 */
export const BUILT_PER_PARENT_FROM_ALL_BUCKETS: ReadonlySet<string> = new Set(['histogram', 'date_histogram', 'auto_date_histogram']);
