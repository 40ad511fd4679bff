/**
 * RFC 6901 JSON pointers, the `context.pointer` of every refusal.
 *
 * @packageDocumentation
 */

/** Longest reference token kept in a pointer; longer keys are cut (they are attacker text). */
const MAX_TOKEN = 64;

/** Appends one reference token to a pointer, escaping `~` and `/`; a key longer than 64 characters is cut. */
export function childPointer(pointer: string, key: string | number): string {
  const text = typeof key === 'number' ? String(key) : key;
  const token = text.length > MAX_TOKEN ? `${text.slice(0, MAX_TOKEN)}…` : text;
  if (token.indexOf('~') === -1 && token.indexOf('/') === -1) return `${pointer}/${token}`;
  return `${pointer}/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * The pointer of `path` under `base`: the same string as applying
 * {@link childPointer} once per segment. Walks that keep the path as
 * segments render it with this only when they refuse.
 *
 * @example
 * ```ts
 * renderPointer('/aggs', ['a/b', 0]); // '/aggs/a~1b/0'
 * ```
 */
export function renderPointer(base: string, path: readonly (string | number)[]): string {
  let pointer = base;
  for (const segment of path) pointer = childPointer(pointer, segment);
  return pointer;
}
