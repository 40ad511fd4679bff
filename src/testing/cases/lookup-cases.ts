import { aFilter, aToken, fixtureHash, fixtureId, fixtureTime } from '../fixtures.js';
import { seed } from '../seed.js';
import type { SuiteContext } from '../suite-context.js';

const ACME = 'acct-acme';

/** Reads: misses are null, stored records read back exactly, lookups match as documented. */
export function lookupCases({ describe, test, expect }: SuiteContext): void {
  describe('lookups', () => {
    test('a miss is null, in an account that never stored anything and in one that did', async ({ repository }) => {
      expect(await repository.getFilter(ACME, fixtureId('nothing'))).toBeNull();
      expect(await repository.getToken(ACME, fixtureId('nothing'))).toBeNull();
      expect(await repository.findFilterByFieldValue(ACME, 'kubernetes.namespace', 'prod')).toBeNull();
      expect(await repository.findTokenByName(ACME, 'Grafana')).toBeNull();
      expect(await repository.findTokenBySecretHash(fixtureHash('nothing'))).toBeNull();
      expect(await repository.getFilters(ACME, [fixtureId('nothing')])).toEqual([]);
      expect(await repository.listTokensByFilter(ACME, fixtureId('nothing'))).toEqual([]);
      expect(await repository.listFilters(ACME)).toEqual({ items: [], nextCursor: null });
      expect(await repository.listTokens(ACME)).toEqual({ items: [], nextCursor: null });

      await seed(repository, { filters: [aFilter(ACME, 'f1')], tokens: [aToken(ACME, 't1')] });
      expect(await repository.getFilter(ACME, fixtureId('nothing'))).toBeNull();
      expect(await repository.getToken(ACME, fixtureId('nothing'))).toBeNull();
    });

    test('a stored filter and token read back exactly as written, by every lookup', async ({ repository }) => {
      const filter = aFilter(ACME, 'f1', { field: 'service.name', value: 'Zahlungsdienst – €', description: 'ünïcödé ✓' });
      const token = aToken(ACME, 't1', {
        name: 'Grafana – Zahlungen',
        filterIds: [filter.id],
        filtersOperator: 'OR',
        status: 'paused',
        expiresAt: fixtureTime(60 * 24 * 7),
        lastUsedAt: fixtureTime(5),
        previousSecret: { hash: fixtureHash('old secret'), validUntil: fixtureTime(60) },
      });
      await seed(repository, { filters: [filter], tokens: [token] });

      expect(await repository.getFilter(ACME, filter.id)).toEqual(filter);
      expect(await repository.getFilters(ACME, [filter.id])).toEqual([filter]);
      expect(await repository.findFilterByFieldValue(ACME, filter.field, filter.value)).toEqual(filter);
      expect(await repository.listFilters(ACME)).toEqual({ items: [filter], nextCursor: null });
      expect(await repository.getToken(ACME, token.id)).toEqual(token);
      expect(await repository.findTokenByName(ACME, token.name)).toEqual(token);
      expect(await repository.findTokenBySecretHash(token.secretHash)).toEqual(token);
      expect(await repository.listTokens(ACME)).toEqual({ items: [token], nextCursor: null });
      expect(await repository.listTokensByFilter(ACME, filter.id)).toEqual([token]);
    });

    test('getFilters keeps the order of the ids, omits misses and repeats repeated ids', async ({ repository }) => {
      const [a, b, c] = [aFilter(ACME, 'a'), aFilter(ACME, 'b'), aFilter(ACME, 'c')];
      await seed(repository, { filters: [a, b, c] });
      const found = await repository.getFilters(ACME, [c.id, fixtureId('missing'), a.id, c.id]);
      expect(found).toEqual([c, a, c]);
      expect(await repository.getFilters(ACME, [])).toEqual([]);
    });

    test('findFilterByFieldValue is exact: case, whitespace and * are significant', async ({ repository }) => {
      const filter = aFilter(ACME, 'f1', { field: 'env', value: 'Prod' });
      const star = aFilter(ACME, 'f2', { field: 'env', value: 'st*' });
      await seed(repository, { filters: [filter, star] });
      expect(await repository.findFilterByFieldValue(ACME, 'env', 'Prod')).toEqual(filter);
      for (const value of ['prod', 'PROD', 'Prod ', ' Prod', 'Pro', 'Pro*', 'Pro?', '%']) {
        expect(await repository.findFilterByFieldValue(ACME, 'env', value)).toBeNull();
      }
      expect(await repository.findFilterByFieldValue(ACME, 'Env', 'Prod')).toBeNull();
      expect(await repository.findFilterByFieldValue(ACME, 'env', 'staging')).toBeNull();
      expect(await repository.findFilterByFieldValue(ACME, 'env', 'st*')).toEqual(star);
    });

    test('field and value are one key: ("a.b", "c") and ("a", "b.c") are different filters', async ({ repository }) => {
      const left = aFilter(ACME, 'left', { field: 'a.b', value: 'c' });
      const right = aFilter(ACME, 'right', { field: 'a', value: 'b.c' });
      await seed(repository, { filters: [left, right] });
      expect(await repository.findFilterByFieldValue(ACME, 'a.b', 'c')).toEqual(left);
      expect(await repository.findFilterByFieldValue(ACME, 'a', 'b.c')).toEqual(right);
    });

    test('findTokenByName ignores case on both sides, and nothing else', async ({ repository }) => {
      const token = aToken(ACME, 't1', { name: 'Grafana Payments' });
      await seed(repository, { tokens: [token] });
      for (const name of ['Grafana Payments', 'grafana payments', 'GRAFANA PAYMENTS', 'gRaFaNa pAyMeNtS']) {
        expect(await repository.findTokenByName(ACME, name)).toEqual(token);
      }
      for (const name of ['Grafana  Payments', 'Grafana Payments ', 'Grafana', 'Grafana_Payments', 'Grafana%']) {
        expect(await repository.findTokenByName(ACME, name)).toBeNull();
      }
    });

    test('findTokenByName folds case beyond ASCII, as String.prototype.toLowerCase does', async ({ repository }) => {
      const token = aToken(ACME, 't1', { name: 'Ärger Über Öl' });
      await seed(repository, { tokens: [token] });
      expect(await repository.findTokenByName(ACME, 'ärger über öl')).toEqual(token);
      expect(await repository.findTokenByName(ACME, 'ÄRGER ÜBER ÖL')).toEqual(token);
    });
  });
}
