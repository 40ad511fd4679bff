import * as fc from 'fast-check';
import type { RepositoryChange } from '../../repository/contract.js';
import { aFilter, aToken, fixtureId, nextVersion } from '../fixtures.js';
import { rejectionOf } from '../error-shape.js';
import { createFilterChange, createTokenChange, seed, snapshot, updateFilterChange, updateTokenChange } from '../seed.js';
import type { SuiteContext } from '../suite-context.js';

const ACME = 'acct-acme';
const GLOBEX = 'acct-globex';
const SIZE = 5;

// A world where every valid change below applies, plus sentinels that the
// valid changes never touch, for the one bad change to trip over.
const filters = Array.from({ length: SIZE }, (_, index) => aFilter(ACME, `f${index}`));
const tokens = Array.from({ length: SIZE }, (_, index) => aToken(ACME, `t${index}`, { filterIds: [filters[index]?.id ?? ''] }));
const sentinelFilter = aFilter(ACME, 'sentinel', { field: 'env', value: 'prod' });
const sentinelToken = aToken(ACME, 'sentinel', { name: 'Sentinel', filterIds: [sentinelFilter.id] });

type ValidKind = 'update-filter' | 'create-filter' | 'update-token' | 'delete-token' | 'create-token';

function validChange(kind: ValidKind, target: number): RepositoryChange {
  const filter = filters[target] as (typeof filters)[number];
  const token = tokens[target] as (typeof tokens)[number];
  switch (kind) {
    case 'update-filter':
      return updateFilterChange(nextVersion(filter, { description: 'changed' }));
    case 'create-filter':
      return createFilterChange(aFilter(ACME, `new-f${target}`));
    case 'update-token':
      return updateTokenChange(nextVersion(token, { name: `renamed ${target}`, filterIds: [] }));
    case 'delete-token':
      return { type: 'delete-token', id: token.id, expectedVersion: token.version };
    case 'create-token':
      return createTokenChange(aToken(ACME, `new-t${target}`, { filterIds: [filter.id] }));
    default: {
      const unknown: never = kind;
      throw new Error(`unknown change kind ${String(unknown)}`);
    }
  }
}

/** Each refused for a different rule of `commit`, with the code it is refused with. */
const badChanges: readonly (readonly [string, 'CONFLICT' | 'VALIDATION', RepositoryChange])[] = [
  ['stale version', 'CONFLICT', updateFilterChange({ ...sentinelFilter, description: 'stale', version: 3 })],
  ['create over an existing record', 'CONFLICT', createTokenChange({ ...sentinelToken, name: 'again' })],
  ['duplicate field and value', 'CONFLICT', createFilterChange(aFilter(ACME, 'dup', { field: 'env', value: 'prod' }))],
  ['duplicate token name', 'CONFLICT', createTokenChange(aToken(ACME, 'dup', { name: 'SENTINEL' }))],
  ['dangling filter reference', 'CONFLICT', createTokenChange(aToken(ACME, 'dangling', { filterIds: [fixtureId('missing')] }))],
  ['deleting a referenced filter', 'CONFLICT', { type: 'delete-filter', id: sentinelFilter.id, expectedVersion: 1 }],
  ['record of another account', 'VALIDATION', createFilterChange(aFilter(GLOBEX, 'foreign'))],
  ['secret hash of another token', 'CONFLICT', createTokenChange(aToken(ACME, 'clash', { secretHash: sentinelToken.secretHash }))],
];

/** `commit` is all or nothing. */
export function atomicityCases({ describe, test, expect, withFreshInstance, fcParameters }: SuiteContext): void {
  describe('atomic commits', () => {
    test('a failing change in the middle of a batch leaves nothing applied, down to the raw storage', async ({ repository, inspect }) => {
      await seed(repository, { filters: [...filters, sentinelFilter], tokens: [...tokens, sentinelToken] });
      const before = await snapshot(inspect, [ACME, GLOBEX]);
      const dumpBefore = await inspect.dump();
      const error = await rejectionOf(
        repository.commit(ACME, [
          validChange('delete-token', 0),
          validChange('update-filter', 1),
          createFilterChange(aFilter(ACME, 'dup', { field: 'env', value: 'prod' })),
          validChange('create-token', 2),
        ]),
      );
      expect(error).toMatchObject({ name: 'SharedTokenError', code: 'CONFLICT' });
      expect(await snapshot(inspect, [ACME, GLOBEX])).toEqual(before);
      expect(await inspect.dump()).toBe(dumpBefore);
      expect(await repository.getToken(ACME, tokens[0]?.id ?? '')).toEqual(tokens[0]);
    });

    test('any valid batch with one bad change anywhere is refused whole; without it, it applies', async () => {
      const validKinds = fc.constantFrom<ValidKind>('update-filter', 'create-filter', 'update-token', 'delete-token', 'create-token');
      // One change per target and kind family, so the valid changes never conflict with each other.
      const validBatch = fc.uniqueArray(fc.record({ kind: validKinds, target: fc.nat(SIZE - 1) }), {
        maxLength: 8,
        selector: ({ kind, target }) => `${kind.endsWith('token') ? 'token' : 'filter'}:${target}`,
      });
      await fc.assert(
        fc.asyncProperty(validBatch, fc.constantFrom(...badChanges), fc.nat(), async (batch, [, code, bad], position) =>
          withFreshInstance(async ({ repository, inspect }) => {
            await seed(repository, { filters: [...filters, sentinelFilter], tokens: [...tokens, sentinelToken] });
            const valid = batch.map(({ kind, target }) => validChange(kind, target));
            const at = position % (valid.length + 1);
            const before = await snapshot(inspect, [ACME, GLOBEX]);
            const dumpBefore = await inspect.dump();

            const error = await rejectionOf(repository.commit(ACME, [...valid.slice(0, at), bad, ...valid.slice(at)]));
            expect(error).toMatchObject({ name: 'SharedTokenError', code });
            expect(await snapshot(inspect, [ACME, GLOBEX])).toEqual(before);
            expect(await inspect.dump()).toBe(dumpBefore);

            await repository.commit(ACME, valid);
          }),
        ),
        fcParameters,
      );
    });

    for (const [rule, code, bad] of badChanges) {
      test(`a ${rule} is refused with ${code}`, async ({ repository }) => {
        await seed(repository, { filters: [sentinelFilter], tokens: [sentinelToken] });
        expect(await rejectionOf(repository.commit(ACME, [bad]))).toMatchObject({ name: 'SharedTokenError', code });
        expect(await repository.getFilter(ACME, sentinelFilter.id)).toEqual(sentinelFilter);
        expect(await repository.getToken(ACME, sentinelToken.id)).toEqual(sentinelToken);
      });
    }
  });
}
