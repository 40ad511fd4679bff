/**
 * Caps on numeric options that make the engine allocate memory in
 * proportion to the value, per bucket or per shard, before anything else
 * bounds it. Options the engine bounds itself (`size` + `from` by
 * `index.max_result_window`, `top_hits` by `index.max_inner_result_window`,
 * `composite.size` by `search.max_buckets`, terms queues by the number of
 * buckets found ...) are left to the engine; docs/security.md ("Sizes the
 * engine would allocate") lists every numeric option and which side bounds it.
 *
 * Each cap is the engine's default times a generous factor, so what a
 * dashboard sends passes; the engine suite sends every option at its cap.
 *
 * @packageDocumentation
 */
import type { Kind } from './json-kinds.js';
import { number } from './json-kinds.js';
import { refuse } from './refusal.js';

/**
 * The cap of each option, by the name docs/security.md uses. Not
 * host-tunable: each one guards one data structure of the engine, and a
 * host that needs more can raise the engine setting that governs the whole
 * search instead.
 */
export const ALLOCATION_CAPS = Object.freeze({
  /**
   * `percentiles` / `percentile_ranks` `tdigest.compression`: the t-digest
   * (OpenSearch `TDigestState` over t-digest's `MergingDigest`) allocates its
   * centroid and buffer arrays in proportion to compression when created, one
   * digest per bucket. Default 100; cap 10×.
   */
  tdigestCompression: 1_000,
  /**
   * `percentiles` / `percentile_ranks` `hdr.number_of_significant_value_digits`:
   * HdrHistogram's sub-bucket count is the power of two above 2 × 10^digits,
   * and each histogram allocates its counts array in proportion to it when
   * made, one histogram per bucket, outside the circuit breaker (the engines
   * check only 0 to 5). 5 digits allocates 128 times what the default 3 does,
   * a few MB per bucket; each digit above 3 is 16 times or more: cap at the default.
   */
  hdrSignificantDigits: 3,
  /** `median_absolute_deviation.compression`: the same t-digest, default 1,000; cap 10×. */
  medianAbsoluteDeviationCompression: 10_000,
  /**
   * `sampler.shard_size` and `diversified_sampler.shard_size`:
   * `BestDocsDeferringCollector` makes a Lucene top-docs collector of that
   * size per parent bucket, and a Lucene `PriorityQueue` allocates `size + 1`
   * slots up front. Default 100; cap 100×.
   */
  samplerShardSize: 10_000,
  /**
   * `diversified_sampler.max_docs_per_value`: Lucene
   * `DiversifiedTopDocsCollector` keeps a priority queue of that size for
   * every distinct value it meets. Default 1; cap 100.
   */
  diversifiedMaxDocsPerValue: 100,
  /**
   * `variable_width_histogram.shard_size` and `initial_buffer`: until the
   * buffer is full every value is its own bucket (sub-aggregations
   * included), and up to `shard_size` clusters are kept afterwards; the
   * builder checks `buckets` against `search.max_buckets` but neither of
   * these. 50,000 is the engine's own ceiling for the default `initial_buffer`
   * (`min(10 × shard_size, 50000)`).
   */
  variableWidthBuffer: 50_000,
  /**
   * `serial_diff.lag`: `SerialDiffPipelineAggregator` makes an
   * `EvictingQueue(lag)`, an `ArrayDeque` preallocated to `lag` slots, at
   * reduce. Default 1; a lag beyond the bucket count means nothing, and
   * histograms are capped at 10,000 buckets anyway.
   */
  serialDiffLag: 10_000,
  /**
   * highlight `number_of_fragments`: the plain highlighter's Lucene
   * `Highlighter.getBestTextFragments` makes a `FragmentQueue` (a Lucene
   * `PriorityQueue`, preallocated) of that size per field and hit. Default 5; cap 20×.
   */
  highlightFragments: 100,
});

/** The names of the capped options. */
export type AllocationCapName = keyof typeof ALLOCATION_CAPS;

/**
 * A number (as {@link number} reads it) at most the cap `name`; above it the
 * option is refused with reason `option-too-large`, the pointer to the value
 * and the cap as `limit`.
 */
export function atMostCap(name: AllocationCapName, option: string): Kind {
  const cap = ALLOCATION_CAPS[name];
  return (value, pointer) => {
    const parsed = number(value, pointer);
    // NaN from an odd numeric string compares false; the number kind already refused non-numbers.
    if (!(Number(parsed) <= cap)) {
      refuse('option-too-large', `${option} above ${cap} makes the engine allocate memory in proportion to it.`, { pointer, limit: cap });
    }
    return parsed;
  };
}
