import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pgPoolClient } from '../../src/adapters/postgres/index.js';
import { runRepositoryConformanceSuite } from '../../src/testing/index.js';
import { schemaPool } from './support/pglite-subject.js';
import { DATABASE_URL, serverPool } from './support/server.js';

if (DATABASE_URL === '') {
  describe('postgres (server)', () => {
    it('runs against a server whenever DATABASE_URL is set, and CI always sets it', () => {
      expect(process.env['CI']).not.toBe('true');
    });
  });
} else {
  const pool = serverPool(12);
  const subject = schemaPool('postgres (server)', pgPoolClient(pool));
  afterAll(async () => {
    for (const schema of subject.schemas()) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });
  runRepositoryConformanceSuite(subject, { describe, it, expect, beforeEach, afterEach }, { timeout: 300_000 });
}
