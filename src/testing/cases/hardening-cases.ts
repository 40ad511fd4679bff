import type { StoredSharedToken } from '../../domain/shared-token.js';
import type { RepositoryChange, SharedTokenRepository } from '../../repository/contract.js';
import { hasErrorCode, rejectionOf } from '../error-shape.js';
import { aFilter, aLink, aToken, fixtureHash, fixtureTime, nextVersion } from '../fixtures.js';
import { createLinkChange, createTokenChange, seed, updateTokenChange } from '../seed.js';
import type { SuiteContext } from '../suite-context.js';

const ACME = 'acct-acme';
const GLOBEX = 'acct-globex';
/** Rounds of each race: a torn implementation loses some of them, not necessarily the first. */
const ROUNDS = 6;

/** The message and context of a rejection, as text, to search for what must not be there. */
async function rejectionText(promise: Promise<unknown>): Promise<{ code: unknown; text: string; context: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    const { code, message, context } = (error ?? {}) as { code?: unknown; message?: unknown; context?: unknown };
    return { code, text: `${String(message)} ${JSON.stringify(context)}`, context: (context ?? {}) as Record<string, unknown> };
  }
  throw new Error('expected the call to be rejected, but it succeeded');
}

/** True when `text` holds any 12-character run of `secret` (more than a short prefix would show). */
function echoes(text: string, secret: string): boolean {
  for (let start = 0; start + 12 <= secret.length; start += 1) if (text.includes(secret.slice(start, start + 12))) return true;
  return false;
}

/** The outcome of each of `calls`, started together. */
async function settleTogether(calls: readonly (() => Promise<unknown>)[]): Promise<('ok' | 'conflict')[]> {
  const results = await Promise.allSettled(calls.map((call) => call()));
  return results.map((result) => {
    if (result.status === 'fulfilled') return 'ok';
    if (hasErrorCode(result.reason, 'CONFLICT')) return 'conflict';
    throw result.reason;
  });
}

/**
 * Cases that broken implementations passed before: a commit applied in two
 * steps, another tenant's id in a conflict, a secret hash in an error, a
 * cursor crossing listings, and the listing order of strings JavaScript and
 * UTF-8 byte order disagree on.
 */
export function hardeningCases({ describe, test, expect }: SuiteContext): void {
  describe('hardening: torn commits', () => {
    test('a filter delete and an attach of that filter, issued together, never both succeed', async ({ repository, inspect }) => {
      for (let round = 0; round < ROUNDS; round += 1) {
        const filter = aFilter(ACME, `f${round}`);
        const token = aToken(ACME, `t${round}`);
        await seed(repository, { filters: [filter], tokens: [token] });
        const attach = () => repository.commit(ACME, [updateTokenChange(nextVersion(token, { filterIds: [filter.id] }))]);
        const remove = () => repository.commit(ACME, [{ type: 'delete-filter', id: filter.id, expectedVersion: 1 }]);
        // Both orders of issue: an implementation that awaits between its check and its write loses one of them.
        const outcomes = await settleTogether(round % 2 === 0 ? [attach, remove] : [remove, attach]);
        expect(outcomes.filter((outcome) => outcome === 'ok').length).toBe(1);
        const filterIds = new Set((await inspect.storedFilters(ACME)).map((stored) => stored.id));
        for (const stored of await inspect.storedTokens(ACME)) {
          for (const id of stored.filterIds) expect(filterIds.has(id)).toBe(true);
        }
      }
    });

    test('a reader running alongside a commit sees all of it or none of it', async ({ repository }) => {
      const tokens = Array.from({ length: 4 }, (_, index) => aToken(ACME, `t${index}`));
      await seed(repository, { tokens });
      for (let round = 0; round < ROUNDS; round += 1) {
        const current = (await repository.listTokens(ACME, { limit: 10 })).items;
        const changes = current.map((token) => updateTokenChange(nextVersion(token, { updatedAt: fixtureTime(round + 1) })));
        let settled = false;
        const commit = repository.commit(ACME, changes).finally(() => {
          settled = true;
        });
        const seen: (readonly number[])[] = [];
        // The first read starts before the commit can have finished; later ones let timers run,
        // so a commit waiting on one still completes. Bounded, whatever the implementation does.
        for (let reads = 0; reads < 1000; reads += 1) {
          seen.push((await repository.listTokens(ACME, { limit: 10 })).items.map((token) => token.version));
          if (settled) break;
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
        await commit;
        for (const versions of seen) expect(new Set(versions).size).toBe(1);
      }
    });
  });

  describe('hardening: other tenants and secrets in errors', () => {
    test("a secret-hash clash with another account's token never names that token", async ({ repository }) => {
      const foreign = aToken(GLOBEX, 'holder', { previousSecret: { hash: fixtureHash('foreign-previous'), validUntil: fixtureTime(60) } });
      // The same id in both accounts: an implementation that reports the holder's id without checking its account is caught.
      const mine = aToken(ACME, 'holder');
      await seed(repository, { tokens: [foreign, mine] });
      const foreignLink = aLink(GLOBEX, foreign.id, 'foreign-link');
      await repository.commit(GLOBEX, [createLinkChange(foreignLink)]);
      for (const hash of [foreign.secretHash, fixtureHash('foreign-previous'), foreignLink.secretHash]) {
        const attempts: RepositoryChange[] = [
          createTokenChange(aToken(ACME, 'claimant', { secretHash: hash })),
          updateTokenChange(nextVersion(mine, { previousSecret: { hash, validUntil: fixtureTime(60) } })),
          createLinkChange(aLink(ACME, mine.id, 'claimant-link', { secretHash: hash })),
        ];
        for (const change of attempts) {
          const rejection = await rejectionText(repository.commit(ACME, [change]));
          expect(rejection.code).toBe('CONFLICT');
          expect(rejection.context['existingId']).toBe(undefined);
          expect(rejection.text.includes(foreignLink.id)).toBe(false);
          expect(rejection.text.includes('acct-globex')).toBe(false);
        }
      }
    });

    test('no error quotes a secret hash: clashes, malformed records, stale versions', async ({ repository }) => {
      const holder = aToken(ACME, 'holder', { previousSecret: { hash: fixtureHash('previous'), validUntil: fixtureTime(60) } });
      const foreign = aToken(GLOBEX, 'foreign');
      await seed(repository, { tokens: [holder, foreign] });
      const link = aLink(ACME, holder.id, 'l1');
      await repository.commit(ACME, [createLinkChange(link)]);
      const hashes = [holder.secretHash, fixtureHash('previous'), link.secretHash, foreign.secretHash];
      const attempts: (() => Promise<unknown>)[] = [
        ...hashes.map((hash) => () => repository.commit(ACME, [createTokenChange(aToken(ACME, 'claimant', { secretHash: hash }))])),
        ...hashes.map((hash) => () => repository.commit(ACME, [createLinkChange(aLink(ACME, holder.id, 'claimant', { secretHash: hash }))])),
        // A stale write and a malformed one, both carrying the holder's hashes.
        () => repository.commit(ACME, [{ type: 'put-token', token: nextVersion(holder, { version: 7 }), expectedVersion: 6 }]),
        () => repository.commit(ACME, [{ type: 'put-token', token: { ...holder, version: 0 }, expectedVersion: null }]),
        () => repository.commit(ACME, [{ type: 'put-token', token: { ...holder, accountId: GLOBEX, version: 2 }, expectedVersion: 1 }]),
      ];
      for (const attempt of attempts) {
        const rejection = await rejectionText(attempt());
        for (const hash of hashes) expect(echoes(rejection.text, hash)).toBe(false);
      }
    });
  });

  describe('hardening: cursors and order', () => {
    test("a cursor of one listing is refused by every other listing", async ({ repository }) => {
      const token = aToken(ACME, 't0');
      await seed(repository, {
        filters: [aFilter(ACME, 'f0'), aFilter(ACME, 'f1')],
        tokens: [token, aToken(ACME, 't1')],
        links: [aLink(ACME, token.id, 'l0'), aLink(ACME, token.id, 'l1')],
      });
      const cursors = {
        filters: (await repository.listFilters(ACME, { limit: 1 })).nextCursor,
        tokens: (await repository.listTokens(ACME, { limit: 1 })).nextCursor,
        links: (await repository.listLinks(ACME, {}, { limit: 1 })).nextCursor,
      };
      const listings: Record<keyof typeof cursors, (cursor: string) => Promise<unknown>> = {
        filters: (cursor) => repository.listFilters(ACME, { cursor }),
        tokens: (cursor) => repository.listTokens(ACME, { cursor }),
        links: (cursor) => repository.listLinks(ACME, {}, { cursor }),
      };
      for (const [origin, cursor] of Object.entries(cursors)) {
        if (cursor === null) throw new Error(`${origin}: a page of 1 out of 2 must have a next cursor`);
        for (const [name, list] of Object.entries(listings)) {
          if (name === origin) {
            await list(cursor);
          } else {
            expect(await rejectionOf(list(cursor))).toMatchObject({ name: 'SharedTokenError', code: 'VALIDATION' });
          }
        }
      }
    });

    test("listings order ids by UTF-16 code units, as JavaScript's < does, not by UTF-8 bytes", async ({ repository }) => {
      // U+FFFF and U+E000 sort after U+10000 (a surrogate pair from 0xD800) in UTF-16, before it in UTF-8 bytes.
      const ids = ['a\u{10000}', 'a\uFFFF', 'a\uE000', 'a', 'aZ', 'a\u00E9', 'A'];
      const expected = [...ids].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      const filters = ids.map((id, index) => aFilter(ACME, `order-${index}`, { id }));
      const tokens = ids.map((id, index) => aToken(ACME, `order-${index}`, { id }));
      await seed(repository, { filters, tokens });
      const pagedIds = async (list: (cursor: string | null) => Promise<{ items: readonly { id: string }[]; nextCursor: string | null }>) => {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: { items: readonly { id: string }[]; nextCursor: string | null } = await list(cursor);
          seen.push(...page.items.map((item) => item.id));
          cursor = page.nextCursor;
        } while (cursor !== null);
        return seen;
      };
      expect(await pagedIds((cursor) => repository.listFilters(ACME, { limit: 2, cursor }))).toEqual(expected);
      expect(await pagedIds((cursor) => repository.listTokens(ACME, { limit: 2, cursor }))).toEqual(expected);
      const filter = filters[0];
      if (filter === undefined) throw new Error('no filter');
      const users = tokens.map((token) => updateTokenChange(nextVersion(token, { filterIds: [filter.id] })));
      await repository.commit(ACME, users);
      expect((await repository.listTokensByFilter(ACME, filter.id)).map((token: StoredSharedToken) => token.id)).toEqual(expected);
    });
  });
}

/** Writers that really run at once, each retrying on CONFLICT, as a service would. */
export function parallelCases({ describe, test, expect }: SuiteContext): void {
  const WRITERS = 8;
  const retrying = async (repository: SharedTokenRepository, attempt: () => Promise<void>): Promise<number> => {
    for (let conflicts = 0; conflicts < 200; conflicts += 1) {
      try {
        await attempt();
        return conflicts;
      } catch (error) {
        if (!hasErrorCode(error, 'CONFLICT')) throw error;
      }
    }
    void repository;
    throw new Error('a writer hit CONFLICT 200 times');
  };

  describe('parallel writers', () => {
    test(`${WRITERS} writers attaching to one token at once all land, each version once`, async ({ repository }) => {
      const token = aToken(ACME, 'shared');
      const filters = Array.from({ length: WRITERS }, (_, index) => aFilter(ACME, `f${index}`));
      await seed(repository, { filters, tokens: [token] });
      await Promise.all(
        filters.map((filter) =>
          retrying(repository, async () => {
            const read = await repository.getToken(ACME, token.id);
            if (read === null) throw new Error('token vanished');
            await repository.commit(ACME, [updateTokenChange(nextVersion(read, { filterIds: [...read.filterIds, filter.id] }))]);
          }),
        ),
      );
      const stored = await repository.getToken(ACME, token.id);
      expect([...(stored?.filterIds ?? [])].sort()).toEqual(filters.map((filter) => filter.id).sort());
      expect(stored?.version).toBe(1 + WRITERS);
    });

    test('creates racing for one name, or one secret hash across accounts: exactly one wins each race', async ({ repository }) => {
      for (let round = 0; round < ROUNDS; round += 1) {
        const sameName = await settleTogether(
          Array.from({ length: WRITERS }, (_, index) => () =>
            repository.commit(ACME, [createTokenChange(aToken(ACME, `name-${round}-${index}`, { name: `Racer ${round}` }))]),
          ),
        );
        expect(sameName.filter((outcome) => outcome === 'ok').length).toBe(1);
        const hash = fixtureHash(`race-${round}`);
        const sameHash = await settleTogether(
          Array.from({ length: WRITERS }, (_, index) => () => {
            const accountId = index % 2 === 0 ? ACME : GLOBEX;
            return repository.commit(accountId, [createTokenChange(aToken(accountId, `hash-${round}-${index}`, { secretHash: hash }))]);
          }),
        );
        expect(sameHash.filter((outcome) => outcome === 'ok').length).toBe(1);
        expect((await repository.findTokenBySecretHash(hash))?.secretHash).toBe(hash);
      }
    });
  });
}
