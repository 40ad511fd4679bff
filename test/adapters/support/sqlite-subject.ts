import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteRepository } from '../../../src/adapters/sqlite/index.js';
import type { SqlQueryable } from '../../../src/adapters/sql/sql-port.js';
import type { RepositoryUnderTest } from '../../../src/testing/index.js';
import { sqlInspector } from './sql-inspector.js';

/** A raw reader over a better-sqlite3 connection, for the inspector (`$n` → positional `?`). */
export function rawSqlite(database: Database.Database): SqlQueryable {
  return {
    async query(text, params = []) {
      const order: number[] = [];
      const statement = database.prepare(
        text.replace(/\$(\d+)/g, (_, index: string) => {
          order.push(Number(index) - 1);
          return '?';
        }),
      );
      const bound = order.map((index) => params[index]);
      return statement.reader ? (statement.all(...bound) as Record<string, unknown>[]) : (statement.run(...bound), []);
    },
  };
}

/**
 * Fresh SQLite repositories: a new `:memory:` database per instance, or a
 * new file in a temporary directory (removed when the instance closes).
 */
export function sqliteSubject(kind: 'memory' | 'file'): RepositoryUnderTest {
  return {
    name: `sqlite (${kind === 'memory' ? ':memory:' : 'file'})`,
    async create() {
      const directory = kind === 'file' ? mkdtempSync(join(tmpdir(), 'shared-tokens-sqlite-')) : null;
      const database = new Database(directory === null ? ':memory:' : join(directory, 'tokens.db'));
      if (directory !== null) database.pragma('journal_mode = WAL');
      const repository = createSqliteRepository({ database });
      await repository.migrate();
      return {
        repository,
        inspect: sqlInspector(rawSqlite(database), (table) => `"shared_tokens_${table}"`),
        close() {
          database.close();
          if (directory !== null) rmSync(directory, { recursive: true, force: true });
        },
      };
    },
  };
}
