import { describe, expect, it } from 'vitest';
import { isWellFormedSecret } from '../../src/domain/secret.js';
import { DAY, admin, codeOf, failure, member, otherAdmin, setup } from './support.js';

describe('tokens', () => {
  it('createToken returns the secret once; the token carries only a hint', async () => {
    const { tokens, now, dump } = setup();
    const filter = await tokens.createFilter(admin, { field: 'service.name', value: 'api' });
    const { token, secret } = await tokens.createToken(admin, { name: 'Grafana', filterIds: [filter.id] });
    expect(isWellFormedSecret(secret)).toBe(true);
    expect(token).toMatchObject({
      accountId: 'acme',
      name: 'Grafana',
      filterIds: [filter.id],
      filtersOperator: 'AND',
      status: 'active',
      createdBy: 'alice',
      lastUsedAt: null,
      version: 1,
      hint: `shtk_...${secret.slice(-4)}`,
    });
    expect(JSON.stringify(token)).not.toContain(secret);
    expect(token).not.toHaveProperty('secretHash');
    expect(await dump()).not.toContain(secret);
    expect(JSON.stringify(await tokens.getToken(member, token.id))).not.toContain(secret);
    expect(token.expiresAt).toBe(new Date(now().getTime() + 7 * DAY).toISOString());
  });

  it('filter ids are a set: duplicates count once and order does not matter', async () => {
    const { tokens } = setup();
    const a = await tokens.createFilter(admin, { field: 'f', value: 'a' });
    const b = await tokens.createFilter(admin, { field: 'f', value: 'b' });
    const { token } = await tokens.createToken(admin, { name: 'T', filterIds: [b.id, a.id, b.id] });
    expect(token.filterIds).toEqual([a.id, b.id].sort());
  });

  it('expiresAt: null means never; an explicit instant is normalized to UTC', async () => {
    const { tokens } = setup();
    const never = await tokens.createToken(admin, { name: 'Forever', expiresAt: null });
    expect(never.token.expiresAt).toBeNull();
    const later = await tokens.createToken(admin, { name: 'Later', expiresAt: '2026-04-01T02:00:00+02:00' });
    expect(later.token.expiresAt).toBe('2026-04-01T00:00:00.000Z');
  });

  it('an expiry in the past is a VALIDATION error', async () => {
    const { tokens } = setup();
    const error = await failure(tokens.createToken(admin, { name: 'Old', expiresAt: '2020-01-01T00:00:00Z' }));
    expect(error.code).toBe('VALIDATION');
  });

  it('names are unique per account, case-insensitively', async () => {
    const { tokens } = setup();
    const { token } = await tokens.createToken(admin, { name: 'Grafana' });
    const error = await failure(tokens.createToken(admin, { name: 'GRAFANA' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.context.existingId).toBe(token.id);
    await expect(tokens.createToken(otherAdmin, { name: 'grafana' })).resolves.toMatchObject({ token: { name: 'grafana', accountId: otherAdmin.accountId } });
  });

  it('creating a token with an unknown or foreign filter is NOT_FOUND and creates nothing', async () => {
    const { tokens } = setup();
    const foreign = await tokens.createFilter(otherAdmin, { field: 'f', value: 'x' });
    expect(await codeOf(tokens.createToken(admin, { name: 'T', filterIds: [foreign.id] }))).toBe('NOT_FOUND');
    expect(await codeOf(tokens.createToken(admin, { name: 'T', filterIds: ['nope'] }))).toBe('NOT_FOUND');
    expect((await tokens.listTokens(admin)).items).toEqual([]);
  });

  it('rename bumps the version and updatedAt; renaming to the same name changes nothing', async () => {
    const { tokens, advance, now, events } = setup();
    const { token } = await tokens.createToken(admin, { name: 'Grafana' });
    advance(1000);
    const renamed = await tokens.renameToken(admin, token.id, { name: 'Grafana (prod)' });
    expect(renamed).toMatchObject({ name: 'Grafana (prod)', version: 2, updatedAt: now().toISOString() });
    const count = events.length;
    const same = await tokens.renameToken(admin, token.id, { name: 'Grafana (prod)' });
    expect(same.version).toBe(2);
    expect(events.length).toBe(count);
  });

  it('a stale expectedVersion is a CONFLICT with both versions, and nothing changes', async () => {
    const { tokens } = setup();
    const { token } = await tokens.createToken(admin, { name: 'Grafana' });
    await tokens.renameToken(admin, token.id, { name: 'Grafana 2', expectedVersion: 1 });
    const error = await failure(tokens.renameToken(admin, token.id, { name: 'Grafana 3', expectedVersion: 1 }));
    expect(error.code).toBe('CONFLICT');
    expect(error.context).toMatchObject({ expectedVersion: 1, actualVersion: 2 });
    expect((await tokens.getToken(admin, token.id)).name).toBe('Grafana 2');
  });

  it('pause and resume toggle the status', async () => {
    const { tokens } = setup();
    const { token } = await tokens.createToken(admin, { name: 'T' });
    expect((await tokens.pauseToken(admin, token.id)).status).toBe('paused');
    expect((await tokens.resumeToken(admin, token.id, { expectedVersion: 2 })).status).toBe('active');
  });

  it('setTokenExpiry changes the expiry; null means never', async () => {
    const { tokens } = setup();
    const { token } = await tokens.createToken(admin, { name: 'T' });
    const changed = await tokens.setTokenExpiry(admin, token.id, { expiresAt: '2026-06-01T00:00:00Z' });
    expect(changed.expiresAt).toBe('2026-06-01T00:00:00.000Z');
    expect((await tokens.setTokenExpiry(admin, token.id, { expiresAt: null })).expiresAt).toBeNull();
  });

  it('deleteToken removes it; the id is then NOT_FOUND', async () => {
    const { tokens } = setup();
    const { token } = await tokens.createToken(admin, { name: 'T' });
    await tokens.deleteToken(admin, token.id);
    expect(await codeOf(tokens.getToken(admin, token.id))).toBe('NOT_FOUND');
    expect(await codeOf(tokens.deleteToken(admin, token.id))).toBe('NOT_FOUND');
  });

  it('returned tokens are deeply frozen', async () => {
    const { tokens } = setup();
    const { token } = await tokens.createToken(admin, { name: 'T' });
    expect(Object.isFrozen(token)).toBe(true);
    expect(Object.isFrozen(token.filterIds)).toBe(true);
  });
});
