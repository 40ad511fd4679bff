/**
 * The aggregation walker: every aggregation at every depth is checked
 * against the allowlist, and every query inside one is walked.
 *
 * @packageDocumentation
 */
import type { JsonObject, JsonValue } from './json-value.js';
import { isJsonObject, setOwn } from './json-value.js';
import { AGGREGATIONS, REFUSED_AGGREGATIONS } from './aggregation-types.js';
import { opaqueObject } from './json-kinds.js';
import { expectObject } from './object-rules.js';
import { childPointer } from './pointer.js';
import { refuse, shown } from './refusal.js';
import type { WalkContext } from './walk-context.js';

/**
 * Most buckets that `adjacency_matrix` aggregations nested in one another may
 * make together: `search.max_buckets`' default (65,535 on OpenSearch). Each
 * matrix of n filters makes up to n(n+1)/2 buckets per parent bucket, and the
 * engines build them all before that setting applies: one matrix of 100
 * filters under another (25 million buckets) ran the OpenSearch node out of
 * memory, where one matrix alone stays at 5,050.
 */
const MAX_NESTED_ADJACENCY_BUCKETS = 65_535;

/** The buckets an `adjacency_matrix` definition can make per parent bucket (1 for any other type). */
function adjacencyBucketsOf(definition: JsonObject): number {
  const matrix = Object.prototype.hasOwnProperty.call(definition, 'adjacency_matrix') ? definition['adjacency_matrix'] : undefined;
  const filters = isJsonObject(matrix) && Object.prototype.hasOwnProperty.call(matrix, 'filters') ? matrix['filters'] : undefined;
  if (!isJsonObject(filters)) return 1;
  const n = Object.keys(filters).length;
  return Math.max(1, (n * (n + 1)) / 2);
}

function walkAggregation(value: JsonValue, pointer: string, context: WalkContext, depth: number): JsonObject {
  const definition = expectObject(value, pointer, 'An aggregation');
  context.aggregations += 1;
  if (context.aggregations > context.limits.maxAggregations) {
    refuse('too-many-aggregations', `The search has more than ${context.limits.maxAggregations} aggregations.`, { pointer, limit: context.limits.maxAggregations });
  }
  // Known before the loop, which may reach `aggs` before the type: the sub-aggregations are walked under it.
  const enclosing = context.adjacencyBuckets;
  const buckets = enclosing * adjacencyBucketsOf(definition);
  if (enclosing > 1 && buckets > MAX_NESTED_ADJACENCY_BUCKETS) {
    refuse('too-many-buckets', `adjacency_matrix aggregations nested in one another could make more than ${MAX_NESTED_ADJACENCY_BUCKETS} buckets.`, {
      pointer: childPointer(pointer, 'adjacency_matrix'),
      limit: MAX_NESTED_ADJACENCY_BUCKETS,
    });
  }
  context.adjacencyBuckets = buckets;
  const out: JsonObject = {};
  let type: string | undefined;
  for (const key of Object.keys(definition)) {
    const at = childPointer(pointer, key);
    const item = definition[key] as JsonValue;
    if (key === 'aggs' || key === 'aggregations') {
      if (Object.prototype.hasOwnProperty.call(out, 'aggs') || Object.prototype.hasOwnProperty.call(out, 'aggregations')) {
        refuse('malformed', 'An aggregation has both aggs and aggregations.', { pointer: at });
      }
      setOwn(out, key, walkAggregations(item, at, context, depth + 1));
    } else if (key === 'meta') {
      // Echoed back in the response, never read as a query or option.
      setOwn(out, key, opaqueObject(item, at));
    } else {
      if (type !== undefined) refuse('malformed', 'An aggregation must have exactly one type.', { pointer: at });
      type = key;
      if (Object.prototype.hasOwnProperty.call(REFUSED_AGGREGATIONS, key)) {
        const [reason, why] = REFUSED_AGGREGATIONS[key] as readonly [string, string];
        refuse(reason, why, { pointer: at });
      }
      if (!Object.prototype.hasOwnProperty.call(AGGREGATIONS, key)) {
        refuse('aggregation-type-not-allowed', `The aggregation type "${shown(key)}" is not on the guard's allowlist.`, { pointer: at });
      }
      const spec = AGGREGATIONS[key] as (typeof AGGREGATIONS)[string];
      setOwn(out, key, spec.walk(item, at, context));
    }
  }
  if (type === undefined) refuse('malformed', 'An aggregation must have a type.', { pointer });
  context.adjacencyBuckets = enclosing;
  return out;
}

/**
 * Walks an `aggs` / `aggregations` object (name → definition).
 *
 * @param depth - 1 for the top level; refused past `limits.maxAggregationDepth`.
 */
export function walkAggregations(value: JsonValue, pointer: string, context: WalkContext, depth: number): JsonObject {
  if (depth > context.limits.maxAggregationDepth) {
    refuse('aggregations-too-deep', `Aggregations are nested deeper than ${context.limits.maxAggregationDepth} levels.`, {
      pointer,
      limit: context.limits.maxAggregationDepth,
    });
  }
  // Names are the user's and often all distinct: a new object with the same keys costs V8 a new
  // object shape per map. The map is the guard's own copy of the body (never the caller's object,
  // reached once: the copy is a tree), so each definition is replaced by its guarded version in place.
  const names = expectObject(value, pointer, 'aggs');
  const keys = Object.keys(names);
  for (let i = 0; i < keys.length; i += 1) {
    const name = keys[i] as string;
    const at = childPointer(pointer, name);
    if (name.length === 0) refuse('malformed', 'An aggregation name must not be empty.', { pointer: at });
    setOwn(names, name, walkAggregation(names[name] as JsonValue, at, context, depth));
  }
  return names;
}
