/**
 * Limits against abuse. A guard that walks an attacker's JSON must bound the
 * work it does (and the work it forwards to the cluster) before anything else.
 *
 * @packageDocumentation
 */

/**
 * Size limits the guard enforces; exceeding one is a refusal with reason
 * `body-too-large`, `body-too-deep`, `too-many-clauses`, `query-too-deep`,
 * `aggregations-too-deep`, `too-many-aggregations` or `too-many-searches`.
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
});
