import type { BulkColumn, FailureKind, SqlDialect, SqlTable } from '../sql/sql-dialect.js';
import type { SqlQueryable } from '../sql/sql-port.js';

/**
 * The SQLite dialect over tables named `prefix` + table. Lists bind as one
 * JSON array read with `json_each`, bulk inserts read one JSON array of rows.
 * No account lock is needed: `BEGIN IMMEDIATE` holds the database's single
 * write lock for the whole commit.
 *
 * @internal
 */
export function sqliteDialect(prefix: string): SqlDialect {
  const table = (name: SqlTable): string => `"${prefix}${name}"`;
  return {
    table,
    inList: (column, placeholder) => `${column} IN (SELECT value FROM json_each(${placeholder}))`,
    listParam: (values) => JSON.stringify(values),
    async insertRows(tx: SqlQueryable, name: SqlTable, columns: readonly BulkColumn[], rows: readonly (readonly unknown[])[]) {
      if (rows.length === 0) return;
      const names = columns.map((column) => `"${column.name}"`).join(', ');
      const values = columns.map((_, index) => `json_extract(value, '$[${index}]')`).join(', ');
      await tx.query(`INSERT INTO ${table(name)} (${names}) SELECT ${values} FROM json_each($1)`, [JSON.stringify(rows)]);
    },
    async lockAccount() {
      // The transaction already holds SQLite's one write lock.
    },
    lockRowsClause: '',
    classify: classifySqliteError,
  };
}

/** Sorts a better-sqlite3 error by its extended result code. @internal */
export function classifySqliteError(error: unknown): FailureKind {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return 'other';
  if (code.startsWith('SQLITE_CONSTRAINT')) return 'constraint';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'retryable';
  return 'other';
}
