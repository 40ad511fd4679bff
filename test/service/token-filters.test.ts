import { describe, expect, it } from 'vitest';
import type { TokenFiltersChangedEvent } from '../../src/domain/events.js';
import { admin, codeOf, failure, otherAdmin, setup } from './support.js';

async function withFilters() {
  const harness = setup();
  const { tokens } = harness;
  const a = await tokens.createFilter(admin, { field: 'service.name', value: 'a' });
  const b = await tokens.createFilter(admin, { field: 'service.name', value: 'b' });
  const c = await tokens.createFilter(admin, { field: 'service.name', value: 'c' });
  return { ...harness, a, b, c };
}

function lastFiltersChanged(events: readonly { type: string }[]): TokenFiltersChangedEvent {
  const event = events.filter((e) => e.type === 'token.filters-changed').at(-1);
  if (event === undefined) throw new Error('no token.filters-changed event');
  return event as TokenFiltersChangedEvent;
}

describe("a token's filters", () => {
  it('setTokenFilters replaces the whole set; an empty set makes the token unrestricted', async () => {
    const { tokens, a, b, c, events } = await withFilters();
    const { token } = await tokens.createToken(admin, { name: 'T', filterIds: [a.id, b.id] });
    const replaced = await tokens.setTokenFilters(admin, token.id, { filterIds: [c.id] });
    expect(replaced.filterIds).toEqual([c.id]);
    expect(lastFiltersChanged(events)).toMatchObject({ change: 'incomparable', widened: true, cause: 'set' });
    const cleared = await tokens.setTokenFilters(admin, token.id, { filterIds: [] });
    expect(cleared.filterIds).toEqual([]);
    expect(lastFiltersChanged(events)).toMatchObject({ change: 'becomes-unrestricted', widened: true });
  });

  it('attaching to an AND token narrows; detaching widens', async () => {
    const { tokens, a, b, events } = await withFilters();
    const { token } = await tokens.createToken(admin, { name: 'T', filterIds: [a.id] });
    expect((await tokens.attachFilters(admin, token.id, { filterIds: [b.id] })).filterIds).toEqual([a.id, b.id].sort());
    expect(lastFiltersChanged(events)).toMatchObject({ change: 'narrows', widened: false, cause: 'attach' });
    expect((await tokens.detachFilters(admin, token.id, { filterIds: [a.id] })).filterIds).toEqual([b.id]);
    expect(lastFiltersChanged(events)).toMatchObject({ change: 'widens', widened: true, cause: 'detach' });
  });

  it('attaching to an OR token widens; switching AND to OR with two filters widens', async () => {
    const { tokens, a, b, c, events } = await withFilters();
    const { token } = await tokens.createToken(admin, { name: 'T', filterIds: [a.id, b.id] });
    await tokens.setTokenFilters(admin, token.id, { filterIds: [a.id, b.id], filtersOperator: 'OR' });
    expect(lastFiltersChanged(events)).toMatchObject({ change: 'widens', widened: true, previousFiltersOperator: 'AND' });
    await tokens.attachFilters(admin, token.id, { filterIds: [c.id] });
    expect(lastFiltersChanged(events)).toMatchObject({ change: 'widens', widened: true });
  });

  it('attaching a filter the token already has changes nothing', async () => {
    const { tokens, a, events } = await withFilters();
    const { token } = await tokens.createToken(admin, { name: 'T', filterIds: [a.id] });
    const before = events.length;
    expect((await tokens.attachFilters(admin, token.id, { filterIds: [a.id, a.id] })).version).toBe(1);
    expect(events.length).toBe(before);
  });

  it('an unknown or foreign filter id is NOT_FOUND and nothing changes', async () => {
    const { tokens, a, b } = await withFilters();
    const foreign = await tokens.createFilter(otherAdmin, { field: 'service.name', value: 'a' });
    const { token } = await tokens.createToken(admin, { name: 'T', filterIds: [a.id] });
    const error = await failure(tokens.attachFilters(admin, token.id, { filterIds: [b.id, foreign.id] }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.context['missingFilterIds']).toEqual([foreign.id]);
    expect(await codeOf(tokens.setTokenFilters(admin, token.id, { filterIds: ['missing'] }))).toBe('NOT_FOUND');
    expect(await codeOf(tokens.detachFilters(admin, token.id, { filterIds: ['missing'] }))).toBe('NOT_FOUND');
    expect(await tokens.getToken(admin, token.id)).toEqual(token);
  });

  it('attach and detach need at least one filter id', async () => {
    const { tokens } = await withFilters();
    const { token } = await tokens.createToken(admin, { name: 'T' });
    expect(await codeOf(tokens.attachFilters(admin, token.id, { filterIds: [] }))).toBe('VALIDATION');
  });

  it('with expectedVersion, a stale version is a CONFLICT', async () => {
    const { tokens, a, b } = await withFilters();
    const { token } = await tokens.createToken(admin, { name: 'T', filterIds: [a.id] });
    await tokens.attachFilters(admin, token.id, { filterIds: [b.id] });
    const error = await failure(tokens.detachFilters(admin, token.id, { filterIds: [a.id], expectedVersion: 1 }));
    expect(error).toMatchObject({ code: 'CONFLICT', context: { expectedVersion: 1, actualVersion: 2 } });
  });
});
