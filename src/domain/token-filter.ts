/**
 * An account-wide, reusable exact-match restriction `field: value`.
 *
 * Plain, deeply frozen and JSON-serializable; times are ISO-8601 strings (UTC).
 * The value is stored exactly as typed: no trimming, no case folding, and `*`
 * or `?` are ordinary characters.
 *
 * @example
 * ```ts
 * const filter = await tokens.createFilter(admin, { field: 'kubernetes.namespace', value: 'payments' });
 * ```
 */
export interface TokenFilter {
  /** Opaque id, unique within the library's storage. */
  readonly id: string;
  /** The account that owns the filter; other accounts never see it. */
  readonly accountId: string;
  readonly field: string;
  readonly value: string;
  /** Free text for humans; may be empty. */
  readonly description: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  /** Optimistic-concurrency version: 1 on creation, +1 on every change. */
  readonly version: number;
}
