import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASE62_ALPHABET, decodeBase62, encodeBase62 } from '../../src/domain/base62.js';
import { crc32 } from '../../src/domain/crc32.js';
import {
  DEFAULT_SECRET_PREFIX,
  createSecretCodec,
  generateSecret,
  isWellFormedSecret,
  secretHint,
} from '../../src/domain/secret.js';

describe('secrets', () => {
  it('look like shtk_ + 43 base62 digits + 6 checksum digits', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^shtk_[0-9A-Za-z]{49}$/);
    expect(isWellFormedSecret(secret)).toBe(true);
  });

  it('are different every time (256 random bits)', () => {
    const secrets = new Set(Array.from({ length: 200 }, () => generateSecret()));
    expect(secrets.size).toBe(200);
  });

  it('any single-character typo is caught by the checksum', () => {
    const secret = generateSecret();
    fc.assert(
      fc.property(fc.nat({ max: secret.length - 1 }), fc.constantFrom(...BASE62_ALPHABET, '_', '-'), (index, ch) => {
        fc.pre(secret[index] !== ch);
        const typo = secret.slice(0, index) + ch + secret.slice(index + 1);
        return !isWellFormedSecret(typo);
      }),
    );
  });

  it('swapping two adjacent different characters is caught', () => {
    const secret = generateSecret();
    fc.assert(
      fc.property(fc.integer({ min: 5, max: secret.length - 2 }), (i) => {
        fc.pre(secret[i] !== secret[i + 1]);
        const swapped = secret.slice(0, i) + secret[i + 1] + secret[i] + secret.slice(i + 2);
        return !isWellFormedSecret(swapped);
      }),
    );
  });

  it('rejects arbitrary values without throwing', () => {
    fc.assert(fc.property(fc.anything(), (value) => isWellFormedSecret(value) === false));
    fc.assert(fc.property(fc.string(), (value) => isWellFormedSecret(`shtk_${value}`) === false));
  });

  it('rejects a well-formed secret under another prefix', () => {
    const secret = generateSecret('acme_');
    expect(isWellFormedSecret(secret, 'acme_')).toBe(true);
    expect(isWellFormedSecret(secret)).toBe(false);
  });

  it('hash: SHA-256 hex, deterministic; a pepper gives a different keyed hash', async () => {
    const plain = createSecretCodec();
    const peppered = createSecretCodec({ pepper: 'sixteen-chars-at-least' });
    const secret = plain.generate();
    const hash = await plain.hash(secret);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await plain.hash(secret)).toBe(hash);
    expect(await peppered.hash(secret)).not.toBe(hash);
    expect(await peppered.hash(secret)).toBe(await peppered.hash(secret));
    expect(hash).not.toContain(secret);
  });

  it('hash of the standard test vector "abc"', async () => {
    expect(await createSecretCodec().hash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hint is the prefix and the last 4 characters', () => {
    const secret = generateSecret();
    expect(secretHint(secret)).toBe(`${DEFAULT_SECRET_PREFIX}...${secret.slice(-4)}`);
  });

  it('rejects a malformed prefix or a short pepper', () => {
    expect(() => createSecretCodec({ prefix: 'no-underscore' })).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() => createSecretCodec({ pepper: 'short' })).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });

  it('base62 round-trips every 256-bit number at width 43', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), (n) => decodeBase62(encodeBase62(n, 43)) === n),
    );
  });

  it('crc32 matches the standard check value', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
  });
});
