import { aFilter, aToken, nextVersion } from '../fixtures.js';
import { rejectionOf } from '../error-shape.js';
import { createFilterChange, createTokenChange, seed, updateFilterChange, updateTokenChange } from '../seed.js';
import type { SuiteContext } from '../suite-context.js';

const ACME = 'acct-acme';

/** Optimistic versions: every write names the version it replaces; a stale one is CONFLICT. */
export function versionCases({ describe, test, expect }: SuiteContext): void {
  describe('optimistic versions', () => {
    test('creating a record that exists is CONFLICT with the stored version', async ({ repository }) => {
      const filter = aFilter(ACME, 'f1');
      const token = aToken(ACME, 't1');
      await seed(repository, { filters: [filter], tokens: [token] });

      const filterError = await rejectionOf(repository.commit(ACME, [createFilterChange({ ...filter, value: 'other' })]));
      expect(filterError).toMatchObject({
        name: 'SharedTokenError',
        code: 'CONFLICT',
        context: { ids: { accountId: ACME, filterId: filter.id }, actualVersion: 1 },
      });
      const tokenError = await rejectionOf(repository.commit(ACME, [createTokenChange({ ...token, name: 'other' })]));
      expect(tokenError).toMatchObject({
        name: 'SharedTokenError',
        code: 'CONFLICT',
        context: { ids: { accountId: ACME, tokenId: token.id }, actualVersion: 1 },
      });
    });

    test('an update from a stale version is CONFLICT naming both versions, and changes nothing', async ({ repository }) => {
      const filter = aFilter(ACME, 'f1');
      const token = aToken(ACME, 't1');
      await seed(repository, { filters: [filter], tokens: [token] });
      const filterV2 = nextVersion(filter, { description: 'v2' });
      const tokenV2 = nextVersion(token, { name: 'v2' });
      await repository.commit(ACME, [updateFilterChange(filterV2), updateTokenChange(tokenV2)]);

      // A second writer that also read version 1.
      const staleFilter = await rejectionOf(repository.commit(ACME, [updateFilterChange(nextVersion(filter, { description: 'lost' }))]));
      expect(staleFilter).toMatchObject({
        name: 'SharedTokenError',
        code: 'CONFLICT',
        context: { ids: { accountId: ACME, filterId: filter.id }, expectedVersion: 1, actualVersion: 2 },
      });
      const staleToken = await rejectionOf(repository.commit(ACME, [{ type: 'delete-token', id: token.id, expectedVersion: 1 }]));
      expect(staleToken).toMatchObject({
        name: 'SharedTokenError',
        code: 'CONFLICT',
        context: { ids: { accountId: ACME, tokenId: token.id }, expectedVersion: 1, actualVersion: 2 },
      });
      expect(await repository.getFilter(ACME, filter.id)).toEqual(filterV2);
      expect(await repository.getToken(ACME, token.id)).toEqual(tokenV2);
    });

    test('updating or deleting a record that does not exist is CONFLICT', async ({ repository }) => {
      const filter = aFilter(ACME, 'f1');
      const token = aToken(ACME, 't1');
      for (const change of [
        updateFilterChange(nextVersion(filter)),
        updateTokenChange(nextVersion(token)),
        { type: 'delete-filter', id: filter.id, expectedVersion: 1 },
        { type: 'delete-token', id: token.id, expectedVersion: 1 },
      ] as const) {
        const error = await rejectionOf(repository.commit(ACME, [change]));
        expect(error).toMatchObject({ name: 'SharedTokenError', code: 'CONFLICT', context: { expectedVersion: 1 } });
      }
      expect(await repository.getFilter(ACME, filter.id)).toBeNull();
      expect(await repository.getToken(ACME, token.id)).toBeNull();
    });

    test('the written version must be expectedVersion + 1, and 1 on create', async ({ repository }) => {
      const filter = aFilter(ACME, 'f1');
      const token = aToken(ACME, 't1');
      for (const change of [
        createFilterChange({ ...filter, version: 2 }),
        createTokenChange({ ...token, version: 0 }),
      ]) {
        const error = await rejectionOf(repository.commit(ACME, [change]));
        expect(error).toMatchObject({ name: 'SharedTokenError' });
      }
      await seed(repository, { filters: [filter], tokens: [token] });
      for (const change of [
        { type: 'put-filter', filter: { ...filter, version: 3 }, expectedVersion: 1 },
        { type: 'put-filter', filter, expectedVersion: 1 },
        { type: 'put-token', token: { ...token, version: 5 }, expectedVersion: 1 },
      ] as const) {
        const error = await rejectionOf(repository.commit(ACME, [change]));
        expect(error).toMatchObject({ name: 'SharedTokenError', code: 'CONFLICT' });
      }
      expect(await repository.getFilter(ACME, filter.id)).toEqual(filter);
      expect(await repository.getToken(ACME, token.id)).toEqual(token);
    });

    test('changes in one batch apply in order: create, update and delete the same record', async ({ repository, inspect }) => {
      const filter = aFilter(ACME, 'f1');
      const v2 = nextVersion(filter, { description: 'v2' });
      const v3 = nextVersion(v2, { description: 'v3' });
      await repository.commit(ACME, [createFilterChange(filter), updateFilterChange(v2), updateFilterChange(v3)]);
      expect(await repository.getFilter(ACME, filter.id)).toEqual(v3);
      await repository.commit(ACME, [{ type: 'delete-filter', id: filter.id, expectedVersion: 3 }, createFilterChange(filter)]);
      expect(await inspect.storedFilters(ACME)).toEqual([filter]);
    });

    test('versions grow by one per write and a deleted record can be created again from version 1', async ({ repository }) => {
      let token = aToken(ACME, 't1');
      await seed(repository, { tokens: [token] });
      for (let round = 0; round < 5; round += 1) {
        token = nextVersion(token, { name: `name ${round}` });
        await repository.commit(ACME, [updateTokenChange(token)]);
        expect((await repository.getToken(ACME, token.id))?.version).toBe(round + 2);
      }
      await repository.commit(ACME, [{ type: 'delete-token', id: token.id, expectedVersion: token.version }]);
      const reborn = aToken(ACME, 't1', { name: 'reborn' });
      await seed(repository, { tokens: [reborn] });
      expect(await repository.getToken(ACME, token.id)).toEqual(reborn);
    });
  });
}
