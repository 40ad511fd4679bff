/**
 * Puts the token's filter inside a `knn` filter. Top-level `knn` is OR-ed
 * with the query, so wrapping the query is not enough: the neighbours must be
 * chosen among documents the token sees.
 *
 * @packageDocumentation
 */
import type { JsonValue } from './json-value.js';
import { jsonEqual } from './json-value.js';
import { childPointer } from './pointer.js';
import type { WalkContext } from './walk-context.js';
import { tokenCopy } from './walk-context.js';

/**
 * Returns `[T, ...userFilters]` with each user filter walked. A leading
 * filter equal to `T` is the guard's own from an earlier pass and is not
 * repeated, so guarding twice adds nothing.
 *
 * @example
 * ```ts
 * // knn.filter { term: { level: 'error' } } → [T, { term: { level: 'error' } }]
 * ```
 */
export function injectTokenFilter(value: JsonValue | undefined, pointer: string, context: WalkContext, depth: number): JsonValue[] {
  const items = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const offset = items.length > 0 && jsonEqual(items[0], context.token) ? 1 : 0;
  const user = items
    .slice(offset)
    .map((item, i) => context.walkers.query(item, Array.isArray(value) ? childPointer(pointer, i + offset) : pointer, context, depth + 1));
  return [tokenCopy(context), ...user];
}
