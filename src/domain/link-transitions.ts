import { deepFreeze } from './deep-freeze.js';
import type { SharedLink, StoredSharedLink } from './shared-link.js';

/**
 * What a new link is made of (already validated and authorized). `secretHash`
 * and `hint` come from a secret codec; the secret never enters an aggregate.
 *
 * @example
 * ```ts
 * const init: NewSharedLink = { id: newId(), accountId, tokenId, label: 'Acme support', target: null, hint, secretHash,
 *   createdBy, at, expiresAt: token.expiresAt };
 * ```
 */
export interface NewSharedLink {
  readonly id: string;
  readonly accountId: string;
  readonly tokenId: string;
  readonly label: string | null;
  readonly target: string | null;
  readonly hint: string;
  readonly secretHash: string;
  readonly createdBy: string;
  readonly at: string;
  /** When the link expires (ISO-8601), or `null` for never; at most the token's. */
  readonly expiresAt: string | null;
}

/**
 * A new frozen link at version 1, never used.
 *
 * @example
 * ```ts
 * createSharedLink(init).version; // 1
 * ```
 */
export function createSharedLink(init: NewSharedLink): StoredSharedLink {
  return deepFreeze({
    id: init.id,
    accountId: init.accountId,
    tokenId: init.tokenId,
    label: init.label,
    target: init.target,
    hint: init.hint,
    createdAt: init.at,
    createdBy: init.createdBy,
    updatedAt: init.at,
    expiresAt: init.expiresAt,
    lastUsedAt: null,
    version: 1,
    secretHash: init.secretHash,
  });
}

/**
 * True when `expiresAt` ends later than `limit` (`null` is never: it ends
 * later than any instant, and nothing ends later than `null`).
 *
 * @example
 * ```ts
 * expiresLaterThan(null, '2026-01-01T00:00:00.000Z'); // true
 * expiresLaterThan('2026-02-01T00:00:00.000Z', null); // false
 * ```
 */
export function expiresLaterThan(expiresAt: string | null, limit: string | null): boolean {
  if (limit === null) return false;
  return expiresAt === null || Date.parse(expiresAt) > Date.parse(limit);
}

/**
 * The link with its expiry brought down to its token's, or `null` when it
 * already expires no later (nothing to write).
 *
 * @example
 * ```ts
 * followTokenExpiry({ ...link, expiresAt: null }, '2026-01-08T00:00:00.000Z', at)?.expiresAt; // '2026-01-08T00:00:00.000Z'
 * ```
 */
export function followTokenExpiry(link: StoredSharedLink, tokenExpiresAt: string | null, at: string): StoredSharedLink | null {
  if (!expiresLaterThan(link.expiresAt, tokenExpiresAt)) return null;
  return deepFreeze({ ...link, expiresAt: tokenExpiresAt, updatedAt: at, version: link.version + 1 });
}

/**
 * The link as callers may see it: everything but its secret hash, frozen.
 *
 * @example
 * ```ts
 * 'secretHash' in toPublicLink(stored); // false
 * ```
 */
export function toPublicLink(link: SharedLink): SharedLink {
  return deepFreeze({
    id: link.id,
    accountId: link.accountId,
    tokenId: link.tokenId,
    label: link.label,
    target: link.target,
    hint: link.hint,
    createdAt: link.createdAt,
    createdBy: link.createdBy,
    updatedAt: link.updatedAt,
    expiresAt: link.expiresAt,
    lastUsedAt: link.lastUsedAt,
    version: link.version,
  });
}
