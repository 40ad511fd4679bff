import { PGlite } from '@electric-sql/pglite';
import { createPostgresRepository, pgliteClient, type PostgresClient } from '../../../src/adapters/postgres/index.js';
import type { RepositoryUnderTest } from '../../../src/testing/index.js';
import { sqlInspector } from './sql-inspector.js';

const TABLES = ['link_usage', 'links', 'token_usage', 'token_filters', 'token_hashes', 'tokens', 'filters'];

/**
 * Fresh, empty PostgreSQL repositories over one database: each instance gets
 * a schema of its own, migrated once and emptied (TRUNCATE) when the
 * instance closes, then handed to the next instance. Creating a schema per
 * property run would spend the run on DDL.
 */
export function schemaPool(name: string, client: PostgresClient): RepositoryUnderTest & { readonly schemas: () => readonly string[] } {
  const free: string[] = [];
  const all: string[] = [];
  const prefix = `st_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  return {
    name,
    schemas: () => all,
    async create() {
      let schema = free.pop();
      const repository = createPostgresRepository({ client, schema: schema ?? `${prefix}_${all.length}` });
      if (schema === undefined) {
        schema = `${prefix}_${all.length}`;
        all.push(schema);
        await repository.migrate();
      }
      const owned = schema;
      const table = (table: string) => `"${owned}"."${table}"`;
      return {
        repository,
        inspect: sqlInspector(client, table),
        async close() {
          await client.query(`TRUNCATE ${TABLES.map(table).join(', ')}`);
          free.push(owned);
        },
      };
    },
  };
}

/** One in-process PGlite database for a test file. */
export async function startPGlite(): Promise<{ client: PostgresClient; close: () => Promise<void> }> {
  const database = new PGlite();
  await database.waitReady;
  return { client: pgliteClient(database), close: () => database.close() };
}
