import type { StoredSharedLink } from '../domain/shared-link.js';
import type { StoredSharedToken } from '../domain/shared-token.js';
import type { TokenFilter } from '../domain/token-filter.js';
import type { RepositoryChange, SharedTokenRepository } from '../repository/contract.js';

/** A `put-filter` creating `filter`. */
export function createFilterChange(filter: TokenFilter): RepositoryChange {
  return { type: 'put-filter', filter, expectedVersion: null };
}

/** A `put-token` creating `token`. */
export function createTokenChange(token: StoredSharedToken): RepositoryChange {
  return { type: 'put-token', token, expectedVersion: null };
}

/** A `put-filter` replacing the stored version `next.version - 1`. */
export function updateFilterChange(next: TokenFilter): RepositoryChange {
  return { type: 'put-filter', filter: next, expectedVersion: next.version - 1 };
}

/** A `put-token` replacing the stored version `next.version - 1`. */
export function updateTokenChange(next: StoredSharedToken): RepositoryChange {
  return { type: 'put-token', token: next, expectedVersion: next.version - 1 };
}

/** A `put-link` creating `link`. */
export function createLinkChange(link: StoredSharedLink): RepositoryChange {
  return { type: 'put-link', link, expectedVersion: null };
}

/** A `put-link` replacing the stored version `next.version - 1`. */
export function updateLinkChange(next: StoredSharedLink): RepositoryChange {
  return { type: 'put-link', link: next, expectedVersion: next.version - 1 };
}

/**
 * Creates filters, then tokens, then links, in one commit per account (in order of first
 * appearance), the way a test sets up its world.
 */
export async function seed(
  repository: SharedTokenRepository,
  records: {
    readonly filters?: readonly TokenFilter[];
    readonly tokens?: readonly StoredSharedToken[];
    readonly links?: readonly StoredSharedLink[];
  },
): Promise<void> {
  const byAccount = new Map<string, RepositoryChange[]>();
  const add = (accountId: string, change: RepositoryChange): void => {
    const changes = byAccount.get(accountId) ?? [];
    changes.push(change);
    byAccount.set(accountId, changes);
  };
  for (const filter of records.filters ?? []) add(filter.accountId, createFilterChange(filter));
  for (const token of records.tokens ?? []) add(token.accountId, createTokenChange(token));
  for (const link of records.links ?? []) add(link.accountId, createLinkChange(link));
  for (const [accountId, changes] of byAccount) await repository.commit(accountId, changes);
}

/** Everything stored for the accounts, sorted by id, for before/after comparisons. */
export async function snapshot(
  inspect: {
    storedFilters(accountId: string): Promise<readonly TokenFilter[]>;
    storedTokens(accountId: string): Promise<readonly StoredSharedToken[]>;
    storedLinks?(accountId: string): Promise<readonly StoredSharedLink[]>;
  },
  accountIds: readonly string[],
): Promise<unknown> {
  const byId = <T extends { readonly id: string }>(records: readonly T[]): T[] =>
    [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const accounts: Record<string, unknown> = {};
  for (const accountId of accountIds) {
    accounts[accountId] = {
      filters: byId(await inspect.storedFilters(accountId)),
      tokens: byId(await inspect.storedTokens(accountId)),
      links: byId((await inspect.storedLinks?.(accountId)) ?? []),
    };
  }
  return accounts;
}
