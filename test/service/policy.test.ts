import { describe, expect, it } from 'vitest';
import { createInMemoryRepository } from '../../src/repository/in-memory/in-memory-repository.js';
import { createSharedTokens } from '../../src/service/shared-tokens.js';
import { DAY, MINUTE, admin, codeOf, failure, setup } from './support.js';

describe('policies', () => {
  it('requireFilters forbids unrestricted tokens, however they would arise', async () => {
    const { tokens } = setup({ policy: { requireFilters: true } });
    expect(await codeOf(tokens.createToken(admin, { name: 'All' }))).toBe('POLICY');
    const a = await tokens.createFilter(admin, { field: 'f', value: 'a' });
    const { token } = await tokens.createToken(admin, { name: 'T', filterIds: [a.id] });
    expect(await codeOf(tokens.setTokenFilters(admin, token.id, { filterIds: [] }))).toBe('POLICY');
    expect(await codeOf(tokens.detachFilters(admin, token.id, { filterIds: [a.id] }))).toBe('POLICY');
    const { confirmation } = await tokens.previewFilterDeletion(admin, a.id);
    const error = await failure(tokens.deleteFilter(admin, a.id, { confirm: confirmation }));
    expect(error).toMatchObject({ code: 'POLICY', context: { rule: 'requireFilters', tokenIds: [token.id] } });
    expect((await tokens.getToken(admin, token.id)).filterIds).toEqual([a.id]);
  });

  it('defaultLifetime sets the expiry of tokens created without one', async () => {
    const { tokens, now } = setup({ policy: { defaultLifetime: 30 * DAY } });
    const { token } = await tokens.createToken(admin, { name: 'T' });
    expect(token.expiresAt).toBe(new Date(now().getTime() + 30 * DAY).toISOString());
  });

  it('defaultLifetime: null makes tokens never expire by default', async () => {
    const { tokens } = setup({ policy: { defaultLifetime: null } });
    expect((await tokens.createToken(admin, { name: 'T' })).token.expiresAt).toBeNull();
  });

  it('maxLifetime forbids never-expiring tokens and expiries beyond creation + maxLifetime', async () => {
    const { tokens, now, advance } = setup({ policy: { maxLifetime: 30 * DAY } });
    expect(await codeOf(tokens.createToken(admin, { name: 'T', expiresAt: null }))).toBe('POLICY');
    const tooLate = new Date(now().getTime() + 31 * DAY).toISOString();
    expect(await codeOf(tokens.createToken(admin, { name: 'T', expiresAt: tooLate }))).toBe('POLICY');
    const { token } = await tokens.createToken(admin, { name: 'T' });
    advance(10 * DAY);
    // The lifetime counts from creation: extending by another 30 days from today is too long.
    const extended = new Date(now().getTime() + 30 * DAY).toISOString();
    const error = await failure(tokens.setTokenExpiry(admin, token.id, { expiresAt: extended }));
    expect(error.context['latestExpiresAt']).toBe(new Date(Date.parse(token.createdAt) + 30 * DAY).toISOString());
    expect(await codeOf(tokens.setTokenExpiry(admin, token.id, { expiresAt: null }))).toBe('POLICY');
  });

  it('a policy whose default lifetime exceeds its maximum is rejected up front', () => {
    expect(() =>
      createSharedTokens({ repository: createInMemoryRepository(), policy: { defaultLifetime: 10 * DAY, maxLifetime: DAY } }),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() =>
      createSharedTokens({ repository: createInMemoryRepository(), policy: { lastUsedResolution: -1 } }),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });

  it('lastUsedResolution sets how often usage is written', async () => {
    const { tokens, advance, now } = setup({ policy: { lastUsedResolution: 10 * MINUTE } });
    const { token, secret } = await tokens.createToken(admin, { name: 'T' });
    const first = now().toISOString();
    await tokens.resolve(secret);
    advance(9 * MINUTE);
    await tokens.resolve(secret);
    expect((await tokens.getToken(admin, token.id)).lastUsedAt).toBe(first);
    advance(MINUTE);
    await tokens.resolve(secret);
    expect((await tokens.getToken(admin, token.id)).lastUsedAt).toBe(now().toISOString());
  });

  it('secrets: a custom prefix is used, and a pepper changes the stored hash', async () => {
    const repository = createInMemoryRepository();
    const tokens = createSharedTokens({ repository, secrets: { prefix: 'acme_', pepper: 'a-long-server-side-pepper' } });
    const { token, secret } = await tokens.createToken(admin, { name: 'T' });
    expect(secret.startsWith('acme_')).toBe(true);
    expect(token.hint.startsWith('acme_...')).toBe(true);
    await expect(tokens.resolve(secret)).resolves.toMatchObject({ token: { id: token.id }, secretGeneration: 'current' });
    const unpeppered = createSharedTokens({ repository, secrets: { prefix: 'acme_' } });
    expect(await codeOf(unpeppered.resolve(secret))).toBe('TOKEN_INVALID');
    const otherPrefix = createSharedTokens({ repository, secrets: { pepper: 'a-long-server-side-pepper' } });
    expect(await codeOf(otherPrefix.resolve(secret))).toBe('TOKEN_INVALID');
  });
});
