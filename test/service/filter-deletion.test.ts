import { describe, expect, it } from 'vitest';
import { admin, codeOf, failure, member, setup } from './support.js';

async function scenario() {
  const harness = setup();
  const { tokens, advance } = harness;
  const ns = await tokens.createFilter(admin, { field: 'kubernetes.namespace', value: 'payments' });
  const app = await tokens.createFilter(admin, { field: 'service.name', value: 'checkout' });
  // Listings are ordered by creation time, so the tokens are created a second apart.
  const andToken = (await tokens.createToken(admin, { name: 'AND board', filterIds: [ns.id, app.id] })).token;
  advance(1000);
  const orToken = (
    await tokens.createToken(admin, { name: 'OR board', filterIds: [ns.id, app.id], filtersOperator: 'OR' })
  ).token;
  advance(1000);
  const lastToken = (await tokens.createToken(admin, { name: 'Only ns', filterIds: [ns.id], filtersOperator: 'OR' }))
    .token;
  advance(1000);
  const unrelated = (await tokens.createToken(admin, { name: 'Only app', filterIds: [app.id] })).token;
  return { ...harness, ns, app, andToken, orToken, lastToken, unrelated };
}

describe('deleting a filter', () => {
  it('the preview lists every affected token with the effect on it', async () => {
    const { tokens, ns, andToken, orToken, lastToken } = await scenario();
    const preview = await tokens.previewFilterDeletion(admin, ns.id);
    expect(preview.filter).toEqual(ns);
    expect(preview.affectedTokens.map((a) => [a.token.id, a.effect])).toEqual([
      [andToken.id, 'widens'],
      [orToken.id, 'narrows'],
      [lastToken.id, 'becomes-unrestricted'],
    ]);
    expect(preview.widens).toBe(true);
    expect(typeof preview.confirmation).toBe('string');
  });

  it('deleting with the confirmation detaches the filter from every token at once', async () => {
    const { tokens, ns, app, andToken, orToken, lastToken, unrelated, events } = await scenario();
    const { confirmation } = await tokens.previewFilterDeletion(admin, ns.id);
    const result = await tokens.deleteFilter(admin, ns.id, { confirm: confirmation });
    expect(result.affectedTokens.map((t) => t.filterIds)).toEqual([[app.id], [app.id], []]);
    expect(await codeOf(tokens.getFilter(admin, ns.id))).toBe('NOT_FOUND');
    expect((await tokens.getToken(admin, andToken.id)).filterIds).toEqual([app.id]);
    expect((await tokens.getToken(admin, orToken.id)).filterIds).toEqual([app.id]);
    expect((await tokens.getToken(admin, lastToken.id)).filterIds).toEqual([]);
    expect(await tokens.getToken(admin, unrelated.id)).toEqual(unrelated);
    const deleted = events.find((e) => e.type === 'filter.deleted');
    expect(deleted).toMatchObject({ affectedTokenIds: [andToken.id, orToken.id, lastToken.id] });
    const changed = events.filter((e) => e.type === 'token.filters-changed');
    expect(changed.map((e) => [e.token.id, e.change, e.widened, e.cause])).toEqual([
      [andToken.id, 'widens', true, 'filter-deleted'],
      [orToken.id, 'narrows', false, 'filter-deleted'],
      [lastToken.id, 'becomes-unrestricted', true, 'filter-deleted'],
    ]);
  });

  it('a missing or made-up confirmation is CONFIRMATION_REQUIRED and deletes nothing', async () => {
    const { tokens, ns } = await scenario();
    expect(await codeOf(tokens.deleteFilter(admin, ns.id, { confirm: 'fdc_guess' }))).toBe('CONFIRMATION_REQUIRED');
    expect(await tokens.getFilter(admin, ns.id)).toEqual(ns);
  });

  it('no confirmation at all (no input, {}, an empty string) is CONFIRMATION_REQUIRED with the affected-token count', async () => {
    const { tokens, ns } = await scenario();
    const affected = (await tokens.previewFilterDeletion(admin, ns.id)).affectedTokens.length;
    expect(affected).toBeGreaterThan(0);
    const missing: unknown[] = [undefined, {}, '', { confirm: '' }, null];
    for (const input of missing) {
      const error = await failure(tokens.deleteFilter(admin, ns.id, input as { confirm: string }));
      expect(error.code).toBe('CONFIRMATION_REQUIRED');
      expect(error.context.affectedTokenCount).toBe(affected);
    }
    expect(await codeOf(tokens.deleteFilter(admin, ns.id))).toBe('CONFIRMATION_REQUIRED');
    // A confirmation of the wrong type, or an unknown member, is still bad input.
    expect(await codeOf(tokens.deleteFilter(admin, ns.id, { confirm: 5 } as unknown as { confirm: string }))).toBe('VALIDATION');
    expect(await codeOf(tokens.deleteFilter(admin, ns.id, { confirm: 'x', extra: 1 } as { confirm: string }))).toBe('VALIDATION');
    expect(await tokens.getFilter(admin, ns.id)).toEqual(ns);
  });

  it('an unknown filter is NOT_FOUND before the confirmation is looked at', async () => {
    const { tokens } = await scenario();
    for (const input of [undefined, {}, { confirm: 'fdc_guess' }, { confirm: 5 }]) {
      expect(await codeOf(tokens.deleteFilter(admin, 'no-such-filter', input as { confirm: string }))).toBe('NOT_FOUND');
    }
  });

  it('the confirmation goes stale when an affected token changes in between', async () => {
    const { tokens, ns, andToken } = await scenario();
    const { confirmation } = await tokens.previewFilterDeletion(admin, ns.id);
    await tokens.setTokenFilters(admin, andToken.id, { filterIds: [ns.id], filtersOperator: 'OR' });
    const error = await failure(tokens.deleteFilter(admin, ns.id, { confirm: confirmation }));
    expect(error.code).toBe('CONFIRMATION_REQUIRED');
    expect(error.context.ids).toMatchObject({ filterId: ns.id });
  });

  it('the confirmation goes stale when another token starts using the filter', async () => {
    const { tokens, ns, unrelated } = await scenario();
    const { confirmation } = await tokens.previewFilterDeletion(admin, ns.id);
    await tokens.attachFilters(admin, unrelated.id, { filterIds: [ns.id] });
    expect(await codeOf(tokens.deleteFilter(admin, ns.id, { confirm: confirmation }))).toBe('CONFIRMATION_REQUIRED');
  });

  it("one filter's confirmation does not delete another filter", async () => {
    const { tokens, ns, app } = await scenario();
    const { confirmation } = await tokens.previewFilterDeletion(admin, ns.id);
    expect(await codeOf(tokens.deleteFilter(admin, app.id, { confirm: confirmation }))).toBe('CONFIRMATION_REQUIRED');
  });

  it('a filter no token uses is deleted after an empty preview', async () => {
    const { tokens } = setup();
    const filter = await tokens.createFilter(admin, { field: 'f', value: 'v' });
    const preview = await tokens.previewFilterDeletion(admin, filter.id);
    expect(preview.affectedTokens).toEqual([]);
    expect(preview.widens).toBe(false);
    await tokens.deleteFilter(admin, filter.id, { confirm: preview.confirmation });
    expect((await tokens.listFilters(admin)).items).toEqual([]);
  });

  it('members may neither preview nor delete', async () => {
    const { tokens, ns } = await scenario();
    expect(await codeOf(tokens.previewFilterDeletion(member, ns.id))).toBe('FORBIDDEN');
    expect(await codeOf(tokens.deleteFilter(member, ns.id, { confirm: 'x' }))).toBe('FORBIDDEN');
  });
});
