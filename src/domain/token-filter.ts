/**
 * The token filter aggregate: an account-wide, reusable `field: value` pair.
 *
 * @packageDocumentation
 */

/**
 * An account-wide, reusable exact-match restriction `field: value`.
 *
 * Plain, deeply frozen and JSON-serializable; times are ISO-8601 strings (UTC).
 * The value is stored exactly as typed: no trimming, no case folding, and `*`
 * or `?` are ordinary characters.
 *
 * @example
 * ```ts
 * const filter: TokenFilter = {
 *   id: 'f1', accountId: 'acme', field: 'kubernetes.namespace', value: 'payments',
 *   description: 'Payments team', createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'u1',
 *   updatedAt: '2026-01-01T00:00:00.000Z', version: 1,
 * };
 * ```
 */
export interface TokenFilter {
  /** Opaque id, unique within the library's storage. */
  readonly id: string;
  /** The account that owns the filter; other accounts never see it. */
  readonly accountId: string;
  /** Dotted field path, e.g. `kubernetes.namespace`. */
  readonly field: string;
  /** The value exactly as typed. */
  readonly value: string;
  /** Free text for humans; may be empty. */
  readonly description: string;
  /** When the filter was created (ISO-8601). */
  readonly createdAt: string;
  /** The user id of the admin who created it. */
  readonly createdBy: string;
  /** When the filter last changed (ISO-8601). */
  readonly updatedAt: string;
  /** Optimistic-concurrency version: 1 on creation, +1 on every change. */
  readonly version: number;
}
