import type { Actor } from '../domain/actor.js';
import { SharedTokenError } from '../errors.js';
import type { SharedTokenEvent } from '../domain/events.js';
import { createSecretCodec, type SecretOptions } from '../domain/secret.js';
import type { SharedToken } from '../domain/shared-token.js';
import type { TokenFilter } from '../domain/token-filter.js';
import type { Page, PageRequest, SharedTokenRepository } from '../repository/contract.js';
import { REPOSITORY_METHOD_NAMES } from '../repository/contract.js';
import { systemClock, type Clock } from './clock.js';
import type { ServiceContext } from './context.js';
import { createEventSink } from './event-sink.js';
import type { FilterDeletionPreview, FilterDeletionResult } from './filter-deletion.js';
import * as filterUseCases from './filter-use-cases.js';
import { wrapRepositoryFailures } from './repository-failures.js';
import { hygieneReport, type HygieneReport } from './hygiene-report.js';
import { effectivePolicy, type SharedTokensPolicy } from './policy.js';
import { resolve, type ResolvedAccess } from './resolve.js';
import * as tokenFilterUseCases from './token-filter-use-cases.js';
import type { TokenWithSecret } from './token-results.js';
import * as tokenUseCases from './token-use-cases.js';
import * as linkUseCases from './link-use-cases.js';
import type { LinkWithSecret } from './link-use-cases.js';
import { previewAccess, type AccessPreview, type PreviewAccessOptions, type PreviewTarget } from './preview-access.js';
import type { SharedLink } from '../domain/shared-link.js';

/**
 * What `createSharedTokens` needs.
 *
 * @example
 * ```ts
 * const options: SharedTokensOptions = {
 *   repository: createInMemoryRepository(),
 *   policy: { requireFilters: true },
 *   onEvent: (event) => auditLog.write(event),
 *   secrets: { prefix: 'acme_', pepper: process.env.TOKEN_PEPPER },
 * };
 * ```
 */
export interface SharedTokensOptions {
  readonly repository: SharedTokenRepository;
  /** The time source. Default: the system clock. */
  readonly clock?: Clock;
  /** The host's rules. Default: filters optional, 7-day default lifetime, no maximum, `lastUsedAt` every 60 s, links unused after 30 days. */
  readonly policy?: SharedTokensPolicy;
  /** Called synchronously after every committed change; its exceptions are ignored (the change has happened). */
  readonly onEvent?: (event: SharedTokenEvent) => unknown;
  /** Secret prefix (default `shtk_`) and optional pepper for keyed hashing. */
  readonly secrets?: SecretOptions;
}

/**
 * Options accepted by `pauseToken`, `resumeToken` and `deleteToken`.
 *
 * @example
 * ```ts
 * await tokens.pauseToken(admin, token.id, { expectedVersion: token.version });
 * ```
 */
export interface VersionOptions {
  /** Fail with `CONFLICT` unless the token is at this version. Default: apply to whatever version is current. */
  readonly expectedVersion?: number;
}

/**
 * The use cases. Every method throws only {@link SharedTokenError}s: `VALIDATION` for bad
 * arguments (nothing changed), `FORBIDDEN` for a member managing, `NOT_FOUND` for objects of
 * other accounts. With `expectedVersion`, a token changed since it was read is a `CONFLICT`;
 * without, the change applies to the current version (a lost race is retried). A no-op change
 * commits nothing.
 *
 * @example
 * ```ts
 * const tokens = createSharedTokens({ repository: createInMemoryRepository() });
 * const admin = { accountId: 'acme', userId: 'alice', role: 'admin' } as const;
 * const filter = await tokens.createFilter(admin, { field: 'kubernetes.namespace', value: 'payments' });
 * const { token, secret } = await tokens.createToken(admin, { name: 'Payments board', filterIds: [filter.id] });
 * const access = await tokens.resolve(secret); // access.filters: [filter]
 * ```
 */
export interface SharedTokens {
  /**
   * Creates an account-wide filter `field: value` (admin). The value is kept exactly as typed.
   *
   * @throws SharedTokenError `CONFLICT` with `existingId` when the account already has this field and value.
   * @example
   * ```ts
   * await tokens.createFilter(admin, { field: 'service.name', value: 'checkout', description: 'Checkout team' });
   * ```
   */
  createFilter(actor: Actor, input: { field: string; value: string; description?: string }): Promise<TokenFilter>;

  /**
   * One page of the account's filters, oldest first (admin or member).
   *
   * @example
   * ```ts
   * const { items, nextCursor } = await tokens.listFilters(member, { limit: 100 });
   * ```
   */
  listFilters(actor: Actor, page?: PageRequest): Promise<Page<TokenFilter>>;

  /**
   * One filter (admin or member); `NOT_FOUND` if it is not in the actor's account.
   *
   * @example
   * ```ts
   * const filter = await tokens.getFilter(member, filterId);
   * ```
   */
  getFilter(actor: Actor, filterId: string): Promise<TokenFilter>;

  /**
   * What deleting a filter would do to each token using it, and the confirmation `deleteFilter` needs (admin).
   *
   * @example
   * ```ts
   * const preview = await tokens.previewFilterDeletion(admin, filterId);
   * preview.affectedTokens.map((a) => `${a.token.name}: ${a.effect}`); // ['Payments board: widens']
   * ```
   */
  previewFilterDeletion(actor: Actor, filterId: string): Promise<FilterDeletionPreview>;

  /**
   * Deletes a filter and detaches it from every token, atomically (admin).
   *
   * @throws SharedTokenError `NOT_FOUND` (checked before the confirmation); `CONFIRMATION_REQUIRED`
   * when the confirmation is missing or not that of a current preview, with `context.affectedTokenCount`
   * for a UI; `VALIDATION` for a malformed `input`; `POLICY` when `requireFilters` is on and a token
   * would lose its last filter.
   * @example
   * ```ts
   * const { confirmation } = await tokens.previewFilterDeletion(admin, filterId);
   * await tokens.deleteFilter(admin, filterId, { confirm: confirmation });
   * ```
   */
  deleteFilter(actor: Actor, filterId: string, input?: { confirm: string }): Promise<FilterDeletionResult>;

  /**
   * Creates a token (admin) and returns its secret, the only time it is returned; recipients get
   * links (`createLink`) with secrets of their own. Defaults: no filters (unrestricted), `'AND'`,
   * `expiresAt` now + the policy's default lifetime (7 days); `null` = never.
   *
   * @throws SharedTokenError `NOT_FOUND` for an unknown filter id; `CONFLICT` with `existingId` for a
   * name already used in the account (case-insensitively); `POLICY` for no filters under
   * `requireFilters`, or an expiry the policy forbids.
   * @example
   * ```ts
   * const { token, secret } = await tokens.createToken(admin, { name: 'Grafana', filterIds: [f1.id, f2.id] });
   * ```
   */
  createToken(
    actor: Actor,
    input: { name: string; filterIds?: readonly string[]; filtersOperator?: 'AND' | 'OR'; expiresAt?: string | null },
  ): Promise<TokenWithSecret>;

  /**
   * One page of the account's tokens, oldest first (admin or member). Never secrets or hashes.
   *
   * @example
   * ```ts
   * const { items } = await tokens.listTokens(member);
   * ```
   */
  listTokens(actor: Actor, page?: PageRequest): Promise<Page<SharedToken>>;

  /**
   * One token (admin or member); `NOT_FOUND` if it is not in the actor's account.
   *
   * @example
   * ```ts
   * const token = await tokens.getToken(member, tokenId);
   * ```
   */
  getToken(actor: Actor, tokenId: string): Promise<SharedToken>;

  /**
   * Renames a token (admin).
   *
   * @throws SharedTokenError `CONFLICT` with `existingId` when another token has the name (case-insensitively).
   * @example
   * ```ts
   * await tokens.renameToken(admin, tokenId, { name: 'Grafana (prod)' });
   * ```
   */
  renameToken(actor: Actor, tokenId: string, input: { name: string; expectedVersion?: number }): Promise<SharedToken>;

  /**
   * Replaces the token's filter set (empty = unrestricted) and optionally its operator (admin).
   * Unknown ids: `NOT_FOUND`, nothing changes.
   *
   * @example
   * ```ts
   * await tokens.setTokenFilters(admin, tokenId, { filterIds: [f1.id, f2.id], filtersOperator: 'OR' });
   * ```
   */
  setTokenFilters(
    actor: Actor,
    tokenId: string,
    input: { filterIds: readonly string[]; filtersOperator?: 'AND' | 'OR'; expectedVersion?: number },
  ): Promise<SharedToken>;

  /**
   * Adds filters to the token's set (admin). Unknown ids: `NOT_FOUND`, nothing changes.
   *
   * @example
   * ```ts
   * await tokens.attachFilters(admin, tokenId, { filterIds: [f3.id] });
   * ```
   */
  attachFilters(actor: Actor, tokenId: string, input: { filterIds: readonly string[]; expectedVersion?: number }): Promise<SharedToken>;

  /**
   * Removes filters from the token's set (admin). Ids the token lacks are ignored; unknown ids are `NOT_FOUND`.
   *
   * @example
   * ```ts
   * await tokens.detachFilters(admin, tokenId, { filterIds: [f3.id] });
   * ```
   */
  detachFilters(actor: Actor, tokenId: string, input: { filterIds: readonly string[]; expectedVersion?: number }): Promise<SharedToken>;

  /**
   * Sets when the token expires (admin); `null` = never. Must be in the future (`VALIDATION`) and
   * within `maxLifetime` of the token's creation (`POLICY`).
   *
   * @example
   * ```ts
   * await tokens.setTokenExpiry(admin, tokenId, { expiresAt: '2026-12-31T23:59:59Z' });
   * ```
   */
  setTokenExpiry(actor: Actor, tokenId: string, input: { expiresAt: string | null; expectedVersion?: number }): Promise<SharedToken>;

  /**
   * Pauses a token (admin): `resolve` refuses it with `TOKEN_PAUSED` from the next request on.
   *
   * @example
   * ```ts
   * await tokens.pauseToken(admin, tokenId);
   * ```
   */
  pauseToken(actor: Actor, tokenId: string, options?: VersionOptions): Promise<SharedToken>;

  /**
   * Resumes a paused token (admin).
   *
   * @example
   * ```ts
   * await tokens.resumeToken(admin, tokenId);
   * ```
   */
  resumeToken(actor: Actor, tokenId: string, options?: VersionOptions): Promise<SharedToken>;

  /**
   * Gives the token a new secret, returned once (admin). The old secret keeps working for
   * `gracePeriod` ms (default 0, at most 30 days); an older one still in its grace period stops.
   *
   * @example
   * ```ts
   * const { secret } = await tokens.rotateTokenSecret(admin, tokenId, { gracePeriod: 3_600_000 });
   * ```
   */
  rotateTokenSecret(
    actor: Actor,
    tokenId: string,
    options?: { gracePeriod?: number; expectedVersion?: number },
  ): Promise<TokenWithSecret>;

  /**
   * Deletes a token (admin); its secret stops working at once.
   *
   * @example
   * ```ts
   * await tokens.deleteToken(admin, tokenId);
   * ```
   */
  deleteToken(actor: Actor, tokenId: string, options?: VersionOptions): Promise<void>;

  /**
   * What the holder of `secret` (a token's, current or within its grace period, or a link's) may
   * see right now. Format and checksum are checked before any storage access; everything is read
   * fresh, so a pause, expiry, deletion or filter change applies from the next call on.
   * `lastUsedAt` of link and token is written at most once per `policy.lastUsedResolution`; a failed
   * usage write never fails the call (it becomes a `token.usage-write-failed` event).
   *
   * @throws SharedTokenError
   * - `TOKEN_INVALID` (no context): not a well-formed secret; no token or link answers to it
   *   (never issued, rotated away, revoked, or its token deleted); a previous secret past its grace period.
   * - `TOKEN_EXPIRED`: the token has expired, or the link has.
   * - `TOKEN_PAUSED`: the token is paused.
   * - `CONFLICT`: the token's filters changed three times while being read (retry the call).
   * - `REPOSITORY`: the repository failed while reading (its error is the `cause`).
   * - `VALIDATION`: only if the clock given to `createSharedTokens` returns an invalid date.
   * @example
   * ```ts
   * const { filters, filtersOperator, unrestricted, link } = await tokens.resolve(request.headers['x-shared-token']);
   * ```
   */
  resolve(secret: string): Promise<ResolvedAccess>;

  /**
   * Tokens and filters worth a look (admin or member): unrestricted, never expiring, expiring within
   * `expiringWithinDays` (default 7), expired, unused for `unusedForDays` (default 30); unused
   * filters; values with `*`, `?` or surrounding whitespace.
   *
   * @example
   * ```ts
   * const report = await tokens.hygieneReport(admin, { expiringWithinDays: 14 });
   * ```
   */
  hygieneReport(actor: Actor, options?: { expiringWithinDays?: number; unusedForDays?: number }): Promise<HygieneReport>;

  /**
   * Creates a sharing link to a token (admin or member) and returns its secret, the only time it
   * is returned. The link grants the token's current access, whatever it becomes. `expiresAt`
   * defaults to the token's, may be earlier, never later, and follows the token's down.
   *
   * @throws SharedTokenError `NOT_FOUND` for a token not in the actor's account; `VALIDATION` for an
   * `expiresAt` in the past or later than the token's (context `tokenExpiresAt`); `TOKEN_EXPIRED`
   * when the token has already expired.
   * @example
   * ```ts
   * const { link, secret } = await tokens.createLink(member, tokenId, { label: 'Acme support', target: '/dashboards/checkout' });
   * ```
   */
  createLink(
    actor: Actor,
    tokenId: string,
    input?: { label?: string | null; target?: string | null; expiresAt?: string | null },
  ): Promise<LinkWithSecret>;

  /**
   * One page of links, oldest first: an admin sees the account's, a member their own; `tokenId`
   * narrows to one token's.
   *
   * @example
   * ```ts
   * const { items, nextCursor } = await tokens.listLinks(member, { tokenId, limit: 20 });
   * ```
   */
  listLinks(actor: Actor, options?: { tokenId?: string; limit?: number; cursor?: string | null }): Promise<Page<SharedLink>>;

  /**
   * Revokes a link (its creator or an admin): its secret stops at once; the token and other links keep working.
   *
   * @throws SharedTokenError `FORBIDDEN` for a member revoking another user's link; `NOT_FOUND` for a
   * link not in the actor's account (or already revoked).
   * @example
   * ```ts
   * await tokens.revokeLink(member, linkId);
   * ```
   */
  revokeLink(actor: Actor, linkId: string): Promise<void>;

  /**
   * What a token's recipients (or a draft filter set's) would see among sample documents (admin or
   * member): per document, visible or not, each filter's match and the reason in words. Decided by
   * `toPredicate` over the expression `resolve` returns, so the preview says what the engine does.
   *
   * @param target - `{ tokenId }`, or a draft `{ filterIds, filtersOperator? }` (default `'AND'`).
   * @param documents - Up to 10,000 `_source` documents.
   * @throws SharedTokenError `NOT_FOUND` for a token or filter not in the account; `VALIDATION` for
   * malformed input, or a filter value the field's type rejects (as `toElasticsearchQuery` would).
   * @example
   * ```ts
   * const preview = await tokens.previewAccess(member, { tokenId }, docs, { fields: fieldTypesFromMapping(mapping) });
   * preview.documents[0].explanation; // 'hidden: service.name = "checkout" did not match'
   * ```
   */
  previewAccess(
    actor: Actor,
    target: PreviewTarget,
    documents: readonly unknown[],
    options?: PreviewAccessOptions,
  ): Promise<AccessPreview>;
}

/**
 * Creates the use cases over a repository.
 *
 * @throws SharedTokenError `VALIDATION` for a malformed policy or secret options.
 * @example
 * ```ts
 * import { createInMemoryRepository, createSharedTokens } from 'shared-tokens';
 *
 * const tokens = createSharedTokens({
 *   repository: createInMemoryRepository(),
 *   policy: { requireFilters: true, maxLifetime: 90 * 86_400_000 },
 *   onEvent: (event) => auditLog.append(event),
 * });
 * ```
 */
export function createSharedTokens(options: SharedTokensOptions): SharedTokens {
  const given: unknown = options;
  if (typeof given !== 'object' || given === null) throw optionError([], 'must be an object with a repository');
  const { repository, clock, policy, onEvent, secrets } = given as Record<string, unknown>;
  if (!isRepository(repository)) throw optionError(['repository'], 'must implement SharedTokenRepository');
  if (clock !== undefined && (typeof clock !== 'object' || clock === null || typeof (clock as Clock).now !== 'function')) {
    throw optionError(['clock'], 'must be an object with a now() method');
  }
  if (onEvent !== undefined && typeof onEvent !== 'function') throw optionError(['onEvent'], 'must be a function');
  if (secrets !== undefined && (typeof secrets !== 'object' || secrets === null)) {
    throw optionError(['secrets'], 'must be an object { prefix?, pepper? }');
  }
  const ctx: ServiceContext = {
    repository: wrapRepositoryFailures(repository),
    clock: checkedClock((clock as Clock | undefined) ?? systemClock),
    policy: effectivePolicy(policy),
    secrets: createSecretCodec(secrets as SecretOptions | undefined),
    events: createEventSink(onEvent as ((event: SharedTokenEvent) => unknown) | undefined),
  };
  return Object.freeze({
    createFilter: (actor, input) => filterUseCases.createFilter(ctx, actor, input),
    listFilters: (actor, page) => filterUseCases.listFilters(ctx, actor, page),
    getFilter: (actor, filterId) => filterUseCases.getFilter(ctx, actor, filterId),
    previewFilterDeletion: (actor, filterId) => filterUseCases.previewFilterDeletion(ctx, actor, filterId),
    deleteFilter: (actor, filterId, input) => filterUseCases.deleteFilter(ctx, actor, filterId, input),
    createToken: (actor, input) => tokenUseCases.createToken(ctx, actor, input),
    listTokens: (actor, page) => tokenUseCases.listTokens(ctx, actor, page),
    getToken: (actor, tokenId) => tokenUseCases.getToken(ctx, actor, tokenId),
    renameToken: (actor, tokenId, input) => tokenUseCases.renameToken(ctx, actor, tokenId, input),
    setTokenFilters: (actor, tokenId, input) => tokenFilterUseCases.setTokenFilters(ctx, actor, tokenId, input),
    attachFilters: (actor, tokenId, input) => tokenFilterUseCases.attachFilters(ctx, actor, tokenId, input),
    detachFilters: (actor, tokenId, input) => tokenFilterUseCases.detachFilters(ctx, actor, tokenId, input),
    setTokenExpiry: (actor, tokenId, input) => tokenUseCases.setTokenExpiry(ctx, actor, tokenId, input),
    pauseToken: (actor, tokenId, opts) => tokenUseCases.pauseToken(ctx, actor, tokenId, opts),
    resumeToken: (actor, tokenId, opts) => tokenUseCases.resumeToken(ctx, actor, tokenId, opts),
    rotateTokenSecret: (actor, tokenId, opts) => tokenUseCases.rotateTokenSecret(ctx, actor, tokenId, opts),
    deleteToken: (actor, tokenId, opts) => tokenUseCases.deleteToken(ctx, actor, tokenId, opts),
    resolve: (secret) => resolve(ctx, secret),
    hygieneReport: (actor, opts) => hygieneReport(ctx, actor, opts),
    createLink: (actor, tokenId, input) => linkUseCases.createLink(ctx, actor, tokenId, input),
    listLinks: (actor, opts) => linkUseCases.listLinks(ctx, actor, opts),
    revokeLink: (actor, linkId) => linkUseCases.revokeLink(ctx, actor, linkId),
    previewAccess: (actor, target, documents, opts) => previewAccess(ctx, actor, target, documents, opts),
  } satisfies SharedTokens);
}

function isRepository(value: unknown): value is SharedTokenRepository {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return REPOSITORY_METHOD_NAMES.every((name) => typeof candidate[name] === 'function');
}

function optionError(path: string[], message: string): SharedTokenError {
  return new SharedTokenError('VALIDATION', `Invalid createSharedTokens options: ${[...path, message].join(' ')}`, {
    issues: [{ path, message }],
  });
}

// A host clock returning garbage would otherwise surface as a RangeError deep in a use case.
function checkedClock(clock: Clock): Clock {
  return {
    now: () => {
      const now: unknown = clock.now();
      if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
        throw new SharedTokenError('VALIDATION', 'The clock returned an invalid date', {
          issues: [{ path: ['clock'], message: 'now() must return a valid Date' }],
        });
      }
      return now;
    },
  };
}
