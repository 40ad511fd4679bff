import * as fc from 'fast-check';
import type { SharedTokenRepository } from '../../repository/contract.js';
import { aFilter, aToken, fixtureTime } from '../fixtures.js';
import { rejectionOf } from '../error-shape.js';
import { createFilterChange, createTokenChange } from '../seed.js';
import type { SuiteContext } from '../suite-context.js';

const ACME = 'acct-acme';

interface Keyed {
  readonly id: string;
  readonly createdAt: string;
  readonly version: number;
}

/** The two paged listings, driven the same way. */
interface Listing {
  readonly name: 'listFilters' | 'listTokens';
  create(repository: SharedTokenRepository, label: string, createdAt: string): Promise<Keyed>;
  remove(repository: SharedTokenRepository, record: Keyed): Promise<void>;
  list(repository: SharedTokenRepository, limit: number, cursor: string | null): Promise<{ items: readonly Keyed[]; nextCursor: string | null }>;
}

const listings: readonly Listing[] = [
  {
    name: 'listFilters',
    async create(repository, label, createdAt) {
      const filter = aFilter(ACME, label, { createdAt, updatedAt: createdAt });
      await repository.commit(ACME, [createFilterChange(filter)]);
      return filter;
    },
    remove: (repository, record) => repository.commit(ACME, [{ type: 'delete-filter', id: record.id, expectedVersion: record.version }]),
    list: (repository, limit, cursor) => repository.listFilters(ACME, { limit, cursor }),
  },
  {
    name: 'listTokens',
    async create(repository, label, createdAt) {
      const token = aToken(ACME, label, { createdAt, updatedAt: createdAt });
      await repository.commit(ACME, [createTokenChange(token)]);
      return token;
    },
    remove: (repository, record) => repository.commit(ACME, [{ type: 'delete-token', id: record.id, expectedVersion: record.version }]),
    list: (repository, limit, cursor) => repository.listTokens(ACME, { limit, cursor }),
  },
];

function compareKeys(a: Keyed, b: Keyed): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** What happens between two page reads. */
type Interference = { readonly kind: 'insert'; readonly minute: number } | { readonly kind: 'delete'; readonly pick: number };

/** Cursor pagination: stable order, complete, and stable under concurrent inserts and deletes. */
export function paginationCases({ describe, test, expect, withFreshInstance, fcParameters }: SuiteContext): void {
  for (const listing of listings) {
    describe(`${listing.name} pagination`, () => {
      test('orders by createdAt, then id, and pages 50 by default', async ({ repository }) => {
        const created: Keyed[] = [];
        // Three records per instant, so ties on createdAt must be broken by id.
        for (let index = 0; index < 51; index += 1) {
          created.push(await listing.create(repository, `r${index}`, fixtureTime(50 - Math.floor(index / 3))));
        }
        const expected = [...created].sort(compareKeys).map((record) => record.id);
        const first = await (listing.name === 'listFilters' ? repository.listFilters(ACME) : repository.listTokens(ACME));
        expect(first.items.length).toBe(50);
        expect(typeof first.nextCursor).toBe('string');
        const second = await listing.list(repository, 50, first.nextCursor);
        expect(second.nextCursor).toBeNull();
        expect([...first.items, ...second.items].map((record) => record.id)).toEqual(expected);
      });

      test('the last page has a null cursor, also when it is exactly full', async ({ repository }) => {
        for (let index = 0; index < 4; index += 1) await listing.create(repository, `r${index}`, fixtureTime(index));
        const first = await listing.list(repository, 2, null);
        const second = await listing.list(repository, 2, first.nextCursor);
        expect(first.items.length).toBe(2);
        expect(second.items.length).toBe(2);
        expect(second.nextCursor).toBeNull();
        const all = await listing.list(repository, 500, null);
        expect(all.items.length).toBe(4);
        expect(all.nextCursor).toBeNull();
      });

      test('a limit outside 1..500 or not an integer, and a forged cursor, are VALIDATION', async ({ repository }) => {
        await listing.create(repository, 'r0', fixtureTime(0));
        for (const limit of [0, -1, 501, 1.5, Number.NaN]) {
          expect(await rejectionOf(listing.list(repository, limit, null))).toMatchObject({ name: 'SharedTokenError', code: 'VALIDATION' });
        }
        for (const cursor of ['', 'not a cursor', '{}', '!!!']) {
          expect(await rejectionOf(listing.list(repository, 10, cursor))).toMatchObject({ name: 'SharedTokenError', code: 'VALIDATION' });
        }
      });

      test('paging while records are inserted and deleted returns every surviving record exactly once, in order', async () => {
        const interference = fc.oneof(
          fc.record({ kind: fc.constant('insert' as const), minute: fc.integer({ min: 0, max: 12 }) }),
          fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
        );
        await fc.assert(
          fc.asyncProperty(
            fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 25 }),
            fc.integer({ min: 1, max: 6 }),
            fc.array(fc.array(interference, { maxLength: 3 }), { maxLength: 30 }),
            async (initialMinutes, limit, interferences) =>
              withFreshInstance(async ({ repository }) => {
                let labels = 0;
                const live = new Map<string, Keyed>();
                const initial = new Set<string>();
                for (const minute of initialMinutes) {
                  const record = await listing.create(repository, `r${labels++}`, fixtureTime(minute));
                  live.set(record.id, record);
                  initial.add(record.id);
                }
                const deleted = new Set<string>();
                const seen: Keyed[] = [];
                let cursor: string | null = null;
                let round = 0;
                do {
                  const page: { items: readonly Keyed[]; nextCursor: string | null } = await listing.list(repository, limit, cursor);
                  expect(page.items.length <= limit).toBe(true);
                  expect(page.nextCursor === null || page.items.length === limit).toBe(true);
                  for (const item of page.items) {
                    // Every item was live when read, and nothing repeats or goes backwards.
                    expect(live.has(item.id)).toBe(true);
                    const previous = seen.at(-1);
                    if (previous !== undefined) expect(compareKeys(previous, item) < 0).toBe(true);
                    seen.push(item);
                  }
                  cursor = page.nextCursor;
                  for (const change of interferences[round] ?? []) {
                    if (change.kind === 'insert') {
                      const record = await listing.create(repository, `r${labels++}`, fixtureTime(change.minute));
                      live.set(record.id, record);
                    } else if (live.size > 0) {
                      const victim = [...live.values()][change.pick % live.size] as Keyed;
                      await listing.remove(repository, victim);
                      live.delete(victim.id);
                      deleted.add(victim.id);
                    }
                  }
                  round += 1;
                } while (cursor !== null);
                const seenIds = new Set(seen.map((record) => record.id));
                for (const id of initial) if (!deleted.has(id)) expect(seenIds.has(id)).toBe(true);
              }),
          ),
          fcParameters,
        );
      });
    });
  }
}
