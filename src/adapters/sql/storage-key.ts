/**
 * The text stored in every key column (account, id, created-at, uniqueness
 * keys, secret hashes): each UTF-16 code unit of the value as four lower-case
 * hex digits.
 *
 * Why not the value itself:
 * - PostgreSQL refuses NUL in `text` and replaces lone surrogates; the
 *   encoding holds any JavaScript string exactly, so the adapter never
 *   depends on the service having refused them.
 * - Byte-wise comparison of the encoding (`COLLATE "C"` in PostgreSQL, the
 *   default `BINARY` collation in SQLite) is exactly the UTF-16 code unit
 *   order that JavaScript's `<` and the in-memory repository use. Comparing
 *   UTF-8 bytes would not be: U+FFFF sorts after U+10000 in UTF-8 but
 *   before it (as 0xFFFF > 0xD800) in UTF-16.
 *
 * @internal
 */
export function storageKey(value: string): string {
  const parts = new Array<string>(value.length);
  for (let index = 0; index < value.length; index += 1) {
    const unit = value.charCodeAt(index);
    parts[index] = (HEX_BYTES[unit >> 8] as string) + (HEX_BYTES[unit & 0xff] as string);
  }
  return parts.join('');
}

// Two hex digits per byte value: keys are on every hot path (each lookup, each written row).
const HEX_BYTES: readonly string[] = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** The string a {@link storageKey} encodes. @internal */
export function fromStorageKey(encoded: string): string {
  const units: number[] = [];
  for (let index = 0; index < encoded.length; index += 4) units.push(Number.parseInt(encoded.slice(index, index + 4), 16));
  // Chunked so a long key never exceeds the engine's argument limit.
  let decoded = '';
  for (let start = 0; start < units.length; start += 4096) decoded += String.fromCharCode(...units.slice(start, start + 4096));
  return decoded;
}
