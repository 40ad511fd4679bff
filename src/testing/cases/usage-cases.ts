import { aToken, fixtureTime, nextVersion } from '../fixtures.js';
import { seed, snapshot, updateTokenChange } from '../seed.js';
import type { SuiteContext } from '../suite-context.js';

const ACME = 'acct-acme';
const GLOBEX = 'acct-globex';

/** `recordTokenUsage`: unversioned, never conflicting with admin edits, never lost by them. */
export function usageCases({ describe, test, expect }: SuiteContext): void {
  describe('usage writes', () => {
    test('set lastUsedAt and nothing else: version and updatedAt stay', async ({ repository, inspect }) => {
      const token = aToken(ACME, 't1');
      await seed(repository, { tokens: [token] });
      await repository.recordTokenUsage(ACME, token.id, fixtureTime(10));
      const expected = { ...token, lastUsedAt: fixtureTime(10) };
      expect(await repository.getToken(ACME, token.id)).toEqual(expected);
      expect(await inspect.storedTokens(ACME)).toEqual([expected]);
    });

    test('never conflict with an admin edit made from the version read before the use', async ({ repository }) => {
      const token = aToken(ACME, 't1');
      await seed(repository, { tokens: [token] });
      const read = await repository.getToken(ACME, token.id);
      if (read === null) throw new Error('seeded token not found');
      await repository.recordTokenUsage(ACME, token.id, fixtureTime(10));
      // The admin's write carries the lastUsedAt it read (null); it still succeeds...
      const renamed = nextVersion(read, { name: 'renamed', updatedAt: fixtureTime(11) });
      await repository.commit(ACME, [updateTokenChange(renamed)]);
      // ...and does not erase the use recorded in between.
      expect(await repository.getToken(ACME, token.id)).toEqual({ ...renamed, lastUsedAt: fixtureTime(10) });
    });

    test('an admin edit carrying an older use keeps the later recorded one', async ({ repository }) => {
      const token = aToken(ACME, 't1');
      await seed(repository, { tokens: [token] });
      await repository.recordTokenUsage(ACME, token.id, fixtureTime(10));
      const read = await repository.getToken(ACME, token.id);
      if (read === null) throw new Error('seeded token not found');
      await repository.recordTokenUsage(ACME, token.id, fixtureTime(20));
      const renamed = nextVersion(read, { name: 'renamed' });
      await repository.commit(ACME, [updateTokenChange(renamed)]);
      expect(await repository.getToken(ACME, token.id)).toEqual({ ...renamed, lastUsedAt: fixtureTime(20) });
    });

    test('a later lastUsedAt written by the admin edit wins over an earlier recorded use', async ({ repository }) => {
      const token = aToken(ACME, 't1');
      await seed(repository, { tokens: [token] });
      await repository.recordTokenUsage(ACME, token.id, fixtureTime(10));
      const next = nextVersion(token, { lastUsedAt: fixtureTime(20) });
      await repository.commit(ACME, [updateTokenChange(next)]);
      expect((await repository.getToken(ACME, token.id))?.lastUsedAt).toBe(fixtureTime(20));
    });

    test('are a no-op for a missing token or another account, and create nothing', async ({ repository, inspect }) => {
      const token = aToken(ACME, 't1');
      await seed(repository, { tokens: [token] });
      const before = await snapshot(inspect, [ACME, GLOBEX]);
      await repository.recordTokenUsage(GLOBEX, token.id, fixtureTime(10));
      await repository.recordTokenUsage(ACME, aToken(ACME, 'missing').id, fixtureTime(10));
      expect(await snapshot(inspect, [ACME, GLOBEX])).toEqual(before);
      expect(await repository.getToken(GLOBEX, token.id)).toBeNull();
    });
  });
}
