import { SharedTokenError } from '../../errors.js';
import type { StoredSharedLink } from '../../domain/shared-link.js';
import type { StoredSharedToken } from '../../domain/shared-token.js';
import type { TokenFilter } from '../../domain/token-filter.js';
import { applyCommit } from './apply-commit.js';
import { planCommit } from '../commit-plan.js';
import { frozenCopy } from './frozen-copy.js';
import {
  createRepositoryState,
  filterFieldValueKey,
  tokenNameKey,
  type AccountState,
  type RepositoryState,
} from './in-memory-state.js';
import { encodeCursor, parsePageRequest, type CursorListing } from '../page-request.js';
import { compareOrderKeys, type OrderKey } from '../record-order.js';
import type { RepositoryInspector } from '../repository-inspector.js';
import type { Page, PageRequest, SharedTokenRepository } from '../contract.js';

/**
 * A repository that keeps everything in memory: the default of
 * `createSharedTokens`, and the reference the conformance suite is written
 * against. State lives as long as the returned object.
 *
 * - Lookup by id, by filter `field`+`value`, by lower-cased token name and by
 *   secret hash (tokens' and links' in one map) are `Map` lookups; the filter → tokens reverse index is kept
 *   on every write.
 * - Lists are kept sorted by `createdAt`, then `id`; a page is a binary search
 *   from the cursor, which encodes the last key seen (not an offset).
 * - `commit` checks the whole batch before storing any of it, then stores it
 *   in one synchronous step: all or nothing, and concurrent commits are
 *   naturally serialized.
 * - Every record is copied and deeply frozen on the way in and again on the
 *   way out.
 *
 * @returns A {@link SharedTokenRepository}; nothing else is reachable through it.
 * @example
 * ```ts
 * import { createInMemoryRepository, createSharedTokens } from 'shared-tokens';
 *
 * const repository = createInMemoryRepository();
 * const tokens = createSharedTokens({ repository });
 *
 * // Or directly, as an adapter author would:
 * await repository.commit('acme', [{ type: 'put-filter', filter, expectedVersion: null }]);
 * await repository.findFilterByFieldValue('acme', filter.field, filter.value); // a frozen copy of filter
 * ```
 */
export function createInMemoryRepository(): SharedTokenRepository {
  return createInspectableStore().repository;
}

/**
 * The in-memory repository together with a reader of its raw state, for the
 * testing entry. Kept out of the main barrel so applications never hold a
 * way around the repository contract.
 *
 * @internal
 */
export function createInspectableStore(): { repository: SharedTokenRepository; inspect: RepositoryInspector } {
  const state = createRepositoryState();
  return { repository: repositoryOver(state), inspect: inspectorOver(state) };
}

function repositoryOver(state: RepositoryState): SharedTokenRepository {
  const account = (accountId: string): AccountState | undefined => state.accounts.get(accountId);

  return {
    async getFilter(accountId, id) {
      return copyOrNull(account(accountId)?.filters.get(id));
    },

    async getFilters(accountId, ids) {
      const filters = account(accountId)?.filters;
      const found: TokenFilter[] = [];
      for (const id of ids) {
        const filter = filters?.get(id);
        if (filter !== undefined) found.push(filter);
      }
      return frozenCopy(found);
    },

    async findFilterByFieldValue(accountId, field, value) {
      const scope = account(accountId);
      const id = scope?.filterIdByFieldValue.get(filterFieldValueKey(field, value));
      return copyOrNull(id === undefined ? undefined : scope?.filters.get(id));
    },

    async listFilters(accountId, page) {
      return listPage('filters', account(accountId)?.filterOrder, account(accountId)?.filters, page);
    },

    async getToken(accountId, id) {
      return copyOrNull(account(accountId)?.tokens.get(id));
    },

    async findTokenByName(accountId, name) {
      const scope = account(accountId);
      const id = scope?.tokenIdByName.get(tokenNameKey(name));
      return copyOrNull(id === undefined ? undefined : scope?.tokens.get(id));
    },

    async findTokenBySecretHash(secretHash) {
      const owner = state.ownerBySecretHash.get(secretHash);
      if (owner === undefined || owner.linkId !== null) return null;
      return copyOrNull(state.accounts.get(owner.accountId)?.tokens.get(owner.tokenId));
    },

    async listTokens(accountId, page) {
      return listPage('tokens', account(accountId)?.tokenOrder, account(accountId)?.tokens, page);
    },

    async listTokensByFilter(accountId, filterId) {
      const scope = account(accountId);
      const tokens: StoredSharedToken[] = [];
      for (const tokenId of scope?.tokenIdsByFilterId.get(filterId) ?? []) {
        const token = scope?.tokens.get(tokenId);
        if (token !== undefined) tokens.push(token);
      }
      return frozenCopy(tokens.sort(compareOrderKeys));
    },

    async commit(accountId, changes) {
      // Plan and apply without an await in between: no other call can run in
      // the gap, which is what makes the batch atomic and commits serial.
      applyCommit(state, planCommit(state, accountId, changes));
    },

    async recordTokenUsage(accountId, tokenId, lastUsedAt) {
      if (typeof lastUsedAt !== 'string') {
        throw new SharedTokenError('VALIDATION', 'lastUsedAt must be an ISO-8601 string.', {
          ids: { accountId: String(accountId), tokenId: String(tokenId) },
          issues: [{ path: ['lastUsedAt'], message: 'must be a string' }],
        });
      }
      const tokens = account(accountId)?.tokens;
      const token = tokens?.get(tokenId);
      // Only lastUsedAt changes, and no index depends on it: swap the record in place.
      if (token !== undefined) tokens?.set(tokenId, frozenCopy({ ...token, lastUsedAt }));
    },

    async getLink(accountId, id) {
      return copyOrNull(account(accountId)?.links.get(id));
    },

    async findCredentialBySecretHash(secretHash) {
      const owner = state.ownerBySecretHash.get(secretHash);
      const scope = owner === undefined ? undefined : state.accounts.get(owner.accountId);
      const token = owner === undefined ? undefined : scope?.tokens.get(owner.tokenId);
      if (owner === undefined || token === undefined) return null;
      if (owner.linkId === null) return frozenCopy({ token, link: null });
      const link = scope?.links.get(owner.linkId);
      return link === undefined ? null : frozenCopy({ token, link });
    },

    async listLinks(accountId, scope, page) {
      const { limit, after } = parsePageRequest('links', page);
      const links = account(accountId)?.links;
      const tokenId = scope?.tokenId;
      const createdBy = scope?.createdBy;
      const order =
        tokenId !== undefined
          ? account(accountId)?.linkOrderByToken.get(tokenId)
          : createdBy !== undefined
            ? account(accountId)?.linkOrderByCreator.get(createdBy)
            : account(accountId)?.linkOrder;
      if (order === undefined || links === undefined) return frozenCopy({ items: [], nextCursor: null });
      // Narrowed by token, a creator condition is the one left to check per key.
      const keep = (key: OrderKey): boolean => createdBy === undefined || links.get(key.id)?.createdBy === createdBy;
      const { keys, more } = order.pageWhere(after, limit, keep);
      const last = keys.at(-1);
      return frozenCopy({
        items: keys.map((key) => links.get(key.id) as StoredSharedLink),
        nextCursor: more && last !== undefined ? encodeCursor('links', last) : null,
      });
    },

    async recordLinkUsage(accountId, linkId, lastUsedAt) {
      if (typeof lastUsedAt !== 'string' || Number.isNaN(Date.parse(lastUsedAt))) {
        throw new SharedTokenError('VALIDATION', 'lastUsedAt must be an ISO-8601 string.', {
          ids: { accountId: String(accountId), linkId: String(linkId) },
          issues: [{ path: ['lastUsedAt'], message: 'must be an ISO-8601 string' }],
        });
      }
      const links = account(accountId)?.links;
      const link = links?.get(linkId);
      if (link === undefined) return;
      // A use is never forgotten: an older instant arriving late changes nothing.
      if (link.lastUsedAt !== null && !(Date.parse(lastUsedAt) > Date.parse(link.lastUsedAt))) return;
      links?.set(linkId, frozenCopy({ ...link, lastUsedAt }));
    },
  };
}

function listPage<T extends OrderKey>(
  listing: CursorListing,
  order: { page(after: OrderKey | null, limit: number): { keys: readonly OrderKey[]; more: boolean } } | undefined,
  records: ReadonlyMap<string, T> | undefined,
  request: PageRequest | undefined,
): Page<T> {
  const { limit, after } = parsePageRequest(listing, request);
  if (order === undefined || records === undefined) return frozenCopy({ items: [], nextCursor: null });
  const { keys, more } = order.page(after, limit);
  const items = keys.map((key) => records.get(key.id) as T);
  const last = keys.at(-1);
  return frozenCopy({ items, nextCursor: more && last !== undefined ? encodeCursor(listing, last) : null });
}

function copyOrNull<T>(record: T | undefined): T | null {
  return record === undefined ? null : frozenCopy(record);
}

function inspectorOver(state: RepositoryState): RepositoryInspector {
  return {
    async storedFilters(accountId) {
      return frozenCopy([...(state.accounts.get(accountId)?.filters.values() ?? [])]);
    },
    async storedTokens(accountId) {
      return frozenCopy([...(state.accounts.get(accountId)?.tokens.values() ?? [])]);
    },
    async storedLinks(accountId) {
      return frozenCopy([...(state.accounts.get(accountId)?.links.values() ?? [])]);
    },
    async dump() {
      return JSON.stringify({
        accounts: [...state.accounts].map(([accountId, account]) => ({
          accountId,
          filters: [...account.filters],
          tokens: [...account.tokens],
          filterIdByFieldValue: [...account.filterIdByFieldValue],
          tokenIdByName: [...account.tokenIdByName],
          tokenIdsByFilterId: [...account.tokenIdsByFilterId].map(([filterId, ids]) => [filterId, [...ids]]),
          filterOrder: account.filterOrder.page(null, Number.MAX_SAFE_INTEGER).keys,
          tokenOrder: account.tokenOrder.page(null, Number.MAX_SAFE_INTEGER).keys,
          links: [...account.links],
          linkOrder: account.linkOrder.page(null, Number.MAX_SAFE_INTEGER).keys,
          linkOrderByToken: [...account.linkOrderByToken].map(([id, order]) => [id, order.page(null, Number.MAX_SAFE_INTEGER).keys]),
          linkOrderByCreator: [...account.linkOrderByCreator].map(([id, order]) => [id, order.page(null, Number.MAX_SAFE_INTEGER).keys]),
        })),
        ownerBySecretHash: [...state.ownerBySecretHash],
      });
    },
  };
}
