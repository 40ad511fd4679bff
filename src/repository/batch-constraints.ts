import { SharedTokenError } from '../errors.js';
import type { StoredSharedLink } from '../domain/shared-link.js';
import type { StoredSharedToken } from '../domain/shared-token.js';
import type { TokenFilter } from '../domain/token-filter.js';
import {
  filterFieldValueKey,
  secretHashesOf,
  tokenNameKey,
  type AccountState,
  type RepositoryState,
  type SecretHashOwner,
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

// Secret hashes are unique across accounts, and across tokens and links,
// because the secret lookup is. A clash with another account's credential is
// reported without its id: that would reveal another tenant's record.
/** Secret hashes (tokens' current and previous, links') stay unique across accounts. @internal */
export function assertUniqueSecretHashes(
  state: RepositoryState,
  accountId: string,
  tokens: ReadonlyMap<string, StoredSharedToken | null>,
  links: ReadonlyMap<string, StoredSharedLink | null> = new Map(),
): void {
  // hash → the claiming record's key (`token:id` / `link:id`) and id.
  const claimed = new Map<string, { readonly key: string; readonly id: string }>();
  const rewritten = (owner: SecretHashOwner): boolean =>
    owner.linkId === null ? tokens.has(owner.tokenId) : links.has(owner.linkId);
  const claim = (hash: string, key: string, id: string, ids: Readonly<Record<string, string>>): void => {
    const earlier = claimed.get(hash);
    const owner = state.ownerBySecretHash.get(hash);
    // A stored owner the batch also rewrites is judged by its final record.
    const clashStored =
      owner !== undefined && (owner.accountId !== accountId || (ownerKey(owner) !== key && !rewritten(owner)));
    if (earlier !== undefined || clashStored) {
      const existingId = earlier?.id ?? (owner?.accountId === accountId ? (owner.linkId ?? owner.tokenId) : undefined);
      throw new SharedTokenError('CONFLICT', 'Another credential already answers to this secret hash.', {
        ids,
        ...(existingId === undefined ? {} : { existingId }),
      });
    }
    claimed.set(hash, { key, id });
  };
  for (const token of tokens.values()) {
    if (token === null) continue;
    for (const hash of new Set(secretHashesOf(token))) claim(hash, `token:${token.id}`, token.id, { accountId, tokenId: token.id });
  }
  for (const link of links.values()) {
    if (link === null) continue;
    claim(link.secretHash, `link:${link.id}`, link.id, { accountId, linkId: link.id, tokenId: link.tokenId });
  }
}

function ownerKey(owner: SecretHashOwner): string {
  return owner.linkId === null ? `token:${owner.tokenId}` : `link:${owner.linkId}`;
}

/**
 * Every link written in the batch belongs to a token of the account, and no
 * link (written, or of a token written) expires later than its token.
 *
 * @internal
 */
export function assertLinksFollowTokens(
  account: AccountState | undefined,
  accountId: string,
  tokens: ReadonlyMap<string, StoredSharedToken | null>,
  links: ReadonlyMap<string, StoredSharedLink | null>,
): void {
  const finalToken = (id: string): StoredSharedToken | null => (tokens.has(id) ? (tokens.get(id) ?? null) : (account?.tokens.get(id) ?? null));
  const check = (link: StoredSharedLink, token: StoredSharedToken): void => {
    if (expiresLater(link.expiresAt, token.expiresAt)) {
      throw new SharedTokenError('CONFLICT', 'The link would expire later than its token.', {
        ids: { accountId, linkId: link.id, tokenId: token.id },
      });
    }
  };
  for (const link of links.values()) {
    if (link === null) continue;
    const token = finalToken(link.tokenId);
    if (token === null) {
      throw new SharedTokenError('CONFLICT', 'The link belongs to a token that does not exist in the account.', {
        ids: { accountId, linkId: link.id, tokenId: link.tokenId },
      });
    }
    check(link, token);
  }
  for (const token of tokens.values()) {
    if (token === null) continue;
    for (const key of account?.linkOrderByToken.get(token.id)?.page(null, Number.MAX_SAFE_INTEGER).keys ?? []) {
      // Links rewritten in the batch were checked above with their final records.
      const stored = links.has(key.id) ? undefined : account?.links.get(key.id);
      if (stored !== undefined) check(stored, token);
    }
  }
}

// `null` is never: a link that never expires outlives any token that does.
function expiresLater(linkExpiresAt: string | null, tokenExpiresAt: string | null): boolean {
  if (tokenExpiresAt === null) return false;
  if (linkExpiresAt === null) return true;
  return Date.parse(linkExpiresAt) > Date.parse(tokenExpiresAt);
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
