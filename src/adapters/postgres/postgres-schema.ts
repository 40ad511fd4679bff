/**
 * The schema version this release creates and reads. `migrate()` records it
 * in `schema_migrations`; a later release adds steps from the stored version
 * on.
 *
 * @internal
 */
export const POSTGRES_SCHEMA_VERSION = 1;

/**
 * The statements that create version 1 in `"schema"`, each idempotent.
 *
 * Every key column holds the UTF-16 hex encoding of its value (see
 * `storageKey`), compared with `COLLATE "C"`: byte order of the encoding is
 * JavaScript's string order, so listings page exactly like the in-memory
 * repository. Records are whole JSON text in `record`.
 *
 * - `filters`, `tokens`: one row per record; unique `(account, field+value)`
 *   and `(account, lower-cased name)`. A commit deletes the rows it touches
 *   before inserting the final ones, so these are checked against the
 *   batch's final state without deferring them.
 * - `token_hashes`: one row per secret hash (current and previous) of every
 *   token, unique across accounts: the secret lookup is one index probe, and
 *   two accounts racing for one hash cannot both commit.
 * - `token_filters`: the filter → tokens reverse index, with a deferred
 *   foreign key to `filters` as a last defence against a dangling reference.
 * - `token_usage`, `link_usage`: recorded uses, apart from the record row,
 *   so recording one never waits behind an admin's lock on the record and
 *   never bumps its version. A link's use only moves forward
 *   (`last_used_ms`, the instant as epoch milliseconds, orders them).
 * - `links`: one row per sharing link, listed by account, by token and by
 *   creator; its secret hash is a `token_hashes` row with `link_id_key` set.
 *
 * @internal
 */
export function postgresSchemaStatements(schema: string): readonly string[] {
  const s = `"${schema}"`;
  const key = 'text COLLATE "C" NOT NULL';
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    `CREATE TABLE IF NOT EXISTS ${s}.filters (
      account_key ${key}, id_key ${key}, created_key ${key}, field_value_key ${key},
      version integer NOT NULL, record text NOT NULL,
      PRIMARY KEY (account_key, id_key),
      CONSTRAINT filters_field_value_unique UNIQUE (account_key, field_value_key))`,
    `CREATE INDEX IF NOT EXISTS filters_listing ON ${s}.filters (account_key, created_key, id_key)`,
    `CREATE TABLE IF NOT EXISTS ${s}.tokens (
      account_key ${key}, id_key ${key}, created_key ${key}, name_key ${key},
      version integer NOT NULL, record text NOT NULL,
      PRIMARY KEY (account_key, id_key),
      CONSTRAINT tokens_name_unique UNIQUE (account_key, name_key))`,
    `CREATE INDEX IF NOT EXISTS tokens_listing ON ${s}.tokens (account_key, created_key, id_key)`,
    `CREATE TABLE IF NOT EXISTS ${s}.token_hashes (
      hash_key ${key} PRIMARY KEY, account_key ${key}, token_id_key ${key}, link_id_key text COLLATE "C")`,
    `CREATE INDEX IF NOT EXISTS token_hashes_by_link ON ${s}.token_hashes (account_key, link_id_key) WHERE link_id_key IS NOT NULL`,
    `CREATE INDEX IF NOT EXISTS token_hashes_by_token ON ${s}.token_hashes (account_key, token_id_key)`,
    `CREATE TABLE IF NOT EXISTS ${s}.token_filters (
      account_key ${key}, filter_id_key ${key}, token_id_key ${key},
      PRIMARY KEY (account_key, filter_id_key, token_id_key),
      CONSTRAINT token_filters_filter_exists FOREIGN KEY (account_key, filter_id_key)
        REFERENCES ${s}.filters (account_key, id_key) DEFERRABLE INITIALLY DEFERRED)`,
    `CREATE INDEX IF NOT EXISTS token_filters_by_token ON ${s}.token_filters (account_key, token_id_key)`,
    `CREATE TABLE IF NOT EXISTS ${s}.token_usage (
      account_key ${key}, token_id_key ${key}, last_used_at text NOT NULL,
      PRIMARY KEY (account_key, token_id_key))`,
    `CREATE TABLE IF NOT EXISTS ${s}.links (
      account_key ${key}, id_key ${key}, created_key ${key}, token_id_key ${key}, created_by_key ${key},
      version integer NOT NULL, record text NOT NULL,
      PRIMARY KEY (account_key, id_key))`,
    `CREATE INDEX IF NOT EXISTS links_listing ON ${s}.links (account_key, created_key, id_key)`,
    `CREATE INDEX IF NOT EXISTS links_by_token ON ${s}.links (account_key, token_id_key, created_key, id_key)`,
    `CREATE INDEX IF NOT EXISTS links_by_creator ON ${s}.links (account_key, created_by_key, created_key, id_key)`,
    `CREATE TABLE IF NOT EXISTS ${s}.link_usage (
      account_key ${key}, link_id_key ${key}, last_used_at text NOT NULL, last_used_ms double precision NOT NULL,
      PRIMARY KEY (account_key, link_id_key))`,
  ];
}
