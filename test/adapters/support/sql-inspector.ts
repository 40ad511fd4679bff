import type { StoredSharedLink } from '../../../src/domain/shared-link.js';
import type { StoredSharedToken } from '../../../src/domain/shared-token.js';
import type { TokenFilter } from '../../../src/domain/token-filter.js';
import { storageKey } from '../../../src/adapters/sql/storage-key.js';
import type { SqlQueryable } from '../../../src/adapters/sql/sql-port.js';
import type { RepositoryInspector } from '../../../src/testing/index.js';

/**
 * The suite's backdoor into an SQL repository: raw SELECTs over its tables,
 * not through the repository's read paths. `table` names a table as SQL.
 */
export function sqlInspector(db: SqlQueryable, table: (name: string) => string): RepositoryInspector {
  const tokens = async (accountId: string): Promise<StoredSharedToken[]> => {
    const rows = await db.query(
      `SELECT t.record, u.last_used_at FROM ${table('tokens')} t LEFT JOIN ${table('token_usage')} u
       ON u.account_key = t.account_key AND u.token_id_key = t.id_key WHERE t.account_key = $1`,
      [storageKey(accountId)],
    );
    return rows.map((row) => {
      const token = JSON.parse(String(row['record'])) as StoredSharedToken & { lastUsedAt: string | null };
      if (typeof row['last_used_at'] === 'string') token.lastUsedAt = JSON.parse(row['last_used_at']) as string;
      return token;
    });
  };
  return {
    async storedFilters(accountId) {
      const rows = await db.query(`SELECT record FROM ${table('filters')} WHERE account_key = $1`, [storageKey(accountId)]);
      return rows.map((row) => JSON.parse(String(row['record'])) as TokenFilter);
    },
    storedTokens: tokens,
    async storedLinks(accountId) {
      const rows = await db.query(
        `SELECT l.record, u.last_used_at FROM ${table('links')} l LEFT JOIN ${table('link_usage')} u
         ON u.account_key = l.account_key AND u.link_id_key = l.id_key WHERE l.account_key = $1`,
        [storageKey(accountId)],
      );
      return rows.map((row) => {
        const link = JSON.parse(String(row['record'])) as StoredSharedLink & { lastUsedAt: string | null };
        if (typeof row['last_used_at'] === 'string') {
          const use = JSON.parse(row['last_used_at']) as string;
          if (link.lastUsedAt === null || Date.parse(use) > Date.parse(link.lastUsedAt)) link.lastUsedAt = use;
        }
        return link;
      });
    },
    async dump() {
      // Every table, rows in key order, keys decoded back to text so the
      // suite's search for a forgotten secret hash finds it in any column.
      const tables: Record<string, unknown> = {};
      for (const [name, order] of DUMP_TABLES) {
        const rows = await db.query(`SELECT * FROM ${table(name)} ORDER BY ${order}`);
        tables[name] = rows.map((row) => Object.fromEntries(Object.entries(row).map(([column, value]) => [column, decodeColumn(column, value)])));
      }
      return JSON.stringify(tables);
    },
  };
}

const DUMP_TABLES: readonly (readonly [string, string])[] = [
  ['filters', 'account_key, id_key'],
  ['tokens', 'account_key, id_key'],
  ['token_hashes', 'hash_key'],
  ['links', 'account_key, id_key'],
  ['link_usage', 'account_key, link_id_key'],
  ['token_filters', 'account_key, filter_id_key, token_id_key'],
  ['token_usage', 'account_key, token_id_key'],
];

function decodeColumn(column: string, value: unknown): unknown {
  if (!column.endsWith('_key') || typeof value !== 'string') return value;
  let decoded = '';
  for (let index = 0; index < value.length; index += 4) decoded += String.fromCharCode(Number.parseInt(value.slice(index, index + 4), 16));
  return decoded;
}
