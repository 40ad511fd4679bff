import type { BulkColumn, FailureKind, SqlDialect, SqlTable } from '../sql/sql-dialect.js';
import type { SqlQueryable } from '../sql/sql-port.js';

/**
 * The PostgreSQL dialect over the tables of `schema` (a checked identifier,
 * never input). Lists bind as `text[]`, bulk inserts `unnest` one array per
 * column, and commits of one account are serialized by a transaction-scoped
 * advisory lock.
 *
 * @internal
 */
export function postgresDialect(schema: string): SqlDialect {
  const quotedSchema = quoteIdentifier(schema);
  return {
    table: (name: SqlTable) => `${quotedSchema}.${quoteIdentifier(name)}`,
    inList: (column, placeholder) => `${column} = ANY(${placeholder}::text[])`,
    listParam: (values) => [...values],
    async insertRows(tx: SqlQueryable, table: SqlTable, columns: readonly BulkColumn[], rows: readonly (readonly unknown[])[]) {
      if (rows.length === 0) return;
      const names = columns.map((column) => quoteIdentifier(column.name)).join(', ');
      const arrays = columns.map((column, index) => `$${index + 1}::${column.type === 'integer' ? 'integer' : 'text'}[]`).join(', ');
      await tx.query(
        `INSERT INTO ${quotedSchema}.${quoteIdentifier(table)} (${names}) SELECT * FROM unnest(${arrays})`,
        columns.map((_, index) => rows.map((row) => row[index])),
      );
    },
    async lockAccount(tx, accountKey) {
      // Two int4 keys: this schema's, and the account's. A hash collision
      // between two accounts only makes them wait for each other.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))`, [schema, accountKey]);
    },
    lockRowsClause: ' FOR UPDATE',
    classify: classifyPostgresError,
  };
}

/** Sorts a PostgreSQL error by its SQLSTATE. @internal */
export function classifyPostgresError(error: unknown): FailureKind {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  switch (code) {
    case '23505': // unique_violation
    case '23503': // foreign_key_violation
      return 'constraint';
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected
    case '55P03': // lock_not_available
      return 'retryable';
    default:
      return 'other';
  }
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Checks a configured schema name: lower-case letters, digits and `_`, not
 * starting with a digit, at most 63 characters (PostgreSQL's limit).
 *
 * @internal
 */
export function isSchemaName(name: unknown): name is string {
  return typeof name === 'string' && IDENTIFIER.test(name);
}

function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not an identifier: ${name}`);
  return `"${name}"`;
}
