/**
 * The smallest database port the SQL repository needs: run one
 * parameterised statement, and run a function inside one transaction.
 * Bindings for `pg`, PGlite and better-sqlite3 implement it; a host with
 * another driver writes its own in a few lines.
 *
 * Statements use `$1`, `$2`, ... placeholders; every value is a bound
 * parameter.
 *
 * @example
 * ```ts
 * const queryable: SqlQueryable = {
 *   query: async (text, params) => (await pool.query(text, [...params])).rows,
 * };
 * ```
 */
export interface SqlQueryable {
  /** Runs one statement with bound parameters and returns its rows (none for a write). */
  query(text: string, params?: readonly unknown[]): Promise<readonly SqlRow[]>;
}

/** One result row, by column name. */
export type SqlRow = Readonly<Record<string, unknown>>;

/**
 * A {@link SqlQueryable} that can also run a function in one transaction:
 * committed when the function's promise fulfils, rolled back when it
 * rejects (the rejection is passed on).
 *
 * @example
 * ```ts
 * await client.transaction(async (tx) => {
 *   await tx.query('DELETE FROM t WHERE id = $1', [id]);
 * });
 * ```
 */
export interface SqlClient extends SqlQueryable {
  /** Runs `body` in one transaction on one connection. */
  transaction<T>(body: (tx: SqlQueryable) => Promise<T>): Promise<T>;
}
