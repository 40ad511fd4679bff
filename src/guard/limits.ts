/**
 * Limits against abuse. A guard that walks an attacker's JSON must bound the
 * work it does (and the work it forwards to the cluster) before anything else.
 *
 * @packageDocumentation
 */

/**
 * Size limits the guard enforces; exceeding one is a refusal with reason
 * `body-too-large`, `body-too-deep`, `too-many-clauses`, `query-too-deep`,
 * `aggregations-too-deep`, `too-many-aggregations`, `too-many-searches`,
 * `too-many-buckets`, `too-many-indices` or `index-invalid`.
 *
 * @example
 * ```ts
 * guardSearchRequest(request, expression, { indices: ['logs-*'], limits: { maxBodyBytes: 256 * 1024 } });
 * ```
 */
export interface GuardLimits {
  /** Largest body accepted, in UTF-8 bytes of its JSON (NDJSON for `_msearch`). Default 1 MiB. */
  readonly maxBodyBytes: number;
  /** Deepest JSON nesting accepted anywhere in a body. Default 64. */
  readonly maxJsonDepth: number;
  /** Most query clauses in one search (all places together). Default 1024, Elasticsearch's own default clause limit. */
  readonly maxClauses: number;
  /** Deepest nesting of compound query clauses (`bool` in `bool` ...). Default 20. */
  readonly maxQueryDepth: number;
  /** Deepest nesting of aggregations (a sub-aggregation is one level deeper). Default 5. */
  readonly maxAggregationDepth: number;
  /** Most aggregations in one search, at all depths. Default 100. */
  readonly maxAggregations: number;
  /** Most searches in one `_msearch` body. Default 50. */
  readonly maxSearches: number;
  /**
   * Most buckets a `histogram` / `date_histogram` with `min_doc_count: 0`
   * may make, computed from its interval and bounds (refusal
   * `too-many-buckets`). Default 10,000, the engines' own `search.max_buckets`
   * order of magnitude; the engines build empty buckets before that limit applies.
   */
  readonly maxHistogramBuckets: number;
  /**
   * Most named filters in one `adjacency_matrix` (refusal `too-many-buckets`):
   * n filters make up to n + n(n-1)/2 buckets per parent bucket. Default 100,
   * OpenSearch's `index.max_adjacency_matrix_filters` default, the stricter
   * engine's (Elasticsearch 8 allows the clause count, at least 1024). Raise
   * it only with that index setting.
   */
  readonly maxAdjacencyMatrixFilters: number;
  /**
   * Most buckets an `adjacency_matrix` or a histogram with empty buckets
   * (`min_doc_count: 0`) may make under the bucket aggregations enclosing
   * it, all multiplied (refusal `too-many-buckets`). Each enclosing
   * aggregation counts at what one shard keeps per parent bucket: `terms` and
   * the geo grids their `shard_size` (by default `size × 1.5 + 10`),
   * `composite` its `size`, `filters` and ranges their count, a histogram
   * with empty buckets its bucket count, single-bucket types 1; one whose
   * buckets the data decides (a histogram with `min_doc_count` ≥ 1,
   * `rare_terms`, `auto_date_histogram`, `variable_width_histogram`) has no
   * bound, so nothing of these two kinds is accepted under it. Default
   * 65,535, OpenSearch's `search.max_buckets`: the engines build these
   * buckets before that setting applies (465 `adjacency_matrix` buckets or
   * 1,000 empty histogram buckets under 20,000 `terms` buckets kept the
   * OpenSearch node busy for minutes).
   */
  readonly maxNestedBuckets: number;
  /**
   * Most buckets the aggregations enclosing a `histogram`, `date_histogram`
   * or `auto_date_histogram` may make on one shard, all multiplied and
   * counted as for `maxNestedBuckets` (refusal `too-many-buckets`). Default
   * 1,024: `terms` up to `size` 676 (shard size 1,024), or two levels of
   * `size` 10. OpenSearch 2.19 and 3.9 build these three types' results with
   * a list per parent bucket sized for all the buckets of the aggregation on
   * the shard (`BucketsAggregator.buildAggregationsForVariableBuckets`),
   * memory that grows with parents × buckets, outside any circuit breaker:
   * under 15,010 `terms` buckets, a histogram of two buckets each ran a 1 GB
   * node out of memory, with or without `min_doc_count: 0`.
   */
  readonly maxHistogramParentBuckets: number;
  /** Most index names (items of the comma-separated expressions) in one request, `_msearch` headers included (refusal `too-many-indices`). Default 256. */
  readonly maxIndexNames: number;
  /** Longest index name or pattern, in UTF-8 bytes (refusal `index-invalid`). Default 255, the engines' own limit. */
  readonly maxIndexNameBytes: number;
}

/**
 * The limits used when `options.limits` does not set them.
 *
 * @example
 * ```ts
 * const strict = { ...DEFAULT_GUARD_LIMITS, maxAggregationDepth: 2 };
 * ```
 */
export const DEFAULT_GUARD_LIMITS: GuardLimits = Object.freeze({
  maxBodyBytes: 1024 * 1024,
  maxJsonDepth: 64,
  maxClauses: 1024,
  maxQueryDepth: 20,
  maxAggregationDepth: 5,
  maxAggregations: 100,
  maxSearches: 50,
  maxHistogramBuckets: 10_000,
  maxAdjacencyMatrixFilters: 100,
  maxNestedBuckets: 65_535,
  maxHistogramParentBuckets: 1_024,
  maxIndexNames: 256,
  maxIndexNameBytes: 255,
});
