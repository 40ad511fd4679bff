import { describe, expect, it } from 'vitest';
import { SharedTokenError } from '../../src/errors.js';
import { generateSecret } from '../../src/domain/secret.js';
import type { SharedTokenRepository } from '../../src/repository/contract.js';
import { DAY, HOUR, MINUTE, SECOND, admin, codeOf, setup } from './support.js';

describe('resolve(secret)', () => {
  it("returns the token's current access: filters, operator, expression", async () => {
    const { tokens } = setup();
    const ns = await tokens.createFilter(admin, { field: 'kubernetes.namespace', value: 'payments' });
    const { token, secret } = await tokens.createToken(admin, { name: 'T', filterIds: [ns.id] });
    const access = await tokens.resolve(secret);
    expect(access).toMatchObject({
      token: { id: token.id, name: 'T' },
      filters: [ns],
      filtersOperator: 'AND',
      unrestricted: false,
      expiresAt: token.expiresAt,
      secretGeneration: 'current',
      expression: { kind: 'term', field: 'kubernetes.namespace', value: 'payments' },
    });
    expect(JSON.stringify(access)).not.toContain(secret);
    expect(access.token).not.toHaveProperty('secretHash');
  });

  it('a token without filters is unrestricted', async () => {
    const { tokens } = setup();
    const { secret } = await tokens.createToken(admin, { name: 'All' });
    const access = await tokens.resolve(secret);
    expect(access.unrestricted).toBe(true);
    expect(access.expression).toEqual({ kind: 'all' });
  });

  it('garbage and typos are TOKEN_INVALID without any storage lookup', async () => {
    let lookups = 0;
    const { tokens } = setup({
      repository: (inner): SharedTokenRepository => ({
        ...inner,
        findCredentialBySecretHash: (hash) => {
          lookups++;
          return inner.findCredentialBySecretHash(hash);
        },
      }),
    });
    const { secret } = await tokens.createToken(admin, { name: 'T' });
    const typo = secret.slice(0, 10) + (secret[10] === 'a' ? 'b' : 'a') + secret.slice(11);
    for (const bad of ['', 'hello', typo, secret.slice(0, -1), `${secret}x`, secret.toUpperCase(), 42, null, undefined]) {
      expect(await codeOf(tokens.resolve(bad as string))).toBe('TOKEN_INVALID');
    }
    expect(lookups).toBe(0);
    expect(await codeOf(tokens.resolve(generateSecret()))).toBe('TOKEN_INVALID');
    expect(lookups).toBe(1);
  });

  it('a valid secret costs one lookup by hash and one read of its filters', async () => {
    const calls: string[] = [];
    const { tokens } = setup({
      repository: (inner): SharedTokenRepository =>
        Object.fromEntries(
          Object.entries(inner).map(([name, method]) => [
            name,
            (...args: unknown[]) => {
              calls.push(name);
              return (method as (...a: unknown[]) => Promise<unknown>)(...args);
            },
          ]),
        ) as unknown as SharedTokenRepository,
    });
    const filter = await tokens.createFilter(admin, { field: 'f', value: 'v' });
    const { secret } = await tokens.createToken(admin, { name: 'T', filterIds: [filter.id] });
    await tokens.resolve(secret); // first use: records lastUsedAt
    calls.length = 0;
    await tokens.resolve(secret);
    expect(calls).toEqual(['findCredentialBySecretHash', 'getFilters']);
  });

  it('TOKEN_INVALID never echoes the presented string', async () => {
    const { tokens } = setup();
    const secret = generateSecret();
    const error = await tokens.resolve(secret).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SharedTokenError);
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(String((error as Error).message)).not.toContain(secret);
  });

  it('paused tokens are TOKEN_PAUSED, expired ones TOKEN_EXPIRED, deleted ones TOKEN_INVALID, at once', async () => {
    const { tokens, advance } = setup();
    const { token, secret } = await tokens.createToken(admin, { name: 'T' });
    await tokens.pauseToken(admin, token.id);
    expect(await codeOf(tokens.resolve(secret))).toBe('TOKEN_PAUSED');
    await tokens.resumeToken(admin, token.id);
    await expect(tokens.resolve(secret)).resolves.toMatchObject({ token: { id: token.id, status: 'active' } });
    advance(7 * DAY);
    expect(await codeOf(tokens.resolve(secret))).toBe('TOKEN_EXPIRED');
    await tokens.deleteToken(admin, token.id);
    expect(await codeOf(tokens.resolve(secret))).toBe('TOKEN_INVALID');
  });

  it('reflects a filter change made a moment ago', async () => {
    const { tokens } = setup();
    const a = await tokens.createFilter(admin, { field: 'f', value: 'a' });
    const b = await tokens.createFilter(admin, { field: 'f', value: 'b' });
    const { token, secret } = await tokens.createToken(admin, { name: 'T', filterIds: [a.id] });
    await tokens.attachFilters(admin, token.id, { filterIds: [b.id] });
    expect((await tokens.resolve(secret)).filters.map((f) => f.id)).toEqual([a.id, b.id].sort());
    const { confirmation } = await tokens.previewFilterDeletion(admin, a.id);
    await tokens.deleteFilter(admin, a.id, { confirm: confirmation });
    expect((await tokens.resolve(secret)).filters).toEqual([b]);
  });

  it('writes lastUsedAt at most once per resolution interval (60 s by default)', async () => {
    const { tokens, advance, now } = setup();
    const { token, secret } = await tokens.createToken(admin, { name: 'T' });
    const first = now().toISOString();
    await tokens.resolve(secret);
    expect((await tokens.getToken(admin, token.id)).lastUsedAt).toBe(first);
    advance(59 * SECOND);
    expect((await tokens.resolve(secret)).token.lastUsedAt).toBe(first);
    expect((await tokens.getToken(admin, token.id)).lastUsedAt).toBe(first);
    advance(1 * SECOND);
    await tokens.resolve(secret);
    expect((await tokens.getToken(admin, token.id)).lastUsedAt).toBe(now().toISOString());
    expect((await tokens.getToken(admin, token.id)).version).toBe(1);
  });

  it('a failed usage write never denies access; it is reported as an event', async () => {
    const { tokens, events } = setup({
      repository: (inner): SharedTokenRepository => ({
        ...inner,
        recordTokenUsage: () => Promise.reject(new Error('disk full')),
      }),
    });
    const { token, secret } = await tokens.createToken(admin, { name: 'T' });
    const access = await tokens.resolve(secret);
    expect(access.token.id).toBe(token.id);
    expect(access.token.lastUsedAt).toBeNull();
    const failed = events.find((e) => e.type === 'token.usage-write-failed');
    expect(failed).toMatchObject({
      tokenId: token.id,
      accountId: 'acme',
      actor: { userId: null, role: 'system' },
      error: { code: 'REPOSITORY' },
    });
    expect(JSON.stringify(failed)).toContain('disk full');
    expect(JSON.stringify(events)).not.toContain(secret);
  });

  it('after a rotation with a grace period, the old secret works until the grace period ends', async () => {
    const { tokens, advance } = setup();
    const { token, secret: oldSecret } = await tokens.createToken(admin, { name: 'T' });
    const rotated = await tokens.rotateTokenSecret(admin, token.id, { gracePeriod: HOUR });
    expect(rotated.secret).not.toBe(oldSecret);
    expect(rotated.token.hint).toBe(`shtk_...${rotated.secret.slice(-4)}`);
    expect((await tokens.resolve(rotated.secret)).secretGeneration).toBe('current');
    expect((await tokens.resolve(oldSecret)).secretGeneration).toBe('previous');
    advance(HOUR - 1);
    await expect(tokens.resolve(oldSecret)).resolves.toMatchObject({ token: { id: token.id }, secretGeneration: 'previous' });
    advance(1);
    expect(await codeOf(tokens.resolve(oldSecret))).toBe('TOKEN_INVALID');
    await expect(tokens.resolve(rotated.secret)).resolves.toMatchObject({ token: { id: token.id }, secretGeneration: 'current' });
  });

  it('without a grace period the old secret stops at once; a second rotation ends the first grace period', async () => {
    const { tokens } = setup();
    const { token, secret: first } = await tokens.createToken(admin, { name: 'T' });
    const { secret: second } = await tokens.rotateTokenSecret(admin, token.id);
    expect(await codeOf(tokens.resolve(first))).toBe('TOKEN_INVALID');
    const { secret: third } = await tokens.rotateTokenSecret(admin, token.id, { gracePeriod: 10 * MINUTE });
    await expect(tokens.resolve(second)).resolves.toMatchObject({ token: { id: token.id }, secretGeneration: 'previous' });
    await tokens.rotateTokenSecret(admin, token.id, { gracePeriod: 10 * MINUTE });
    expect(await codeOf(tokens.resolve(second))).toBe('TOKEN_INVALID');
    await expect(tokens.resolve(third)).resolves.toMatchObject({ token: { id: token.id }, secretGeneration: 'previous' });
  });
});
