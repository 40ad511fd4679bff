import { describe, expect, it } from 'vitest';
import { admin, setup } from './support.js';
import { createInMemoryRepository } from '../../src/repository/in-memory/in-memory-repository.js';
import { createSharedTokens } from '../../src/service/shared-tokens.js';

describe('domain events', () => {
  it('one event per change, with actor, time and account; never a secret', async () => {
    const { tokens, events, now } = setup();
    const filter = await tokens.createFilter(admin, { field: 'f', value: 'v' });
    const { token, secret } = await tokens.createToken(admin, { name: 'T', filterIds: [filter.id] });
    await tokens.renameToken(admin, token.id, { name: 'U' });
    await tokens.setTokenExpiry(admin, token.id, { expiresAt: null });
    await tokens.pauseToken(admin, token.id);
    await tokens.resumeToken(admin, token.id);
    const { secret: rotated } = await tokens.rotateTokenSecret(admin, token.id, { gracePeriod: 1000 });
    await tokens.detachFilters(admin, token.id, { filterIds: [filter.id] });
    await tokens.deleteToken(admin, token.id);
    expect(events.map((e) => e.type)).toEqual([
      'filter.created',
      'token.created',
      'token.renamed',
      'token.expiry-changed',
      'token.paused',
      'token.resumed',
      'token.secret-rotated',
      'token.filters-changed',
      'token.deleted',
    ]);
    for (const event of events) {
      expect(event).toMatchObject({ accountId: 'acme', actor: { userId: 'alice', role: 'admin' }, at: now().toISOString() });
      expect(Object.isFrozen(event)).toBe(true);
    }
    const serialized = JSON.stringify(events);
    expect(serialized).not.toContain(secret);
    expect(serialized).not.toContain(rotated);
    expect(serialized).not.toContain('secretHash');
  });

  it('a throwing event handler does not undo or fail a committed change', async () => {
    const tokens = createSharedTokens({
      repository: createInMemoryRepository(),
      onEvent: () => {
        throw new Error('audit log down');
      },
    });
    const { token } = await tokens.createToken(admin, { name: 'T' });
    expect((await tokens.getToken(admin, token.id)).name).toBe('T');
  });
});
