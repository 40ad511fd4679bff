/**
 * The aggregation walker: every aggregation at every depth is checked
 * against the allowlist, and every query inside one is walked.
 *
 * @packageDocumentation
 */
import type { JsonObject, JsonValue } from './json-value.js';
import { setOwn } from './json-value.js';
import { BUILT_PER_PARENT_FROM_ALL_BUCKETS, bucketsPerParent, makesBucketsRegardlessOfData } from './bucket-bounds.js';
import { AGGREGATIONS, REFUSED_AGGREGATIONS } from './aggregation-types.js';
import { opaqueObject } from './json-kinds.js';
import { expectObject } from './object-rules.js';
import { childPointer } from './pointer.js';
import { refuse, shown } from './refusal.js';
import type { WalkContext } from './walk-context.js';

function walkAggregation(value: JsonValue, pointer: string, context: WalkContext, depth: number): JsonObject {
  const definition = expectObject(value, pointer, 'An aggregation');
  context.aggregations += 1;
  if (context.aggregations > context.limits.maxAggregations) {
    refuse('too-many-aggregations', `The search has more than ${context.limits.maxAggregations} aggregations.`, { pointer, limit: context.limits.maxAggregations });
  }
  // The type is walked first, whatever the key order: its guarded body says how many buckets it makes
  // per parent bucket, which bounds the sub-aggregations walked under it.
  const keys = Object.keys(definition);
  let type: string | undefined;
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    if (key === 'aggs' || key === 'aggregations' || key === 'meta') continue;
    if (type !== undefined) refuse('malformed', 'An aggregation must have exactly one type.', { pointer: childPointer(pointer, key) });
    type = key;
  }
  if (type === undefined) return refuse('malformed', 'An aggregation must have a type.', { pointer });
  const typeAt = childPointer(pointer, type);
  if (Object.prototype.hasOwnProperty.call(REFUSED_AGGREGATIONS, type)) {
    const [reason, why] = REFUSED_AGGREGATIONS[type] as readonly [string, string];
    refuse(reason, why, { pointer: typeAt });
  }
  if (!Object.prototype.hasOwnProperty.call(AGGREGATIONS, type)) {
    refuse('aggregation-type-not-allowed', `The aggregation type "${shown(type)}" is not on the guard's allowlist.`, { pointer: typeAt });
  }
  const guardedType = (AGGREGATIONS[type] as (typeof AGGREGATIONS)[string]).walk(definition[type] as JsonValue, typeAt, context);
  const enclosing = context.enclosingBuckets;
  const buckets = enclosing * bucketsPerParent(type, guardedType);
  const limit = context.limits.maxNestedBuckets;
  if (enclosing > 1 && buckets > limit && makesBucketsRegardlessOfData(type, guardedType)) {
    refuse('too-many-buckets', `${shown(type)} under the bucket aggregations enclosing it could make more than ${limit} buckets.`, { pointer: typeAt, limit });
  }
  const parentLimit = context.limits.maxHistogramParentBuckets;
  if (enclosing > parentLimit && BUILT_PER_PARENT_FROM_ALL_BUCKETS.has(type)) {
    refuse('too-many-buckets', `${shown(type)} may sit under at most ${parentLimit} buckets of the aggregations enclosing it.`, { pointer: typeAt, limit: parentLimit });
  }
  context.enclosingBuckets = buckets;
  const out: JsonObject = {};
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
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
      setOwn(out, key, guardedType);
    }
  }
  context.enclosingBuckets = enclosing;
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
