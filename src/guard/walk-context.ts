/**
 * State shared by the walkers while they check one search body.
 *
 * @packageDocumentation
 */
import type { JsonValue } from './json-value.js';
import { cloneJson } from './json-value.js';
import type { GuardLimits } from './limits.js';
import type { ContinuationBindings } from './types.js';

/** What the walkers need: the token's filter, the limits, and the running counts. */
export interface WalkContext {
  /** The token's filter `T`, as emitted by `toElasticsearchQuery`. */
  readonly token: JsonValue;
  readonly limits: GuardLimits;
  readonly bindings: ContinuationBindings;
  /** Query clauses seen so far in this search. */
  clauses: number;
  /** Aggregations seen so far in this search. */
  aggregations: number;
}

/** A fresh copy of `T` for each place it is injected, so no two places share an object. */
export function tokenCopy(context: WalkContext): JsonValue {
  return cloneJson(context.token);
}
