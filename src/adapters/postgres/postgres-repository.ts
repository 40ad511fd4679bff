import { SharedTokenError } from '../../errors.js';
import type { SharedTokenRepository } from '../../repository/contract.js';
import { createSqlRepository, guarded } from '../sql/sql-repository.js';
import type { PostgresClient } from './postgres-client.js';
import { isSchemaName, postgresDialect } from './postgres-dialect.js';
import { POSTGRES_SCHEMA_VERSION, postgresSchemaStatements } from './postgres-schema.js';

/**
 * Options of {@link createPostgresRepository}.
 *
 * @example
 * ```ts
 * const options: PostgresRepositoryOptions = { client: pgPoolClient(pool), schema: 'tenant_tokens' };
 * ```
 */
export interface PostgresRepositoryOptions {
  /** How to reach the database: {@link pgPoolClient}, {@link pgliteClient}, or your own {@link PostgresClient}. */
  readonly client: PostgresClient;
  /**
   * The schema holding the tables: lower-case letters, digits and `_`, at
   * most 63 characters. Default `shared_tokens`.
   */
  readonly schema?: string;
}

/**
 * A {@link SharedTokenRepository} on PostgreSQL, with the schema migration.
 *
 * @example
 * ```ts
 * const repository: PostgresRepository = createPostgresRepository({ client });
 * await repository.migrate();
 * ```
 */
export interface PostgresRepository extends SharedTokenRepository {
  /**
   * Creates the schema and its tables if missing and records the schema
   * version; safe to run on every start and from several processes at once
   * (an advisory lock orders them).
   *
   * @throws SharedTokenError `REPOSITORY` when the database fails, or holds a
   *   schema version newer than this release knows.
   */
  migrate(): Promise<void>;
}

/**
 * Shared tokens and filters in PostgreSQL (a server through `pg`, or PGlite).
 *
 * Isolation, per method:
 * - Every read is one statement under READ COMMITTED: one snapshot, so a
 *   page, a lookup or the reverse-index listing is consistent in itself.
 *   `findTokenBySecretHash` is one indexed join (hash → token → use).
 * - `commit` is one READ COMMITTED transaction whose first statement takes
 *   an advisory lock on the account: commits of one account run one after
 *   another, and each later statement sees every commit made before the
 *   lock was granted. It then reads exactly the rows the batch depends on,
 *   judges the batch with the in-memory repository's rules (so versions,
 *   uniqueness, references and error context are identical), deletes the
 *   touched rows and inserts the final ones. A stale version is a
 *   `CONFLICT`, never a lost update. Accounts share only secret hashes: two
 *   accounts racing for one hash meet at its unique index, and the loser's
 *   `unique_violation` is a `CONFLICT`; a deadlock is a `CONFLICT` too.
 * - `recordTokenUsage` is one upsert into a usage table, outside any token
 *   row: it never bumps `version` and only waits (briefly) for a commit
 *   rewriting the same token's usage.
 *
 * Driver failures are `SharedTokenError('REPOSITORY', …, { cause })`.
 * Call {@link PostgresRepository.migrate} once before use.
 *
 * @param options - The client and, optionally, the schema (default `shared_tokens`).
 * @returns The repository; its `migrate()` creates the tables.
 * @throws SharedTokenError `VALIDATION` for a schema name that is not a plain identifier.
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createSharedTokens } from 'shared-tokens';
 * import { createPostgresRepository, pgPoolClient } from 'shared-tokens/postgres';
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const repository = createPostgresRepository({ client: pgPoolClient(pool) });
 * await repository.migrate();
 * const tokens = createSharedTokens({ repository });
 * ```
 */
export function createPostgresRepository(options: PostgresRepositoryOptions): PostgresRepository {
  const schema = options.schema ?? 'shared_tokens';
  if (!isSchemaName(schema)) {
    throw new SharedTokenError('VALIDATION', 'schema must be a plain identifier: a-z, 0-9 and _, at most 63 characters.', {
      issues: [{ path: ['schema'], message: 'must match /^[a-z_][a-z0-9_]{0,62}$/' }],
    });
  }
  const { client } = options;
  const dialect = postgresDialect(schema);
  const repository = createSqlRepository(client, dialect);
  return {
    ...repository,
    async migrate() {
      await guarded(dialect, 'migrate', () =>
        client.transaction(async (tx) => {
          await tx.query('SELECT pg_advisory_xact_lock(hashtext($1), 0)', [`${schema}.migrate`]);
          const statements = postgresSchemaStatements(schema);
          for (const statement of statements) await tx.query(statement);
          const found = await tx.query(`SELECT max(version) AS version FROM "${schema}".schema_migrations`);
          const stored = Number(found[0]?.['version'] ?? 0);
          if (stored > POSTGRES_SCHEMA_VERSION) {
            throw new SharedTokenError(
              'REPOSITORY',
              `The schema holds version ${stored}, newer than this release's ${POSTGRES_SCHEMA_VERSION}; upgrade the library.`,
              { schemaVersion: stored },
            );
          }
          if (stored < POSTGRES_SCHEMA_VERSION) {
            await tx.query(`INSERT INTO "${schema}".schema_migrations (version) VALUES ($1)`, [POSTGRES_SCHEMA_VERSION]);
          }
        }),
      );
    },
  };
}
