import type { StoredSharedLink } from '../../domain/shared-link.js';
import type { StoredSharedToken } from '../../domain/shared-token.js';
import type { TokenFilter } from '../../domain/token-filter.js';
import { OrderedKeys } from '../record-order.js';

/**
 * One account's records and the indexes that keep every lookup of the
 * contract O(1) (or a binary search, for pages).
 *
 * @internal
 */
export interface AccountState {
  readonly filters: Map<string, TokenFilter>;
  readonly tokens: Map<string, StoredSharedToken>;
  /** `filterFieldValueKey(field, value)` → filter id. */
  readonly filterIdByFieldValue: Map<string, string>;
  /** `tokenNameKey(name)` → token id. */
  readonly tokenIdByName: Map<string, string>;
  /** The reverse index: filter id → ids of the tokens referencing it. */
  readonly tokenIdsByFilterId: Map<string, Set<string>>;
  readonly filterOrder: OrderedKeys;
  readonly tokenOrder: OrderedKeys;
  readonly links: Map<string, StoredSharedLink>;
  readonly linkOrder: OrderedKeys;
  /** Token id → the order of its links (the cascade and the `tokenId` scope). */
  readonly linkOrderByToken: Map<string, OrderedKeys>;
  /** Creator user id → the order of the links they created (the `createdBy` scope). */
  readonly linkOrderByCreator: Map<string, OrderedKeys>;
}

/**
 * Where a secret hash points: the one credential holding it, in any
 * account: a token's own secret (`linkId: null`) or a link of the token.
 */
export interface SecretHashOwner {
  readonly accountId: string;
  readonly tokenId: string;
  readonly linkId: string | null;
}

/**
 * Everything the in-memory repository holds. Records are stored deeply
 * frozen; only the commit and usage paths replace them.
 *
 * @internal
 */
export interface RepositoryState {
  readonly accounts: Map<string, AccountState>;
  /** Secret hash (a token's current or previous, or a link's) → its credential, across accounts. */
  readonly ownerBySecretHash: Map<string, SecretHashOwner>;
}

/** An empty state: no accounts, no hashes. @internal */
export function createRepositoryState(): RepositoryState {
  return { accounts: new Map(), ownerBySecretHash: new Map() };
}

/** The account's state, created on first write. @internal */
export function accountStateFor(state: RepositoryState, accountId: string): AccountState {
  let account = state.accounts.get(accountId);
  if (account === undefined) {
    account = {
      filters: new Map(),
      tokens: new Map(),
      filterIdByFieldValue: new Map(),
      tokenIdByName: new Map(),
      tokenIdsByFilterId: new Map(),
      filterOrder: new OrderedKeys(),
      tokenOrder: new OrderedKeys(),
      links: new Map(),
      linkOrder: new OrderedKeys(),
      linkOrderByToken: new Map(),
      linkOrderByCreator: new Map(),
    };
    state.accounts.set(accountId, account);
  }
  return account;
}

/**
 * The uniqueness key of a filter. JSON keeps `("a.b", "c")` and `("a", "b.c")`
 * apart, which plain concatenation would not.
 *
 * @internal
 */
export function filterFieldValueKey(field: string, value: string): string {
  return JSON.stringify([field, value]);
}

/** The uniqueness key of a token name: names are unique case-insensitively. @internal */
export function tokenNameKey(name: string): string {
  return name.toLowerCase();
}

/** Every secret hash a token answers to. @internal */
export function secretHashesOf(token: StoredSharedToken): readonly string[] {
  return token.previousSecret === null ? [token.secretHash] : [token.secretHash, token.previousSecret.hash];
}

/** Stores `filter` and adds it to every filter index. @internal */
export function indexFilter(account: AccountState, filter: TokenFilter): void {
  account.filters.set(filter.id, filter);
  account.filterIdByFieldValue.set(filterFieldValueKey(filter.field, filter.value), filter.id);
  account.filterOrder.insert(filter);
}

/** Removes `filter` and its entries from every filter index. @internal */
export function unindexFilter(account: AccountState, filter: TokenFilter): void {
  account.filters.delete(filter.id);
  const key = filterFieldValueKey(filter.field, filter.value);
  if (account.filterIdByFieldValue.get(key) === filter.id) account.filterIdByFieldValue.delete(key);
  account.filterOrder.remove(filter);
}

/** Stores `token` and adds it to every token index, the reverse index and the secret-hash index. @internal */
export function indexToken(state: RepositoryState, account: AccountState, token: StoredSharedToken): void {
  account.tokens.set(token.id, token);
  account.tokenIdByName.set(tokenNameKey(token.name), token.id);
  account.tokenOrder.insert(token);
  for (const filterId of token.filterIds) {
    let tokenIds = account.tokenIdsByFilterId.get(filterId);
    if (tokenIds === undefined) {
      tokenIds = new Set();
      account.tokenIdsByFilterId.set(filterId, tokenIds);
    }
    tokenIds.add(token.id);
  }
  for (const hash of secretHashesOf(token)) {
    state.ownerBySecretHash.set(hash, { accountId: token.accountId, tokenId: token.id, linkId: null });
  }
}

/** Removes `token` and its entries from every index it is in. @internal */
export function unindexToken(state: RepositoryState, account: AccountState, token: StoredSharedToken): void {
  account.tokens.delete(token.id);
  const nameKey = tokenNameKey(token.name);
  if (account.tokenIdByName.get(nameKey) === token.id) account.tokenIdByName.delete(nameKey);
  account.tokenOrder.remove(token);
  for (const filterId of token.filterIds) {
    const tokenIds = account.tokenIdsByFilterId.get(filterId);
    tokenIds?.delete(token.id);
    // Empty sets would pile up for every filter ever used; drop them.
    if (tokenIds?.size === 0) account.tokenIdsByFilterId.delete(filterId);
  }
  for (const hash of secretHashesOf(token)) {
    const owner = state.ownerBySecretHash.get(hash);
    if (owner?.accountId === token.accountId && owner.tokenId === token.id && owner.linkId === null) {
      state.ownerBySecretHash.delete(hash);
    }
  }
}

/** Stores `link` and adds it to the link orders and the secret-hash index. @internal */
export function indexLink(state: RepositoryState, account: AccountState, link: StoredSharedLink): void {
  account.links.set(link.id, link);
  account.linkOrder.insert(link);
  orderIn(account.linkOrderByToken, link.tokenId).insert(link);
  orderIn(account.linkOrderByCreator, link.createdBy).insert(link);
  state.ownerBySecretHash.set(link.secretHash, { accountId: link.accountId, tokenId: link.tokenId, linkId: link.id });
}

/** Removes `link` and its entries from every index it is in. @internal */
export function unindexLink(state: RepositoryState, account: AccountState, link: StoredSharedLink): void {
  account.links.delete(link.id);
  account.linkOrder.remove(link);
  removeFrom(account.linkOrderByToken, link.tokenId, link);
  removeFrom(account.linkOrderByCreator, link.createdBy, link);
  const owner = state.ownerBySecretHash.get(link.secretHash);
  if (owner?.accountId === link.accountId && owner.linkId === link.id) state.ownerBySecretHash.delete(link.secretHash);
}

function orderIn(orders: Map<string, OrderedKeys>, key: string): OrderedKeys {
  let order = orders.get(key);
  if (order === undefined) {
    order = new OrderedKeys();
    orders.set(key, order);
  }
  return order;
}

function removeFrom(orders: Map<string, OrderedKeys>, key: string, link: StoredSharedLink): void {
  const order = orders.get(key);
  order?.remove(link);
  // Empty orders would pile up for every token and creator ever seen; drop them.
  if (order?.isEmpty === true) orders.delete(key);
}
