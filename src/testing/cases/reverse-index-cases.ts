import * as fc from 'fast-check';
import type { StoredSharedToken } from '../../domain/shared-token.js';
import type { TokenFilter } from '../../domain/token-filter.js';
import { aFilter, aToken, fixtureTime, nextVersion } from '../fixtures.js';
import { seed, updateTokenChange } from '../seed.js';
import type { SuiteContext } from '../suite-context.js';

const ACME = 'acct-acme';
const GLOBEX = 'acct-globex';
const FILTER_COUNT = 4;
const TOKEN_COUNT = 4;

/** One step of the reverse-index property. */
type Step =
  | { readonly kind: 'set-filters'; readonly token: number; readonly filters: readonly number[] }
  | { readonly kind: 'delete-token'; readonly token: number }
  | { readonly kind: 'delete-filter'; readonly filter: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('set-filters' as const),
      token: fc.nat(TOKEN_COUNT - 1),
      filters: fc.uniqueArray(fc.nat(FILTER_COUNT - 1), { maxLength: FILTER_COUNT }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete-token' as const), token: fc.nat(TOKEN_COUNT - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete-filter' as const), filter: fc.nat(FILTER_COUNT - 1) }) },
);

const sortedIds = (ids: Iterable<string>): string[] => [...ids].sort();

/** The reverse index filter → tokens behind filter deletion previews. */
export function reverseIndexCases({ describe, test, expect, withFreshInstance, fcParameters }: SuiteContext): void {
  describe('listTokensByFilter (reverse index)', () => {
    test('follows attach, detach, token deletion and filter deletion, ordered by createdAt then id', async ({ repository }) => {
      const [f1, f2] = [aFilter(ACME, 'f1'), aFilter(ACME, 'f2')];
      const late = aToken(ACME, 'late', { filterIds: [f1.id], createdAt: fixtureTime(10) });
      const early = aToken(ACME, 'early', { filterIds: sortedIds([f1.id, f2.id]), createdAt: fixtureTime(1) });
      const other = aToken(ACME, 'other', { filterIds: [f2.id], createdAt: fixtureTime(5) });
      // The same filter id in another account never shows up here.
      const foreignFilter = aFilter(GLOBEX, 'f1');
      const foreign = aToken(GLOBEX, 'foreign', { filterIds: [foreignFilter.id] });
      await seed(repository, { filters: [f1, f2, foreignFilter], tokens: [late, early, other, foreign] });
      expect(await repository.listTokensByFilter(ACME, f1.id)).toEqual([early, late]);

      const earlyDetached = nextVersion(early, { filterIds: [f2.id] });
      await repository.commit(ACME, [updateTokenChange(earlyDetached)]);
      expect(await repository.listTokensByFilter(ACME, f1.id)).toEqual([late]);
      expect(await repository.listTokensByFilter(ACME, f2.id)).toEqual([earlyDetached, other]);

      await repository.commit(ACME, [{ type: 'delete-token', id: other.id, expectedVersion: 1 }]);
      expect(await repository.listTokensByFilter(ACME, f2.id)).toEqual([earlyDetached]);

      const lateDetached = nextVersion(late, { filterIds: [] });
      await repository.commit(ACME, [updateTokenChange(lateDetached), { type: 'delete-filter', id: f1.id, expectedVersion: 1 }]);
      expect(await repository.listTokensByFilter(ACME, f1.id)).toEqual([]);
      expect(await repository.listTokensByFilter(GLOBEX, foreignFilter.id)).toEqual([foreign]);
    });

    test('always equals the tokens whose filterIds contain the filter', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) =>
          withFreshInstance(async ({ repository }) => {
            const filters = new Map<number, TokenFilter>();
            const tokens = new Map<number, StoredSharedToken>();
            for (let index = 0; index < FILTER_COUNT; index += 1) filters.set(index, aFilter(ACME, `f${index}`));
            for (let index = 0; index < TOKEN_COUNT; index += 1) {
              tokens.set(index, aToken(ACME, `t${index}`, { createdAt: fixtureTime(TOKEN_COUNT - index) }));
            }
            await seed(repository, { filters: [...filters.values()], tokens: [...tokens.values()] });

            for (const current of steps) {
              switch (current.kind) {
                case 'set-filters': {
                  const token = tokens.get(current.token);
                  const filterIds = current.filters.flatMap((index) => filters.get(index)?.id ?? []);
                  if (token === undefined) break;
                  const next = nextVersion(token, { filterIds: sortedIds(filterIds) });
                  await repository.commit(ACME, [updateTokenChange(next)]);
                  tokens.set(current.token, next);
                  break;
                }
                case 'delete-token': {
                  const token = tokens.get(current.token);
                  if (token === undefined) break;
                  await repository.commit(ACME, [{ type: 'delete-token', id: token.id, expectedVersion: token.version }]);
                  tokens.delete(current.token);
                  break;
                }
                case 'delete-filter': {
                  // As the service does: detach from every token in the same commit.
                  const filter = filters.get(current.filter);
                  if (filter === undefined) break;
                  const detached = [...tokens].filter(([, token]) => token.filterIds.includes(filter.id));
                  const changes = detached.map(([index, token]) => {
                    const next = nextVersion(token, { filterIds: token.filterIds.filter((id) => id !== filter.id) });
                    tokens.set(index, next);
                    return updateTokenChange(next);
                  });
                  await repository.commit(ACME, [...changes, { type: 'delete-filter', id: filter.id, expectedVersion: filter.version }]);
                  filters.delete(current.filter);
                  break;
                }
                default: {
                  const unknown: never = current;
                  throw new Error(`unknown step ${JSON.stringify(unknown)}`);
                }
              }
              for (let index = 0; index < FILTER_COUNT; index += 1) {
                const filterId = aFilter(ACME, `f${index}`).id;
                const expected = [...tokens.values()]
                  .filter((token) => token.filterIds.includes(filterId))
                  .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
                expect(await repository.listTokensByFilter(ACME, filterId)).toEqual(expected);
              }
            }
          }),
        ),
        fcParameters,
      );
    });
  });
}
