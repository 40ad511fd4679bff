/**
 * `npm run bench:repository`: the storage adapters at size.
 *
 * For PGlite, SQLite (a WAL file) and, when DATABASE_URL is set, a real
 * PostgreSQL server on loopback: seeds one account with 1,000 tokens and
 * times `resolve`'s storage half (SHA-256 of the secret + the one indexed
 * credential lookup), then grows the account to 100,000 tokens, 100,000
 * links and 10,000 filters and times it again, then pages the token listing
 * 100 at a time, and deletes a filter attached to 10,000 tokens in one
 * commit (the service's filter deletion: every token rewritten, batched).
 * Prints one table to stdout, progress to stderr. A few minutes in all.
 *
 * Options: `--backends=pglite,sqlite,server` (default: all available),
 * `--tokens=100000` (the large size; links follow it, filters are a tenth).
 */
import Database from 'better-sqlite3';
import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createPostgresRepository, pgliteClient, pgPoolClient } from '../src/adapters/postgres/index.js';
import { createSqliteRepository } from '../src/adapters/sqlite/index.js';
import type { RepositoryChange, SharedTokenRepository } from '../src/repository/contract.js';
import { aFilter, aLink, aToken, nextVersion } from '../src/testing/fixtures.js';

const ACCOUNT = 'acct-bench';
const SMALL = 1_000;
const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const LARGE = Number(args.get('tokens') ?? 100_000);
const FILTERS = Math.max(10, Math.floor(LARGE / 10));
const ATTACHED = Math.min(10_000, LARGE);
const SAMPLES = 2_000;
const BATCH = 2_000;

interface Backend {
  readonly name: string;
  open(): Promise<{ repository: SharedTokenRepository & { migrate(): Promise<void> }; close(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'PGlite',
    async open() {
      const database = new PGlite();
      return { repository: createPostgresRepository({ client: pgliteClient(database) }), close: () => database.close() };
    },
  },
  {
    name: 'SQLite (file, WAL)',
    async open() {
      const directory = mkdtempSync(join(tmpdir(), 'shared-tokens-bench-'));
      const database = new Database(join(directory, 'bench.db'));
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = NORMAL');
      return {
        repository: createSqliteRepository({ database }),
        async close() {
          database.close();
          rmSync(directory, { recursive: true, force: true });
        },
      };
    },
  },
];
const url = process.env['DATABASE_URL'];
if (url !== undefined && url !== '') {
  backends.push({
    name: 'PostgreSQL server (loopback)',
    async open() {
      const pool = new pg.Pool({ connectionString: url, max: 4 });
      const schema = `st_bench_${process.pid}`;
      return {
        repository: createPostgresRepository({ client: pgPoolClient(pool), schema }),
        async close() {
          await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await pool.end();
        },
      };
    },
  });
}
const wanted = args.get('backends')?.split(',');
const chosen = backends.filter((backend) => wanted === undefined || wanted.some((name) => backend.name.toLowerCase().startsWith(name)));

const secretOf = (kind: 'token' | 'link', index: number): string => `shtk_bench_${kind}_${index}`;
async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function seedTokens(repository: SharedTokenRepository, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += BATCH) {
    const changes: RepositoryChange[] = [];
    for (let index = start; index < Math.min(to, start + BATCH); index += 1) {
      const token = aToken(ACCOUNT, `t${index}`, { secretHash: await sha256Hex(secretOf('token', index)) });
      changes.push({ type: 'put-token', token, expectedVersion: null });
    }
    await repository.commit(ACCOUNT, changes);
  }
}

async function seedLinks(repository: SharedTokenRepository, count: number, tokens: number): Promise<void> {
  for (let start = 0; start < count; start += BATCH) {
    const changes: RepositoryChange[] = [];
    for (let index = start; index < Math.min(count, start + BATCH); index += 1) {
      const token = aToken(ACCOUNT, `t${index % tokens}`);
      const link = aLink(ACCOUNT, token.id, `l${index}`, { secretHash: await sha256Hex(secretOf('link', index)) });
      changes.push({ type: 'put-link', link, expectedVersion: null });
    }
    await repository.commit(ACCOUNT, changes);
  }
}

async function seedFilters(repository: SharedTokenRepository, count: number): Promise<void> {
  for (let start = 0; start < count; start += BATCH) {
    const changes: RepositoryChange[] = [];
    for (let index = start; index < Math.min(count, start + BATCH); index += 1) {
      changes.push({ type: 'put-filter', filter: aFilter(ACCOUNT, `f${index}`), expectedVersion: null });
    }
    await repository.commit(ACCOUNT, changes);
  }
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

async function timeResolve(repository: SharedTokenRepository, tokens: number, links: number): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  let state = 12345;
  for (let sample = 0; sample < SAMPLES; sample += 1) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const useLink = links > 0 && sample % 2 === 1;
    const secret = useLink ? secretOf('link', state % links) : secretOf('token', state % tokens);
    const start = performance.now();
    const found = await repository.findCredentialBySecretHash(await sha256Hex(secret));
    times.push(performance.now() - start);
    if (found === null) throw new Error(`resolve missed ${secret}`);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

async function timePages(repository: SharedTokenRepository): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page += 1) {
    const start = performance.now();
    const result: { nextCursor: string | null } = await repository.listTokens(ACCOUNT, { limit: 100, cursor });
    times.push(performance.now() - start);
    cursor = result.nextCursor;
    if (cursor === null) break;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

async function timeFilterDeletion(repository: SharedTokenRepository): Promise<{ attach: number; remove: number }> {
  const filter = aFilter(ACCOUNT, 'f0');
  const attachStart = performance.now();
  for (let start = 0; start < ATTACHED; start += BATCH) {
    const changes: RepositoryChange[] = [];
    for (let index = start; index < Math.min(ATTACHED, start + BATCH); index += 1) {
      const token = await repository.getToken(ACCOUNT, aToken(ACCOUNT, `t${index}`).id);
      if (token === null) throw new Error('seeded token missing');
      changes.push({ type: 'put-token', token: nextVersion(token, { filterIds: [filter.id] }), expectedVersion: token.version });
    }
    await repository.commit(ACCOUNT, changes);
  }
  const attach = performance.now() - attachStart;
  const removeStart = performance.now();
  const users = await repository.listTokensByFilter(ACCOUNT, filter.id);
  const changes: RepositoryChange[] = users.map((token) => ({
    type: 'put-token',
    token: nextVersion(token, { filterIds: [] }),
    expectedVersion: token.version,
  }));
  changes.push({ type: 'delete-filter', id: filter.id, expectedVersion: 1 });
  await repository.commit(ACCOUNT, changes);
  const remove = performance.now() - removeStart;
  if (users.length !== ATTACHED) throw new Error(`expected ${ATTACHED} users, got ${users.length}`);
  return { attach, remove };
}

const ms = (value: number): string => (value < 10 ? value.toFixed(2) : value.toFixed(0));
const header = [
  'backend',
  `resolve ${SMALL / 1000}k tokens p50/p99 ms`,
  `resolve ${LARGE / 1000}k tokens + ${LARGE / 1000}k links p50/p99 ms`,
  'large/small p50',
  'list 100/page p50/p99 ms',
  `attach a filter to ${ATTACHED / 1000}k tokens ms`,
  `delete that filter ms`,
  'seed s',
];
console.log(`| ${header.join(' | ')} |`);
console.log(`| ${header.map(() => '---').join(' | ')} |`);
for (const backend of chosen) {
  const { repository, close } = await backend.open();
  try {
    console.error(`${backend.name}: migrate and seed ${SMALL} tokens`);
    await repository.migrate();
    await seedTokens(repository, 0, SMALL);
    const small = await timeResolve(repository, SMALL, 0);
    console.error(`${backend.name}: grow to ${LARGE} tokens, ${LARGE} links, ${FILTERS} filters`);
    const seedStart = performance.now();
    await seedTokens(repository, SMALL, LARGE);
    await seedLinks(repository, LARGE, LARGE);
    await seedFilters(repository, FILTERS);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const large = await timeResolve(repository, LARGE, LARGE);
    const pages = await timePages(repository);
    console.error(`${backend.name}: filter on ${ATTACHED} tokens`);
    const deletion = await timeFilterDeletion(repository);
    const row = [
      backend.name,
      `${ms(small.p50)} / ${ms(small.p99)}`,
      `${ms(large.p50)} / ${ms(large.p99)}`,
      (large.p50 / small.p50).toFixed(2),
      `${ms(pages.p50)} / ${ms(pages.p99)}`,
      ms(deletion.attach),
      ms(deletion.remove),
      seedSeconds.toFixed(0),
    ];
    // Printed as soon as measured: a long run still leaves every finished backend's figures.
    console.log(`| ${row.join(' | ')} |`);
  } finally {
    await close();
  }
}

