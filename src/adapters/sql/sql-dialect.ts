import type { SqlQueryable } from './sql-port.js';

/** The tables of the SQL repository. @internal */
export type SqlTable = 'filters' | 'tokens' | 'token_hashes' | 'token_filters' | 'token_usage' | 'links' | 'link_usage';

/** A column of a bulk insert and the SQL type its values bind as. @internal */
export interface BulkColumn {
  readonly name: string;
  readonly type: 'text' | 'integer';
}

/** How a driver failure reads to the repository. @internal */
export type FailureKind =
  /** A unique or foreign key constraint refused a write: another commit won a race. */
  | 'constraint'
  /** The database gave up on the transaction (deadlock, serialization): retrying may succeed. */
  | 'retryable'
  /** Anything else: a `REPOSITORY` error. */
  | 'other';

/**
 * What differs between the SQL databases the repository runs on. Every
 * statement text the repository sends is fixed by the dialect and the
 * table names chosen at construction; none is built from input.
 *
 * @internal
 */
export interface SqlDialect {
  /** The table's qualified, quoted name. */
  table(name: SqlTable): string;
  /** A condition: `column` is one of the strings bound at `placeholder`. */
  inList(column: string, placeholder: string): string;
  /** The bound value for {@link SqlDialect.inList}. */
  listParam(values: readonly string[]): unknown;
  /** Inserts `rows` into `table` in one statement. */
  insertRows(tx: SqlQueryable, table: SqlTable, columns: readonly BulkColumn[], rows: readonly (readonly unknown[])[]): Promise<void>;
  /** Serializes commits of one account until the transaction ends. */
  lockAccount(tx: SqlQueryable, accountKey: string): Promise<void>;
  /** Appended to the commit's read of usage rows it may replace (`FOR UPDATE` where rows can be locked). */
  readonly lockRowsClause: string;
  /** Sorts a driver failure. */
  classify(error: unknown): FailureKind;
}
