/**
 * Sort specifications. Sorting only orders hits already matched, but a
 * nested sort carries a query (`nested.filter`) and `_script` sorts run
 * scripts, so sorts are walked, not copied.
 *
 * @packageDocumentation
 */
import type { JsonValue } from './json-value.js';
import { isJsonObject, jsonObject } from './json-value.js';
import { copyKeys, oneOrMany, walkObject } from './object-rules.js';
import { childPointer } from './pointer.js';
import { queryKey } from './query-walker.js';
import { refuse } from './refusal.js';
import type { WalkContext } from './walk-context.js';

const SORT_OPTIONS = copyKeys('order', 'mode', 'missing', 'unmapped_type', 'numeric_type', 'format');
const GEO_OPTIONS = copyKeys('order', 'unit', 'mode', 'distance_type', 'ignore_unmapped', 'validation_method');

function walkNestedSort(value: JsonValue, pointer: string, context: WalkContext): JsonValue {
  return walkObject(
    value,
    pointer,
    'A nested sort',
    { ...copyKeys('path', 'max_children'), filter: queryKey(context), nested: (v, at) => walkNestedSort(v, at, context) },
    'sort-option-not-allowed',
  );
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
  if (field === '_geo_distance') {
    // Keys other than the options name the geo field; their values are points, plain data.
    return jsonObject([[field, walkObject(spec, at, '_geo_distance', { ...GEO_OPTIONS, nested: (v, p) => walkNestedSort(v, p, context) }, 'sort-option-not-allowed', (_k, v) => v)]]);
  }
  if (typeof spec === 'string') return jsonObject([[field, spec]]);
  return jsonObject([[field, walkObject(spec, at, 'A sort', { ...SORT_OPTIONS, nested: (v, p) => walkNestedSort(v, p, context) }, 'sort-option-not-allowed')]]);
}

/**
 * Walks a `sort` value (one item or an array). `_script` sorts are refused
 * with reason `script`; nested sort filters are walked as queries.
 */
export function walkSort(value: JsonValue, pointer: string, context: WalkContext): JsonValue {
  return oneOrMany(value, pointer, (item, at) => walkSortItem(item, at, context));
}
