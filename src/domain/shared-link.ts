// A link is one more credential for a token: the token holds the policy (filters, operator,
// expiry, paused); a link carries only its own secret, a label and a target.

/**
 * A sharing link as the library returns it: never its secret, never its hash.
 *
 * Plain, deeply frozen and JSON-serializable; times are ISO-8601 strings (UTC).
 * A link works while its token works and its own `expiresAt` has not passed;
 * `expiresAt` is never later than the token's (`null` only when the token's is
 * `null` too).
 *
 * @example
 * ```ts
 * const { link, secret } = await tokens.createLink(member, tokenId, { label: 'Acme support' });
 * ```
 */
export interface SharedLink {
  /** Opaque id, unique within the account. */
  readonly id: string;
  /** The account of the link and of its token. */
  readonly accountId: string;
  /** The token whose access the link grants. */
  readonly tokenId: string;
  /** Who the link is for ("Acme support"), or `null`. Free text, not secret. */
  readonly label: string | null;
  /** What the link opens (a dashboard id or URL path), or `null`. Free text; the library never interprets it. */
  readonly target: string | null;
  /** The secret's prefix and last 4 characters, to recognise it in a list; not secret. */
  readonly hint: string;
  readonly createdAt: string;
  /** The user id of whoever created it (an admin or a member). */
  readonly createdBy: string;
  /** When the link last changed (ISO-8601): creation, or its expiry following its token's. */
  readonly updatedAt: string;
  /** When the link stops working (ISO-8601), or `null` for never; never later than its token's. */
  readonly expiresAt: string | null;
  /** When the link was last used, to within `policy.lastUsedResolution`; `null` if never. */
  readonly lastUsedAt: string | null;
  /** Optimistic-concurrency version: 1 on creation, +1 on every change (not on usage). */
  readonly version: number;
}

/**
 * What a repository stores for a link: the public link plus the hash of its
 * secret. Never the secret. The service never returns this shape to callers.
 */
export interface StoredSharedLink extends SharedLink {
  /** Hash of the link's secret (`SecretCodec.hash`), unique among every token and link hash. */
  readonly secretHash: string;
}
