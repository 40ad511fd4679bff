/**
 * RFC 6901 JSON pointers, the `context.pointer` of every refusal.
 *
 * @packageDocumentation
 */

/** Appends one reference token to a pointer, escaping `~` and `/`. */
export function childPointer(pointer: string, key: string | number): string {
  return `${pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
