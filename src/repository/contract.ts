/**
 * The storage contract every repository implements (docs/design.md §5): the in-memory
 * default, the SQL adapters, and whatever a host writes. The service layer
 * talks only to this interface, and `shared-tokens/testing` checks an
 * implementation against every rule stated here.
 *
 * @packageDocumentation
 */
import type { StoredSharedLink } from '../domain/shared-link.js';
import type { StoredSharedToken } from '../domain/shared-token.js';
import type { TokenFilter } from '../domain/token-filter.js';

/**
 * One page of a listing.
 *
 * @example
 * ```ts
 * const ids: string[] = [];
 * let cursor: string | null = null;
 * do {
 *   const page: Page<TokenFilter> = await repository.listFilters(accountId, { cursor });
 *   for (const filter of page.items) ids.push(filter.id);
 *   cursor = page.nextCursor;
 * } while (cursor !== null);
 * ```
 */
export interface Page<T> {
  /** The items of this page, in the listing's stable order. */
  readonly items: readonly T[];
  /**
   * An opaque cursor for the next page, or `null` when this page is the last.
   * Pass it back unchanged in {@link PageRequest.cursor}.
   */
  readonly nextCursor: string | null;
}

/**
 * How much of a listing to read, and from where.
 *
 * @example
 * ```ts
 * const first = await repository.listTokens(accountId, { limit: 100 });
 * const second = await repository.listTokens(accountId, { limit: 100, cursor: first.nextCursor });
 * ```
 */
export interface PageRequest {
  /**
   * Maximum number of items on the page, an integer from 1 to
   * {@link MAX_PAGE_LIMIT}. Default {@link DEFAULT_PAGE_LIMIT} (50). Anything
   * else is a `VALIDATION` error.
   */
  readonly limit?: number;
  /**
   * The `nextCursor` of the previous page; absent or `null` starts at the
   * beginning. A cursor that this repository did not produce is a
   * `VALIDATION` error.
   */
  readonly cursor?: string | null;
}

/** The page size used when a {@link PageRequest} gives no `limit`: 50. */
export const DEFAULT_PAGE_LIMIT = 50;

/** The largest `limit` a {@link PageRequest} may ask for: 500. */
export const MAX_PAGE_LIMIT = 500;

/**
 * One write in a {@link SharedTokenRepository.commit} batch.
 *
 * - `put-filter` / `put-token` create (`expectedVersion: null`: the record must
 *   not exist yet, and the written `version` must be 1) or replace
 *   (`expectedVersion` must equal the stored version, and the written
 *   `version` must be `expectedVersion + 1`).
 * - `delete-filter` / `delete-token` remove a record whose stored version is
 *   `expectedVersion`.
 * - `put-link` / `delete-link` do the same for a sharing link. A `put-link`,
 *   like a `put-token`, stores the later of the written and the stored
 *   `lastUsedAt`, so a usage write racing with it is never lost.
 * - `delete-token` also deletes every link of the token, in the same commit
 *   (a cascade: the batch need not name them; a link written earlier in the
 *   batch for that token goes too).
 *
 * @example
 * ```ts
 * // Delete a filter and detach it from the one token that used it, atomically.
 * const changes: RepositoryChange[] = [
 *   { type: 'put-token', token: { ...token, filterIds: [], version: token.version + 1 }, expectedVersion: token.version },
 *   { type: 'delete-filter', id: filter.id, expectedVersion: filter.version },
 * ];
 * await repository.commit(accountId, changes);
 * ```
 */
export type RepositoryChange =
  | {
      readonly type: 'put-filter';
      /** The whole filter as it should be stored. */
      readonly filter: TokenFilter;
      /** The stored version this write replaces; `null` to create. */
      readonly expectedVersion: number | null;
    }
  | {
      readonly type: 'delete-filter';
      /** Id of the filter to delete. */
      readonly id: string;
      /** The stored version being deleted. */
      readonly expectedVersion: number;
    }
  | {
      readonly type: 'put-token';
      /** The whole token, with its secret hashes (never a secret), as it should be stored. */
      readonly token: StoredSharedToken;
      /** The stored version this write replaces; `null` to create. */
      readonly expectedVersion: number | null;
    }
  | {
      readonly type: 'delete-token';
      /** Id of the token to delete. Its links are deleted with it. */
      readonly id: string;
      /** The stored version being deleted. */
      readonly expectedVersion: number;
    }
  | {
      readonly type: 'put-link';
      /** The whole link, with its secret hash (never a secret), as it should be stored. */
      readonly link: StoredSharedLink;
      /** The stored version this write replaces; `null` to create. */
      readonly expectedVersion: number | null;
    }
  | {
      readonly type: 'delete-link';
      /** Id of the link to delete. */
      readonly id: string;
      /** The stored version being deleted. */
      readonly expectedVersion: number;
    };

/**
 * Which links {@link SharedTokenRepository.listLinks} returns: those of one
 * token, those one user created, both conditions, or (empty) every link of
 * the account.
 *
 * @example
 * ```ts
 * const scope: LinkScope = { tokenId: 'tok_1', createdBy: 'bob' }; // bob's links to tok_1
 * ```
 */
export interface LinkScope {
  /** Only links of this token. Default: every token. */
  readonly tokenId?: string;
  /** Only links this user id created. Default: every creator. */
  readonly createdBy?: string;
}

/**
 * What a secret hash belongs to: a token's own secret (`link: null`), or a
 * link (`link` set, `token` its token). See
 * {@link SharedTokenRepository.findCredentialBySecretHash}.
 *
 * @example
 * ```ts
 * const found: CredentialMatch | null = await repository.findCredentialBySecretHash(hash);
 * const linkId = found?.link?.id; // null for a token's own secret
 * ```
 */
export interface CredentialMatch {
  /** The token whose access the credential grants (its own secret, or the link's token). */
  readonly token: StoredSharedToken;
  /** The link whose secret hash matched, or `null` when the hash is the token's own (current or previous). */
  readonly link: StoredSharedLink | null;
}

/**
 * Where shared tokens, token filters and sharing links live.
 *
 * Rules every implementation keeps (the conformance suite in
 * `shared-tokens/testing` checks each one):
 *
 * - **Account scoping.** Every method except {@link SharedTokenRepository.findTokenBySecretHash}
 *   and {@link SharedTokenRepository.findCredentialBySecretHash}
 *   takes the account id first and sees only that account's records. Ids are
 *   unique per account only: two accounts may hold records with the same id,
 *   and they never see, change or conflict with each other.
 * - **Misses are `null`** (or omitted from a list), never an error.
 * - **Copies.** Every returned object is a fresh, deeply frozen copy; objects
 *   passed in are copied before being stored. A caller can never change stored
 *   state by mutating an object.
 * - **Optimistic versions.** Every write states the version it expects; a
 *   stale one is `CONFLICT`. Versions only grow; `recordTokenUsage` and
 *   `recordLinkUsage` never change them.
 * - **One secret-hash space.** A hash answers to at most one credential in
 *   the whole repository: a token's `secretHash`, a token's
 *   `previousSecret.hash`, or a link's `secretHash`.
 * - **Atomicity.** A `commit` applies all its changes or none.
 * - **Stable listings.** Lists are ordered by `createdAt`, then `id`, and page
 *   by an opaque cursor: paging through a listing while others insert and
 *   delete returns every record that existed throughout exactly once.
 * - **Errors** are `SharedTokenError`: `CONFLICT` and `VALIDATION` as
 *   documented per method; adapters wrap driver failures as `REPOSITORY` with
 *   the driver error as `cause`.
 *
 * @example
 * ```ts
 * const repository: SharedTokenRepository = createInMemoryRepository();
 * await repository.commit('acct-1', [{ type: 'put-filter', filter, expectedVersion: null }]);
 * await repository.getFilter('acct-1', filter.id); // a frozen copy of `filter`
 * await repository.getFilter('acct-2', filter.id); // null: other accounts do not see it
 * ```
 */
export interface SharedTokenRepository {
  /**
   * The filter with this id in this account, or `null`.
   *
   * @example
   * ```ts
   * const filter = await repository.getFilter('acct-1', 'flt_1'); // TokenFilter | null
   * ```
   */
  getFilter(accountId: string, id: string): Promise<TokenFilter | null>;

  /**
   * The filters of this account with these ids, in the order of `ids`.
   * Misses (unknown ids, other accounts' ids) are omitted; an id given twice
   * yields its filter twice.
   *
   * @example
   * ```ts
   * await repository.getFilters('acct-1', ['flt_2', 'missing', 'flt_1']); // [flt_2, flt_1]
   * ```
   */
  getFilters(accountId: string, ids: readonly string[]): Promise<readonly TokenFilter[]>;

  /**
   * The filter of this account with exactly this `field` and `value`
   * (case-sensitive, no trimming), or `null`. At most one exists: `commit`
   * keeps the pair unique per account.
   *
   * @example
   * ```ts
   * await repository.findFilterByFieldValue('acct-1', 'kubernetes.namespace', 'prod');
   * ```
   */
  findFilterByFieldValue(accountId: string, field: string, value: string): Promise<TokenFilter | null>;

  /**
   * One page of this account's filters, ordered by `createdAt`, then `id`.
   *
   * @param page - Defaults to the first page of {@link DEFAULT_PAGE_LIMIT} items.
   * @throws SharedTokenError `VALIDATION` for a bad `limit` or a cursor this repository did not issue.
   * @example
   * ```ts
   * const { items, nextCursor } = await repository.listFilters('acct-1', { limit: 20 });
   * ```
   */
  listFilters(accountId: string, page?: PageRequest): Promise<Page<TokenFilter>>;

  /**
   * The token with this id in this account (with its secret hashes), or `null`.
   *
   * @example
   * ```ts
   * const token = await repository.getToken('acct-1', 'tok_1'); // StoredSharedToken | null
   * ```
   */
  getToken(accountId: string, id: string): Promise<StoredSharedToken | null>;

  /**
   * The token of this account whose name equals `name` case-insensitively
   * (both sides lower-cased with `toLowerCase`), or `null`. At most one exists:
   * `commit` keeps lower-cased names unique per account.
   *
   * @example
   * ```ts
   * await repository.findTokenByName('acct-1', 'GRAFANA'); // finds the token named "Grafana"
   * ```
   */
  findTokenByName(accountId: string, name: string): Promise<StoredSharedToken | null>;

  /**
   * The token, in any account, whose `secretHash` or `previousSecret.hash`
   * equals `secretHash`, or `null`. Indexed: `resolve(secret)` costs one
   * hash and this one lookup. Whether a previous secret's grace period has
   * ended is the caller's decision (`previousSecret.validUntil`), not the
   * repository's.
   *
   * @example
   * ```ts
   * const token = await repository.findTokenBySecretHash(await hashSecret(secret));
   * ```
   */
  findTokenBySecretHash(secretHash: string): Promise<StoredSharedToken | null>;

  /**
   * One page of this account's tokens, ordered by `createdAt`, then `id`.
   *
   * @param page - Defaults to the first page of {@link DEFAULT_PAGE_LIMIT} items.
   * @throws SharedTokenError `VALIDATION` for a bad `limit` or a cursor this repository did not issue.
   * @example
   * ```ts
   * const { items, nextCursor } = await repository.listTokens('acct-1');
   * ```
   */
  listTokens(accountId: string, page?: PageRequest): Promise<Page<StoredSharedToken>>;

  /**
   * Every token of this account whose `filterIds` contains `filterId`,
   * ordered by `createdAt`, then `id` (empty when none, or when the filter
   * does not exist). Served from a reverse index, so it stays cheap.
   *
   * @example
   * ```ts
   * const affected = await repository.listTokensByFilter('acct-1', 'flt_1');
   * ```
   */
  listTokensByFilter(accountId: string, filterId: string): Promise<readonly StoredSharedToken[]>;

  /**
   * Applies all `changes` atomically, or none of them. Changes apply in
   * order, so a later change in the batch sees the earlier ones (create a
   * filter, then a token using it; or put version 2, then version 3 of the
   * same record). Concurrent commits are serialized: each sees the other
   * complete or not at all.
   *
   * Fails, changing nothing, with a `SharedTokenError`:
   * - `VALIDATION` when a written record's `accountId` differs from
   *   `accountId` (context `ids`), or a change is malformed (context
   *   `issues`, paths starting at the change's index).
   * - `CONFLICT` when a change's `expectedVersion` is not the stored version
   *   (`null`: the record must not exist), or a written record's `version`
   *   is not `expectedVersion + 1` (1 on create). Context: `ids`
   *   (`filterId` or `tokenId`, and `accountId`), `expectedVersion`,
   *   `actualVersion` (the stored version; absent when there is none).
   * - `CONFLICT` when, after the batch, two filters of the account share
   *   (`field`, `value`), or two tokens share a lower-cased `name`. Context:
   *   `existingId` (the record already holding it), `ids`.
   * - `CONFLICT` when, after the batch, two credentials (in any accounts)
   *   answer to the same secret hash: tokens' `secretHash` and
   *   `previousSecret.hash`, and links' `secretHash`, all in one space.
   *   Context: `ids`, and `existingId` only when the holder is in the same
   *   account.
   * - `CONFLICT` when, after the batch, a token written in it references a
   *   filter id that does not exist in the account, or a filter deleted in it
   *   is still referenced by a token. Context: `ids` (`tokenId`, `filterId`).
   * - `CONFLICT` when, after the batch, a link written in it belongs to a
   *   token that does not exist in the account. Context: `ids` (`linkId`,
   *   `tokenId`).
   * - `CONFLICT` when, after the batch, a link written in it, or any link of
   *   a token written in it, expires later than its token (`expiresAt`
   *   compared as instants; `null` is never, so a link of a token that
   *   expires must expire too). Context: `ids` (`linkId`, `tokenId`). A
   *   change moving a token's expiry earlier therefore writes its later
   *   links in the same batch; one racing with a new link is refused.
   *
   * @example
   * ```ts
   * await repository.commit('acct-1', [
   *   { type: 'put-filter', filter: { ...filter, version: 1 }, expectedVersion: null },
   *   { type: 'put-token', token: { ...token, filterIds: [filter.id], version: 1 }, expectedVersion: null },
   * ]);
   * ```
   */
  commit(accountId: string, changes: readonly RepositoryChange[]): Promise<void>;

  /**
   * Sets the token's `lastUsedAt` without touching `version` or `updatedAt`,
   * so usage never conflicts with an admin's edit. A no-op when the token
   * does not exist in this account.
   *
   * @example
   * ```ts
   * await repository.recordTokenUsage('acct-1', 'tok_1', new Date().toISOString());
   * ```
   */
  recordTokenUsage(accountId: string, tokenId: string, lastUsedAt: string): Promise<void>;

  /**
   * The link with this id in this account (with its secret hash), or `null`.
   *
   * @example
   * ```ts
   * const link = await repository.getLink('acct-1', 'lnk_1'); // StoredSharedLink | null
   * ```
   */
  getLink(accountId: string, id: string): Promise<StoredSharedLink | null>;

  /**
   * The credential, in any account, whose secret hash equals `secretHash`:
   * a token by its `secretHash` or `previousSecret.hash` (`link: null`), or
   * a link by its `secretHash` together with the link's token. `null` when
   * nothing answers to it. Indexed: `resolve(secret)` costs one hash and this
   * one lookup, whichever kind of secret it is given. Like
   * {@link SharedTokenRepository.findTokenBySecretHash}, it does not judge
   * validity (paused, expired, grace period ended): the caller does.
   *
   * @example
   * ```ts
   * const found = await repository.findCredentialBySecretHash(await hashSecret(secret));
   * // { token, link: null } for a token's secret, { token, link } for a link's
   * ```
   */
  findCredentialBySecretHash(secretHash: string): Promise<CredentialMatch | null>;

  /**
   * One page of this account's links in `scope` (all of them when the scope
   * is empty), ordered by `createdAt`, then `id`, with the paging rules of
   * the other listings.
   *
   * @param page - Defaults to the first page of {@link DEFAULT_PAGE_LIMIT} items.
   * @throws SharedTokenError `VALIDATION` for a bad `limit` or a cursor this repository did not issue.
   * @example
   * ```ts
   * const mine = await repository.listLinks('acct-1', { createdBy: 'bob' }, { limit: 20 });
   * const ofToken = await repository.listLinks('acct-1', { tokenId: 'tok_1' });
   * ```
   */
  listLinks(accountId: string, scope: LinkScope, page?: PageRequest): Promise<Page<StoredSharedLink>>;

  /**
   * Sets the link's `lastUsedAt` to the later of the stored instant and
   * `lastUsedAt` (a use is never forgotten, so concurrent writes need no
   * version), without touching `version` or `updatedAt`. A no-op when the
   * link does not exist in this account. Never `CONFLICT`.
   *
   * @example
   * ```ts
   * await repository.recordLinkUsage('acct-1', 'lnk_1', new Date().toISOString());
   * ```
   */
  recordLinkUsage(accountId: string, linkId: string, lastUsedAt: string): Promise<void>;
}

/**
 * The names of every {@link SharedTokenRepository} method, for code that
 * checks or wraps a repository as a whole (instrumentation, retries, tests).
 *
 * @example
 * ```ts
 * const isRepository = REPOSITORY_METHOD_NAMES.every((name) => typeof candidate[name] === 'function');
 * ```
 */
export const REPOSITORY_METHOD_NAMES = Object.freeze([
  'getFilter',
  'getFilters',
  'findFilterByFieldValue',
  'listFilters',
  'getToken',
  'findTokenByName',
  'findTokenBySecretHash',
  'listTokens',
  'listTokensByFilter',
  'commit',
  'recordTokenUsage',
  'getLink',
  'findCredentialBySecretHash',
  'listLinks',
  'recordLinkUsage',
] as const satisfies readonly (keyof SharedTokenRepository)[]);

// Fails to compile when a method is added to the contract but not to the list.
type MissingMethodName = Exclude<keyof SharedTokenRepository, (typeof REPOSITORY_METHOD_NAMES)[number]>;
const everyMethodListed: [MissingMethodName] extends [never] ? true : MissingMethodName = true;
void everyMethodListed;
