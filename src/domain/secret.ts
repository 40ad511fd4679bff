// A secret is `prefix + body + checksum` (GitHub's token format): 256 random bits as 43 base62
// digits, then the CRC-32 of the body as 6 base62 digits. A typo or truncated paste fails before any
// storage lookup, and secret scanners recognise a leaked token. Only a hash is stored (SHA-256, or
// HMAC-SHA-256 with a server-side pepper, so a leaked database alone does not let anyone check guesses).
import { decodeBase62, encodeBase62 } from './base62.js';
import { crc32 } from './crc32.js';
import { SharedTokenError } from '../errors.js';
import { randomBytes, subtleCrypto } from '../web-crypto.js';

/** The default secret prefix: `shtk_`. */
export const DEFAULT_SECRET_PREFIX = 'shtk_';

const BODY_LENGTH = 43; // ceil(256 / log2(62))
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32
const PREFIX_PATTERN = /^[A-Za-z][A-Za-z0-9]{0,15}_$/;
const MIN_PEPPER_LENGTH = 16;
const MAX_BODY = 1n << 256n;

/**
 * How secrets look and are hashed.
 *
 * @example
 * ```ts
 * const options: SecretOptions = { prefix: 'acme_', pepper: process.env.TOKEN_PEPPER };
 * ```
 */
export interface SecretOptions {
  /**
   * Prefix of every secret: a letter, up to 15 letters or digits, then `_`.
   * Default `shtk_`. Secrets issued under another prefix are refused.
   */
  readonly prefix?: string;
  /**
   * A server-side key (at least 16 characters) for HMAC-SHA-256 hashing.
   * Default none (plain SHA-256). Changing it invalidates every stored hash.
   */
  readonly pepper?: string;
}

/**
 * Secret handling bound to one prefix and pepper.
 *
 * @example
 * ```ts
 * const codec = createSecretCodec({ prefix: 'shtk_' });
 * const secret = codec.generate();   // 'shtk_3k9...'
 * codec.isWellFormed(secret);        // true
 * await codec.hash(secret);          // 64 hex digits
 * codec.hint(secret);                // 'shtk_...Xy12'
 * ```
 */
export interface SecretCodec {
  readonly prefix: string;
  /** A fresh secret: 256 random bits with prefix and checksum. */
  generate(): string;
  /** True when `secret` has this codec's prefix, length, alphabet and a valid checksum. */
  isWellFormed(secret: unknown): secret is string;
  /** The stored form of a secret: lower-case hex SHA-256, or HMAC-SHA-256 with the pepper. */
  hash(secret: string): Promise<string>;
  /** The non-secret hint shown in lists: prefix, `...`, and the last 4 characters. */
  hint(secret: string): string;
}

/**
 * Creates a {@link SecretCodec}.
 *
 * @throws SharedTokenError `VALIDATION` for a malformed prefix or a pepper shorter than 16 characters.
 * @example
 * ```ts
 * const codec = createSecretCodec(); // prefix 'shtk_', no pepper
 * ```
 */
export function createSecretCodec(options: SecretOptions = {}): SecretCodec {
  const prefix = options.prefix ?? DEFAULT_SECRET_PREFIX;
  if (typeof prefix !== 'string' || !PREFIX_PATTERN.test(prefix)) {
    throw new SharedTokenError('VALIDATION', 'Invalid secret prefix: a letter, up to 15 letters or digits, then "_"', {
      issues: [{ path: ['secrets', 'prefix'], message: 'must match /^[A-Za-z][A-Za-z0-9]{0,15}_$/' }],
    });
  }
  const pepper = options.pepper;
  if (pepper !== undefined && (typeof pepper !== 'string' || pepper.length < MIN_PEPPER_LENGTH)) {
    throw new SharedTokenError('VALIDATION', `Invalid secret pepper: at least ${MIN_PEPPER_LENGTH} characters`, {
      issues: [{ path: ['secrets', 'pepper'], message: `must be a string of at least ${MIN_PEPPER_LENGTH} characters` }],
    });
  }
  let hmacKey: Promise<CryptoKey> | undefined;
  const hmac = (secret: string, key: string): Promise<string> => {
    hmacKey ??= subtleCrypto().importKey(
      'raw',
      new TextEncoder().encode(key),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    return hmacKey.then((k) => subtleCrypto().sign('HMAC', k, new TextEncoder().encode(secret))).then(toHex);
  };
  return Object.freeze({
    prefix,
    generate: () => generateSecret(prefix),
    isWellFormed: (secret: unknown): secret is string => isWellFormedSecret(secret, prefix),
    hash: (secret: string) =>
      pepper === undefined
        ? subtleCrypto().digest('SHA-256', new TextEncoder().encode(secret)).then(toHex)
        : hmac(secret, pepper),
    hint: (secret: string) => secretHint(secret, prefix),
  });
}

/**
 * A fresh secret with the given prefix (default `shtk_`).
 *
 * @example
 * ```ts
 * generateSecret(); // 'shtk_' + 43 base62 digits + 6 checksum digits
 * ```
 */
export function generateSecret(prefix: string = DEFAULT_SECRET_PREFIX): string {
  const bytes = randomBytes(32);
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  const body = encodeBase62(value, BODY_LENGTH);
  return prefix + body + checksumOf(body);
}

/**
 * True when `secret` is a string with this prefix, 43 + 6 base62 digits, a
 * body below 2^256 and a matching checksum. Cheap and needs no storage.
 *
 * @example
 * ```ts
 * isWellFormedSecret(generateSecret());  // true
 * isWellFormedSecret('shtk_not-a-token'); // false
 * ```
 */
export function isWellFormedSecret(secret: unknown, prefix: string = DEFAULT_SECRET_PREFIX): secret is string {
  if (typeof secret !== 'string') return false;
  if (secret.length !== prefix.length + BODY_LENGTH + CHECKSUM_LENGTH || !secret.startsWith(prefix)) return false;
  const body = secret.slice(prefix.length, prefix.length + BODY_LENGTH);
  const checksum = secret.slice(prefix.length + BODY_LENGTH);
  const value = decodeBase62(body);
  if (value === null || value >= MAX_BODY || decodeBase62(checksum) === null) return false;
  return checksumOf(body) === checksum;
}

/**
 * The non-secret hint of a secret: prefix, `...`, and its last 4 characters
 * (checksum digits: they show no digit of the random body).
 *
 * @example
 * ```ts
 * secretHint('shtk_...Ab12', 'shtk_'); // 'shtk_...Ab12'
 * ```
 */
export function secretHint(secret: string, prefix: string = DEFAULT_SECRET_PREFIX): string {
  return `${prefix}...${secret.slice(-4)}`;
}

function checksumOf(body: string): string {
  return encodeBase62(BigInt(crc32(body)), CHECKSUM_LENGTH);
}

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}
