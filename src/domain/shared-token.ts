/** An account id: opaque and non-empty. */
export type AccountId = string;

/**
 * How a token combines its filters: `AND` (the default; every filter added
 * narrows access) or `OR` (every filter added widens it).
 */
export type { FiltersOperator } from '../access/expression/expression.js';
import type { FiltersOperator } from '../access/expression/expression.js';

/** `active` or `paused`. *Expired* is not a status: it is derived from `expiresAt`. */
export type TokenStatus = 'active' | 'paused';

/**
 * A shared token as the library returns it: never its secret, never its hash.
 *
 * Plain, deeply frozen and JSON-serializable; times are ISO-8601 strings (UTC).
 * With no filters the token is *unrestricted*: it sees every log of its account.
 *
 * @example
 * ```ts
 * const { token, secret } = await tokens.createToken(admin, { name: 'Payments dashboard', filterIds: ['f1'] });
 * ```
 */
export interface SharedToken {
  /** Opaque id, unique within the library's storage. */
  readonly id: string;
  /** The account whose logs the token reads. */
  readonly accountId: AccountId;
  /** Human name, unique per account compared case-insensitively. */
  readonly name: string;
  /** The secret's prefix and last 4 characters, to recognise it in a list; not secret. */
  readonly hint: string;
  /** Ids of the token's filters: a set (unique, sorted). Empty = unrestricted. */
  readonly filterIds: readonly string[];
  readonly filtersOperator: FiltersOperator;
  readonly status: TokenStatus;
  readonly createdAt: string;
  readonly createdBy: string;
  /** When the token last changed (ISO-8601); usage does not count as a change. */
  readonly updatedAt: string;
  /** When the token stops working (ISO-8601), or `null` for never. */
  readonly expiresAt: string | null;
  /** When the token was last resolved, to within `policy.lastUsedResolution`; `null` if never. */
  readonly lastUsedAt: string | null;
  /** Optimistic-concurrency version: 1 on creation, +1 on every change (not on usage). */
  readonly version: number;
}

/** The previous secret after a rotation with a grace period: its hash and when it stops working. */
export interface PreviousSecret {
  /** Hash of the previous secret (`SecretCodec.hash`). */
  readonly hash: string;
  /** ISO-8601 instant after which the previous secret is refused. */
  readonly validUntil: string;
}

/**
 * What a repository stores for a token: the public token plus the hashes of its
 * secrets. Never a secret. The service never returns this shape to callers.
 */
export interface StoredSharedToken extends SharedToken {
  /** Hash of the current secret (`SecretCodec.hash`). */
  readonly secretHash: string;
  /** The previous secret during a rotation grace period, else `null`. */
  readonly previousSecret: PreviousSecret | null;
}
