import * as fc from 'fast-check';
import type { StoredSharedToken } from '../../domain/shared-token.js';
import type { RepositoryChange, SharedTokenRepository } from '../../repository/contract.js';
import { hasErrorCode } from '../error-shape.js';
import { aFilter, aToken, nextVersion } from '../fixtures.js';
import { seed, updateTokenChange } from '../seed.js';
import type { SuiteContext } from '../suite-context.js';

const ACME = 'acct-acme';
/** Enough attempts for any interleaving of at most 6 writers: each failure means another writer succeeded. */
const MAX_ATTEMPTS = 50;

/** The methods the writers use, with every result released in an order the scheduler picks. */
interface ScheduledRepository {
  getToken(id: string): Promise<StoredSharedToken | null>;
  listTokensByFilter(filterId: string): Promise<readonly StoredSharedToken[]>;
  getFilterVersion(id: string): Promise<number | null>;
  commit(changes: readonly RepositoryChange[]): Promise<void>;
}

function scheduled(s: fc.Scheduler, repository: SharedTokenRepository): ScheduledRepository {
  return {
    getToken: s.scheduleFunction(handledEarly((id: string) => repository.getToken(ACME, id))),
    listTokensByFilter: s.scheduleFunction(handledEarly((filterId: string) => repository.listTokensByFilter(ACME, filterId))),
    getFilterVersion: s.scheduleFunction(handledEarly(async (id: string) => (await repository.getFilter(ACME, id))?.version ?? null)),
    commit: s.scheduleFunction(handledEarly((changes: readonly RepositoryChange[]) => repository.commit(ACME, changes))),
  };
}

// The scheduler attaches its handlers only when it releases a call; a real
// database can reject (CONFLICT) before that, which Node reports as an
// unhandled rejection. Marking the call handled at once changes nothing else:
// the scheduler still receives the rejection.
function handledEarly<A extends unknown[], R>(call: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return (...args) => {
    const promise = call(...args);
    promise.catch(() => undefined);
    return promise;
  };
}

/** Runs `attempt` until it does not hit CONFLICT; returns its result. */
async function retryOnConflict<T>(attempt: () => Promise<T>): Promise<T> {
  for (let round = 1; ; round += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!hasErrorCode(error, 'CONFLICT') || round >= MAX_ATTEMPTS) throw error;
    }
  }
}

/** Read, add a filter id, write back from the version read. */
async function attach(repository: ScheduledRepository, tokenId: string, filterId: string): Promise<'attached' | 'filter-gone'> {
  return retryOnConflict(async () => {
    if ((await repository.getFilterVersion(filterId)) === null) return 'filter-gone';
    const token = await repository.getToken(tokenId);
    if (token === null) throw new Error('token vanished');
    const filterIds = [...new Set([...token.filterIds, filterId])].sort();
    await repository.commit([updateTokenChange(nextVersion(token, { filterIds }))]);
    return 'attached';
  });
}

/** Detach the filter from every token and delete it, in one commit, as the service does. */
async function deleteFilter(repository: ScheduledRepository, filterId: string): Promise<void> {
  await retryOnConflict(async () => {
    const version = await repository.getFilterVersion(filterId);
    if (version === null) throw new Error('filter vanished');
    const users = await repository.listTokensByFilter(filterId);
    const detaches = users.map((token) =>
      updateTokenChange(nextVersion(token, { filterIds: token.filterIds.filter((id) => id !== filterId) })),
    );
    await repository.commit([...detaches, { type: 'delete-filter', id: filterId, expectedVersion: version }]);
  });
}

/** Interleaved writers: versions serialize them, so no acknowledged write is ever lost. */
export function concurrencyCases({ describe, test, expect, withFreshInstance, fcParameters }: SuiteContext): void {
  describe('concurrent writers', () => {
    test('simultaneous commits from the same version: exactly one is acknowledged', async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 2, max: 6 }), async (writers) =>
          withFreshInstance(async ({ repository }) => {
            const filter = aFilter(ACME, 'f1');
            const token = aToken(ACME, 't1');
            await seed(repository, { filters: [filter], tokens: [token] });
            // Every writer read version 1; all commits are in flight at once.
            const writes = Array.from({ length: writers }, (_, writer) =>
              writer === 0
                ? { type: 'delete-token' as const, id: token.id, expectedVersion: 1 }
                : updateTokenChange(nextVersion(token, { name: `written by ${writer}`, filterIds: writer % 2 === 0 ? [filter.id] : [] })),
            );
            const settled = await Promise.allSettled(writes.map((change) => repository.commit(ACME, [change])));
            const acknowledged = writes.filter((_, index) => settled[index]?.status === 'fulfilled');
            expect(acknowledged.length).toBe(1);
            for (const outcome of settled) {
              if (outcome.status === 'rejected') expect(hasErrorCode(outcome.reason, 'CONFLICT')).toBe(true);
            }
            const winner = acknowledged[0];
            expect(await repository.getToken(ACME, token.id)).toEqual(winner?.type === 'put-token' ? winner.token : null);
          }),
        ),
        fcParameters,
      );
    });

    test('single-shot writers from the same version: exactly the acknowledged ones form the history', async () => {
      await fc.assert(
        fc.asyncProperty(fc.scheduler(), fc.integer({ min: 2, max: 6 }), async (s, writers) =>
          withFreshInstance(async ({ repository }) => {
            const token = aToken(ACME, 't1');
            await seed(repository, { tokens: [token] });
            const api = scheduled(s, repository);
            const outcomes = Array.from({ length: writers }, async (_, writer) => {
              const read = await api.getToken(token.id);
              if (read === null) throw new Error('token vanished');
              const next = nextVersion(read, { name: `written by ${writer}` });
              try {
                await api.commit([updateTokenChange(next)]);
                return next;
              } catch (error) {
                if (hasErrorCode(error, 'CONFLICT')) return null;
                throw error;
              }
            });
            const acknowledged = (await s.waitFor(Promise.all(outcomes))).filter((next) => next !== null);

            // Each acknowledged write replaced a distinct version: 2, 3, ... with none skipped.
            const versions = acknowledged.map((next) => next.version).sort((a, b) => a - b);
            expect(versions).toEqual(versions.map((_, index) => index + 2));
            const last = acknowledged.find((next) => next.version === versions.at(-1));
            expect(await repository.getToken(ACME, token.id)).toEqual(last);
          }),
        ),
        fcParameters,
      );
    });

    test('read-modify-write attaches that retry on CONFLICT all land', async () => {
      await fc.assert(
        fc.asyncProperty(fc.scheduler(), fc.integer({ min: 2, max: 6 }), async (s, writers) =>
          withFreshInstance(async ({ repository }) => {
            const filters = Array.from({ length: writers }, (_, index) => aFilter(ACME, `f${index}`));
            const token = aToken(ACME, 't1');
            await seed(repository, { filters, tokens: [token] });
            const api = scheduled(s, repository);
            const outcomes = await s.waitFor(Promise.all(filters.map((filter) => attach(api, token.id, filter.id))));

            expect(outcomes.every((outcome) => outcome === 'attached')).toBe(true);
            const stored = await repository.getToken(ACME, token.id);
            expect(stored?.filterIds).toEqual(filters.map((filter) => filter.id).sort());
            expect(stored?.version).toBe(1 + writers);
          }),
        ),
        fcParameters,
      );
    });

    test('a filter deletion racing attaches never leaves a token pointing at it, and loses no other attach', async () => {
      await fc.assert(
        fc.asyncProperty(fc.scheduler(), fc.integer({ min: 1, max: 4 }), async (s, tokenCount) =>
          withFreshInstance(async ({ repository, inspect }) => {
            const doomed = aFilter(ACME, 'doomed');
            const kept = aFilter(ACME, 'kept');
            const tokens = Array.from({ length: tokenCount }, (_, index) =>
              aToken(ACME, `t${index}`, { filterIds: index % 2 === 0 ? [doomed.id] : [] }),
            );
            await seed(repository, { filters: [doomed, kept], tokens });
            const api = scheduled(s, repository);
            const work = Promise.all([
              deleteFilter(api, doomed.id),
              ...tokens.map((token) => attach(api, token.id, doomed.id)),
              ...tokens.map((token) => attach(api, token.id, kept.id)),
            ]);
            const [, ...outcomes] = await s.waitFor(work);
            expect(outcomes.slice(tokens.length).every((outcome) => outcome === 'attached')).toBe(true);

            const storedFilters = await inspect.storedFilters(ACME);
            expect(storedFilters.map((filter) => filter.id)).toEqual([kept.id]);
            for (const stored of await inspect.storedTokens(ACME)) {
              expect(stored.filterIds).toEqual([kept.id]);
            }
          }),
        ),
        fcParameters,
      );
    });
  });
}
