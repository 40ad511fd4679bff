import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import type { SharedTokens } from '../../src/service/shared-tokens.js';
import { admin, codeOf, member, otherAdmin, otherMember, setup } from './support.js';

async function world() {
  const harness = setup();
  const { tokens } = harness;
  const filter = await tokens.createFilter(admin, { field: 'service.name', value: 'api' });
  const spare = await tokens.createFilter(admin, { field: 'service.name', value: 'web' });
  const { token } = await tokens.createToken(admin, { name: 'T', filterIds: [filter.id] });
  return { ...harness, filter, spare, token };
}

type Call = (tokens: SharedTokens, actor: Actor, ids: { filterId: string; spareId: string; tokenId: string }) => Promise<unknown>;

const adminOnly: Record<string, Call> = {
  createFilter: (t, a) => t.createFilter(a, { field: 'x', value: 'y' }),
  previewFilterDeletion: (t, a, ids) => t.previewFilterDeletion(a, ids.filterId),
  deleteFilter: (t, a, ids) => t.deleteFilter(a, ids.spareId, { confirm: 'x' }),
  createToken: (t, a) => t.createToken(a, { name: 'New' }),
  renameToken: (t, a, ids) => t.renameToken(a, ids.tokenId, { name: 'Renamed' }),
  setTokenFilters: (t, a, ids) => t.setTokenFilters(a, ids.tokenId, { filterIds: [] }),
  attachFilters: (t, a, ids) => t.attachFilters(a, ids.tokenId, { filterIds: [ids.spareId] }),
  detachFilters: (t, a, ids) => t.detachFilters(a, ids.tokenId, { filterIds: [ids.filterId] }),
  setTokenExpiry: (t, a, ids) => t.setTokenExpiry(a, ids.tokenId, { expiresAt: null }),
  pauseToken: (t, a, ids) => t.pauseToken(a, ids.tokenId),
  resumeToken: (t, a, ids) => t.resumeToken(a, ids.tokenId),
  rotateTokenSecret: (t, a, ids) => t.rotateTokenSecret(a, ids.tokenId),
  deleteToken: (t, a, ids) => t.deleteToken(a, ids.tokenId),
};

const objectReads: Record<string, Call> = {
  getFilter: (t, a, ids) => t.getFilter(a, ids.filterId),
  getToken: (t, a, ids) => t.getToken(a, ids.tokenId),
};

describe('who may do what', () => {
  it.each(Object.entries(adminOnly))('a member may not %s: FORBIDDEN, nothing changes', async (_name, call) => {
    const { tokens, filter, spare, token, dump } = await world();
    const before = await dump();
    expect(await codeOf(call(tokens, member, { filterId: filter.id, spareId: spare.id, tokenId: token.id }))).toBe(
      'FORBIDDEN',
    );
    expect(await dump()).toBe(before);
  });

  it.each(Object.entries({ ...adminOnly, ...objectReads }).filter(([name]) => !name.startsWith('create')))(
    "another account's admin cannot %s our objects: NOT_FOUND, never FORBIDDEN",
    async (_name, call) => {
      const { tokens, filter, spare, token, dump } = await world();
      const before = await dump();
      expect(await codeOf(call(tokens, otherAdmin, { filterId: filter.id, spareId: spare.id, tokenId: token.id }))).toBe(
        'NOT_FOUND',
      );
      expect(await dump()).toBe(before);
    },
  );

  it('members read and list their own account; other accounts see empty lists', async () => {
    const { tokens, filter, token } = await world();
    expect(await tokens.getFilter(member, filter.id)).toEqual(filter);
    expect(await tokens.getToken(member, token.id)).toEqual(token);
    expect((await tokens.listTokens(member)).items).toEqual([token]);
    expect((await tokens.listTokens(otherMember)).items).toEqual([]);
    expect((await tokens.listFilters(otherMember)).items).toEqual([]);
    expect(await codeOf(tokens.getToken(otherMember, token.id))).toBe('NOT_FOUND');
  });

  it('a malformed actor is a VALIDATION error', async () => {
    const { tokens } = await world();
    const notAnActor = { accountId: 'acme', userId: 'eve', role: 'owner' } as unknown as Actor;
    expect(await codeOf(tokens.listTokens(notAnActor))).toBe('VALIDATION');
  });
});
