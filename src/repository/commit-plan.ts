import { SharedTokenError } from '../errors.js';
import type { StoredSharedLink } from '../domain/shared-link.js';
import type { StoredSharedToken } from '../domain/shared-token.js';
import type { TokenFilter } from '../domain/token-filter.js';
import { frozenCopy } from './in-memory/frozen-copy.js';
import {
  assertLinksFollowTokens,
  assertReferences,
  assertUniqueFilters,
  assertUniqueSecretHashes,
  assertUniqueTokenNames,
} from './batch-constraints.js';
import type { AccountState, RepositoryState } from './in-memory/in-memory-state.js';
import { assertFilterShape, assertLinkShape, assertTokenShape } from './record-shape.js';
import type { RepositoryChange } from './contract.js';

/**
 * The outcome of a whole batch: each touched id's final record (`null` when
 * deleted). Built without touching the state, so a refused batch changes
 * nothing; applied by `applyCommit` in one synchronous step, so no reader
 * sees half of it.
 *
 * @internal
 */
export interface CommitPlan {
  readonly accountId: string;
  readonly filters: ReadonlyMap<string, TokenFilter | null>;
  readonly tokens: ReadonlyMap<string, StoredSharedToken | null>;
  readonly links: ReadonlyMap<string, StoredSharedLink | null>;
}

/**
 * Checks a batch against `state` as {@link SharedTokenRepository.commit}
 * documents, and returns what applying it would store.
 *
 * @throws SharedTokenError `VALIDATION` or `CONFLICT`, with context.
 * @internal
 */
export function planCommit(state: RepositoryState, accountId: string, changes: readonly RepositoryChange[]): CommitPlan {
  if (!Array.isArray(changes)) {
    throw new SharedTokenError('VALIDATION', 'changes must be an array.', { issues: [{ path: [], message: 'must be an array' }] });
  }
  const account = state.accounts.get(accountId);
  const filters = new Map<string, TokenFilter | null>();
  const tokens = new Map<string, StoredSharedToken | null>();
  const links = new Map<string, StoredSharedLink | null>();
  const currentFilter = (id: string): TokenFilter | null =>
    filters.has(id) ? (filters.get(id) ?? null) : (account?.filters.get(id) ?? null);
  const currentToken = (id: string): StoredSharedToken | null =>
    tokens.has(id) ? (tokens.get(id) ?? null) : (account?.tokens.get(id) ?? null);
  const currentLink = (id: string): StoredSharedLink | null =>
    links.has(id) ? (links.get(id) ?? null) : (account?.links.get(id) ?? null);

  changes.forEach((change: RepositoryChange, index) => {
    if (typeof change !== 'object' || change === null) {
      throw new SharedTokenError('VALIDATION', 'A change must be an object.', { issues: [{ path: [index], message: 'must be an object' }] });
    }
    switch (change.type) {
      case 'put-filter': {
        const filter = frozenCopy(change.filter, [index, 'filter']);
        assertFilterShape(filter, [index, 'filter']);
        const ids = { accountId, filterId: filter.id };
        assertSameAccount(filter.accountId, accountId, ids, index, 'filter');
        assertVersions(ids, currentFilter(filter.id)?.version ?? null, change.expectedVersion, filter.version);
        filters.set(filter.id, filter);
        return;
      }
      case 'delete-filter': {
        const ids = { accountId, filterId: String(change.id) };
        assertDeletable(ids, currentFilter(change.id)?.version ?? null, change.expectedVersion);
        filters.set(change.id, null);
        return;
      }
      case 'put-token': {
        const written = frozenCopy(change.token, [index, 'token']);
        assertTokenShape(written, [index, 'token']);
        const ids = { accountId, tokenId: written.id };
        assertSameAccount(written.accountId, accountId, ids, index, 'token');
        const current = currentToken(written.id);
        assertVersions(ids, current?.version ?? null, change.expectedVersion, written.version);
        tokens.set(written.id, keepLatestUsage(written, current));
        return;
      }
      case 'delete-token': {
        const ids = { accountId, tokenId: String(change.id) };
        assertDeletable(ids, currentToken(change.id)?.version ?? null, change.expectedVersion);
        tokens.set(change.id, null);
        for (const linkId of linkIdsOfToken(account, links, change.id)) links.set(linkId, null);
        return;
      }
      case 'put-link': {
        const written = frozenCopy(change.link, [index, 'link']);
        assertLinkShape(written, [index, 'link']);
        const ids = { accountId, linkId: written.id };
        assertSameAccount(written.accountId, accountId, ids, index, 'link');
        const current = currentLink(written.id);
        assertVersions(ids, current?.version ?? null, change.expectedVersion, written.version);
        links.set(written.id, keepLatestUsage(written, current));
        return;
      }
      case 'delete-link': {
        const ids = { accountId, linkId: String(change.id) };
        assertDeletable(ids, currentLink(change.id)?.version ?? null, change.expectedVersion);
        links.set(change.id, null);
        return;
      }
      default: {
        const unknown: never = change;
        throw new SharedTokenError('VALIDATION', `Unknown change type ${JSON.stringify((unknown as { type: unknown }).type)}.`, {
          issues: [
            { path: [index, 'type'], message: 'must be put-filter, delete-filter, put-token, delete-token, put-link or delete-link' },
          ],
        });
      }
    }
  });

  assertUniqueFilters(account, accountId, filters);
  assertUniqueTokenNames(account, accountId, tokens);
  assertUniqueSecretHashes(state, accountId, tokens, links);
  assertReferences(account, accountId, filters, tokens);
  assertLinksFollowTokens(account, accountId, tokens, links);
  return { accountId, filters, tokens, links };
}

// The links a token has at this point of the batch: stored ones the batch has
// not rewritten, and those the batch wrote for it.
function linkIdsOfToken(account: AccountState | undefined, links: ReadonlyMap<string, StoredSharedLink | null>, tokenId: string): string[] {
  const ids: string[] = [];
  for (const key of account?.linkOrderByToken.get(tokenId)?.page(null, Number.MAX_SAFE_INTEGER).keys ?? []) {
    if (!links.has(key.id)) ids.push(key.id);
  }
  for (const [id, link] of links) if (link !== null && link.tokenId === tokenId) ids.push(id);
  return ids;
}

// Usage writes are unversioned and may land between a caller's read and its
// put; keeping the later instant means a put never erases a recorded use.
function keepLatestUsage<T extends { readonly lastUsedAt: string | null }>(written: T, current: T | null): T {
  const stored = current?.lastUsedAt ?? null;
  if (stored === null || (written.lastUsedAt !== null && !(Date.parse(stored) > Date.parse(written.lastUsedAt)))) {
    return written;
  }
  return frozenCopy({ ...written, lastUsedAt: stored });
}

function assertSameAccount(
  recordAccountId: string,
  accountId: string,
  ids: Readonly<Record<string, string>>,
  index: number,
  member: 'filter' | 'token' | 'link',
): void {
  if (recordAccountId !== accountId) {
    throw new SharedTokenError('VALIDATION', `The ${member} belongs to another account than the commit.`, {
      ids: { ...ids, recordAccountId },
      issues: [{ path: [index, member, 'accountId'], message: 'must equal the accountId passed to commit' }],
    });
  }
}

function assertVersions(
  ids: Readonly<Record<string, string>>,
  actualVersion: number | null,
  expectedVersion: number | null,
  writtenVersion: number,
): void {
  const context = { ids, ...versionContext(expectedVersion, actualVersion) };
  if (expectedVersion !== actualVersion) {
    const message =
      expectedVersion === null
        ? 'The record already exists.'
        : actualVersion === null
          ? 'The record does not exist (it was deleted or never created).'
          : `Stale version: expected ${expectedVersion}, stored ${actualVersion}.`;
    throw new SharedTokenError('CONFLICT', message, context);
  }
  const nextVersion = (expectedVersion ?? 0) + 1;
  if (writtenVersion !== nextVersion) {
    throw new SharedTokenError('CONFLICT', `The written version must be ${nextVersion}, got ${writtenVersion}.`, {
      ...context,
      writtenVersion,
    });
  }
}

function assertDeletable(ids: Readonly<Record<string, string>>, actualVersion: number | null, expectedVersion: number): void {
  if (actualVersion !== expectedVersion) {
    const message =
      actualVersion === null ? 'The record does not exist.' : `Stale version: expected ${expectedVersion}, stored ${actualVersion}.`;
    throw new SharedTokenError('CONFLICT', message, { ids, ...versionContext(expectedVersion, actualVersion) });
  }
}

function versionContext(expected: number | null, actual: number | null): { expectedVersion?: number; actualVersion?: number } {
  return { ...(expected === null ? {} : { expectedVersion: expected }), ...(actual === null ? {} : { actualVersion: actual }) };
}
