import { aFilter, aToken, fixtureId, nextVersion } from '../fixtures.js';
import { rejectionOf } from '../error-shape.js';
import { createFilterChange, createTokenChange, seed, snapshot, updateTokenChange } from '../seed.js';
import type { SuiteContext } from '../suite-context.js';

const ACME = 'acct-acme';

/** Referential integrity: after every commit, every filter id of every token exists in its account. */
export function integrityCases({ describe, test, expect }: SuiteContext): void {
  describe('referential integrity', () => {
    test('a token referencing an unknown filter is CONFLICT naming both', async ({ repository }) => {
      const known = aFilter(ACME, 'known');
      await seed(repository, { filters: [known] });
      const token = aToken(ACME, 't1', { filterIds: [known.id, fixtureId('unknown')].sort() });
      const error = await rejectionOf(repository.commit(ACME, [createTokenChange(token)]));
      expect(error).toMatchObject({
        name: 'SharedTokenError',
        code: 'CONFLICT',
        context: { ids: { tokenId: token.id, filterId: fixtureId('unknown') } },
      });
      expect(await repository.getToken(ACME, token.id)).toBeNull();
    });

    test('deleting a filter a token still references is CONFLICT naming both', async ({ repository }) => {
      const filter = aFilter(ACME, 'f1');
      const token = aToken(ACME, 't1', { filterIds: [filter.id] });
      await seed(repository, { filters: [filter], tokens: [token] });
      const error = await rejectionOf(repository.commit(ACME, [{ type: 'delete-filter', id: filter.id, expectedVersion: 1 }]));
      expect(error).toMatchObject({
        name: 'SharedTokenError',
        code: 'CONFLICT',
        context: { ids: { tokenId: token.id, filterId: filter.id } },
      });
      expect(await repository.getFilter(ACME, filter.id)).toEqual(filter);
    });

    test('deleting a filter and detaching it everywhere in one batch succeeds, in either order', async ({ repository }) => {
      const [f1, f2] = [aFilter(ACME, 'f1'), aFilter(ACME, 'f2')];
      const t1 = aToken(ACME, 't1', { filterIds: [f1.id, f2.id].sort() });
      const t2 = aToken(ACME, 't2', { filterIds: [f1.id] });
      await seed(repository, { filters: [f1, f2], tokens: [t1, t2] });

      const t1Detached = nextVersion(t1, { filterIds: [f2.id] });
      const t2Detached = nextVersion(t2, { filterIds: [] });
      await repository.commit(ACME, [
        updateTokenChange(t1Detached),
        { type: 'delete-filter', id: f1.id, expectedVersion: 1 },
        updateTokenChange(t2Detached),
      ]);
      expect(await repository.getFilter(ACME, f1.id)).toBeNull();
      expect(await repository.getToken(ACME, t1.id)).toEqual(t1Detached);
      expect(await repository.getToken(ACME, t2.id)).toEqual(t2Detached);
    });

    test('a token cannot take up a filter deleted earlier or later in the same batch', async ({ repository, inspect }) => {
      const filter = aFilter(ACME, 'f1');
      const token = aToken(ACME, 't1');
      await seed(repository, { filters: [filter], tokens: [token] });
      const before = await snapshot(inspect, [ACME]);
      const deleteFilter = { type: 'delete-filter', id: filter.id, expectedVersion: 1 } as const;
      const attach = updateTokenChange(nextVersion(token, { filterIds: [filter.id] }));
      for (const batch of [
        [deleteFilter, attach],
        [attach, deleteFilter],
      ]) {
        const error = await rejectionOf(repository.commit(ACME, batch));
        expect(error).toMatchObject({
          name: 'SharedTokenError',
          code: 'CONFLICT',
          context: { ids: { tokenId: token.id, filterId: filter.id } },
        });
      }
      expect(await snapshot(inspect, [ACME])).toEqual(before);
    });

    test('deleting a filter and the only token using it in one batch succeeds', async ({ repository }) => {
      const filter = aFilter(ACME, 'f1');
      const token = aToken(ACME, 't1', { filterIds: [filter.id] });
      await seed(repository, { filters: [filter], tokens: [token] });
      await repository.commit(ACME, [
        { type: 'delete-filter', id: filter.id, expectedVersion: 1 },
        { type: 'delete-token', id: token.id, expectedVersion: 1 },
      ]);
      expect(await repository.getFilter(ACME, filter.id)).toBeNull();
      expect(await repository.getToken(ACME, token.id)).toBeNull();
    });

    test('a filter and a token using it can be created in one batch', async ({ repository }) => {
      const filter = aFilter(ACME, 'f1');
      const token = aToken(ACME, 't1', { filterIds: [filter.id] });
      await repository.commit(ACME, [createFilterChange(filter), createTokenChange(token)]);
      expect(await repository.listTokensByFilter(ACME, filter.id)).toEqual([token]);
    });
  });
}
