import { describe, expect, it } from 'vitest';
import { SharedTokenError } from '../../src/errors.js';
import type { RepositoryChange, SharedTokenRepository } from '../../src/repository/contract.js';
import { createInspectableInMemoryRepository, runRepositoryConformanceSuite, type ConformanceTopic, type RepositoryInstance } from '../../src/testing/index.js';

/** Runs the suite's `topics` against `mutate(in-memory)` and returns the names of the tests that failed. */
async function failingTests(mutate: (repository: SharedTokenRepository) => SharedTokenRepository, topics: ConformanceTopic[]): Promise<string[]> {
  const tests: { name: string; body: () => Promise<void> }[] = [];
  const before: (() => Promise<void>)[] = [];
  const after: (() => Promise<void>)[] = [];
  runRepositoryConformanceSuite(
    {
      name: 'mutant',
      create: async (): Promise<RepositoryInstance> => {
        const instance = createInspectableInMemoryRepository();
        return { ...instance, repository: mutate(instance.repository) };
      },
    },
    {
      describe: (_name, body) => body(),
      it: (name, body) => tests.push({ name, body }),
      expect,
      beforeEach: (hook) => before.push(hook),
      afterEach: (hook) => after.push(hook),
    },
    { topics },
  );
  const failed: string[] = [];
  for (const test of tests) {
    for (const hook of before) await hook();
    try {
      await test.body();
    } catch {
      failed.push(test.name);
    } finally {
      for (const hook of after) await hook();
    }
  }
  return failed;
}

const hashesOf = (changes: readonly RepositoryChange[]): string[] =>
  changes.flatMap((change) =>
    change.type === 'put-token'
      ? [change.token.secretHash, ...(change.token.previousSecret === null ? [] : [change.token.previousSecret.hash])]
      : change.type === 'put-link'
        ? [change.link.secretHash]
        : [],
  );

/** Rethrows a CONFLICT from `commit` after `edit` changed its message or context. */
function onConflict(
  repository: SharedTokenRepository,
  edit: (error: SharedTokenError, changes: readonly RepositoryChange[]) => Promise<SharedTokenError>,
): SharedTokenRepository {
  return {
    ...repository,
    async commit(accountId, changes) {
      try {
        await repository.commit(accountId, changes);
      } catch (error) {
        if (error instanceof SharedTokenError && error.code === 'CONFLICT') throw await edit(error, changes);
        throw error;
      }
    },
  };
}

// Each mutant is a bug a review found the suite missing; the hardening topic must fail on each.
describe('the hardening cases catch what the suite used to miss', () => {
  it("an existingId naming another account's credential", async () => {
    const failed = await failingTests(
      (repository) =>
        onConflict(repository, async (error, changes) => {
          for (const hash of hashesOf(changes)) {
            const holder = await repository.findCredentialBySecretHash(hash);
            if (holder !== null) return new SharedTokenError('CONFLICT', error.message, { ...error.context, existingId: holder.link?.id ?? holder.token.id });
          }
          return error;
        }),
      ['hardening'],
    );
    expect(failed).toContain("a secret-hash clash with another account's token never names that token");
  });

  it('a secret hash in an error message', async () => {
    const failed = await failingTests(
      (repository) => onConflict(repository, async (error, changes) => new SharedTokenError('CONFLICT', `${error.message} (${hashesOf(changes)[0] ?? ''})`, error.context)),
      ['hardening'],
    );
    expect(failed).toContain('no error quotes a secret hash: clashes, malformed records, stale versions');
  });

  it("a tokens listing's cursor accepted by the filters listing", async () => {
    const failed = await failingTests(
      (repository) => ({
        ...repository,
        listFilters: (accountId, page) => {
          const cursor = page?.cursor;
          if (typeof cursor !== 'string') return repository.listFilters(accountId, page);
          // Re-label any cursor as a filters cursor before reading it.
          const decoded = JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/'))) as unknown[];
          decoded[1] = 'filters';
          const relabelled = btoa(JSON.stringify(decoded)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
          return repository.listFilters(accountId, { ...page, cursor: relabelled });
        },
      }),
      ['hardening'],
    );
    expect(failed).toContain('a cursor of one listing is refused by every other listing');
  });
});
