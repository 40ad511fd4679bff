import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInMemoryRepository, createSharedTokens, isSharedTokenError } from '../../src/index.js';
import { randomBytes, subtleCrypto } from '../../src/web-crypto.js';

const admin = { accountId: 'acme', userId: 'alice', role: 'admin' } as const;
const realCrypto = globalThis.crypto;

afterEach(() => {
  vi.unstubAllGlobals();
});

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('Web Crypto missing (a browser page outside a secure context)', () => {
  it('creating a token fails with UNSUPPORTED_RUNTIME that says why, not a TypeError', async () => {
    // What a browser offers over plain http://: getRandomValues but no subtle.
    vi.stubGlobal('crypto', { getRandomValues: realCrypto.getRandomValues.bind(realCrypto) });
    const tokens = createSharedTokens({ repository: createInMemoryRepository() });
    const error = await failure(() => tokens.createToken(admin, { name: 'Payments' }));
    expect(isSharedTokenError(error, 'UNSUPPORTED_RUNTIME')).toBe(true);
    expect((error as Error).message).toMatch(/Web Crypto is not available \(crypto\.subtle is missing\).*secure context/);
    expect((error as { context: unknown }).context).toEqual({ feature: 'crypto.subtle' });
  });

  it('resolving a secret fails the same way, and works again once Web Crypto is back', async () => {
    const repository = createInMemoryRepository();
    const tokens = createSharedTokens({ repository });
    const { secret } = await tokens.createToken(admin, { name: 'Payments' });
    vi.stubGlobal('crypto', undefined);
    const error = await failure(() => tokens.resolve(secret));
    expect(isSharedTokenError(error, 'UNSUPPORTED_RUNTIME')).toBe(true);
    expect(() => randomBytes(4)).toThrow(/crypto\.getRandomValues is missing/);
    vi.unstubAllGlobals();
    expect((await tokens.resolve(secret)).token.name).toBe('Payments');
  });

  it('with Web Crypto present the accessors return the real thing', () => {
    expect(subtleCrypto()).toBe(realCrypto.subtle);
    const bytes = randomBytes(32);
    expect(bytes).toHaveLength(32);
    expect(bytes.some((b) => b !== 0)).toBe(true);
  });
});
