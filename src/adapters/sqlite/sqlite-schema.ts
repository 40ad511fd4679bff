/**
 * The schema version this release creates and reads, recorded by
 * `migrate()` in `<prefix>schema_migrations`.
 *
 * @internal
 */
export const SQLITE_SCHEMA_VERSION = 1;

/**
 * The statements that create version 1, each idempotent. The same tables as
 * the PostgreSQL schema (see there for what each holds); key columns hold the
 * UTF-16 hex encoding, compared with SQLite's default byte-wise `BINARY`
 * collation. SQLite has no deferrable `UNIQUE`; none is needed, because a
 * commit deletes every row it touches before inserting the final rows.
 *
 * @internal
 */
export function sqliteSchemaStatements(prefix: string): readonly string[] {
  const t = (name: string): string => `"${prefix}${name}"`;
  const key = 'TEXT NOT NULL';
  return [
    `CREATE TABLE IF NOT EXISTS ${t('schema_migrations')} (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${t('filters')} (
      account_key ${key}, id_key ${key}, created_key ${key}, field_value_key ${key},
      version INTEGER NOT NULL, record TEXT NOT NULL,
      PRIMARY KEY (account_key, id_key), UNIQUE (account_key, field_value_key)) WITHOUT ROWID`,
    `CREATE INDEX IF NOT EXISTS "${prefix}filters_listing" ON ${t('filters')} (account_key, created_key, id_key)`,
    `CREATE TABLE IF NOT EXISTS ${t('tokens')} (
      account_key ${key}, id_key ${key}, created_key ${key}, name_key ${key},
      version INTEGER NOT NULL, record TEXT NOT NULL,
      PRIMARY KEY (account_key, id_key), UNIQUE (account_key, name_key)) WITHOUT ROWID`,
    `CREATE INDEX IF NOT EXISTS "${prefix}tokens_listing" ON ${t('tokens')} (account_key, created_key, id_key)`,
    `CREATE TABLE IF NOT EXISTS ${t('token_hashes')} (
      hash_key ${key} PRIMARY KEY, account_key ${key}, token_id_key ${key}, link_id_key TEXT) WITHOUT ROWID`,
    `CREATE INDEX IF NOT EXISTS "${prefix}token_hashes_by_token" ON ${t('token_hashes')} (account_key, token_id_key)`,
    `CREATE INDEX IF NOT EXISTS "${prefix}token_hashes_by_link" ON ${t('token_hashes')} (account_key, link_id_key) WHERE link_id_key IS NOT NULL`,
    `CREATE TABLE IF NOT EXISTS ${t('token_filters')} (
      account_key ${key}, filter_id_key ${key}, token_id_key ${key},
      PRIMARY KEY (account_key, filter_id_key, token_id_key)) WITHOUT ROWID`,
    `CREATE INDEX IF NOT EXISTS "${prefix}token_filters_by_token" ON ${t('token_filters')} (account_key, token_id_key)`,
    `CREATE TABLE IF NOT EXISTS ${t('token_usage')} (
      account_key ${key}, token_id_key ${key}, last_used_at TEXT NOT NULL,
      PRIMARY KEY (account_key, token_id_key)) WITHOUT ROWID`,
    `CREATE TABLE IF NOT EXISTS ${t('links')} (
      account_key ${key}, id_key ${key}, created_key ${key}, token_id_key ${key}, created_by_key ${key},
      version INTEGER NOT NULL, record TEXT NOT NULL,
      PRIMARY KEY (account_key, id_key)) WITHOUT ROWID`,
    `CREATE INDEX IF NOT EXISTS "${prefix}links_listing" ON ${t('links')} (account_key, created_key, id_key)`,
    `CREATE INDEX IF NOT EXISTS "${prefix}links_by_token" ON ${t('links')} (account_key, token_id_key, created_key, id_key)`,
    `CREATE INDEX IF NOT EXISTS "${prefix}links_by_creator" ON ${t('links')} (account_key, created_by_key, created_key, id_key)`,
    `CREATE TABLE IF NOT EXISTS ${t('link_usage')} (
      account_key ${key}, link_id_key ${key}, last_used_at TEXT NOT NULL, last_used_ms REAL NOT NULL,
      PRIMARY KEY (account_key, link_id_key)) WITHOUT ROWID`,
  ];
}
