import { describe, expect, it } from 'vitest';
import { isSharedTokenError } from '../../src/errors.js';
import { createInMemoryRepository } from '../../src/index.js';
import type { RepositoryChange } from '../../src/index.js';
import { createInspectableInMemoryRepository } from '../../src/testing/index.js';
import { aFilter, aToken, fixtureTime } from '../../src/testing/fixtures.js';

const ACME = 'acct-acme';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('createInMemoryRepository', () => {
  it('exposes exactly the repository contract: no backdoor reachable from the public factory', () => {
    expect(Object.keys(createInMemoryRepository()).sort()).toEqual(
      [
        'commit',
        'findFilterByFieldValue',
        'findTokenByName',
        'findTokenBySecretHash',
        'getFilter',
        'getFilters',
        'getToken',
        'listFilters',
        'listTokens',
        'listTokensByFilter',
        'recordTokenUsage',
        'getLink',
        'findCredentialBySecretHash',
        'listLinks',
        'recordLinkUsage',
      ].sort(),
    );
  });

  it('keeps each instance separate', async () => {
    const first = createInMemoryRepository();
    const second = createInMemoryRepository();
    const filter = aFilter(ACME, 'f1');
    await first.commit(ACME, [{ type: 'put-filter', filter, expectedVersion: null }]);
    expect(await first.getFilter(ACME, filter.id)).toEqual(filter);
    expect(await second.getFilter(ACME, filter.id)).toBeNull();
  });

  it('refuses a cursor of one listing in the other', async () => {
    const repository = createInMemoryRepository();
    await repository.commit(ACME, [
      { type: 'put-filter', filter: aFilter(ACME, 'a'), expectedVersion: null },
      { type: 'put-filter', filter: aFilter(ACME, 'b'), expectedVersion: null },
    ]);
    const { nextCursor } = await repository.listFilters(ACME, { limit: 1 });
    expect(typeof nextCursor).toBe('string');
    const error = await rejection(repository.listTokens(ACME, { cursor: nextCursor }));
    expect(isSharedTokenError(error, 'VALIDATION')).toBe(true);
    expect((error as { context: unknown }).context).toEqual({
      issues: [{ path: ['cursor'], message: 'not a cursor of the tokens listing' }],
    });
  });

  it('names the path of a malformed record in a VALIDATION error, and stores nothing', async () => {
    const { repository, inspect } = createInspectableInMemoryRepository();
    const malformed = { ...aToken(ACME, 't1'), filterIds: 'not-an-array', version: 0 };
    const error = await rejection(
      repository.commit(ACME, [
        { type: 'put-filter', filter: aFilter(ACME, 'f1'), expectedVersion: null },
        { type: 'put-token', token: malformed, expectedVersion: null } as unknown as RepositoryChange,
      ]),
    );
    expect(isSharedTokenError(error, 'VALIDATION')).toBe(true);
    expect((error as { context: { issues: unknown } }).context.issues).toEqual([
      { path: [1, 'token', 'version'], message: 'must be a positive integer' },
      { path: [1, 'token', 'filterIds'], message: 'must be an array of strings' },
    ]);
    expect(await inspect.storedFilters(ACME)).toEqual([]);
  });

  it('refuses records that are not plain data, and unknown change types, with VALIDATION', async () => {
    const repository = createInMemoryRepository();
    const withFunction = { ...aFilter(ACME, 'f1'), description: () => 'not data' };
    for (const changes of [
      [{ type: 'put-filter', filter: withFunction, expectedVersion: null }],
      [{ type: 'put-everything', expectedVersion: null }],
      [null],
      'not an array',
    ]) {
      const error = await rejection(repository.commit(ACME, changes as unknown as RepositoryChange[]));
      expect(isSharedTokenError(error, 'VALIDATION')).toBe(true);
    }
  });

  it('refuses a usage time that is not a string, leaving the token as it was', async () => {
    const { repository, inspect } = createInspectableInMemoryRepository();
    const token = aToken(ACME, 't1');
    await repository.commit(ACME, [{ type: 'put-token', token, expectedVersion: null }]);
    const error = await rejection(repository.recordTokenUsage(ACME, token.id, 42 as unknown as string));
    expect(isSharedTokenError(error, 'VALIDATION')).toBe(true);
    expect(await inspect.storedTokens(ACME)).toEqual([token]);
  });

  it('leaves no trace of deleted records in any index', async () => {
    const { repository, inspect } = createInspectableInMemoryRepository();
    const filter = aFilter(ACME, 'f1');
    const token = aToken(ACME, 't1', { filterIds: [filter.id], createdAt: fixtureTime(3) });
    await repository.commit(ACME, [
      { type: 'put-filter', filter, expectedVersion: null },
      { type: 'put-token', token, expectedVersion: null },
    ]);
    await repository.commit(ACME, [
      { type: 'delete-token', id: token.id, expectedVersion: 1 },
      { type: 'delete-filter', id: filter.id, expectedVersion: 1 },
    ]);
    const dump = await inspect.dump();
    for (const trace of [filter.id, token.id, token.secretHash, filter.value, token.name.toLowerCase()]) {
      expect(dump.includes(trace)).toBe(false);
    }
  });
});
