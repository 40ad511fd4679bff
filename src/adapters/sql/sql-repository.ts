import { deepFreeze } from '../../domain/deep-freeze.js';
import type { StoredSharedToken } from '../../domain/shared-token.js';
import type { TokenFilter } from '../../domain/token-filter.js';
import { SharedTokenError } from '../../errors.js';
import { planCommit } from '../../repository/commit-plan.js';
import type { Page, PageRequest, RepositoryChange, SharedTokenRepository } from '../../repository/contract.js';
import { createRepositoryState, filterFieldValueKey, tokenNameKey } from '../../repository/in-memory/in-memory-state.js';
import { encodeCursor, parsePageRequest, type CursorListing } from '../../repository/page-request.js';
import { applyPlan } from './apply-plan.js';
import { copyChanges, scopeOf } from './commit-scope.js';
import { loadCommitState } from './commit-state.js';
import { filterFromRow, linkFromRow, tokenFromRow, usageColumn } from './row-mapping.js';
import type { SqlDialect } from './sql-dialect.js';
import type { SqlClient, SqlRow } from './sql-port.js';
import { storageKey } from './storage-key.js';

/**
 * The repository over any SQL database a {@link SqlDialect} describes; the
 * PostgreSQL and SQLite entries configure it.
 *
 * Every method is one statement except `commit`, which is one transaction:
 * lock the account, read exactly the rows the batch depends on, judge the
 * batch with the rules the in-memory repository uses (`planCommit`), then
 * delete the touched rows and insert the final ones.
 *
 * @internal
 */
export function createSqlRepository(client: SqlClient, dialect: SqlDialect): SharedTokenRepository {
  const t = (name: Parameters<SqlDialect['table']>[0]): string => dialect.table(name);
  const TOKEN_COLUMNS = `t.record, u.last_used_at`;
  const LINK_USAGE_JOIN = `LEFT JOIN ${t('link_usage')} u ON u.account_key = l.account_key AND u.link_id_key = l.id_key`;
  const USAGE_JOIN = `LEFT JOIN ${t('token_usage')} u ON u.account_key = t.account_key AND u.token_id_key = t.id_key`;

  const rows = (operation: string, text: string, params: readonly unknown[]) => guarded(dialect, operation, () => client.query(text, params));
  const firstOrNull = <T>(found: readonly SqlRow[], map: (row: SqlRow) => T): T | null => {
    const row = found[0];
    return row === undefined ? null : map(row);
  };

  async function page<T extends { createdAt: string; id: string }>(
    listing: CursorListing,
    accountId: string,
    request: PageRequest | undefined,
    query: (after: readonly string[] | null, limit: number) => Promise<readonly SqlRow[]>,
    map: (row: SqlRow) => T,
  ): Promise<Page<T>> {
    const { limit, after } = parsePageRequest(listing, request);
    if (typeof accountId !== 'string') return deepFreeze({ items: [], nextCursor: null });
    const found = await query(after === null ? null : [storageKey(after.createdAt), storageKey(after.id)], limit + 1);
    const items = found.slice(0, limit).map(map);
    const last = items.at(-1);
    return deepFreeze({ items, nextCursor: found.length > limit && last !== undefined ? encodeCursor(listing, last) : null });
  }

  return {
    async getFilter(accountId, id) {
      if (!areStrings(accountId, id)) return null;
      const found = await rows('getFilter', `SELECT record FROM ${t('filters')} WHERE account_key = $1 AND id_key = $2`, [
        storageKey(accountId),
        storageKey(id),
      ]);
      return firstOrNull(found, filterFromRow);
    },

    async getFilters(accountId, ids) {
      if (typeof accountId !== 'string' || !Array.isArray(ids)) return deepFreeze([]);
      const wanted = ids.filter((id): id is string => typeof id === 'string');
      if (wanted.length === 0) return deepFreeze([]);
      const found = await rows(
        'getFilters',
        `SELECT record FROM ${t('filters')} WHERE account_key = $1 AND ${dialect.inList('id_key', '$2')}`,
        [storageKey(accountId), dialect.listParam([...new Set(wanted)].map(storageKey))],
      );
      const byId = new Map<string, TokenFilter>();
      for (const row of found) {
        const filter = filterFromRow(row);
        byId.set(filter.id, filter);
      }
      // In the order asked, a repeated id repeated; each a copy of its own.
      return deepFreeze(wanted.flatMap((id) => (byId.has(id) ? [structuredClone(byId.get(id) as TokenFilter)] : [])));
    },

    async findFilterByFieldValue(accountId, field, value) {
      if (!areStrings(accountId, field, value)) return null;
      const found = await rows(
        'findFilterByFieldValue',
        `SELECT record FROM ${t('filters')} WHERE account_key = $1 AND field_value_key = $2`,
        [storageKey(accountId), storageKey(filterFieldValueKey(field, value))],
      );
      return firstOrNull(found, filterFromRow);
    },

    async listFilters(accountId, request) {
      return page('filters', accountId, request, (after, limit) =>
        rows(
          'listFilters',
          after === null
            ? `SELECT record FROM ${t('filters')} WHERE account_key = $1 ORDER BY created_key, id_key LIMIT $2`
            : `SELECT record FROM ${t('filters')} WHERE account_key = $1 AND (created_key, id_key) > ($3, $4) ORDER BY created_key, id_key LIMIT $2`,
          [storageKey(accountId), limit, ...(after ?? [])],
        ),
        filterFromRow,
      );
    },

    async getToken(accountId, id) {
      if (!areStrings(accountId, id)) return null;
      const found = await rows('getToken', `SELECT ${TOKEN_COLUMNS} FROM ${t('tokens')} t ${USAGE_JOIN} WHERE t.account_key = $1 AND t.id_key = $2`, [
        storageKey(accountId),
        storageKey(id),
      ]);
      return firstOrNull(found, tokenFromRow);
    },

    async findTokenByName(accountId, name) {
      if (!areStrings(accountId, name)) return null;
      const found = await rows(
        'findTokenByName',
        `SELECT ${TOKEN_COLUMNS} FROM ${t('tokens')} t ${USAGE_JOIN} WHERE t.account_key = $1 AND t.name_key = $2`,
        [storageKey(accountId), storageKey(tokenNameKey(name))],
      );
      return firstOrNull(found, tokenFromRow);
    },

    async findTokenBySecretHash(secretHash) {
      if (typeof secretHash !== 'string') return null;
      // One round trip: the hash side table, the token and its recorded use.
      const found = await rows(
        'findTokenBySecretHash',
        `SELECT ${TOKEN_COLUMNS} FROM ${t('token_hashes')} h JOIN ${t('tokens')} t ON t.account_key = h.account_key AND t.id_key = h.token_id_key ${USAGE_JOIN} WHERE h.hash_key = $1 AND h.link_id_key IS NULL`,
        [storageKey(secretHash)],
      );
      return firstOrNull(found, tokenFromRow);
    },

    async listTokens(accountId, request) {
      return page('tokens', accountId, request, (after, limit) =>
        rows(
          'listTokens',
          after === null
            ? `SELECT ${TOKEN_COLUMNS} FROM ${t('tokens')} t ${USAGE_JOIN} WHERE t.account_key = $1 ORDER BY t.created_key, t.id_key LIMIT $2`
            : `SELECT ${TOKEN_COLUMNS} FROM ${t('tokens')} t ${USAGE_JOIN} WHERE t.account_key = $1 AND (t.created_key, t.id_key) > ($3, $4) ORDER BY t.created_key, t.id_key LIMIT $2`,
          [storageKey(accountId), limit, ...(after ?? [])],
        ),
        tokenFromRow,
      );
    },

    async listTokensByFilter(accountId, filterId) {
      if (!areStrings(accountId, filterId)) return deepFreeze([]);
      const found = await rows(
        'listTokensByFilter',
        `SELECT ${TOKEN_COLUMNS} FROM ${t('token_filters')} r JOIN ${t('tokens')} t ON t.account_key = r.account_key AND t.id_key = r.token_id_key ${USAGE_JOIN} WHERE r.account_key = $1 AND r.filter_id_key = $2 ORDER BY t.created_key, t.id_key`,
        [storageKey(accountId), storageKey(filterId)],
      );
      return deepFreeze(found.map(tokenFromRow));
    },

    async commit(accountId, changes) {
      if (!Array.isArray(changes) || typeof accountId !== 'string' || changes.length === 0) {
        // Nothing to read: the plan over an empty store refuses what is malformed, accepts the empty batch.
        planCommit(createRepositoryState(), accountId, changes);
        return;
      }
      const copied: readonly RepositoryChange[] = copyChanges(changes);
      const scope = scopeOf(copied);
      await guarded(dialect, 'commit', () =>
        client.transaction(async (tx) => {
          await dialect.lockAccount(tx, storageKey(accountId));
          const loaded = await loadCommitState(tx, dialect, accountId, scope);
          const plan = planCommit(loaded.state, accountId, copied);
          await applyPlan(tx, dialect, plan, loaded);
        }),
      );
    },

    async recordTokenUsage(accountId, tokenId, lastUsedAt) {
      if (typeof lastUsedAt !== 'string') {
        throw new SharedTokenError('VALIDATION', 'lastUsedAt must be an ISO-8601 string.', {
          ids: { accountId: String(accountId), tokenId: String(tokenId) },
          issues: [{ path: ['lastUsedAt'], message: 'must be a string' }],
        });
      }
      if (!areStrings(accountId, tokenId)) return;
      // A separate table: the write never touches (so never waits for) a
      // token row an admin's commit has locked, and never bumps its version.
      await rows(
        'recordTokenUsage',
        `INSERT INTO ${t('token_usage')} (account_key, token_id_key, last_used_at)
         SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM ${t('tokens')} WHERE account_key = $1 AND id_key = $2)
         ON CONFLICT (account_key, token_id_key) DO UPDATE SET last_used_at = excluded.last_used_at`,
        [storageKey(accountId), storageKey(tokenId), usageColumn(lastUsedAt)],
      );
    },

    async getLink(accountId, id) {
      if (!areStrings(accountId, id)) return null;
      const found = await rows('getLink', `SELECT l.record, u.last_used_at FROM ${t('links')} l ${LINK_USAGE_JOIN} WHERE l.account_key = $1 AND l.id_key = $2`, [
        storageKey(accountId),
        storageKey(id),
      ]);
      return firstOrNull(found, linkFromRow);
    },

    async findCredentialBySecretHash(secretHash) {
      if (typeof secretHash !== 'string') return null;
      // One round trip: the hash, its token, and its link when it is a link's.
      const found = await rows(
        'findCredentialBySecretHash',
        `SELECT t.record, u.last_used_at, h.link_id_key, l.record AS link_record, lu.last_used_at AS link_last_used_at
         FROM ${t('token_hashes')} h
         JOIN ${t('tokens')} t ON t.account_key = h.account_key AND t.id_key = h.token_id_key ${USAGE_JOIN}
         LEFT JOIN ${t('links')} l ON l.account_key = h.account_key AND l.id_key = h.link_id_key
         LEFT JOIN ${t('link_usage')} lu ON lu.account_key = h.account_key AND lu.link_id_key = h.link_id_key
         WHERE h.hash_key = $1`,
        [storageKey(secretHash)],
      );
      const row = found[0];
      if (row === undefined) return null;
      const token = tokenFromRow(row);
      if (row['link_id_key'] === null || row['link_id_key'] === undefined) return deepFreeze({ token, link: null });
      if (typeof row['link_record'] !== 'string') return null;
      return deepFreeze({ token, link: linkFromRow({ record: row['link_record'], last_used_at: row['link_last_used_at'] }) });
    },

    async listLinks(accountId, scope, request) {
      const tokenId = scope?.tokenId;
      const createdBy = scope?.createdBy;
      const narrowed = (tokenId !== undefined && typeof tokenId !== 'string') || (createdBy !== undefined && typeof createdBy !== 'string');
      return page('links', accountId, request, async (after, limit) => {
        if (narrowed) return [];
        // Fixed fragments only; the values are bound.
        const params: unknown[] = [storageKey(accountId), limit];
        const conditions = ['l.account_key = $1'];
        if (tokenId !== undefined) {
          params.push(storageKey(tokenId));
          conditions.push(`l.token_id_key = $${params.length}`);
        }
        if (createdBy !== undefined) {
          params.push(storageKey(createdBy));
          conditions.push(`l.created_by_key = $${params.length}`);
        }
        if (after !== null) {
          params.push(...after);
          conditions.push(`(l.created_key, l.id_key) > ($${params.length - 1}, $${params.length})`);
        }
        return rows(
          'listLinks',
          `SELECT l.record, u.last_used_at FROM ${t('links')} l ${LINK_USAGE_JOIN} WHERE ${conditions.join(' AND ')} ORDER BY l.created_key, l.id_key LIMIT $2`,
          params,
        );
      }, linkFromRow);
    },

    async recordLinkUsage(accountId, linkId, lastUsedAt) {
      const instant = typeof lastUsedAt === 'string' ? Date.parse(lastUsedAt) : Number.NaN;
      if (Number.isNaN(instant)) {
        throw new SharedTokenError('VALIDATION', 'lastUsedAt must be an ISO-8601 string.', {
          ids: { accountId: String(accountId), linkId: String(linkId) },
          issues: [{ path: ['lastUsedAt'], message: 'must be an ISO-8601 string' }],
        });
      }
      if (!areStrings(accountId, linkId)) return;
      // Only forward: an older use arriving late changes nothing. The row's
      // instant is compared with the record's when read.
      await rows(
        'recordLinkUsage',
        `INSERT INTO ${t('link_usage')} (account_key, link_id_key, last_used_at, last_used_ms)
         SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM ${t('links')} WHERE account_key = $1 AND id_key = $2)
         ON CONFLICT (account_key, link_id_key) DO UPDATE SET last_used_at = excluded.last_used_at, last_used_ms = excluded.last_used_ms
         WHERE ${t('link_usage')}.last_used_ms < excluded.last_used_ms`,
        [storageKey(accountId), storageKey(linkId), usageColumn(lastUsedAt as string), instant],
      );
    },
  };
}

function areStrings(...values: readonly unknown[]): boolean {
  return values.every((value) => typeof value === 'string');
}

/**
 * Runs a database call, passing `SharedTokenError`s on and turning driver
 * failures into the contract's errors: a constraint that refused a write
 * (another commit won a race the account lock cannot order, such as two
 * accounts claiming one secret hash) or a deadlock is `CONFLICT`, which the
 * service retries; anything else is `REPOSITORY` with the driver error as
 * `cause`. The message is fixed text: a driver's own message can quote a
 * stored key, and keys include secret hashes.
 *
 * @internal
 */
export async function guarded<T>(dialect: SqlDialect, operation: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof SharedTokenError) throw error;
    const kind = dialect.classify(error);
    switch (kind) {
      case 'constraint':
        // No cause: the driver's detail quotes the clashing key.
        throw new SharedTokenError('CONFLICT', 'A concurrent commit claimed a unique value (a secret hash) first; retry.', {
          operation,
        });
      case 'retryable':
        throw new SharedTokenError('CONFLICT', 'The database aborted the transaction to resolve a conflict; retry.', { operation }, { cause: error });
      case 'other':
        throw new SharedTokenError('REPOSITORY', `The database failed during ${operation}.`, { operation }, { cause: error });
      default: {
        const never: never = kind;
        throw new Error(`unknown failure kind ${String(never)}`);
      }
    }
  }
}

