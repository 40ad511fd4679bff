import { SharedTokenError } from '../../errors.js';
import type { SharedTokenRepository } from '../../repository/contract.js';
import { createSqlRepository, guarded } from '../sql/sql-repository.js';
import { sqliteClient, type SqliteDatabaseLike } from './sqlite-client.js';
import { sqliteDialect } from './sqlite-dialect.js';
import { SQLITE_SCHEMA_VERSION, sqliteSchemaStatements } from './sqlite-schema.js';

/**
 * Options of {@link createSqliteRepository}.
 *
 * @example
 * ```ts
 * const options: SqliteRepositoryOptions = { database: new Database('tokens.db'), tablePrefix: 'st_' };
 * ```
 */
export interface SqliteRepositoryOptions {
  /** A better-sqlite3 `Database` (file-backed or `:memory:`). The caller opens and closes it. */
  readonly database: SqliteDatabaseLike;
  /**
   * Prepended to every table name: lower-case letters, digits and `_`, at
   * most 32 characters. Default `shared_tokens_`.
   */
  readonly tablePrefix?: string;
}

/**
 * A {@link SharedTokenRepository} on SQLite, with the schema migration.
 *
 * @example
 * ```ts
 * const repository: SqliteRepository = createSqliteRepository({ database });
 * await repository.migrate();
 * ```
 */
export interface SqliteRepository extends SharedTokenRepository {
  /**
   * Creates the tables if missing and records the schema version; safe to
   * run on every start.
   *
   * @throws SharedTokenError `REPOSITORY` when the database fails, or holds a
   *   schema version newer than this release knows.
   */
  migrate(): Promise<void>;
}

const PREFIX = /^[a-z_][a-z0-9_]{0,31}$/;

/**
 * Shared tokens and filters in SQLite through better-sqlite3 (version 12).
 *
 * Every call on the connection takes its turn (reads never see half of a
 * commit made through the same connection). A `commit` is one `BEGIN
 * IMMEDIATE` transaction: it takes SQLite's single write lock first, so
 * commits from this and other connections or processes are serialized; it
 * reads the rows the batch depends on, judges the batch with the in-memory
 * repository's rules, deletes the touched rows and inserts the final ones
 * (SQLite has no deferrable `UNIQUE`; deleting first means uniqueness is
 * tested only against the final state). A writer from another process that
 * holds the lock past the connection's busy timeout makes the commit a
 * `CONFLICT`, to retry. Driver failures are `SharedTokenError('REPOSITORY',
 * …, { cause })`. For several processes, open the file in WAL mode
 * (`database.pragma('journal_mode = WAL')`) so readers never wait.
 *
 * @param options - The database and, optionally, the table prefix (default `shared_tokens_`).
 * @returns The repository; call its `migrate()` once before use.
 * @throws SharedTokenError `VALIDATION` for a prefix that is not a plain identifier.
 * @example
 * ```ts
 * import Database from 'better-sqlite3';
 * import { createSharedTokens } from 'shared-tokens';
 * import { createSqliteRepository } from 'shared-tokens/sqlite';
 *
 * const database = new Database('tokens.db');
 * database.pragma('journal_mode = WAL');
 * const repository = createSqliteRepository({ database });
 * await repository.migrate();
 * const tokens = createSharedTokens({ repository });
 * ```
 */
export function createSqliteRepository(options: SqliteRepositoryOptions): SqliteRepository {
  const prefix = options.tablePrefix ?? 'shared_tokens_';
  if (typeof prefix !== 'string' || !PREFIX.test(prefix)) {
    throw new SharedTokenError('VALIDATION', 'tablePrefix must be a plain identifier: a-z, 0-9 and _, at most 32 characters.', {
      issues: [{ path: ['tablePrefix'], message: 'must match /^[a-z_][a-z0-9_]{0,31}$/' }],
    });
  }
  const client = sqliteClient(options.database);
  const dialect = sqliteDialect(prefix);
  const repository = createSqlRepository(client, dialect);
  return {
    ...repository,
    async migrate() {
      await guarded(dialect, 'migrate', () =>
        client.transaction(async (tx) => {
          for (const statement of sqliteSchemaStatements(prefix)) await tx.query(statement);
          const found = await tx.query(`SELECT max(version) AS version FROM "${prefix}schema_migrations"`);
          const stored = Number(found[0]?.['version'] ?? 0);
          if (stored > SQLITE_SCHEMA_VERSION) {
            throw new SharedTokenError(
              'REPOSITORY',
              `The database holds schema version ${stored}, newer than this release's ${SQLITE_SCHEMA_VERSION}; upgrade the library.`,
              { schemaVersion: stored },
            );
          }
          if (stored < SQLITE_SCHEMA_VERSION) {
            await tx.query(`INSERT INTO "${prefix}schema_migrations" (version, applied_at) VALUES ($1, $2)`, [
              SQLITE_SCHEMA_VERSION,
              new Date().toISOString(),
            ]);
          }
        }),
      );
    },
  };
}
