import type { Draft } from 'immer';
import { deepFreeze } from './deep-freeze.js';
import { toFilterIdSet } from './filter-id-set.js';
import { produce } from './immer.js';
import type { PreviousSecret, SharedToken, StoredSharedToken, FiltersOperator } from './shared-token.js';

/**
 * What a new token is made of (already validated). `secretHash` and `hint`
 * come from a secret codec; the secret itself never enters an aggregate.
 *
 * @example
 * ```ts
 * const init: NewSharedToken = { id: newId(), accountId, name: 'Grafana', hint, secretHash, filterIds: ['f1'],
 *   filtersOperator: 'AND', createdBy, at, expiresAt: null };
 * ```
 */
export interface NewSharedToken {
  readonly id: string;
  readonly accountId: string;
  readonly name: string;
  readonly hint: string;
  readonly secretHash: string;
  /** Filter ids (any order, duplicates allowed: stored as a set). */
  readonly filterIds: readonly string[];
  readonly filtersOperator: FiltersOperator;
  readonly createdBy: string;
  readonly at: string;
  /** When the token expires (ISO-8601), or `null` for never. */
  readonly expiresAt: string | null;
}

/**
 * A new frozen active token at version 1, never used.
 *
 * @example
 * ```ts
 * const token = createSharedToken(init);
 * token.version; // 1
 * token.status;  // 'active'
 * ```
 */
export function createSharedToken(init: NewSharedToken): StoredSharedToken {
  return deepFreeze({
    id: init.id,
    accountId: init.accountId,
    name: init.name,
    hint: init.hint,
    filterIds: toFilterIdSet(init.filterIds),
    filtersOperator: init.filtersOperator,
    status: 'active',
    createdAt: init.at,
    createdBy: init.createdBy,
    updatedAt: init.at,
    expiresAt: init.expiresAt,
    lastUsedAt: null,
    version: 1,
    secretHash: init.secretHash,
    previousSecret: null,
  });
}

/**
 * The token renamed.
 *
 * @example
 * ```ts
 * renameToken(token, 'Grafana (prod)', '2026-01-02T00:00:00.000Z').name; // 'Grafana (prod)'
 * ```
 */
export function renameToken<T extends SharedToken>(token: T, name: string, at: string): T {
  return change(token, at, (draft) => {
    draft.name = name;
  });
}

/**
 * The token with exactly these filters (stored as a set) and operator.
 *
 * @example
 * ```ts
 * setTokenFilters(token, ['f2', 'f1', 'f2'], 'OR', at).filterIds; // ['f1', 'f2']
 * ```
 */
export function setTokenFilters<T extends SharedToken>(
  token: T,
  filterIds: readonly string[],
  filtersOperator: FiltersOperator,
  at: string,
): T {
  return change(token, at, (draft) => {
    draft.filterIds = [...toFilterIdSet(filterIds)];
    draft.filtersOperator = filtersOperator;
  });
}

/**
 * The token with these filters added to its set.
 *
 * @example
 * ```ts
 * attachTokenFilters({ ...token, filterIds: ['a'] }, ['b'], at).filterIds; // ['a', 'b']
 * ```
 */
export function attachTokenFilters<T extends SharedToken>(token: T, filterIds: readonly string[], at: string): T {
  return setTokenFilters(token, [...token.filterIds, ...filterIds], token.filtersOperator, at);
}

/**
 * The token with these filters removed from its set (ids it does not have are ignored).
 *
 * @example
 * ```ts
 * detachTokenFilters({ ...token, filterIds: ['a', 'b'] }, ['a', 'x'], at).filterIds; // ['b']
 * ```
 */
export function detachTokenFilters<T extends SharedToken>(token: T, filterIds: readonly string[], at: string): T {
  const removed = new Set(filterIds);
  return setTokenFilters(
    token,
    token.filterIds.filter((id) => !removed.has(id)),
    token.filtersOperator,
    at,
  );
}

/**
 * The token with a new expiry (`null` = never).
 *
 * @example
 * ```ts
 * setTokenExpiry(token, null, at).expiresAt; // null
 * ```
 */
export function setTokenExpiry<T extends SharedToken>(token: T, expiresAt: string | null, at: string): T {
  return change(token, at, (draft) => {
    draft.expiresAt = expiresAt;
  });
}

/**
 * The token paused: `resolve` refuses it with `TOKEN_PAUSED` until resumed.
 *
 * @example
 * ```ts
 * pauseToken(token, at).status; // 'paused'
 * ```
 */
export function pauseToken<T extends SharedToken>(token: T, at: string): T {
  return change(token, at, (draft) => {
    draft.status = 'paused';
  });
}

/**
 * The token active again.
 *
 * @example
 * ```ts
 * resumeToken(pauseToken(token, at), at).status; // 'active'
 * ```
 */
export function resumeToken<T extends SharedToken>(token: T, at: string): T {
  return change(token, at, (draft) => {
    draft.status = 'active';
  });
}

/**
 * The token with a new secret (its hash and hint). The old secret's hash
 * becomes `previousSecret` until `previousValidUntil`, or is dropped at once
 * when that is `null`. A still-valid older previous secret is dropped: at most
 * two secrets work at any time.
 *
 * @example
 * ```ts
 * const rotated = rotateTokenSecret(token, { secretHash: newHash, hint: newHint, previousValidUntil: null }, at);
 * rotated.previousSecret; // null
 * ```
 */
export function rotateTokenSecret(
  token: StoredSharedToken,
  next: { readonly secretHash: string; readonly hint: string; readonly previousValidUntil: string | null },
  at: string,
): StoredSharedToken {
  const previousSecret: PreviousSecret | null =
    next.previousValidUntil === null ? null : { hash: token.secretHash, validUntil: next.previousValidUntil };
  return change(token, at, (draft) => {
    draft.secretHash = next.secretHash;
    draft.hint = next.hint;
    draft.previousSecret = previousSecret;
  });
}

/**
 * The token as callers may see it: everything but its secret hashes, frozen.
 *
 * @example
 * ```ts
 * 'secretHash' in toPublicToken(stored); // false
 * ```
 */
export function toPublicToken(token: SharedToken): SharedToken {
  return deepFreeze({
    id: token.id,
    accountId: token.accountId,
    name: token.name,
    hint: token.hint,
    filterIds: [...token.filterIds],
    filtersOperator: token.filtersOperator,
    status: token.status,
    createdAt: token.createdAt,
    createdBy: token.createdBy,
    updatedAt: token.updatedAt,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
    version: token.version,
  });
}

/**
 * True when the token's `expiresAt` is at or before `now`.
 *
 * @example
 * ```ts
 * isTokenExpired({ ...token, expiresAt: '2020-01-01T00:00:00.000Z' }, new Date()); // true
 * ```
 */
export function isTokenExpired(token: Pick<SharedToken, 'expiresAt'>, now: Date): boolean {
  return token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime();
}

function change<T extends SharedToken>(token: T, at: string, recipe: (draft: Draft<SharedToken & StoredSharedToken>) => void): T {
  return produce(token, (draft: Draft<T>) => {
    const d = draft as unknown as Draft<SharedToken & StoredSharedToken>;
    recipe(d);
    d.updatedAt = at;
    d.version = token.version + 1;
  }) as T;
}
