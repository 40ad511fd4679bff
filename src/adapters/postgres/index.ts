/**
 * `shared-tokens/postgres`: the repository on PostgreSQL, through `pg` or
 * PGlite. Its own entry, so applications that do not use it never load a
 * driver; the drivers are optional peer dependencies.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createPostgresRepository, pgPoolClient } from 'shared-tokens/postgres';
 *
 * const repository = createPostgresRepository({ client: pgPoolClient(new pg.Pool()) });
 * await repository.migrate();
 * ```
 *
 * @packageDocumentation
 */
export { createPostgresRepository } from './postgres-repository.js';
export type { PostgresRepository, PostgresRepositoryOptions } from './postgres-repository.js';
export { pgPoolClient, pgliteClient } from './postgres-client.js';
export type { PGliteLike, PgPoolClientLike, PgPoolLike, PostgresClient } from './postgres-client.js';
export type { SqlClient, SqlQueryable, SqlRow } from '../sql/sql-port.js';
