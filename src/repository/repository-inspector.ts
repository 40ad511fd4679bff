import type { StoredSharedLink } from '../domain/shared-link.js';
import type { StoredSharedToken } from '../domain/shared-token.js';
import type { TokenFilter } from '../domain/token-filter.js';

/**
 * A backdoor reader for the conformance suite: what a repository really
 * stored, read straight from its storage without going through the
 * repository's own read paths (no caches, no copies, no account filter of
 * the code under test).
 *
 * Adapter authors implement it next to their repository, in test code, e.g.
 * with a raw `SELECT` per table. It is deliberately not part of
 * `SharedTokenRepository`: applications never get it.
 *
 * @example
 * ```ts
 * const inspect: RepositoryInspector = {
 *   storedFilters: async (accountId) => (await sql`SELECT * FROM token_filters WHERE account_id = ${accountId}`).map(rowToFilter),
 *   storedTokens: async (accountId) => (await sql`SELECT * FROM shared_tokens WHERE account_id = ${accountId}`).map(rowToToken),
 *   storedLinks: async (accountId) => (await sql`SELECT * FROM shared_links WHERE account_id = ${accountId}`).map(rowToLink),
 *   dump: async () => JSON.stringify(await sql`SELECT * FROM shared_tokens, token_filters, ...`),
 * };
 * ```
 */
export interface RepositoryInspector {
  /** Every filter stored for the account, mapped to the aggregate shape; any order. */
  storedFilters(accountId: string): Promise<readonly TokenFilter[]>;
  /** Every token stored for the account, with its secret hashes, mapped to the aggregate shape; any order. */
  storedTokens(accountId: string): Promise<readonly StoredSharedToken[]>;
  /** Every link stored for the account, with its secret hash, mapped to the aggregate shape; any order. */
  storedLinks(accountId: string): Promise<readonly StoredSharedLink[]>;
  /**
   * Everything the repository holds, for every account, as text: every
   * table, every index or lookup structure, every history or audit table.
   * The suite searches it for values that must be gone (the hash of a
   * rotated-away or deleted token's secret, a revoked or cascaded link's), so leave nothing out. The same
   * stored state must give the same text (order rows by key): the suite
   * compares dumps before and after a refused commit.
   */
  dump(): Promise<string>;
}
