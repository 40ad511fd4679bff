/**
 * Composition of the token's filter with the user's query. The user's query
 * is never merged into (or trusted to be) a `bool`: it goes, whole, into
 * `must` next to `filter: [T]`, so no `should`/`minimum_should_match` of the
 * user's can turn `T` into an option.
 *
 * @packageDocumentation
 */
import type { JsonObject, JsonValue } from './json-value.js';
import { getOwn, isJsonObject, jsonEqual } from './json-value.js';
import { childPointer } from './pointer.js';
import type { WalkContext } from './walk-context.js';
import { tokenCopy } from './walk-context.js';

/**
 * The user query inside the guard's own wrapper `{ bool: { filter: [T], must: [U] } }`,
 * or `undefined` when `query` is not exactly that wrapper with this token's `T`.
 */
function unwrapOwn(query: JsonValue | undefined, token: JsonValue): JsonValue | undefined {
  if (!isJsonObject(query)) return undefined;
  // The own `bool` first: most queries have none, and then no key list is built for them.
  const bool = getOwn(query, 'bool');
  if (!isJsonObject(bool) || Object.keys(query).length !== 1 || Object.keys(bool).length !== 2) return undefined;
  const filter = getOwn(bool, 'filter');
  const must = getOwn(bool, 'must');
  if (!Array.isArray(filter) || filter.length !== 1 || !jsonEqual(filter[0], token)) return undefined;
  if (!Array.isArray(must) || must.length !== 1) return undefined;
  return must[0];
}

/**
 * Returns `{ bool: { filter: [T], must: [U] } }` with `U` the walked user
 * query from {@link userQuery}.
 */
export function composedQuery(user: JsonObject, context: WalkContext): JsonObject {
  // Literal keys, none of them `__proto__`: plain object literals are safe and cheapest here.
  return { bool: { filter: [tokenCopy(context)], must: [user] } };
}

/**
 * The `U` of {@link composedQuery}: the walked user query, or `match_all`
 * when there is none. A query that already is the wrapper for the same `T`
 * is unwrapped first, so guarding twice adds nothing.
 */
export function userQuery(query: JsonValue | undefined, pointer: string, context: WalkContext): JsonObject {
  const own = unwrapOwn(query, context.token);
  return own !== undefined
    ? context.walkers.query(own, childPointer(childPointer(childPointer(pointer, 'bool'), 'must'), 0), context, 0)
    : query === undefined
      ? { match_all: {} }
      : context.walkers.query(query, pointer, context, 0);
}

/**
 * The JSON text of {@link composedQuery}'s result, `JSON.stringify` of it to
 * the byte, from the text of `T` (the same for every search of a request)
 * and the walked user query.
 */
export function composedQueryText(tokenText: string, user: JsonObject): string {
  return `{"bool":{"filter":[${tokenText}],"must":[${JSON.stringify(user)}]}}`;
}
