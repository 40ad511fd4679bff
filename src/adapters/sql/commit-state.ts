import type { StoredSharedToken } from '../../domain/shared-token.js';
import type { TokenFilter } from '../../domain/token-filter.js';
import { OrderedKeys } from '../../repository/record-order.js';
import { accountStateFor, createRepositoryState, type RepositoryState } from '../../repository/in-memory/in-memory-state.js';
import type { CommitScope } from './commit-scope.js';
import { filterFromRow, linkFromRow, tokenFromRow, usageFromColumn } from './row-mapping.js';
import type { SqlDialect } from './sql-dialect.js';
import type { SqlQueryable } from './sql-port.js';
import { fromStorageKey, storageKey } from './storage-key.js';

/**
 * The stored facts a batch depends on, read inside the commit's transaction
 * after the account lock, in the shape `planCommit` judges: the same rules
 * and the same error context as the in-memory repository, by construction.
 * Only the keys in the scope are filled; the plan asks for no others.
 *
 * @internal
 */
export interface LoadedCommitState {
  readonly state: RepositoryState;
  /** Tokens of the scope whose usage row was read (and, where the database can, locked). */
  readonly tokensWithUsageRow: ReadonlySet<string>;
  /** Links of the scope whose usage row was read (and, where the database can, locked). */
  readonly linksWithUsageRow: ReadonlySet<string>;
}

const keys = (values: Iterable<string>): string[] => [...values].map(storageKey);

/** Reads the scope's rows. @internal */
export async function loadCommitState(
  tx: SqlQueryable,
  dialect: SqlDialect,
  accountId: string,
  scope: CommitScope,
): Promise<LoadedCommitState> {
  const state = createRepositoryState();
  const account = accountStateFor(state, accountId);
  const accountKey = storageKey(accountId);
  const t = (name: Parameters<SqlDialect['table']>[0]): string => dialect.table(name);
  const inList = (column: string): string => dialect.inList(column, '$2');
  const select = (text: string, values: Iterable<string>) =>
    tx.query(text, [accountKey, dialect.listParam(keys(values))]);

  const tokensWithUsageRow = new Set<string>();
  if (scope.filterIds.size > 0) {
    for (const row of await select(`SELECT record FROM ${t('filters')} WHERE account_key = $1 AND ${inList('id_key')}`, scope.filterIds)) {
      const filter: TokenFilter = filterFromRow(row);
      account.filters.set(filter.id, filter);
    }
  }
  if (scope.tokenIds.size > 0) {
    for (const row of await select(
      `SELECT token_id_key FROM ${t('token_usage')} WHERE account_key = $1 AND ${inList('token_id_key')}${dialect.lockRowsClause}`,
      scope.tokenIds,
    )) {
      tokensWithUsageRow.add(fromStorageKey(String(row['token_id_key'])));
    }
  }
  const tokenIds = new Set([...scope.tokenIds, ...scope.linkTokenIds]);
  if (tokenIds.size > 0) {
    for (const row of await select(
      `SELECT t.record, u.last_used_at FROM ${t('tokens')} t LEFT JOIN ${t('token_usage')} u ON u.account_key = t.account_key AND u.token_id_key = t.id_key WHERE t.account_key = $1 AND ${inList('t.id_key')}`,
      tokenIds,
    )) {
      const token: StoredSharedToken = tokenFromRow(row);
      account.tokens.set(token.id, token);
    }
  }
  const linksWithUsageRow = new Set<string>();
  if (scope.linkIds.size > 0) {
    for (const row of await select(
      `SELECT link_id_key FROM ${t('link_usage')} WHERE account_key = $1 AND ${inList('link_id_key')}${dialect.lockRowsClause}`,
      scope.linkIds,
    )) {
      linksWithUsageRow.add(fromStorageKey(String(row['link_id_key'])));
    }
  }
  // The links written or deleted, and every link of a token written or
  // deleted (its expiry is checked against the token's; a deleted token's
  // links go with it).
  const linkSources: [string, ReadonlySet<string>][] = [
    ['l.id_key', scope.linkIds],
    ['l.token_id_key', scope.tokenIds],
  ];
  for (const [column, ids] of linkSources) {
    if (ids.size === 0) continue;
    for (const row of await select(
      `SELECT l.record, u.last_used_at FROM ${t('links')} l LEFT JOIN ${t('link_usage')} u ON u.account_key = l.account_key AND u.link_id_key = l.id_key WHERE l.account_key = $1 AND ${inList(column)}`,
      ids,
    )) {
      const link = linkFromRow(row);
      if (account.links.has(link.id)) continue;
      account.links.set(link.id, link);
      const order = account.linkOrderByToken.get(link.tokenId) ?? new OrderedKeys();
      order.insert(link);
      account.linkOrderByToken.set(link.tokenId, order);
    }
  }
  if (scope.filterFieldValueKeys.size > 0) {
    for (const row of await select(
      `SELECT field_value_key, id_key FROM ${t('filters')} WHERE account_key = $1 AND ${inList('field_value_key')}`,
      scope.filterFieldValueKeys,
    )) {
      account.filterIdByFieldValue.set(fromStorageKey(String(row['field_value_key'])), fromStorageKey(String(row['id_key'])));
    }
  }
  if (scope.tokenNameKeys.size > 0) {
    for (const row of await select(
      `SELECT name_key, id_key FROM ${t('tokens')} WHERE account_key = $1 AND ${inList('name_key')}`,
      scope.tokenNameKeys,
    )) {
      account.tokenIdByName.set(fromStorageKey(String(row['name_key'])), fromStorageKey(String(row['id_key'])));
    }
  }
  if (scope.deletedFilterIds.size > 0) {
    for (const row of await select(
      `SELECT filter_id_key, token_id_key FROM ${t('token_filters')} WHERE account_key = $1 AND ${inList('filter_id_key')}`,
      scope.deletedFilterIds,
    )) {
      const filterId = fromStorageKey(String(row['filter_id_key']));
      const tokenIds = account.tokenIdsByFilterId.get(filterId) ?? new Set<string>();
      tokenIds.add(fromStorageKey(String(row['token_id_key'])));
      account.tokenIdsByFilterId.set(filterId, tokenIds);
    }
  }
  if (scope.secretHashes.size > 0) {
    // Across accounts: a hash answers for one token in the whole store.
    const rows = await tx.query(
      `SELECT hash_key, account_key, token_id_key, link_id_key FROM ${t('token_hashes')} WHERE ${dialect.inList('hash_key', '$1')}`,
      [dialect.listParam(keys(scope.secretHashes))],
    );
    for (const row of rows) {
      const linkKey = row['link_id_key'];
      state.ownerBySecretHash.set(fromStorageKey(String(row['hash_key'])), {
        accountId: fromStorageKey(String(row['account_key'])),
        tokenId: fromStorageKey(String(row['token_id_key'])),
        linkId: typeof linkKey === 'string' ? fromStorageKey(linkKey) : null,
      });
    }
  }
  return { state, tokensWithUsageRow, linksWithUsageRow };
}
