import type { StoredSharedToken } from '../../domain/shared-token.js';
import type { TokenFilter } from '../../domain/token-filter.js';
import { accountStateFor, createRepositoryState, type RepositoryState } from '../../repository/in-memory/in-memory-state.js';
import type { CommitScope } from './commit-scope.js';
import { filterFromRow, tokenFromRow, usageFromColumn } from './row-mapping.js';
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
    const usage = new Map<string, string>();
    for (const row of await select(
      `SELECT token_id_key, last_used_at FROM ${t('token_usage')} WHERE account_key = $1 AND ${inList('token_id_key')}${dialect.lockRowsClause}`,
      scope.tokenIds,
    )) {
      const tokenId = fromStorageKey(String(row['token_id_key']));
      tokensWithUsageRow.add(tokenId);
      usage.set(tokenId, usageFromColumn(String(row['last_used_at'])));
    }
    for (const row of await select(`SELECT record FROM ${t('tokens')} WHERE account_key = $1 AND ${inList('id_key')}`, scope.tokenIds)) {
      const stored = tokenFromRow(row);
      const recorded = usage.get(stored.id);
      const token: StoredSharedToken = recorded === undefined ? stored : { ...stored, lastUsedAt: recorded };
      account.tokens.set(token.id, token);
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
      `SELECT hash_key, account_key, token_id_key FROM ${t('token_hashes')} WHERE ${dialect.inList('hash_key', '$1')}`,
      [dialect.listParam(keys(scope.secretHashes))],
    );
    for (const row of rows) {
      state.tokenBySecretHash.set(fromStorageKey(String(row['hash_key'])), {
        accountId: fromStorageKey(String(row['account_key'])),
        tokenId: fromStorageKey(String(row['token_id_key'])),
      });
    }
  }
  return { state, tokensWithUsageRow };
}
