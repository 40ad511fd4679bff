/**
 * Sort specifications. Sorting only orders hits already matched, but a
 * nested sort carries a query (`nested.filter`), `_script` sorts run
 * scripts, and the deprecated `nested_filter` is still parsed as a query by
 * OpenSearch, so every sort form is parsed key by key, never copied.
 *
 * @packageDocumentation
 */
import type { JsonValue } from './json-value.js';
import { isJsonObject, jsonObject, setOwn } from './json-value.js';
import type { Kind } from './json-kinds.js';
import { arrayOf, boolean, geoPoint, number, oneOf, scalar, string } from './json-kinds.js';
import { fieldKeyed } from './clause-forms.js';
import type { KeyRules, RefusedKey } from './object-rules.js';
import { walkObject } from './object-rules.js';
import { childPointer } from './pointer.js';
import { refuse } from './refusal.js';
import type { WalkContext } from './walk-context.js';
import { memo } from './walk-context.js';

const order = oneOf('asc', 'desc');

// SortMode.fromString (both engines): how a multi-valued field is reduced.
const fieldSortMode = oneOf('min', 'max', 'sum', 'avg', 'median');
// GeoDistanceSortBuilder.sortMode refuses `sum`.
const geoSortMode = oneOf('min', 'max', 'avg', 'median');
// FieldSortBuilder.setNumericType / IndexNumericFieldData.NumericType.
const numericType = oneOf('double', 'long', 'date', 'date_nanos');

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

/**
 * FieldSortBuilder.PARSER (OpenSearch 2.19 and Elasticsearch 8): `order`,
 * `mode`, `missing` (any scalar, `objectText`), `unmapped_type`,
 * `numeric_type`, `nested`; `format` is Elasticsearch only (OpenSearch
 * refuses it itself) and Kibana sends it on date sorts. The deprecated
 * `nested_path` / `nested_filter` are refused (Elasticsearch 8 dropped them,
 * OpenSearch still parses `nested_filter` as a query).
 */
function fieldSortRules(context: WalkContext): KeyRules {
  return memo(context, 'field-sort', () => ({
    order,
    mode: fieldSortMode,
    missing: scalar,
    unmapped_type: string,
    numeric_type: numericType,
    format: string,
    nested: nestedSort(context),
    ...DEPRECATED_NESTED,
  }));
}

/**
 * ScoreSortBuilder.PARSER and ShardDocSortBuilder.PARSER (both engines)
 * declare `order` only: any other key fails the search there, so the guard
 * refuses it rather than pass it as if it were a field-sort option.
 */
const ORDER_ONLY: KeyRules = { order };

/** Sort keys that are not fields: the engines' `SortBuilder.PARSERS` plus `_score`. */
const ORDER_ONLY_SORTS = new Set(['_score', '_shard_doc']);

/**
 * GeoDistanceSortBuilder.fromXContent (OpenSearch 2.19; Elasticsearch 8 reads
 * the same names): value parameters `order`, `unit`, `distance_type`,
 * `validation_method`, `mode` (deprecated `sort_mode`), `ignore_unmapped`;
 * object parameter `nested` (and the deprecated `nested_path` /
 * `nested_filter`); and exactly one field whose value is a point or an array
 * of points. Any other key is the field to the engine, so an unknown key is
 * never data: it is refused. `coerce` and `ignore_malformed` stopped being
 * parameters in 7.0: the engine reads them as a second field and fails, so
 * the guard refuses them by name instead of taking them for options.
 */
function geoDistanceSort(context: WalkContext): Kind {
  const notParameter = (key: string): RefusedKey => ({
    refuse: 'sort-option-not-allowed',
    why: `${key} is no parameter of _geo_distance in OpenSearch 2 or Elasticsearch 8 (use validation_method); the engine reads it as a field.`,
  });
  const outer: KeyRules = {
    order,
    unit: string,
    mode: geoSortMode,
    distance_type: oneOf('arc', 'plane'),
    ignore_unmapped: boolean,
    validation_method: oneOf('strict', 'coerce', 'ignore_malformed', 'STRICT', 'COERCE', 'IGNORE_MALFORMED'),
    sort_mode: { refuse: 'sort-option-not-allowed', why: 'sort_mode is the deprecated spelling of mode; use mode.' },
    coerce: notParameter('coerce'),
    ignore_malformed: notParameter('ignore_malformed'),
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

// SortBuilder.fromXContent / parseCompoundSortField: a string (field, `_score`, `_doc`), or an object
// naming a field or a sort type. Engines accept several sorts in one object; the guard wants one.
function walkSortItem(item: JsonValue, pointer: string, context: WalkContext): JsonValue {
  // A field name or `{ field: order }`, checked whole: the guard's own one-key copy (never the caller's
  // object) is emitted as it is, once, instead of being built a second time (a distinct key per sort
  // costs V8 a new object shape per copy).
  if (isPlainSort(item)) return item;
  if (!isJsonObject(item)) return refuse('malformed', 'A sort must be a field name or an object.', { pointer });
  const keys = Object.keys(item);
  if (keys.length !== 1) refuse('malformed', 'A sort object must have exactly one key.', { pointer });
  const field = keys[0] as string;
  const spec = item[field] as JsonValue;
  if (field === '_script') refuse('script', 'Script sorts are refused.', { pointer: childPointer(pointer, field) });
  const at = childPointer(pointer, field);
  if (field === '_geo_distance' || field === '_geoDistance') return jsonObject([[field, memo(context, 'geo-sort', () => geoDistanceSort(context))(spec, at)]]);
  // The value is replaced by its guarded version in the guard's own one-key copy, as for plain sorts:
  // a new object with the same distinct key would cost V8 a second object shape per sort.
  if (typeof spec === 'string') setOwn(item, field, order(spec, at));
  else setOwn(item, field, walkObject(spec, at, 'A sort', ORDER_ONLY_SORTS.has(field) ? ORDER_ONLY : fieldSortRules(context), 'sort-option-not-allowed'));
  return item;
}

/**
 * Walks a `sort` value (one item or an array). `_script` sorts are refused
 * with reason `script`; nested sort filters are walked as queries.
 */
export function walkSort(value: JsonValue, pointer: string, context: WalkContext): JsonValue {
  if (!Array.isArray(value)) return walkSortItem(value, pointer, context);
  const out: JsonValue[] = [];
  for (let i = 0; i < value.length; i += 1) {
    const item = value[i] as JsonValue;
    // The common forms need no pointer: one is built per item only for the others.
    out.push(isPlainSort(item) ? item : walkSortItem(item, childPointer(pointer, i), context));
  }
  return out;
}

const hasOwnProperty = Object.prototype.hasOwnProperty;

/**
 * A field name, or `{ field: "asc" | "desc" }` naming no script or geo sort:
 * what {@link walkSortItem} returns as it is, found without a key list (the
 * one definition of the form, also used to skip the pointer in lists).
 */
function isPlainSort(item: JsonValue): boolean {
  if (typeof item === 'string') return true;
  if (!isJsonObject(item)) return false;
  let field: string | undefined;
  // for-in also lists a polluted prototype's enumerable keys: then the item is not plain, and walkSortItem reads it.
  for (const key in item) {
    if (field !== undefined || !hasOwnProperty.call(item, key)) return false;
    field = key;
  }
  if (field === undefined || field === '_script' || field === '_geo_distance' || field === '_geoDistance') return false;
  const spec = item[field];
  return spec === 'asc' || spec === 'desc';
}
