import * as fc from 'fast-check';
import type { StoredSharedToken } from '../../domain/shared-token.js';
import type { TokenFilter } from '../../domain/token-filter.js';
import type { SharedTokenRepository } from '../../repository/contract.js';
import { aFilter, aToken, fixtureHash, fixtureTime, nextVersion } from '../fixtures.js';
import { rejectionOf } from '../error-shape.js';
import { createFilterChange, createTokenChange, seed, snapshot, updateFilterChange, updateTokenChange } from '../seed.js';
import type { SuiteContext } from '../suite-context.js';

const ACME = 'acct-acme';
const GLOBEX = 'acct-globex';

const SIZE = 3;

/** One write to ACME in the isolation property. */
type AcmeWrite =
  | { readonly kind: 'describe-filter' | 'delete-token' | 'use-token' | 'create-filter' | 'create-token'; readonly target: number }
  | { readonly kind: 'set-filters'; readonly target: number; readonly filters: readonly number[] };

const acmeWrite: fc.Arbitrary<AcmeWrite> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('describe-filter' as const, 'delete-token' as const, 'use-token' as const, 'create-filter' as const, 'create-token' as const),
    target: fc.nat(SIZE - 1),
  }),
  fc.record({ kind: fc.constant('set-filters' as const), target: fc.nat(SIZE - 1), filters: fc.uniqueArray(fc.nat(SIZE - 1)) }),
);

/** Applies `write` to ACME's world and the model of it; skips writes that no longer apply. */
async function applyAcmeWrite(
  repository: SharedTokenRepository,
  filters: Map<number, TokenFilter>,
  tokens: Map<number, StoredSharedToken>,
  write: AcmeWrite,
  step: number,
): Promise<void> {
  const filter = filters.get(write.target);
  const token = tokens.get(write.target);
  switch (write.kind) {
    case 'describe-filter':
      if (filter === undefined) return;
      filters.set(write.target, nextVersion(filter, { description: `step ${step}` }));
      return repository.commit(ACME, [updateFilterChange(nextVersion(filter, { description: `step ${step}` }))]);
    case 'delete-token':
      if (token === undefined) return;
      tokens.delete(write.target);
      return repository.commit(ACME, [{ type: 'delete-token', id: token.id, expectedVersion: token.version }]);
    case 'use-token':
      if (token === undefined) return;
      tokens.set(write.target, { ...token, lastUsedAt: fixtureTime(step) });
      return repository.recordTokenUsage(ACME, token.id, fixtureTime(step));
    case 'create-filter': {
      const created = aFilter(ACME, `new ${step}`);
      filters.set(SIZE + step, created);
      return repository.commit(ACME, [createFilterChange(created)]);
    }
    case 'create-token': {
      const created = aToken(ACME, `new ${step}`);
      tokens.set(SIZE + step, created);
      return repository.commit(ACME, [createTokenChange(created)]);
    }
    case 'set-filters': {
      if (token === undefined) return;
      const filterIds = write.filters.flatMap((index) => filters.get(index)?.id ?? []).sort();
      const next = nextVersion(token, { filterIds });
      tokens.set(write.target, next);
      return repository.commit(ACME, [updateTokenChange(next)]);
    }
    default: {
      const unknown: never = write;
      throw new Error(`unknown write ${JSON.stringify(unknown)}`);
    }
  }
}

/** Everything one account shows through the public read methods. */
async function publicView(repository: SharedTokenRepository, accountId: string, filters: readonly TokenFilter[], tokens: readonly StoredSharedToken[]): Promise<unknown> {
  return {
    filters: await repository.listFilters(accountId, { limit: 500 }),
    tokens: await repository.listTokens(accountId, { limit: 500 }),
    byId: await Promise.all(tokens.map((token) => repository.getToken(accountId, token.id))),
    byName: await Promise.all(tokens.map((token) => repository.findTokenByName(accountId, token.name))),
    byFieldValue: await Promise.all(filters.map((filter) => repository.findFilterByFieldValue(accountId, filter.field, filter.value))),
    byFilter: await Promise.all(filters.map((filter) => repository.listTokensByFilter(accountId, filter.id))),
  };
}

/** Tenant isolation: accounts never see, change or conflict with each other's records. */
export function isolationCases({ describe, test, expect, withFreshInstance, fcParameters }: SuiteContext): void {
  describe('account scoping', () => {
    test("another account's records do not exist, through any method", async ({ repository }) => {
      const filter = aFilter(ACME, 'f1');
      const token = aToken(ACME, 't1', { filterIds: [filter.id] });
      await seed(repository, { filters: [filter], tokens: [token] });

      expect(await repository.getFilter(GLOBEX, filter.id)).toBeNull();
      expect(await repository.getFilters(GLOBEX, [filter.id])).toEqual([]);
      expect(await repository.findFilterByFieldValue(GLOBEX, filter.field, filter.value)).toBeNull();
      expect(await repository.listFilters(GLOBEX)).toEqual({ items: [], nextCursor: null });
      expect(await repository.getToken(GLOBEX, token.id)).toBeNull();
      expect(await repository.findTokenByName(GLOBEX, token.name)).toBeNull();
      expect(await repository.listTokens(GLOBEX)).toEqual({ items: [], nextCursor: null });
      expect(await repository.listTokensByFilter(GLOBEX, filter.id)).toEqual([]);
    });

    test('two accounts may hold records with the same ids, names and field values, independently', async ({ repository, inspect }) => {
      // Same labels give the same ids, names and filter values in both accounts.
      const acmeFilter = aFilter(ACME, 'f1');
      const globexFilter = aFilter(GLOBEX, 'f1', { description: 'Globex' });
      const acmeToken = aToken(ACME, 't1', { filterIds: [acmeFilter.id] });
      const globexToken = aToken(GLOBEX, 't1', { filterIds: [globexFilter.id], secretHash: fixtureHash('globex t1') });
      await seed(repository, { filters: [acmeFilter, globexFilter], tokens: [acmeToken, globexToken] });

      expect(await repository.getFilter(ACME, acmeFilter.id)).toEqual(acmeFilter);
      expect(await repository.getFilter(GLOBEX, acmeFilter.id)).toEqual(globexFilter);
      expect(await repository.findTokenByName(GLOBEX, acmeToken.name)).toEqual(globexToken);

      // Changing and deleting in one account leaves the other untouched.
      const before = await snapshot(inspect, [GLOBEX]);
      await repository.commit(ACME, [updateFilterChange(nextVersion(acmeFilter, { description: 'changed' }))]);
      await repository.commit(ACME, [
        { type: 'delete-token', id: acmeToken.id, expectedVersion: acmeToken.version },
        { type: 'delete-filter', id: acmeFilter.id, expectedVersion: acmeFilter.version + 1 },
      ]);
      expect(await snapshot(inspect, [GLOBEX])).toEqual(before);
      expect(await repository.getToken(GLOBEX, globexToken.id)).toEqual(globexToken);
      expect(await repository.listTokensByFilter(GLOBEX, globexFilter.id)).toEqual([globexToken]);
      expect(await repository.getToken(ACME, acmeToken.id)).toBeNull();
    });

    test('no sequence of writes to one account changes what another account holds or shows', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(acmeWrite, { maxLength: 15 }), async (writes) =>
          withFreshInstance(async ({ repository, inspect }) => {
            // Both accounts start with the same labels, hence the same ids, names and field values.
            const worlds = [ACME, GLOBEX].map((accountId) => {
              const filters = Array.from({ length: SIZE }, (_, index) => aFilter(accountId, `f${index}`));
              const tokens = Array.from({ length: SIZE }, (_, index) => aToken(accountId, `t${index}`, { filterIds: [filters[index]?.id ?? ''] }));
              return { filters, tokens };
            });
            for (const world of worlds) await seed(repository, world);
            const [acme, globex] = worlds as [(typeof worlds)[number], (typeof worlds)[number]];
            const globexStored = await snapshot(inspect, [GLOBEX]);
            const globexView = await publicView(repository, GLOBEX, globex.filters, globex.tokens);

            const filters = new Map(acme.filters.map((filter, index) => [index, filter]));
            const tokens = new Map(acme.tokens.map((token, index) => [index, token]));
            for (const [step, write] of writes.entries()) await applyAcmeWrite(repository, filters, tokens, write, step);

            expect(await snapshot(inspect, [GLOBEX])).toEqual(globexStored);
            expect(await publicView(repository, GLOBEX, globex.filters, globex.tokens)).toEqual(globexView);
            // And ACME holds exactly what was written to it.
            expect(await snapshot(inspect, [ACME])).toEqual(
              await snapshot({ storedFilters: async () => [...filters.values()], storedTokens: async () => [...tokens.values()] }, [ACME]),
            );
          }),
        ),
        fcParameters,
      );
    });

    test("a version check sees only the commit's account", async ({ repository }) => {
      const acmeFilter = aFilter(ACME, 'f1');
      await seed(repository, { filters: [acmeFilter] });
      // The same id exists at version 1 in ACME; in GLOBEX it does not exist, so an update conflicts.
      const error = await rejectionOf(
        repository.commit(GLOBEX, [updateFilterChange(nextVersion({ ...acmeFilter, accountId: GLOBEX }))]),
      );
      expect(error).toMatchObject({ name: 'SharedTokenError', code: 'CONFLICT' });
      expect(await repository.getFilter(ACME, acmeFilter.id)).toEqual(acmeFilter);
    });

    test("a record whose accountId is not the commit's account is VALIDATION, and nothing is stored", async ({ repository, inspect }) => {
      const acmeFilter = aFilter(ACME, 'f1');
      const acmeToken = aToken(ACME, 't1');
      const filterError = await rejectionOf(repository.commit(GLOBEX, [{ type: 'put-filter', filter: acmeFilter, expectedVersion: null }]));
      const tokenError = await rejectionOf(repository.commit(GLOBEX, [{ type: 'put-token', token: acmeToken, expectedVersion: null }]));
      expect(filterError).toMatchObject({ name: 'SharedTokenError', code: 'VALIDATION' });
      expect(tokenError).toMatchObject({ name: 'SharedTokenError', code: 'VALIDATION' });
      expect(await snapshot(inspect, [ACME, GLOBEX])).toEqual({
        [ACME]: { filters: [], tokens: [], links: [] },
        [GLOBEX]: { filters: [], tokens: [], links: [] },
      });
    });

    test('a token cannot reference a filter of another account, even one with the same id', async ({ repository }) => {
      const globexFilter = aFilter(GLOBEX, 'f1');
      await seed(repository, { filters: [globexFilter] });
      const error = await rejectionOf(seed(repository, { tokens: [aToken(ACME, 't1', { filterIds: [globexFilter.id] })] }));
      expect(error).toMatchObject({ name: 'SharedTokenError', code: 'CONFLICT', context: { ids: { filterId: globexFilter.id } } });
      expect(await repository.getToken(ACME, aToken(ACME, 't1').id)).toBeNull();
    });

    test('the secret-hash lookup returns the token of whichever account holds the hash', async ({ repository }) => {
      const acmeToken = aToken(ACME, 't1', { secretHash: fixtureHash('acme secret') });
      const globexToken = aToken(GLOBEX, 't1', { secretHash: fixtureHash('globex secret') });
      await seed(repository, { tokens: [acmeToken, globexToken] });
      expect(await repository.findTokenBySecretHash(acmeToken.secretHash)).toEqual(acmeToken);
      expect(await repository.findTokenBySecretHash(globexToken.secretHash)).toEqual(globexToken);
      await repository.commit(GLOBEX, [updateTokenChange(nextVersion(globexToken, { name: 'renamed' }))]);
      expect(await repository.findTokenBySecretHash(acmeToken.secretHash)).toEqual(acmeToken);
    });
  });
}
