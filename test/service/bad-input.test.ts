/**
 * Arbitrary values (`fc.anything()`) in every argument of every use case:
 * the answer is a SharedTokenError, never another exception, and a refused
 * call changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SharedTokenError } from '../../src/errors.js';
import { createInMemoryRepository } from '../../src/repository/in-memory/in-memory-repository.js';
import { createSharedTokens, type SharedTokens } from '../../src/service/shared-tokens.js';
import { admin, setup } from './support.js';

const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

// For each use case, its arguments with valid defaults; the property replaces one of them.
type Args = unknown[];
const useCases = (ids: { tokenId: string; filterId: string; linkId: string }): Record<string, { args: Args; call: (t: SharedTokens, a: Args) => Promise<unknown> }> => {
  const any = (t: SharedTokens) => t as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const entry = (name: string, args: Args) => ({ args, call: (t: SharedTokens, a: Args) => any(t)[name]!(...a) });
  return {
    createFilter: entry('createFilter', [admin, { field: 'f', value: 'v' }]),
    listFilters: entry('listFilters', [admin, {}]),
    getFilter: entry('getFilter', [admin, ids.filterId]),
    previewFilterDeletion: entry('previewFilterDeletion', [admin, ids.filterId]),
    deleteFilter: entry('deleteFilter', [admin, ids.filterId, { confirm: 'fdc_x' }]),
    createToken: entry('createToken', [admin, { name: 'New' }]),
    listTokens: entry('listTokens', [admin, {}]),
    getToken: entry('getToken', [admin, ids.tokenId]),
    renameToken: entry('renameToken', [admin, ids.tokenId, { name: 'Renamed' }]),
    setTokenFilters: entry('setTokenFilters', [admin, ids.tokenId, { filterIds: [ids.filterId] }]),
    attachFilters: entry('attachFilters', [admin, ids.tokenId, { filterIds: [ids.filterId] }]),
    detachFilters: entry('detachFilters', [admin, ids.tokenId, { filterIds: [ids.filterId] }]),
    setTokenExpiry: entry('setTokenExpiry', [admin, ids.tokenId, { expiresAt: null }]),
    pauseToken: entry('pauseToken', [admin, ids.tokenId, {}]),
    resumeToken: entry('resumeToken', [admin, ids.tokenId, {}]),
    rotateTokenSecret: entry('rotateTokenSecret', [admin, ids.tokenId, {}]),
    deleteToken: entry('deleteToken', [admin, ids.tokenId, {}]),
    resolve: entry('resolve', ['shtk_x']),
    hygieneReport: entry('hygieneReport', [admin, {}]),
    createLink: entry('createLink', [admin, ids.tokenId, { label: 'L' }]),
    listLinks: entry('listLinks', [admin, { tokenId: ids.tokenId }]),
    revokeLink: entry('revokeLink', [admin, ids.linkId]),
    previewAccess: entry('previewAccess', [admin, { tokenId: ids.tokenId }, [{ service: { name: 'api' } }], {}]),
  };
};

describe('bad input', () => {
  const names = Object.keys(useCases({ tokenId: '', filterId: '', linkId: '' }));

  it.each(names)('%s: any value in any argument yields a SharedTokenError, and a refusal changes nothing', async (name) => {
    const harness = setup();
    const filter = await harness.tokens.createFilter(admin, { field: 'service.name', value: 'api' });
    const { token } = await harness.tokens.createToken(admin, { name: 'Existing', filterIds: [filter.id] });
    const { link } = await harness.tokens.createLink(admin, token.id);
    const useCase = useCases({ tokenId: token.id, filterId: filter.id, linkId: link.id })[name]!;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: useCase.args.length - 1 }), anything, async (position, value) => {
        const args = [...useCase.args];
        args[position] = value;
        const before = await harness.dump();
        try {
          await useCase.call(harness.tokens, args);
        } catch (error) {
          expect(error).toBeInstanceOf(SharedTokenError);
          expect(await harness.dump()).toBe(before);
          // One lead per message: never "Invalid input: Invalid input: ...".
          expect((error as Error).message.match(/Invalid input:/g)?.length ?? 0).toBeLessThan(2);
        }
      }),
    );
  });
});

describe('bad options', () => {
  it('createSharedTokens refuses any malformed option with a SharedTokenError', () => {
    const repository = createInMemoryRepository();
    fc.assert(
      fc.property(fc.constantFrom('options', 'repository', 'clock', 'policy', 'onEvent', 'secrets'), anything, (key, value) => {
        const options = key === 'options' ? value : { repository, [key]: value };
        try {
          createSharedTokens(options as Parameters<typeof createSharedTokens>[0]);
        } catch (error) {
          expect(error).toBeInstanceOf(SharedTokenError);
        }
      }),
    );
  });

  it('a clock returning an invalid date fails use cases with a SharedTokenError', async () => {
    const tokens = createSharedTokens({ repository: createInMemoryRepository(), clock: { now: () => new Date(Number.NaN) } });
    await expect(tokens.createToken(admin, { name: 'T' })).rejects.toBeInstanceOf(SharedTokenError);
  });
});
