/**
 * A random RFC 4122 version-4 UUID from `crypto.getRandomValues` (available
 * wherever Web Crypto is, unlike `crypto.randomUUID`, which needs a secure context).
 *
 * @example
 * ```ts
 * newId(); // '3f2b8c1e-9a4d-4c7e-8b1f-2d6e0a9c5b7d'
 * ```
 */
export function newId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  // RFC 4122 §4.4: version 4 in the high nibble of byte 6, variant 10xx in byte 8.
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
