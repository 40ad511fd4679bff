import { describe, expect, it } from 'vitest';
import { DAY, admin, codeOf, member, setup } from './support.js';

describe('hygiene report', () => {
  it('lists unrestricted, never-expiring, expiring, expired and unused tokens, unused and suspicious filters', async () => {
    const { tokens, advance } = setup();
    const used = await tokens.createFilter(admin, { field: 'service.name', value: 'api' });
    const wildcard = await tokens.createFilter(admin, { field: 'service.name', value: 'api-*' });
    const spaced = await tokens.createFilter(admin, { field: 'service.name', value: ' api' });
    const open = (await tokens.createToken(admin, { name: 'Open', expiresAt: null })).token;
    const soon = (await tokens.createToken(admin, { name: 'Soon', filterIds: [used.id], expiresAt: '2026-03-05T00:00:00Z' }))
      .token;
    const gone = (await tokens.createToken(admin, { name: 'Gone', filterIds: [used.id], expiresAt: '2026-03-02T00:00:00Z' }))
      .token;
    const later = await tokens.createToken(admin, { name: 'Later', filterIds: [used.id], expiresAt: '2026-12-01T00:00:00Z' });
    advance(2 * DAY);
    await tokens.resolve(later.secret);

    const report = await tokens.hygieneReport(member, { unusedForDays: 1 });
    const names = (list: readonly { name: string }[]) => list.map((t) => t.name);
    expect(names(report.unrestrictedTokens)).toEqual(['Open']);
    expect(names(report.neverExpiringTokens)).toEqual(['Open']);
    expect(names(report.expiringSoonTokens)).toEqual(['Soon']);
    expect(names(report.expiredTokens)).toEqual(['Gone']);
    // All were created in the same instant, so their listing order is by id: compare as sets.
    expect(names(report.unusedTokens).sort()).toEqual([open, soon, gone].map((t) => t.name).sort());
    expect(report.unusedFilters.map((f) => f.id).sort()).toEqual([wildcard.id, spaced.id].sort());
    expect(new Map(report.suspiciousFilters.map((s) => [s.filter.id, s.reasons]))).toEqual(
      new Map([
        [wildcard.id, ['wildcard-character']],
        [spaced.id, ['surrounding-whitespace']],
      ]),
    );
    expect(report).toMatchObject({ expiringWithinDays: 7, unusedForDays: 1 });
  });

  it('rejects bad windows', async () => {
    const { tokens } = setup();
    expect(await codeOf(tokens.hygieneReport(admin, { expiringWithinDays: 0 }))).toBe('VALIDATION');
  });
});
