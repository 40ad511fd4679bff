/**
 * Checked access to Web Crypto, the library's only source of randomness and
 * hashing.
 *
 * @packageDocumentation
 */
import { SharedTokenError } from './errors.js';

/**
 * `crypto.subtle`, or a `SharedTokenError` `UNSUPPORTED_RUNTIME` that says why
 * it is missing. Browsers expose `crypto.subtle` only in secure contexts
 * (`https://`, `http://localhost`), so a page served over plain `http://`
 * would otherwise fail with a bare `TypeError` when a secret is hashed.
 *
 * @example
 * ```ts
 * const digest = await subtleCrypto().digest('SHA-256', bytes);
 * ```
 */
export function subtleCrypto(): SubtleCrypto {
  const subtle = (globalThis as { crypto?: Partial<Crypto> }).crypto?.subtle;
  if (subtle === undefined || subtle === null) throw missing('crypto.subtle');
  return subtle;
}

/**
 * `count` random bytes from `crypto.getRandomValues`, or a `SharedTokenError`
 * `UNSUPPORTED_RUNTIME` when the runtime has no Web Crypto.
 *
 * @example
 * ```ts
 * randomBytes(32); // Uint8Array(32) of cryptographically random bytes
 * ```
 */
export function randomBytes(count: number): Uint8Array<ArrayBuffer> {
  const crypto = (globalThis as { crypto?: Partial<Crypto> }).crypto;
  if (typeof crypto?.getRandomValues !== 'function') throw missing('crypto.getRandomValues');
  return crypto.getRandomValues(new Uint8Array(count));
}

function missing(what: string): SharedTokenError {
  return new SharedTokenError(
    'UNSUPPORTED_RUNTIME',
    `Web Crypto is not available (${what} is missing): in a browser, serve the page from a secure context (https:// or http://localhost); on a server, use Node 20 or later`,
    { feature: what },
  );
}
