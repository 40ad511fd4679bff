import { aFilter, aToken, fixtureHash, fixtureTime } from '../fixtures.js';
import { seed } from '../seed.js';
import type { SuiteContext } from '../suite-context.js';

const ACME = 'acct-acme';

function isDeeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen);
}

/** Stored state is reachable only through copies: nothing a caller holds can change it. */
export function copyCases({ describe, test, expect }: SuiteContext): void {
  describe('copies', () => {
    test('every returned object is deeply frozen', async ({ repository }) => {
      const filter = aFilter(ACME, 'f1');
      const token = aToken(ACME, 't1', {
        filterIds: [filter.id],
        previousSecret: { hash: fixtureHash('old'), validUntil: fixtureTime(60) },
      });
      await seed(repository, { filters: [filter], tokens: [token] });
      const results: unknown[] = [
        await repository.getFilter(ACME, filter.id),
        await repository.getFilters(ACME, [filter.id]),
        await repository.findFilterByFieldValue(ACME, filter.field, filter.value),
        await repository.listFilters(ACME),
        await repository.getToken(ACME, token.id),
        await repository.findTokenByName(ACME, token.name),
        await repository.findTokenBySecretHash(token.secretHash),
        await repository.findTokenBySecretHash(fixtureHash('old')),
        await repository.listTokens(ACME),
        await repository.listTokensByFilter(ACME, filter.id),
      ];
      for (const result of results) {
        expect(result === null).toBe(false);
        expect(isDeeplyFrozen(result)).toBe(true);
      }
    });

    test('mutating an object after passing it to commit changes nothing stored', async ({ repository }) => {
      const filter = { ...aFilter(ACME, 'f1') };
      const filterIds = [filter.id];
      const token = { ...aToken(ACME, 't1'), filterIds };
      await seed(repository, { filters: [filter], tokens: [token] });
      const expectedFilter = { ...filter };
      const expectedToken = { ...token, filterIds: [...filterIds] };

      filter.value = 'mutated';
      filterIds.push(aFilter(ACME, 'other').id);
      token.name = 'mutated';

      expect(await repository.getFilter(ACME, filter.id)).toEqual(expectedFilter);
      expect(await repository.getToken(ACME, token.id)).toEqual(expectedToken);
      expect(await repository.findTokenByName(ACME, 'mutated')).toBeNull();
      expect(await repository.listTokensByFilter(ACME, aFilter(ACME, 'other').id)).toEqual([]);
    });

    test('a returned object cannot be changed, and reading again gives the stored value', async ({ repository }) => {
      const token = aToken(ACME, 't1');
      await seed(repository, { tokens: [token] });
      const read = await repository.getToken(ACME, token.id);
      if (read === null) throw new Error('seeded token not found');
      expect(Reflect.set(read, 'name', 'mutated')).toBe(false);
      expect(Reflect.set(read.filterIds, 0, 'x')).toBe(false);
      expect(await repository.getToken(ACME, token.id)).toEqual(token);
    });
  });
}
