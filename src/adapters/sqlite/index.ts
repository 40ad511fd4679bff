/**
 * `shared-tokens/sqlite`: the repository on SQLite through better-sqlite3
 * (version 12). Its own entry, so applications that do not use it never load
 * the driver; the driver is an optional peer dependency.
 *
 * @example
 * ```ts
 * import Database from 'better-sqlite3';
 * import { createSqliteRepository } from 'shared-tokens/sqlite';
 *
 * const repository = createSqliteRepository({ database: new Database(':memory:') });
 * await repository.migrate();
 * ```
 *
 * @packageDocumentation
 */
export { createSqliteRepository } from './sqlite-repository.js';
export type { SqliteRepository, SqliteRepositoryOptions } from './sqlite-repository.js';
export type { SqliteDatabaseLike, SqliteStatementLike } from './sqlite-client.js';
