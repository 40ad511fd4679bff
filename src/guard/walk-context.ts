/**
 * State shared by the walkers while they check one search body, and the
 * table through which they call each other. The grammar is recursive (a
 * query holds inner hits that hold sorts that hold queries); the walkers
 * never import each other, they recurse through `context.walkers`, which
 * `walker-table.ts` fills in one place.
 *
 * @packageDocumentation
 */
import type { JsonObject, JsonValue } from './json-value.js';
import { cloneJson } from './json-value.js';
import type { GuardLimits } from './limits.js';
import type { ContinuationBindings } from './types.js';

/** The mutually recursive walkers, each checking one part of the grammar. */
export interface Walkers {
  /** One query clause; `depth` is the compound nesting so far. */
  readonly query: (value: JsonValue | undefined, pointer: string, context: WalkContext, depth: number) => JsonObject;
  /** A `sort` value (one item or an array). */
  readonly sort: (value: JsonValue, pointer: string, context: WalkContext) => JsonValue;
  /** A `highlight` object. */
  readonly highlight: (value: JsonValue, pointer: string, context: WalkContext) => JsonValue;
  /** An `inner_hits` object (or, for collapse, an array of them). */
  readonly innerHits: (value: JsonValue, pointer: string, context: WalkContext) => JsonValue;
  /** An `aggs` object; `depth` is 1 at the top level. */
  readonly aggregations: (value: JsonValue, pointer: string, context: WalkContext, depth: number) => JsonObject;
}

/** What the walkers need: the token's filter, the limits, the running counts and each other. */
export interface WalkContext {
  /** The token's filter `T`, as emitted by `toElasticsearchQuery`. */
  readonly token: JsonValue;
  readonly limits: GuardLimits;
  readonly bindings: ContinuationBindings;
  readonly walkers: Walkers;
  /** Query clauses seen so far in this search. */
  clauses: number;
  /** Aggregations seen so far in this search. */
  aggregations: number;
  /** Product of the per-parent bucket bounds of the aggregations enclosing the one being walked (1 outside any; `Infinity` under one whose buckets the data decides). */
  enclosingBuckets: number;
  /** Rule tables built for this context, so a walker builds each once, not once per object it reads. */
  readonly rules: Map<string, unknown>;
}

/** The value `build()` returned for `key` the first time in this context. */
export function memo<T>(context: WalkContext, key: string, build: () => T): T {
  if (context.rules.has(key)) return context.rules.get(key) as T;
  const value = build();
  context.rules.set(key, value);
  return value;
}

/**
 * The value `build(context, depth)` returned for (`name`, `depth`) the first
 * time in this context: a table per nesting depth, without building a key
 * string or a closure per lookup. `name` shares the namespace of
 * {@link memo}'s keys, so it must not be one of them (query type names are
 * used here, memo keys are not).
 *
 * @example
 * ```ts
 * const rules = memoAt(context, 'bool', depth, boolRules); // boolRules(context, depth) runs once per depth
 * ```
 */
export function memoAt<T>(context: WalkContext, name: string, depth: number, build: (context: WalkContext, depth: number) => T): T {
  let byDepth = context.rules.get(name) as T[] | undefined;
  if (byDepth === undefined) {
    byDepth = [];
    context.rules.set(name, byDepth);
  }
  let value = byDepth[depth];
  if (value === undefined) {
    value = build(context, depth);
    byDepth[depth] = value;
  }
  return value;
}

/** A fresh copy of `T` for each place it is injected, so no two places share an object. */
export function tokenCopy(context: WalkContext): JsonValue {
  return cloneJson(context.token);
}
