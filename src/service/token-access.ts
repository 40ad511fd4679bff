import { SharedTokenError } from '../errors.js';
import type { StoredSharedToken } from '../domain/shared-token.js';
import type { TokenFilter } from '../domain/token-filter.js';
import type { SharedTokenRepository } from '../repository/contract.js';

/** The token, or `NOT_FOUND` (also for another account's token). */
export async function loadToken(
  repository: SharedTokenRepository,
  accountId: string,
  tokenId: string,
): Promise<StoredSharedToken> {
  const token = await repository.getToken(accountId, tokenId);
  if (token === null) {
    throw new SharedTokenError('NOT_FOUND', 'No such token', { ids: { accountId, tokenId } });
  }
  return token;
}

/** The filter, or `NOT_FOUND` (also for another account's filter). */
export async function loadFilter(
  repository: SharedTokenRepository,
  accountId: string,
  filterId: string,
): Promise<TokenFilter> {
  const filter = await repository.getFilter(accountId, filterId);
  if (filter === null) {
    throw new SharedTokenError('NOT_FOUND', 'No such filter', { ids: { accountId, filterId } });
  }
  return filter;
}

/** Checks that every id names a filter of the account, else `NOT_FOUND` listing the missing ones. */
export async function requireFilters(
  repository: SharedTokenRepository,
  accountId: string,
  filterIds: readonly string[],
): Promise<void> {
  if (filterIds.length === 0) return;
  const found = new Set((await repository.getFilters(accountId, filterIds)).map((f) => f.id));
  const missing = filterIds.filter((id) => !found.has(id));
  const first = missing[0];
  if (first !== undefined) {
    throw new SharedTokenError('NOT_FOUND', `No such filter: ${missing.length} of the given filter ids`, {
      ids: { accountId, filterId: first },
      missingFilterIds: missing,
    });
  }
}

/** `CONFLICT` when the caller expected another version than the stored one. */
export function checkExpectedVersion(token: StoredSharedToken, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && token.version !== expectedVersion) {
    throw new SharedTokenError('CONFLICT', 'The token was changed since you read it', {
      ids: { accountId: token.accountId, tokenId: token.id },
      expectedVersion,
      actualVersion: token.version,
    });
  }
}
