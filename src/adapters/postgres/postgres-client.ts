import type { SqlClient, SqlQueryable, SqlRow } from '../sql/sql-port.js';

/**
 * The port the PostgreSQL repository talks through: run one parameterised
 * statement (`$1`, `$2`, ...), and run a function in one transaction on one
 * connection. {@link pgPoolClient} and {@link pgliteClient} bind the two
 * drivers the library supports; any other driver fits in a few lines.
 *
 * @example
 * ```ts
 * const client: PostgresClient = {
 *   query: async (text, params) => (await sql.unsafe(text, [...(params ?? [])])) as SqlRow[],
 *   transaction: (body) => sql.begin((tx) => body({ query: async (text, params) => tx.unsafe(text, [...(params ?? [])]) })),
 * };
 * ```
 */
export type PostgresClient = SqlClient;

/** The part of a `pg` `PoolClient` the binding uses. */
export interface PgPoolClientLike {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  /** `pg`'s release: pass the error to destroy a broken connection instead of pooling it. */
  release(destroy?: boolean | Error): void;
  /** `pg`'s event emitter: a connection lost while checked out emits `error`. */
  on?(event: 'error', listener: (error: Error) => void): unknown;
  off?(event: 'error', listener: (error: Error) => void): unknown;
}

/** The part of a `pg` `Pool` the binding uses (a `pg.Pool` fits). */
export interface PgPoolLike {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  connect(): Promise<PgPoolClientLike>;
}

/**
 * Binds a `pg` `Pool`: statements run on any pooled connection, a
 * transaction on one connection checked out for it (`BEGIN` … `COMMIT`,
 * `ROLLBACK` on failure). A connection whose rollback fails too is
 * destroyed, not returned to the pool.
 *
 * @param pool - A `pg.Pool` (or anything with its `query` and `connect`).
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createPostgresRepository, pgPoolClient } from 'shared-tokens/postgres';
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const repository = createPostgresRepository({ client: pgPoolClient(pool) });
 * await repository.migrate();
 * ```
 */
export function pgPoolClient(pool: PgPoolLike): PostgresClient {
  return {
    query: async (text, params = []) => (await pool.query(text, [...params])).rows as SqlRow[],
    async transaction(body) {
      const connection = await pool.connect();
      // A connection the server drops mid-transaction emits `error`; with no
      // listener Node would end the process. The failed query already
      // rejects, which is how the commit learns of it.
      const ignoreLoss = (): void => undefined;
      connection.on?.('error', ignoreLoss);
      const release = (destroy?: boolean | Error): void => {
        connection.off?.('error', ignoreLoss);
        connection.release(destroy);
      };
      const tx: SqlQueryable = { query: async (text, params = []) => (await connection.query(text, [...params])).rows as SqlRow[] };
      try {
        await connection.query('BEGIN');
        const result = await body(tx);
        await connection.query('COMMIT');
        release();
        return result;
      } catch (error) {
        try {
          await connection.query('ROLLBACK');
          release();
        } catch (rollbackError) {
          release(rollbackError instanceof Error ? rollbackError : true);
        }
        throw error;
      }
    },
  };
}

/** The part of a PGlite instance the binding uses (`PGlite` from `@electric-sql/pglite` fits). */
export interface PGliteLike {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  transaction<T>(body: (tx: { query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }> }) => Promise<T>): Promise<T>;
}

/**
 * Binds a PGlite database (PostgreSQL compiled to WebAssembly, in process):
 * for tests, browsers and single-process apps.
 *
 * @param database - A `PGlite` instance.
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { createPostgresRepository, pgliteClient } from 'shared-tokens/postgres';
 *
 * const repository = createPostgresRepository({ client: pgliteClient(new PGlite()) });
 * await repository.migrate();
 * ```
 */
export function pgliteClient(database: PGliteLike): PostgresClient {
  return {
    query: async (text, params = []) => (await database.query(text, [...params])).rows as SqlRow[],
    transaction: (body) =>
      database.transaction((tx) => body({ query: async (text, params = []) => (await tx.query(text, [...params])).rows as SqlRow[] })),
  };
}
