import type { StoredSharedToken } from '../../domain/shared-token.js';
import type { CommitPlan } from '../../repository/commit-plan.js';
import { filterFieldValueKey, secretHashesOf, tokenNameKey } from '../../repository/in-memory/in-memory-state.js';
import type { LoadedCommitState } from './commit-state.js';
import { recordText } from './row-mapping.js';
import type { SqlDialect } from './sql-dialect.js';
import type { SqlQueryable } from './sql-port.js';
import { storageKey } from './storage-key.js';

/**
 * Stores a checked plan: deletes every touched row (and its hash and
 * reference rows), then inserts every final row, each table in one bulk
 * statement. Deleting first means uniqueness is only ever tested against the
 * batch's final state, so two tokens swapping names, or a token taking the
 * hash another gives up, never trip a unique index, in PostgreSQL or in
 * SQLite (which has no deferrable UNIQUE).
 *
 * @internal
 */
export async function applyPlan(tx: SqlQueryable, dialect: SqlDialect, plan: CommitPlan, loaded: LoadedCommitState): Promise<void> {
  const accountKey = storageKey(plan.accountId);
  const t = (name: Parameters<SqlDialect['table']>[0]): string => dialect.table(name);
  const run = (text: string, ids: Iterable<string>) =>
    tx.query(text, [accountKey, dialect.listParam([...ids].map(storageKey))]);

  const linkIds = [...plan.links.keys()];
  if (linkIds.length > 0) {
    await run(`DELETE FROM ${t('token_hashes')} WHERE account_key = $1 AND ${dialect.inList('link_id_key', '$2')}`, linkIds);
    await run(`DELETE FROM ${t('links')} WHERE account_key = $1 AND ${dialect.inList('id_key', '$2')}`, linkIds);
    const storedLinks = loaded.state.accounts.get(plan.accountId)?.links;
    const usageGone = linkIds.filter((id) => loaded.linksWithUsageRow.has(id) || plan.links.get(id) === null || storedLinks?.has(id) !== true);
    if (usageGone.length > 0) {
      await run(`DELETE FROM ${t('link_usage')} WHERE account_key = $1 AND ${dialect.inList('link_id_key', '$2')}`, usageGone);
    }
  }
  const tokenIds = [...plan.tokens.keys()];
  const filterIds = [...plan.filters.keys()];
  // A usage row of a token created in this batch belongs to an earlier token
  // with the same id (a use recorded while it was being deleted): drop it.
  const stored = loaded.state.accounts.get(plan.accountId)?.tokens ?? new Map<string, StoredSharedToken>();
  if (tokenIds.length > 0) {
    await run(
      `DELETE FROM ${t('token_hashes')} WHERE account_key = $1 AND link_id_key IS NULL AND ${dialect.inList('token_id_key', '$2')}`,
      tokenIds,
    );
    await run(`DELETE FROM ${t('token_filters')} WHERE account_key = $1 AND ${dialect.inList('token_id_key', '$2')}`, tokenIds);
    await run(`DELETE FROM ${t('tokens')} WHERE account_key = $1 AND ${dialect.inList('id_key', '$2')}`, tokenIds);
    // The final record carries the later of the written and the recorded use,
    // so the usage row it read is folded in. A use recorded after that read
    // (no row to lock yet) stays and wins, being the later one.
    const usageGone = tokenIds.filter((id) => loaded.tokensWithUsageRow.has(id) || plan.tokens.get(id) === null || !stored.has(id));
    if (usageGone.length > 0) {
      await run(`DELETE FROM ${t('token_usage')} WHERE account_key = $1 AND ${dialect.inList('token_id_key', '$2')}`, usageGone);
    }
  }
  if (filterIds.length > 0) {
    await run(`DELETE FROM ${t('filters')} WHERE account_key = $1 AND ${dialect.inList('id_key', '$2')}`, filterIds);
  }

  const filters = [...plan.filters.values()].flatMap((filter) => (filter === null ? [] : [filter]));
  if (filters.length > 0) {
    await dialect.insertRows(tx, 'filters', FILTER_COLUMNS, filters.map((filter) => [
      accountKey,
      storageKey(filter.id),
      storageKey(filter.createdAt),
      storageKey(filterFieldValueKey(filter.field, filter.value)),
      filter.version,
      recordText(filter),
    ]));
  }
  const tokens = [...plan.tokens.values()].flatMap((token) => (token === null ? [] : [token]));
  if (tokens.length > 0) {
    await dialect.insertRows(tx, 'tokens', TOKEN_COLUMNS, tokens.map((token) => [
      accountKey,
      storageKey(token.id),
      storageKey(token.createdAt),
      storageKey(tokenNameKey(token.name)),
      token.version,
      recordText(token),
    ]));
    const hashRows = tokens.flatMap((token) =>
      [...new Set(secretHashesOf(token))].map((hash) => [storageKey(hash), accountKey, storageKey(token.id), null]),
    );
    await dialect.insertRows(tx, 'token_hashes', HASH_COLUMNS, hashRows);
    const referenceRows = tokens.flatMap((token: StoredSharedToken) =>
      [...new Set(token.filterIds)].map((filterId) => [accountKey, storageKey(filterId), storageKey(token.id)]),
    );
    if (referenceRows.length > 0) await dialect.insertRows(tx, 'token_filters', REFERENCE_COLUMNS, referenceRows);
  }
  const links = [...plan.links.values()].flatMap((link) => (link === null ? [] : [link]));
  if (links.length > 0) {
    await dialect.insertRows(tx, 'links', LINK_COLUMNS, links.map((link) => [
      accountKey,
      storageKey(link.id),
      storageKey(link.createdAt),
      storageKey(link.tokenId),
      storageKey(link.createdBy),
      link.version,
      recordText(link),
    ]));
    await dialect.insertRows(tx, 'token_hashes', HASH_COLUMNS, links.map((link) => [
      storageKey(link.secretHash),
      accountKey,
      storageKey(link.tokenId),
      storageKey(link.id),
    ]));
  }
}

const text = (name: string) => ({ name, type: 'text' as const });
const FILTER_COLUMNS = [text('account_key'), text('id_key'), text('created_key'), text('field_value_key'), { name: 'version', type: 'integer' as const }, text('record')];
const TOKEN_COLUMNS = [text('account_key'), text('id_key'), text('created_key'), text('name_key'), { name: 'version', type: 'integer' as const }, text('record')];
const HASH_COLUMNS = [text('hash_key'), text('account_key'), text('token_id_key'), text('link_id_key')];
const LINK_COLUMNS = [text('account_key'), text('id_key'), text('created_key'), text('token_id_key'), text('created_by_key'), { name: 'version', type: 'integer' as const }, text('record')];
const REFERENCE_COLUMNS = [text('account_key'), text('filter_id_key'), text('token_id_key')];
