import { aToken, fixtureHash, fixtureTime, nextVersion } from '../fixtures.js';
import { seed, updateTokenChange } from '../seed.js';
import type { SuiteContext } from '../suite-context.js';

const ACME = 'acct-acme';

/** The secret-hash lookup behind `resolve(secret)`: current and previous hash, and forgetting old ones. */
export function secretLookupCases({ describe, test, expect }: SuiteContext): void {
  describe('secret-hash lookup', () => {
    test('finds a token by its current hash and by its previous hash during a grace period', async ({ repository }) => {
      const token = aToken(ACME, 't1', {
        secretHash: fixtureHash('new secret'),
        previousSecret: { hash: fixtureHash('old secret'), validUntil: fixtureTime(60) },
      });
      await seed(repository, { tokens: [token] });
      expect(await repository.findTokenBySecretHash(fixtureHash('new secret'))).toEqual(token);
      expect(await repository.findTokenBySecretHash(fixtureHash('old secret'))).toEqual(token);
      expect(await repository.findTokenBySecretHash(fixtureHash('other secret'))).toBeNull();
    });

    test('the repository does not judge validity: paused tokens and ended grace periods are still found', async ({ repository }) => {
      const token = aToken(ACME, 't1', {
        status: 'paused',
        expiresAt: fixtureTime(-60),
        previousSecret: { hash: fixtureHash('old secret'), validUntil: fixtureTime(-30) },
      });
      await seed(repository, { tokens: [token] });
      expect(await repository.findTokenBySecretHash(token.secretHash)).toEqual(token);
      expect(await repository.findTokenBySecretHash(fixtureHash('old secret'))).toEqual(token);
    });

    test('a rotated-away hash is forgotten: not found, and stored nowhere', async ({ repository, inspect }) => {
      const token = aToken(ACME, 't1', { secretHash: fixtureHash('first') });
      await seed(repository, { tokens: [token] });

      // Rotation with a grace period: the first secret becomes the previous one.
      const rotated = nextVersion(token, {
        secretHash: fixtureHash('second'),
        previousSecret: { hash: fixtureHash('first'), validUntil: fixtureTime(60) },
      });
      await repository.commit(ACME, [updateTokenChange(rotated)]);
      expect(await repository.findTokenBySecretHash(fixtureHash('first'))).toEqual(rotated);

      // Rotating again without grace drops both older hashes.
      const again = nextVersion(rotated, { secretHash: fixtureHash('third'), previousSecret: null });
      await repository.commit(ACME, [updateTokenChange(again)]);
      expect(await repository.findTokenBySecretHash(fixtureHash('first'))).toBeNull();
      expect(await repository.findTokenBySecretHash(fixtureHash('second'))).toBeNull();
      expect(await repository.findTokenBySecretHash(fixtureHash('third'))).toEqual(again);
      const dump = await inspect.dump();
      expect(dump.includes(fixtureHash('first'))).toBe(false);
      expect(dump.includes(fixtureHash('second'))).toBe(false);
      expect(dump.includes(fixtureHash('third'))).toBe(true);
    });

    test("a deleted token's hashes are forgotten: not found, and stored nowhere", async ({ repository, inspect }) => {
      const token = aToken(ACME, 't1', { previousSecret: { hash: fixtureHash('old'), validUntil: fixtureTime(60) } });
      await seed(repository, { tokens: [token] });
      await repository.commit(ACME, [{ type: 'delete-token', id: token.id, expectedVersion: 1 }]);
      expect(await repository.findTokenBySecretHash(token.secretHash)).toBeNull();
      expect(await repository.findTokenBySecretHash(fixtureHash('old'))).toBeNull();
      const dump = await inspect.dump();
      expect(dump.includes(token.secretHash)).toBe(false);
      expect(dump.includes(fixtureHash('old'))).toBe(false);
    });

    test('a hash freed by one token can be taken by another in the same batch', async ({ repository }) => {
      const a = aToken(ACME, 'a', { secretHash: fixtureHash('a') });
      const b = aToken(ACME, 'b', { secretHash: fixtureHash('b') });
      await seed(repository, { tokens: [a, b] });
      const aNext = nextVersion(a, { secretHash: fixtureHash('b') });
      const bNext = nextVersion(b, { secretHash: fixtureHash('c') });
      await repository.commit(ACME, [updateTokenChange(aNext), updateTokenChange(bNext)]);
      expect(await repository.findTokenBySecretHash(fixtureHash('b'))).toEqual(aNext);
      expect(await repository.findTokenBySecretHash(fixtureHash('c'))).toEqual(bNext);
      expect(await repository.findTokenBySecretHash(fixtureHash('a'))).toBeNull();
    });
  });
}
