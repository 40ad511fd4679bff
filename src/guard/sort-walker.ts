/**
 * Sort specifications. Sorting only orders hits already matched, but a
 * nested sort carries a query (`nested.filter`), `_script` sorts run
 * scripts, and the deprecated `nested_filter` is still parsed as a query by
 * OpenSearch, so every sort form is parsed key by key, never copied.
 *
 * @packageDocumentation
 */
import type { JsonValue } from './json-value.js';
import { isJsonObject, jsonObject } from './json-value.js';
import type { Kind } from './json-kinds.js';
import { arrayOf, boolean, geoPoint, number, oneOf, scalar, string } from './json-kinds.js';
import { fieldKeyed } from './clause-forms.js';
import type { KeyRules, RefusedKey } from './object-rules.js';
import { oneOrMany, walkObject } from './object-rules.js';
import { childPointer } from './pointer.js';
import { refuse } from './refusal.js';
import type { WalkContext } from './walk-context.js';
import { memo } from './walk-context.js';

const order = oneOf('asc', 'desc');

const DEPRECATED_NESTED: KeyRules = {
  nested_path: { refuse: 'sort-option-not-allowed', why: 'nested_path is deprecated; use nested.path.' },
  nested_filter: { refuse: 'sort-option-not-allowed', why: 'nested_filter is deprecated (and still parsed as a query); use nested.filter.' },
};

// NestedSortBuilder.fromXContent
function nestedSort(context: WalkContext): Kind {
  return memo(context, 'nested-sort', () => nestedSortWalker(context));
}

function nestedSortWalker(context: WalkContext): Kind {
  const walk: Kind = (value, pointer) =>
    walkObject(
      value,
      pointer,
      'A nested sort',
      { path: string, max_children: number, filter: (v, at) => context.walkers.query(v, at, context, 0), nested: walk },
      'sort-option-not-allowed',
    );
  return walk;
}

// FieldSortBuilder.fromXContent / ScoreSortBuilder.fromXContent
function fieldSortRules(context: WalkContext): KeyRules {
  return memo(context, 'field-sort', () => ({
    order,
    mode: string,
    missing: scalar,
    unmapped_type: string,
    numeric_type: string,
    format: string,
    nested: nestedSort(context),
    ...DEPRECATED_NESTED,
  }));
}

/**
 * GeoDistanceSortBuilder.fromXContent: the options below, and exactly one
 * field whose value is a point or an array of points. Any other key is the
 * field to the engine, so an unknown key is never data: it is refused.
 */
function geoDistanceSort(context: WalkContext): Kind {
  const outer: KeyRules = {
    order,
    unit: string,
    mode: string,
    distance_type: string,
    ignore_unmapped: boolean,
    validation_method: string,
    coerce: boolean,
    ignore_malformed: boolean,
  };
  const points: Kind = (value, pointer) =>
    Array.isArray(value) && value.length > 0 && (Array.isArray(value[0]) || isJsonObject(value[0]) || typeof value[0] === 'string')
      ? arrayOf(geoPoint)(value, pointer)
      : geoPoint(value, pointer);
  const nested = nestedSort(context);
  return (value, pointer) => {
    // `nested` and the deprecated keys take objects, so they are split off before the field-keyed reading.
    if (!isJsonObject(value)) return refuse('malformed', '_geo_distance must be an object.', { pointer });
    const rest: Record<string, JsonValue> = {};
    const out: Record<string, JsonValue> = {};
    for (const key of Object.keys(value)) {
      const at = childPointer(pointer, key);
      const rule = Object.prototype.hasOwnProperty.call(DEPRECATED_NESTED, key) ? (DEPRECATED_NESTED[key] as RefusedKey) : undefined;
      if (rule !== undefined) refuse(rule.refuse, rule.why, { pointer: at });
      if (key === 'nested') Object.defineProperty(out, key, { value: nested(value[key] as JsonValue, at), enumerable: true, writable: true });
      else Object.defineProperty(rest, key, { value: value[key], enumerable: true, writable: true });
    }
    const parsed = fieldKeyed('_geo_distance', outer, (v, at) => points(v, at))(rest, pointer);
    return jsonObject([...Object.entries(parsed as Record<string, JsonValue>), ...Object.entries(out)]);
  };
}

function walkSortItem(item: JsonValue, pointer: string, context: WalkContext): JsonValue {
  if (typeof item === 'string') return item;
  if (!isJsonObject(item)) return refuse('malformed', 'A sort must be a field name or an object.', { pointer });
  const keys = Object.keys(item);
  if (keys.length !== 1) refuse('malformed', 'A sort object must have exactly one key.', { pointer });
  const field = keys[0] as string;
  const at = childPointer(pointer, field);
  const spec = item[field] as JsonValue;
  if (field === '_script') refuse('script', 'Script sorts are refused.', { pointer: at });
  if (field === '_geo_distance' || field === '_geoDistance') return jsonObject([[field, memo(context, 'geo-sort', () => geoDistanceSort(context))(spec, at)]]);
  if (typeof spec === 'string') return jsonObject([[field, order(spec, at)]]);
  return jsonObject([[field, walkObject(spec, at, 'A sort', fieldSortRules(context), 'sort-option-not-allowed')]]);
}

/**
 * Walks a `sort` value (one item or an array). `_script` sorts are refused
 * with reason `script`; nested sort filters are walked as queries.
 */
export function walkSort(value: JsonValue, pointer: string, context: WalkContext): JsonValue {
  return oneOrMany(value, pointer, (item, at) => walkSortItem(item, at, context));
}
