import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createPostgresRepository, pgPoolClient, type PostgresClient } from '../../src/adapters/postgres/index.js';
import type { SqlQueryable, SqlRow } from '../../src/adapters/sql/sql-port.js';
import { createSharedTokens } from '../../src/index.js';
import { sqlInspector } from './support/sql-inspector.js';
import { DATABASE_URL, serverPool, uniqueSchema } from './support/server.js';

/**
 * A `pg` binding that, in its next transaction, has the server terminate the
 * transaction's own backend just before statement number `killAt` (counted
 * from the first statement after BEGIN), as a crash or a failover would.
 */
function killingClient(pool: pg.Pool, killer: pg.Pool): PostgresClient & { arm(killAt: number): void; readonly kills: number } {
  const base = pgPoolClient(pool);
  let armed: number | null = null;
  let kills = 0;
  return {
    query: base.query,
    get kills() {
      return kills;
    },
    arm(killAt) {
      armed = killAt;
    },
    async transaction(body) {
      const connection = await pool.connect();
      const ignoreLoss = (): void => undefined;
      connection.on('error', ignoreLoss);
      const release = (destroy?: boolean): void => {
        connection.off('error', ignoreLoss);
        connection.release(destroy);
      };
      const killAt = armed;
      armed = null;
      let count = 0;
      const pid = (await connection.query('SELECT pg_backend_pid() AS pid')).rows[0] as { pid: number };
      const tx: SqlQueryable = {
        async query(text, params = []) {
          count += 1;
          if (count === killAt) {
            kills += 1;
            await killer.query('SELECT pg_terminate_backend($1)', [pid.pid]);
          }
          return (await connection.query(text, [...params])).rows as SqlRow[];
        },
      };
      try {
        await connection.query('BEGIN');
        const result = await body(tx);
        await connection.query('COMMIT');
        release();
        return result;
      } catch (error) {
        try {
          await connection.query('ROLLBACK');
          release();
        } catch {
          release(true);
        }
        throw error;
      }
    },
  };
}

if (DATABASE_URL === '') {
  describe('postgres (server) faults', () => {
    it('runs against a server whenever DATABASE_URL is set, and CI always sets it', () => {
      expect(process.env['CI']).not.toBe('true');
    });
  });
} else {
  describe('postgres (server) faults', () => {
    const schema = uniqueSchema('fault');
    const pool = serverPool(4);
    const killer = serverPool(1);
    afterAll(async () => {
      await killer.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
      await killer.end();
    });
    const client = killingClient(pool, killer);
    const repository = createPostgresRepository({ client, schema });
    const tokens = createSharedTokens({ repository });
    const admin = { accountId: 'acct-fault', userId: 'admin', role: 'admin' } as const;
    const inspect = sqlInspector(pgPoolClient(killer), (table) => `"${schema}"."${table}"`);

    beforeAll(async () => {
      await repository.migrate();
    });

    it('a connection killed at any statement of a filter deletion leaves nothing partial, and the service says REPOSITORY', async () => {
      const filter = await tokens.createFilter(admin, { field: 'kubernetes.namespace', value: 'prod' });
      for (let index = 0; index < 5; index += 1) await tokens.createToken(admin, { name: `Board ${index}`, filterIds: [filter.id] });
      const before = await inspect.dump();
      // Statement 1 is the account lock; the deletion reads, then deletes and inserts in about a dozen statements.
      let statement = 1;
      for (; statement <= 30; statement += 1) {
        const { confirmation } = await tokens.previewFilterDeletion(admin, filter.id);
        client.arm(statement);
        const killsBefore = client.kills;
        const outcome = await tokens.deleteFilter(admin, filter.id, { confirm: confirmation }).then(
          () => 'deleted' as const,
          (error: unknown) => error,
        );
        if (client.kills === killsBefore) {
          // The commit ran out of statements before the kill point: it must have succeeded whole.
          expect(outcome).toBe('deleted');
          break;
        }
        expect(outcome).toMatchObject({ name: 'SharedTokenError', code: 'REPOSITORY' });
        expect(await inspect.dump()).toBe(before);
      }
      expect(statement).toBeGreaterThan(8);
      // After the last, complete attempt: the filter is gone from the store and from every token.
      expect(await repository.getFilter(admin.accountId, filter.id)).toBeNull();
      for (const token of await inspect.storedTokens(admin.accountId)) expect(token.filterIds).toEqual([]);
    }, 120_000);
  });
}
