import pg from 'pg';

/** The real server's URL, when the environment names one (`.ci/postgres.sh start` prints it). */
export const DATABASE_URL = process.env['DATABASE_URL'] ?? '';

/** A pool that survives the server killing one of its idle connections (the fault tests do). */
export function serverPool(max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max });
  pool.on('error', () => undefined);
  return pool;
}

/** A schema name no other test run uses. */
export function uniqueSchema(label: string): string {
  return `st_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}
