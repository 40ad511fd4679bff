import * as fc from 'fast-check';
import type { StoredSharedLink } from '../../domain/shared-link.js';
import type { LinkScope } from '../../repository/contract.js';
import { rejectionOf } from '../error-shape.js';
import { aLink, aToken, fixtureHash, fixtureTime, nextVersion } from '../fixtures.js';
import { createLinkChange, seed, snapshot, updateLinkChange, updateTokenChange } from '../seed.js';
import type { SuiteContext } from '../suite-context.js';

const ACME = 'acct-acme';
const GLOBEX = 'acct-globex';

function byOrder(a: StoredSharedLink, b: StoredSharedLink): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Sharing links: storage, secret lookup, scoping, the token cascade, expiry, paging and usage. */
export function linkCases({ describe, test, expect, withFreshInstance, fcParameters }: SuiteContext): void {
  describe('links: storage and lookup', () => {
    test('a stored link is read back by id in its account only, as an equal copy', async ({ repository, inspect }) => {
      const token = aToken(ACME, 't1');
      const link = aLink(ACME, token.id, 'l1');
      await seed(repository, { tokens: [token], links: [link] });
      expect(await repository.getLink(ACME, link.id)).toEqual(link);
      expect(await repository.getLink(GLOBEX, link.id)).toBeNull();
      expect(await repository.getLink(ACME, 'missing')).toBeNull();
      expect(await inspect.storedLinks(ACME)).toEqual([link]);
      expect(await inspect.storedLinks(GLOBEX)).toEqual([]);
    });

    test('one lookup finds a token by its own hashes and a link, with its token, by the link hash', async ({ repository }) => {
      const token = aToken(ACME, 't1', { previousSecret: { hash: fixtureHash('previous'), validUntil: fixtureTime(60) } });
      const link = aLink(ACME, token.id, 'l1');
      await seed(repository, { tokens: [token], links: [link] });
      expect(await repository.findCredentialBySecretHash(token.secretHash)).toEqual({ token, link: null });
      expect(await repository.findCredentialBySecretHash(fixtureHash('previous'))).toEqual({ token, link: null });
      expect(await repository.findCredentialBySecretHash(link.secretHash)).toEqual({ token, link });
      expect(await repository.findCredentialBySecretHash(fixtureHash('nobody'))).toBeNull();
      // The token-only lookup keeps its meaning: a link's hash is not a token's.
      expect(await repository.findTokenBySecretHash(link.secretHash)).toBeNull();
    });

    test('secret hashes are one space across tokens, previous secrets and links, in every account', async ({ repository, inspect }) => {
      const token = aToken(ACME, 't1', { previousSecret: { hash: fixtureHash('previous'), validUntil: fixtureTime(60) } });
      const link = aLink(ACME, token.id, 'l1');
      const foreign = aToken(GLOBEX, 'g1');
      await seed(repository, { tokens: [token, foreign], links: [link] });
      const before = await snapshot(inspect, [ACME, GLOBEX]);
      const clashes: [string, string | undefined][] = [
        [token.secretHash, token.id],
        [fixtureHash('previous'), token.id],
        [link.secretHash, link.id],
      ];
      for (const [hash, existingId] of clashes) {
        const rejection = await rejectionOf(repository.commit(ACME, [createLinkChange(aLink(ACME, token.id, 'new', { secretHash: hash }))]));
        expect(rejection).toMatchObject({ name: 'SharedTokenError', code: 'CONFLICT' });
        expect((rejection.context as { existingId?: unknown }).existingId).toBe(existingId);
      }
      // Another account's holder is not named.
      const foreignClash = await rejectionOf(
        repository.commit(ACME, [createLinkChange(aLink(ACME, token.id, 'new', { secretHash: foreign.secretHash }))]),
      );
      expect(foreignClash).toMatchObject({ name: 'SharedTokenError', code: 'CONFLICT' });
      expect((foreignClash.context as { existingId?: unknown }).existingId).toBe(undefined);
      // A token may not take a link's hash either, nor two links in one batch share one.
      const tokenTakingLinkHash = aToken(ACME, 't2', { secretHash: link.secretHash });
      expect(await rejectionOf(repository.commit(ACME, [{ type: 'put-token', token: tokenTakingLinkHash, expectedVersion: null }]))).toMatchObject({
        code: 'CONFLICT',
      });
      const twins = [aLink(ACME, token.id, 'a', { secretHash: fixtureHash('twin') }), aLink(ACME, token.id, 'b', { secretHash: fixtureHash('twin') })];
      expect(await rejectionOf(repository.commit(ACME, twins.map(createLinkChange)))).toMatchObject({ code: 'CONFLICT' });
      expect(await snapshot(inspect, [ACME, GLOBEX])).toEqual(before);
    });

    test('a link must belong to a token of its own account', async ({ repository, inspect }) => {
      const foreign = aToken(GLOBEX, 'g1');
      await seed(repository, { tokens: [foreign] });
      expect(await rejectionOf(repository.commit(ACME, [createLinkChange(aLink(ACME, 'no-such-token', 'l1'))]))).toMatchObject({
        code: 'CONFLICT',
        context: { ids: { linkId: aLink(ACME, 'x', 'l1').id, tokenId: 'no-such-token' } },
      });
      expect(await rejectionOf(repository.commit(ACME, [createLinkChange(aLink(ACME, foreign.id, 'l1'))]))).toMatchObject({ code: 'CONFLICT' });
      const wrongAccount = await rejectionOf(repository.commit(ACME, [createLinkChange(aLink(GLOBEX, foreign.id, 'l1'))]));
      expect(wrongAccount).toMatchObject({ code: 'VALIDATION' });
      expect(await inspect.storedLinks(ACME)).toEqual([]);
      expect(await inspect.storedLinks(GLOBEX)).toEqual([]);
    });

    test('put-link and delete-link check versions like the other records', async ({ repository }) => {
      const token = aToken(ACME, 't1');
      const link = aLink(ACME, token.id, 'l1');
      await seed(repository, { tokens: [token], links: [link] });
      expect(await rejectionOf(repository.commit(ACME, [createLinkChange(link)]))).toMatchObject({ code: 'CONFLICT' });
      expect(await rejectionOf(repository.commit(ACME, [{ type: 'put-link', link: { ...link, version: 3 }, expectedVersion: 1 }]))).toMatchObject({
        code: 'CONFLICT',
      });
      expect(await rejectionOf(repository.commit(ACME, [{ type: 'delete-link', id: link.id, expectedVersion: 2 }]))).toMatchObject({
        code: 'CONFLICT',
        context: { actualVersion: 1, expectedVersion: 2 },
      });
      const relabelled = nextVersion(link, { label: 'Renamed', updatedAt: fixtureTime(5) });
      await repository.commit(ACME, [updateLinkChange(relabelled)]);
      expect(await repository.getLink(ACME, link.id)).toEqual(relabelled);
    });

    test('a revoked link is gone: not found, and its hash stored nowhere', async ({ repository, inspect }) => {
      const token = aToken(ACME, 't1');
      const kept = aLink(ACME, token.id, 'kept');
      const revoked = aLink(ACME, token.id, 'revoked');
      await seed(repository, { tokens: [token], links: [kept, revoked] });
      await repository.commit(ACME, [{ type: 'delete-link', id: revoked.id, expectedVersion: 1 }]);
      expect(await repository.getLink(ACME, revoked.id)).toBeNull();
      expect(await repository.findCredentialBySecretHash(revoked.secretHash)).toBeNull();
      expect(await repository.findCredentialBySecretHash(kept.secretHash)).toEqual({ token, link: kept });
      expect(await repository.getToken(ACME, token.id)).toEqual(token);
      const dump = await inspect.dump();
      expect(dump.includes(revoked.secretHash)).toBe(false);
      expect(dump.includes(kept.secretHash)).toBe(true);
    });
  });

  describe('links: the token cascade', () => {
    test("deleting a token deletes its links in the same commit, and forgets their hashes; other tokens' links stay", async ({
      repository,
      inspect,
    }) => {
      const doomed = aToken(ACME, 'doomed');
      const other = aToken(ACME, 'other');
      const links = [aLink(ACME, doomed.id, 'd1'), aLink(ACME, doomed.id, 'd2', { createdBy: 'user-admin' })];
      const survivor = aLink(ACME, other.id, 's1');
      await seed(repository, { tokens: [doomed, other], links: [...links, survivor] });
      await repository.commit(ACME, [{ type: 'delete-token', id: doomed.id, expectedVersion: 1 }]);
      for (const link of links) {
        expect(await repository.getLink(ACME, link.id)).toBeNull();
        expect(await repository.findCredentialBySecretHash(link.secretHash)).toBeNull();
      }
      expect(await inspect.storedLinks(ACME)).toEqual([survivor]);
      expect((await repository.listLinks(ACME, {})).items).toEqual([survivor]);
      expect((await repository.listLinks(ACME, { tokenId: doomed.id })).items).toEqual([]);
      expect((await repository.listLinks(ACME, { createdBy: 'user-admin' })).items).toEqual([]);
      const dump = await inspect.dump();
      for (const link of links) expect(dump.includes(link.secretHash)).toBe(false);
    });

    test('the cascade takes links written earlier in the batch; a link written after its token is deleted is refused', async ({
      repository,
      inspect,
    }) => {
      const token = aToken(ACME, 't1');
      await seed(repository, { tokens: [token] });
      const early = aLink(ACME, token.id, 'early');
      await repository.commit(ACME, [createLinkChange(early), { type: 'delete-token', id: token.id, expectedVersion: 1 }]);
      expect(await repository.getLink(ACME, early.id)).toBeNull();
      expect(await inspect.storedLinks(ACME)).toEqual([]);

      const again = aToken(ACME, 't2');
      await seed(repository, { tokens: [again] });
      const before = await snapshot(inspect, [ACME]);
      const late = aLink(ACME, again.id, 'late');
      expect(
        await rejectionOf(repository.commit(ACME, [{ type: 'delete-token', id: again.id, expectedVersion: 1 }, createLinkChange(late)])),
      ).toMatchObject({ code: 'CONFLICT' });
      // Revoking a link the cascade already removed is a stale delete.
      const cascaded = aLink(ACME, again.id, 'cascaded');
      await seed(repository, { links: [cascaded] });
      const withLink = await snapshot(inspect, [ACME]);
      expect(
        await rejectionOf(
          repository.commit(ACME, [
            { type: 'delete-token', id: again.id, expectedVersion: 1 },
            { type: 'delete-link', id: cascaded.id, expectedVersion: 1 },
          ]),
        ),
      ).toMatchObject({ code: 'CONFLICT' });
      expect(await snapshot(inspect, [ACME])).toEqual(withLink);
      expect(JSON.stringify(before) === JSON.stringify(withLink)).toBe(false);
    });
  });

  describe('links: expiry never later than the token', () => {
    test('a link expiring after its token, or never while its token expires, is refused', async ({ repository, inspect }) => {
      const token = aToken(ACME, 't1', { expiresAt: fixtureTime(100) });
      await seed(repository, { tokens: [token] });
      for (const expiresAt of [fixtureTime(101), null]) {
        expect(await rejectionOf(repository.commit(ACME, [createLinkChange(aLink(ACME, token.id, 'l1', { expiresAt }))]))).toMatchObject({
          code: 'CONFLICT',
          context: { ids: { tokenId: token.id } },
        });
      }
      expect(await inspect.storedLinks(ACME)).toEqual([]);
      // Equal and earlier are fine; so is anything under a token that never expires.
      await repository.commit(ACME, [
        createLinkChange(aLink(ACME, token.id, 'same', { expiresAt: fixtureTime(100) })),
        createLinkChange(aLink(ACME, token.id, 'earlier', { expiresAt: fixtureTime(50) })),
      ]);
      const forever = aToken(ACME, 'forever', { expiresAt: null });
      await seed(repository, { tokens: [forever], links: [aLink(ACME, forever.id, 'never', { expiresAt: null })] });
      expect((await inspect.storedLinks(ACME)).length).toBe(3);
    });

    test("moving a token's expiry earlier must bring its later links along in the same batch", async ({ repository, inspect }) => {
      const token = aToken(ACME, 't1', { expiresAt: null });
      const never = aLink(ACME, token.id, 'never', { expiresAt: null });
      const late = aLink(ACME, token.id, 'late', { expiresAt: fixtureTime(500) });
      const early = aLink(ACME, token.id, 'early', { expiresAt: fixtureTime(10) });
      await seed(repository, { tokens: [token], links: [never, late, early] });
      const before = await snapshot(inspect, [ACME]);
      const moved = nextVersion(token, { expiresAt: fixtureTime(100), updatedAt: fixtureTime(1) });
      expect(await rejectionOf(repository.commit(ACME, [updateTokenChange(moved)]))).toMatchObject({ code: 'CONFLICT' });
      // Bringing only one of the two later links along is not enough.
      const neverFollowing = nextVersion(never, { expiresAt: fixtureTime(100), updatedAt: fixtureTime(1) });
      expect(await rejectionOf(repository.commit(ACME, [updateTokenChange(moved), updateLinkChange(neverFollowing)]))).toMatchObject({
        code: 'CONFLICT',
      });
      expect(await snapshot(inspect, [ACME])).toEqual(before);
      const lateFollowing = nextVersion(late, { expiresAt: fixtureTime(100), updatedAt: fixtureTime(1) });
      await repository.commit(ACME, [updateTokenChange(moved), updateLinkChange(neverFollowing), updateLinkChange(lateFollowing)]);
      expect(await repository.getLink(ACME, early.id)).toEqual(early);
      expect(await repository.getLink(ACME, late.id)).toEqual(lateFollowing);
      // Moving it later again needs nothing of the links.
      await repository.commit(ACME, [updateTokenChange(nextVersion(moved, { expiresAt: null }))]);
    });
  });

  describe('links: listing', () => {
    test('lists all, by token, by creator, or both; ordered by createdAt, then id; never another account', async ({ repository }) => {
      const t1 = aToken(ACME, 't1');
      const t2 = aToken(ACME, 't2');
      const g1 = aToken(GLOBEX, 'g1');
      const links = [
        aLink(ACME, t1.id, 'a', { createdAt: fixtureTime(3), createdBy: 'bob' }),
        aLink(ACME, t2.id, 'b', { createdAt: fixtureTime(1), createdBy: 'bob' }),
        aLink(ACME, t1.id, 'c', { createdAt: fixtureTime(1), createdBy: 'carol' }),
        aLink(ACME, t2.id, 'd', { createdAt: fixtureTime(2), createdBy: 'carol' }),
      ];
      await seed(repository, { tokens: [t1, t2, g1], links: [...links, aLink(GLOBEX, g1.id, 'g', { createdBy: 'bob' })] });
      const expected = (keep: (link: StoredSharedLink) => boolean): StoredSharedLink[] => links.filter(keep).sort(byOrder);
      expect((await repository.listLinks(ACME, {})).items).toEqual(expected(() => true));
      expect((await repository.listLinks(ACME, { tokenId: t1.id })).items).toEqual(expected((link) => link.tokenId === t1.id));
      expect((await repository.listLinks(ACME, { createdBy: 'bob' })).items).toEqual(expected((link) => link.createdBy === 'bob'));
      expect((await repository.listLinks(ACME, { tokenId: t2.id, createdBy: 'carol' })).items).toEqual(
        expected((link) => link.tokenId === t2.id && link.createdBy === 'carol'),
      );
      expect((await repository.listLinks(ACME, { tokenId: g1.id })).items).toEqual([]);
      expect((await repository.listLinks(ACME, { createdBy: 'nobody' })).items).toEqual([]);
      expect((await repository.listLinks('acct-empty', {})).items).toEqual([]);
    });

    test('a bad limit, a forged cursor, or another listing’s cursor is VALIDATION', async ({ repository }) => {
      const token = aToken(ACME, 't1');
      const other = aToken(ACME, 't2', { createdAt: fixtureTime(1) });
      await seed(repository, { tokens: [token, other], links: [aLink(ACME, token.id, 'l1')] });
      for (const limit of [0, 501, 1.5]) {
        expect(await rejectionOf(repository.listLinks(ACME, {}, { limit }))).toMatchObject({ code: 'VALIDATION' });
      }
      const tokenCursor = (await repository.listTokens(ACME, { limit: 1 })).nextCursor;
      expect(typeof tokenCursor).toBe('string');
      for (const cursor of ['forged', tokenCursor]) {
        expect(await rejectionOf(repository.listLinks(ACME, {}, { cursor }))).toMatchObject({ code: 'VALIDATION' });
      }
    });

    test('paging through any scope returns exactly its links, in order, each once', async () => {
      const linkSpec = fc.record({
        token: fc.integer({ min: 0, max: 2 }),
        creator: fc.constantFrom('bob', 'carol', 'dave'),
        minute: fc.integer({ min: 0, max: 5 }),
      });
      const scopeSpec = fc.record({
        token: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
        creator: fc.option(fc.constantFrom('bob', 'carol', 'erin'), { nil: undefined }),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(linkSpec, { maxLength: 25 }), scopeSpec, fc.integer({ min: 1, max: 7 }), async (specs, scopeIn, limit) =>
          withFreshInstance(async ({ repository }) => {
            const tokens = [0, 1, 2, 3].map((index) => aToken(ACME, `t${index}`));
            const links = specs.map((spec, index) =>
              aLink(ACME, (tokens[spec.token] ?? tokens[0])!.id, `l${index}`, { createdBy: spec.creator, createdAt: fixtureTime(spec.minute) }),
            );
            await seed(repository, { tokens, links });
            const scope: LinkScope = {
              ...(scopeIn.token === undefined ? {} : { tokenId: tokens[scopeIn.token]!.id }),
              ...(scopeIn.creator === undefined ? {} : { createdBy: scopeIn.creator }),
            };
            const expected = links
              .filter((link) => (scope.tokenId === undefined || link.tokenId === scope.tokenId) && (scope.createdBy === undefined || link.createdBy === scope.createdBy))
              .sort(byOrder);
            const seen: StoredSharedLink[] = [];
            let cursor: string | null = null;
            do {
              const page: { items: readonly StoredSharedLink[]; nextCursor: string | null } = await repository.listLinks(ACME, scope, { limit, cursor });
              expect(page.items.length <= limit).toBe(true);
              expect(page.nextCursor === null || page.items.length === limit).toBe(true);
              seen.push(...page.items);
              cursor = page.nextCursor;
            } while (cursor !== null);
            expect(seen).toEqual(expected);
          }),
        ),
        fcParameters,
      );
    });
  });

  describe('links: usage writes', () => {
    test('set the later lastUsedAt and nothing else; a missing link is a no-op', async ({ repository, inspect }) => {
      const token = aToken(ACME, 't1');
      const link = aLink(ACME, token.id, 'l1');
      await seed(repository, { tokens: [token], links: [link] });
      await repository.recordLinkUsage(ACME, link.id, fixtureTime(10));
      expect(await repository.getLink(ACME, link.id)).toEqual({ ...link, lastUsedAt: fixtureTime(10) });
      // An older instant arriving late does not move it back.
      await repository.recordLinkUsage(ACME, link.id, fixtureTime(5));
      expect(await repository.getLink(ACME, link.id)).toEqual({ ...link, lastUsedAt: fixtureTime(10) });
      await repository.recordLinkUsage(ACME, 'missing', fixtureTime(20));
      await repository.recordLinkUsage(GLOBEX, link.id, fixtureTime(20));
      expect(await inspect.storedLinks(ACME)).toEqual([{ ...link, lastUsedAt: fixtureTime(10) }]);
      expect(await inspect.storedLinks(GLOBEX)).toEqual([]);
      // The token's own usage is separate.
      expect(await repository.getToken(ACME, token.id)).toEqual(token);
    });

    test('a put-link carrying an older lastUsedAt does not erase a recorded use', async ({ repository }) => {
      const token = aToken(ACME, 't1');
      const link = aLink(ACME, token.id, 'l1');
      await seed(repository, { tokens: [token], links: [link] });
      await repository.recordLinkUsage(ACME, link.id, fixtureTime(10));
      const relabelled = nextVersion(link, { label: 'Renamed' });
      await repository.commit(ACME, [updateLinkChange(relabelled)]);
      expect(await repository.getLink(ACME, link.id)).toEqual({ ...relabelled, lastUsedAt: fixtureTime(10) });
    });
  });
}
