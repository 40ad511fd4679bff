import { describe, expect, it } from 'vitest';
import { isWellFormedSecret } from '../../src/domain/secret.js';
import type { SharedTokenRepository } from '../../src/repository/contract.js';
import { SharedTokenError } from '../../src/errors.js';
import { DAY, HOUR, MINUTE, admin, codeOf, failure, member, otherAdmin, otherMember, setup } from './support.js';

const carol = Object.freeze({ accountId: 'acme', userId: 'carol', role: 'member' as const });

async function world(options: Parameters<typeof setup>[0] = {}) {
  const harness = setup(options);
  const filter = await harness.tokens.createFilter(admin, { field: 'service.name', value: 'checkout' });
  const { token, secret: tokenSecret } = await harness.tokens.createToken(admin, { name: 'Board', filterIds: [filter.id] });
  return { ...harness, filter, token, tokenSecret };
}

describe('sharing links', () => {
  it('a member creates a link; its secret has the token format, is returned once, and resolves to the token with the link', async () => {
    const { tokens, token, filter, events, dump } = await world();
    const { link, secret } = await tokens.createLink(member, token.id, { label: 'Acme support', target: '/dashboards/checkout' });
    expect(isWellFormedSecret(secret)).toBe(true);
    expect(link).toMatchObject({ tokenId: token.id, label: 'Acme support', target: '/dashboards/checkout', createdBy: 'bob', expiresAt: token.expiresAt });
    expect(link.hint).toBe(`shtk_...${secret.slice(-4)}`);
    const access = await tokens.resolve(secret);
    expect(access.link).toEqual({ id: link.id, label: 'Acme support', target: '/dashboards/checkout', createdBy: 'bob' });
    expect(access.token.id).toBe(token.id);
    expect(access.filters.map((f) => f.id)).toEqual([filter.id]);
    expect(events.find((e) => e.type === 'link.created')).toMatchObject({ actor: { userId: 'bob', role: 'member' }, link: { id: link.id } });
    const everything = JSON.stringify(events) + JSON.stringify(await tokens.listLinks(admin)) + (await dump());
    expect(everything.includes(secret)).toBe(false);
  });

  it("the token's own secret resolves with link: null", async () => {
    const { tokens, tokenSecret } = await world();
    expect((await tokens.resolve(tokenSecret)).link).toBeNull();
  });

  it('a link expires no later than its token: default follows it, later is VALIDATION, earlier is kept', async () => {
    const { tokens, token, now } = await world();
    const later = new Date(Date.parse(token.expiresAt!) + MINUTE).toISOString();
    const error = await failure(tokens.createLink(member, token.id, { expiresAt: later }));
    expect(error.code).toBe('VALIDATION');
    expect(error.context.tokenExpiresAt).toBe(token.expiresAt);
    expect(await codeOf(tokens.createLink(member, token.id, { expiresAt: null }))).toBe('VALIDATION');
    expect(await codeOf(tokens.createLink(member, token.id, { expiresAt: new Date(now().getTime() - 1).toISOString() }))).toBe('VALIDATION');
    const early = new Date(now().getTime() + HOUR).toISOString();
    expect((await tokens.createLink(member, token.id, { expiresAt: early })).link.expiresAt).toBe(early);
  });

  it("when the token's expiry moves earlier its later links follow; moving it later leaves them", async () => {
    const { tokens, token, now, advance } = await world();
    const early = new Date(now().getTime() + HOUR).toISOString();
    const { link: short } = await tokens.createLink(member, token.id, { expiresAt: early });
    const { link: long, secret } = await tokens.createLink(admin, token.id);
    const twoHours = new Date(now().getTime() + 2 * HOUR).toISOString();
    await tokens.setTokenExpiry(admin, token.id, { expiresAt: twoHours });
    const byId = new Map((await tokens.listLinks(admin)).items.map((l) => [l.id, l]));
    expect(byId.get(long.id)?.expiresAt).toBe(twoHours);
    expect(byId.get(long.id)?.version).toBe(2);
    expect(byId.get(short.id)?.expiresAt).toBe(early);
    await tokens.setTokenExpiry(admin, token.id, { expiresAt: null });
    expect((await tokens.listLinks(admin)).items.find((l) => l.id === long.id)?.expiresAt).toBe(twoHours);
    advance(2 * HOUR);
    expect(await codeOf(tokens.resolve(secret))).toBe('TOKEN_EXPIRED');
  });

  it('pausing, expiring or deleting the token stops every link at the next request; revoking one leaves the rest', async () => {
    const { tokens, token, tokenSecret, advance } = await world();
    const a = await tokens.createLink(member, token.id, { label: 'A' });
    const b = await tokens.createLink(carol, token.id, { label: 'B' });
    await tokens.pauseToken(admin, token.id);
    expect(await codeOf(tokens.resolve(a.secret))).toBe('TOKEN_PAUSED');
    await tokens.resumeToken(admin, token.id);
    await tokens.revokeLink(member, a.link.id);
    expect(await codeOf(tokens.resolve(a.secret))).toBe('TOKEN_INVALID');
    expect((await tokens.resolve(b.secret)).link?.id).toBe(b.link.id);
    expect((await tokens.resolve(tokenSecret)).link).toBeNull();
    advance(8 * DAY);
    expect(await codeOf(tokens.resolve(b.secret))).toBe('TOKEN_EXPIRED');
    await tokens.setTokenExpiry(admin, token.id, { expiresAt: null });
    // The link's own expiry (the token's old one) still holds.
    expect(await codeOf(tokens.resolve(b.secret))).toBe('TOKEN_EXPIRED');
    const c = await tokens.createLink(member, token.id);
    expect((await tokens.resolve(c.secret)).expiresAt).toBeNull();
    await tokens.deleteToken(admin, token.id);
    expect(await codeOf(tokens.resolve(c.secret))).toBe('TOKEN_INVALID');
    expect((await tokens.listLinks(admin)).items).toEqual([]);
  });

  it("a filter change applies to every link's next request", async () => {
    const { tokens, token } = await world();
    const { secret } = await tokens.createLink(member, token.id);
    const narrower = await tokens.createFilter(admin, { field: 'kubernetes.namespace', value: 'prod' });
    await tokens.attachFilters(admin, token.id, { filterIds: [narrower.id] });
    expect((await tokens.resolve(secret)).filters.map((f) => f.id)).toContain(narrower.id);
  });

  it('members see and revoke only their own links; admins all; other accounts nothing', async () => {
    const { tokens, token } = await world();
    const mine = await tokens.createLink(member, token.id);
    const carols = await tokens.createLink(carol, token.id);
    const admins = await tokens.createLink(admin, token.id);
    expect((await tokens.listLinks(member)).items.map((l) => l.id)).toEqual([mine.link.id]);
    expect((await tokens.listLinks(admin)).items.map((l) => l.id).sort()).toEqual([mine.link.id, carols.link.id, admins.link.id].sort());
    expect((await tokens.listLinks(otherAdmin)).items).toEqual([]);
    expect(await codeOf(tokens.revokeLink(member, carols.link.id))).toBe('FORBIDDEN');
    expect(await codeOf(tokens.revokeLink(member, admins.link.id))).toBe('FORBIDDEN');
    expect(await codeOf(tokens.revokeLink(otherAdmin, mine.link.id))).toBe('NOT_FOUND');
    expect(await codeOf(tokens.revokeLink(otherMember, mine.link.id))).toBe('NOT_FOUND');
    expect(await codeOf(tokens.createLink(otherMember, token.id))).toBe('NOT_FOUND');
    await tokens.revokeLink(admin, carols.link.id);
    expect(await codeOf(tokens.revokeLink(admin, carols.link.id))).toBe('NOT_FOUND');
  });

  it('listLinks pages and narrows by token', async () => {
    const { tokens, token, advance } = await world();
    const { token: other } = await tokens.createToken(admin, { name: 'Other' });
    for (let i = 0; i < 5; i++) {
      await tokens.createLink(member, i % 2 === 0 ? token.id : other.id, { label: `L${i}` });
      advance(1000); // listings are oldest first; equal instants would order by id
    }
    const first = await tokens.listLinks(member, { limit: 2 });
    const second = await tokens.listLinks(member, { limit: 2, cursor: first.nextCursor });
    const third = await tokens.listLinks(member, { limit: 2, cursor: second.nextCursor });
    expect([...first.items, ...second.items, ...third.items].map((l) => l.label)).toEqual(['L0', 'L1', 'L2', 'L3', 'L4']);
    expect(third.nextCursor).toBeNull();
    expect((await tokens.listLinks(member, { tokenId: other.id })).items.map((l) => l.label)).toEqual(['L1', 'L3']);
    expect(await codeOf(tokens.listLinks(member, { tokenId: other.id, typo: 1 } as never))).toBe('VALIDATION');
  });

  it("lastUsedAt per link, throttled like tokens, and the token's is the latest of its credentials'", async () => {
    const { tokens, token, tokenSecret, advance, now } = await world();
    const a = await tokens.createLink(member, token.id);
    const b = await tokens.createLink(member, token.id);
    const t0 = now().toISOString();
    await tokens.resolve(a.secret);
    advance(30 * 1000);
    await tokens.resolve(a.secret); // within the resolution: not written
    const links = async () => new Map((await tokens.listLinks(admin)).items.map((l) => [l.id, l.lastUsedAt]));
    expect((await links()).get(a.link.id)).toBe(t0);
    expect((await links()).get(b.link.id)).toBeNull();
    advance(HOUR);
    const t1 = now().toISOString();
    await tokens.resolve(b.secret);
    expect((await links()).get(b.link.id)).toBe(t1);
    expect((await links()).get(a.link.id)).toBe(t0);
    expect((await tokens.getToken(admin, token.id)).lastUsedAt).toBe(t1);
    advance(HOUR);
    const t2 = now().toISOString();
    expect((await tokens.resolve(tokenSecret)).token.lastUsedAt).toBe(t2);
  });

  it('a lost race on a usage write is dropped: no error, no event; other failures are an event, never a denial', async () => {
    let failWith: Error | null = new SharedTokenError('CONFLICT', 'lost race');
    const harness = await world({
      repository: (inner): SharedTokenRepository => ({
        ...inner,
        recordLinkUsage: async (...args) => {
          if (failWith !== null) throw failWith;
          return inner.recordLinkUsage(...args);
        },
      }),
    });
    const { secret } = await harness.tokens.createLink(member, harness.token.id);
    await harness.tokens.resolve(secret);
    expect(harness.events.filter((e) => e.type === 'token.usage-write-failed')).toEqual([]);
    failWith = new Error('disk full');
    harness.advance(HOUR);
    await harness.tokens.resolve(secret);
    expect(harness.events.filter((e) => e.type === 'token.usage-write-failed')).toMatchObject([{ linkId: expect.any(String) }]);
  });

  it('the hygiene report lists never-used, unused and never-expiring links, scoped like listLinks', async () => {
    const { tokens, token, advance } = await world({ policy: { linkUnusedForDays: 2 } });
    const { token: forever } = await tokens.createToken(admin, { name: 'Forever', expiresAt: null });
    const used = await tokens.createLink(member, token.id);
    const idle = await tokens.createLink(member, token.id);
    const endless = await tokens.createLink(carol, forever.id);
    await tokens.resolve(used.secret);
    advance(3 * DAY);
    await tokens.resolve(used.secret);
    const report = await tokens.hygieneReport(admin);
    expect(report.linkUnusedForDays).toBe(2);
    expect(report.neverUsedLinks.map((l) => l.id).sort()).toEqual([idle.link.id, endless.link.id].sort());
    expect(report.unusedLinks.map((l) => l.id).sort()).toEqual([idle.link.id, endless.link.id].sort());
    expect(report.neverExpiringLinks.map((l) => l.id)).toEqual([endless.link.id]);
    const mine = await tokens.hygieneReport(member);
    expect(mine.neverUsedLinks.map((l) => l.id)).toEqual([idle.link.id]);
    expect(mine.neverExpiringLinks).toEqual([]);
  });

  it('bad input is VALIDATION with one "Invalid" lead, and echoes no secret', async () => {
    const { tokens, token, tokenSecret } = await world();
    for (const input of ['x', { label: '' }, { label: ' padded' }, { label: 'a'.repeat(201) }, { target: 'a\u0000b' }, { extra: 1 }, { expiresAt: 'tomorrow' }]) {
      const error = await failure(tokens.createLink(member, token.id, input as never));
      expect(error.code).toBe('VALIDATION');
      expect(error.message.match(/Invalid/g)?.length).toBe(1);
    }
    const error = await failure(tokens.createLink(member, token.id, { label: tokenSecret.slice(0, 300), extra: tokenSecret } as never));
    expect(JSON.stringify(error) + error.message).not.toContain(tokenSecret);
  });
});
