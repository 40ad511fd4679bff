import { aFilter, aToken, fixtureHash, nextVersion } from '../fixtures.js';
import { rejectionOf } from '../error-shape.js';
import { createFilterChange, createTokenChange, seed, updateFilterChange, updateTokenChange } from '../seed.js';
import type { SuiteContext } from '../suite-context.js';

const ACME = 'acct-acme';

/** Per-account uniqueness of filter (field, value) and token names; global uniqueness of secret hashes. */
export function uniquenessCases({ describe, test, expect }: SuiteContext): void {
  describe('uniqueness', () => {
    test('a second filter with the same field and value is CONFLICT naming the existing one', async ({ repository }) => {
      const existing = aFilter(ACME, 'f1', { field: 'env', value: 'prod' });
      await seed(repository, { filters: [existing] });
      const duplicate = aFilter(ACME, 'f2', { field: 'env', value: 'prod' });
      const error = await rejectionOf(repository.commit(ACME, [createFilterChange(duplicate)]));
      expect(error).toMatchObject({ name: 'SharedTokenError', code: 'CONFLICT', context: { existingId: existing.id } });
      expect(await repository.getFilter(ACME, duplicate.id)).toBeNull();

      // Differing only in case or whitespace is not a duplicate: values are exact.
      await seed(repository, { filters: [aFilter(ACME, 'f3', { field: 'env', value: 'Prod' }), aFilter(ACME, 'f4', { field: 'env', value: 'prod ' })] });
    });

    test('changing a filter onto an existing field and value is CONFLICT', async ({ repository }) => {
      const prod = aFilter(ACME, 'f1', { field: 'env', value: 'prod' });
      const staging = aFilter(ACME, 'f2', { field: 'env', value: 'staging' });
      await seed(repository, { filters: [prod, staging] });
      const error = await rejectionOf(repository.commit(ACME, [updateFilterChange(nextVersion(staging, { value: 'prod' }))]));
      expect(error).toMatchObject({ name: 'SharedTokenError', code: 'CONFLICT', context: { existingId: prod.id } });
    });

    test('token names are unique ignoring case; a token may change the case of its own name', async ({ repository }) => {
      const existing = aToken(ACME, 't1', { name: 'Grafana' });
      await seed(repository, { tokens: [existing] });
      const duplicate = aToken(ACME, 't2', { name: 'GRAFANA' });
      const error = await rejectionOf(repository.commit(ACME, [createTokenChange(duplicate)]));
      expect(error).toMatchObject({
        name: 'SharedTokenError',
        code: 'CONFLICT',
        context: { existingId: existing.id, ids: { tokenId: duplicate.id } },
      });

      const recased = nextVersion(existing, { name: 'grafana' });
      await repository.commit(ACME, [updateTokenChange(recased)]);
      expect(await repository.findTokenByName(ACME, 'GRAFANA')).toEqual(recased);
    });

    test('duplicates within one batch are CONFLICT too', async ({ repository, inspect }) => {
      const filterError = await rejectionOf(
        repository.commit(ACME, [
          createFilterChange(aFilter(ACME, 'f1', { field: 'env', value: 'prod' })),
          createFilterChange(aFilter(ACME, 'f2', { field: 'env', value: 'prod' })),
        ]),
      );
      expect(filterError).toMatchObject({ name: 'SharedTokenError', code: 'CONFLICT' });
      const tokenError = await rejectionOf(
        repository.commit(ACME, [createTokenChange(aToken(ACME, 't1', { name: 'x' })), createTokenChange(aToken(ACME, 't2', { name: 'X' }))]),
      );
      expect(tokenError).toMatchObject({ name: 'SharedTokenError', code: 'CONFLICT' });
      expect(await inspect.storedFilters(ACME)).toEqual([]);
      expect(await inspect.storedTokens(ACME)).toEqual([]);
    });

    test('a key freed in a batch can be taken in the same batch: swaps and replace-by-delete', async ({ repository }) => {
      const a = aToken(ACME, 'a', { name: 'Alpha' });
      const b = aToken(ACME, 'b', { name: 'Beta' });
      const old = aFilter(ACME, 'old', { field: 'env', value: 'prod' });
      await seed(repository, { filters: [old], tokens: [a, b] });

      const aSwapped = nextVersion(a, { name: 'beta' });
      const bSwapped = nextVersion(b, { name: 'alpha' });
      await repository.commit(ACME, [updateTokenChange(aSwapped), updateTokenChange(bSwapped)]);
      expect(await repository.findTokenByName(ACME, 'Alpha')).toEqual(bSwapped);
      expect(await repository.findTokenByName(ACME, 'Beta')).toEqual(aSwapped);

      const replacement = aFilter(ACME, 'new', { field: 'env', value: 'prod' });
      await repository.commit(ACME, [{ type: 'delete-filter', id: old.id, expectedVersion: 1 }, createFilterChange(replacement)]);
      expect(await repository.findFilterByFieldValue(ACME, 'env', 'prod')).toEqual(replacement);
    });

    test('a secret hash already held by another token is CONFLICT, in any account', async ({ repository }) => {
      const holder = aToken(ACME, 't1', { secretHash: fixtureHash('shared') });
      await seed(repository, { tokens: [holder] });
      for (const token of [
        aToken(ACME, 't2', { secretHash: fixtureHash('shared') }),
        aToken(ACME, 't3', { previousSecret: { hash: fixtureHash('shared'), validUntil: holder.createdAt } }),
        aToken('acct-globex', 't4', { secretHash: fixtureHash('shared') }),
        // Same id as the holder, in another account: still another token.
        aToken('acct-globex', 't1', { secretHash: fixtureHash('shared') }),
      ]) {
        const error = await rejectionOf(repository.commit(token.accountId, [createTokenChange(token)]));
        expect(error).toMatchObject({ name: 'SharedTokenError', code: 'CONFLICT' });
        expect(await repository.getToken(token.accountId, token.id)).toBeNull();
      }
      expect(await repository.findTokenBySecretHash(fixtureHash('shared'))).toEqual(holder);
    });
  });
}
