import type { SqlClient, SqlQueryable, SqlRow } from '../sql/sql-port.js';

/** The part of a better-sqlite3 statement the binding uses. */
export interface SqliteStatementLike {
  /** True for a statement that returns rows. */
  readonly reader: boolean;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): unknown;
}

/** The part of a better-sqlite3 `Database` the binding uses (a `Database` from `better-sqlite3` fits). */
export interface SqliteDatabaseLike {
  prepare(source: string): SqliteStatementLike;
  exec(source: string): unknown;
  /** True while a transaction is open on the connection. */
  readonly inTransaction: boolean;
}

// One queue per connection, shared by every repository over it: better-sqlite3
// is synchronous, but the repository's calls are async, so without a queue a
// read could run on the connection between two statements of an open commit
// and see half of it.
const queues = new WeakMap<SqliteDatabaseLike, { tail: Promise<unknown> }>();

function serialized<T>(database: SqliteDatabaseLike, body: () => Promise<T>): Promise<T> {
  let queue = queues.get(database);
  if (queue === undefined) {
    queue = { tail: Promise.resolve() };
    queues.set(database, queue);
  }
  const run = queue.tail.then(body, body);
  queue.tail = run.catch(() => undefined);
  return run;
}

/**
 * Binds a better-sqlite3 connection to the SQL port. `$1`-style placeholders
 * become positional `?` (with the values reordered to match); statements are
 * prepared once and cached; a transaction is `BEGIN IMMEDIATE` (the write lock
 * up front, so another process's writer waits rather than failing halfway) …
 * `COMMIT`, and every call on the connection waits its turn.
 *
 * @internal
 */
export function sqliteClient(database: SqliteDatabaseLike): SqlClient {
  const statements = new Map<string, { statement: SqliteStatementLike; order: number[] }>();
  const prepared = (text: string) => {
    let entry = statements.get(text);
    if (entry === undefined) {
      const order: number[] = [];
      const source = text.replace(/\$(\d+)/g, (_, index: string) => {
        order.push(Number(index) - 1);
        return '?';
      });
      entry = { statement: database.prepare(source), order };
      statements.set(text, entry);
    }
    return entry;
  };
  const direct: SqlQueryable = {
    async query(text, params = []) {
      const { statement, order } = prepared(text);
      const bound = order.map((index) => params[index]);
      if (statement.reader) return statement.all(...bound) as SqlRow[];
      statement.run(...bound);
      return [];
    },
  };
  return {
    query: (text, params) => serialized(database, () => direct.query(text, params)),
    transaction: (body) =>
      serialized(database, async () => {
        database.exec('BEGIN IMMEDIATE');
        try {
          const result = await body(direct);
          database.exec('COMMIT');
          return result;
        } catch (error) {
          if (database.inTransaction) database.exec('ROLLBACK');
          throw error;
        }
      }),
  };
}
