import { SharedTokenError } from '../errors.js';
import type { StoredSharedToken } from '../domain/shared-token.js';
import type { TokenFilter } from '../domain/token-filter.js';
import {
  filterFieldValueKey,
  secretHashesOf,
  tokenNameKey,
  type AccountState,
  type RepositoryState,
} from './in-memory/in-memory-state.js';

// The rules a batch must satisfy as a whole, judged on its final records
// (`null`: deleted in the batch) together with the stored records it leaves
// untouched. Each throws the CONFLICT the contract documents.

/**
 * Generic uniqueness check of the batch's final records against each other
 * and against stored records the batch does not touch.
 */
function assertUnique<T extends { readonly id: string }>(
  written: ReadonlyMap<string, T | null>,
  keyOf: (record: T) => string,
  storedOwner: (key: string) => string | undefined,
  conflict: (record: T, existingId: string) => SharedTokenError,
): void {
  const claimed = new Map<string, string>();
  for (const record of written.values()) {
    if (record === null) continue;
    const key = keyOf(record);
    const earlier = claimed.get(key);
    if (earlier !== undefined) throw conflict(record, earlier);
    claimed.set(key, record.id);
    const owner = storedOwner(key);
    // A stored owner the batch also rewrites is judged by its final record above.
    if (owner !== undefined && owner !== record.id && !written.has(owner)) throw conflict(record, owner);
  }
}

/** Filter `(field, value)` pairs stay unique per account. @internal */
export function assertUniqueFilters(account: AccountState | undefined, accountId: string, filters: ReadonlyMap<string, TokenFilter | null>): void {
  assertUnique(
    filters,
    (filter) => filterFieldValueKey(filter.field, filter.value),
    (key) => account?.filterIdByFieldValue.get(key),
    (filter, existingId) =>
      new SharedTokenError('CONFLICT', 'A filter with this field and value already exists in the account.', {
        ids: { accountId, filterId: filter.id },
        existingId,
        field: filter.field,
      }),
  );
}

/** Lower-cased token names stay unique per account. @internal */
export function assertUniqueTokenNames(
  account: AccountState | undefined,
  accountId: string,
  tokens: ReadonlyMap<string, StoredSharedToken | null>,
): void {
  assertUnique(
    tokens,
    (token) => tokenNameKey(token.name),
    (key) => account?.tokenIdByName.get(key),
    (token, existingId) =>
      new SharedTokenError('CONFLICT', 'A token with this name (ignoring case) already exists in the account.', {
        ids: { accountId, tokenId: token.id },
        existingId,
      }),
  );
}

// Secret hashes are unique across accounts because the secret lookup is.
// A clash with another account's token is reported without its id: that
// would reveal another tenant's record.
/** Secret hashes (current and previous) stay unique across accounts. @internal */
export function assertUniqueSecretHashes(
  state: RepositoryState,
  accountId: string,
  tokens: ReadonlyMap<string, StoredSharedToken | null>,
): void {
  const claimed = new Map<string, string>();
  for (const token of tokens.values()) {
    if (token === null) continue;
    for (const hash of new Set(secretHashesOf(token))) {
      const earlier = claimed.get(hash);
      const owner = state.tokenBySecretHash.get(hash);
      const clashInBatch = earlier !== undefined;
      const clashStored =
        owner !== undefined &&
        (owner.accountId !== accountId || (owner.tokenId !== token.id && !tokens.has(owner.tokenId)));
      if (clashInBatch || clashStored) {
        const existingId = earlier ?? (owner?.accountId === accountId ? owner.tokenId : undefined);
        throw new SharedTokenError('CONFLICT', 'Another token already answers to this secret hash.', {
          ids: { accountId, tokenId: token.id },
          ...(existingId === undefined ? {} : { existingId }),
        });
      }
      claimed.set(hash, token.id);
    }
  }
}

/** Every filter id of a written token exists; no deleted filter stays referenced. @internal */
export function assertReferences(
  account: AccountState | undefined,
  accountId: string,
  filters: ReadonlyMap<string, TokenFilter | null>,
  tokens: ReadonlyMap<string, StoredSharedToken | null>,
): void {
  const filterExists = (id: string): boolean => (filters.has(id) ? filters.get(id) !== null : (account?.filters.has(id) ?? false));
  for (const token of tokens.values()) {
    if (token === null) continue;
    for (const filterId of token.filterIds) {
      if (!filterExists(filterId)) {
        throw new SharedTokenError('CONFLICT', 'The token references a filter that does not exist in the account.', {
          ids: { accountId, tokenId: token.id, filterId },
        });
      }
    }
  }
  for (const [filterId, filter] of filters) {
    if (filter !== null) continue;
    for (const tokenId of account?.tokenIdsByFilterId.get(filterId) ?? []) {
      // Tokens rewritten in the batch were checked above with their final filterIds.
      if (!tokens.has(tokenId)) {
        throw new SharedTokenError('CONFLICT', 'The filter is still referenced by a token; detach it in the same commit.', {
          ids: { accountId, tokenId, filterId },
        });
      }
    }
  }
}
