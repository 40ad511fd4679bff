import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createPostgresRepository, pgPoolClient, type PostgresRepository } from '../../src/adapters/postgres/index.js';
import type { StoredSharedLink } from '../../src/domain/shared-link.js';
import type { StoredSharedToken } from '../../src/domain/shared-token.js';
import type { RepositoryChange } from '../../src/repository/contract.js';
import { aFilter, aLink, aToken, fixtureHash, nextVersion } from '../../src/testing/fixtures.js';
import { sqlInspector } from './support/sql-inspector.js';
import { DATABASE_URL, serverPool, uniqueSchema } from './support/server.js';

const ACCOUNT = 'acct-load';
const TOKENS = 100;
const WRITERS = 8;
const RUN_MS = 8_000;
const MAX_RETRIES = 100;

/** What a writer was told succeeded. */
type Acknowledged =
  | { readonly kind: 'token-write'; readonly tokenId: string; readonly version: number; readonly filterIds: readonly string[] }
  | { readonly kind: 'filter-created' | 'filter-deleted'; readonly id: string }
  | { readonly kind: 'link-created' | 'link-revoked'; readonly id: string };

// A deterministic generator per writer, so a failure replays.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32;
  };
}

if (DATABASE_URL === '') {
  describe('postgres (server) under load', () => {
    it('runs against a server whenever DATABASE_URL is set, and CI always sets it', () => {
      expect(process.env['CI']).not.toBe('true');
    });
  });
} else {
  describe('postgres (server) under load', () => {
    const schema = uniqueSchema('load');
    const pools: pg.Pool[] = [];
    const pool = (max: number): pg.Pool => {
      const made = serverPool(max);
      pools.push(made);
      return made;
    };
    let admin: PostgresRepository;
    let adminPool: pg.Pool;

    beforeAll(async () => {
      adminPool = pool(2);
      admin = createPostgresRepository({ client: pgPoolClient(adminPool), schema });
      await admin.migrate();
    });
    afterAll(async () => {
      await adminPool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      for (const each of pools) await each.end();
    });

    it(`${WRITERS} writers on separate connections hammering ${TOKENS} tokens for ${RUN_MS / 1000} s lose nothing`, async () => {
      const tokens = Array.from({ length: TOKENS }, (_, index) => aToken(ACCOUNT, `t${index}`));
      const initialFilters = Array.from({ length: 10 }, (_, index) => aFilter(ACCOUNT, `initial-${index}`));
      await admin.commit(ACCOUNT, [
        ...initialFilters.map((filter): RepositoryChange => ({ type: 'put-filter', filter, expectedVersion: null })),
        ...tokens.map((token): RepositoryChange => ({ type: 'put-token', token, expectedVersion: null })),
      ]);
      const log: Acknowledged[] = initialFilters.map((filter) => ({ kind: 'filter-created', id: filter.id }));
      // Shared hints of what exists; a writer re-reads before it writes, so a stale hint only costs a skip.
      const knownFilters = initialFilters.map((filter) => filter.id);
      const knownLinks: string[] = [];
      const deadline = Date.now() + RUN_MS;
      const counts = { commits: 0, conflicts: 0 };

      const writer = async (index: number): Promise<void> => {
        const repository = createPostgresRepository({ client: pgPoolClient(pool(1)), schema });
        const next = random(index + 1);
        const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(next() * items.length)];
        let serial = 0;
        const retry = async (attempt: () => Promise<Acknowledged[] | null>): Promise<void> => {
          for (let round = 0; round < MAX_RETRIES; round += 1) {
            try {
              const acknowledged = await attempt();
              if (acknowledged !== null) {
                log.push(...acknowledged);
                counts.commits += 1;
              }
              return;
            } catch (error) {
              if ((error as { code?: unknown }).code !== 'CONFLICT') throw error;
              counts.conflicts += 1;
            }
          }
        };
        const writeToken = async (token: StoredSharedToken, filterIds: readonly string[], extra: RepositoryChange[] = []) => {
          const next = nextVersion(token, { filterIds: [...filterIds] });
          await repository.commit(ACCOUNT, [{ type: 'put-token', token: next, expectedVersion: token.version }, ...extra]);
          return { kind: 'token-write', tokenId: token.id, version: next.version, filterIds: next.filterIds } as const;
        };
        while (Date.now() < deadline) {
          serial += 1;
          const roll = next();
          const token = pick(tokens);
          if (token === undefined) continue;
          if (roll < 0.1) {
            const filter = aFilter(ACCOUNT, `w${index}-${serial}`);
            await retry(async () => {
              await repository.commit(ACCOUNT, [{ type: 'put-filter', filter, expectedVersion: null }]);
              knownFilters.push(filter.id);
              return [{ kind: 'filter-created', id: filter.id }];
            });
          } else if (roll < 0.45) {
            const filterId = pick(knownFilters);
            if (filterId === undefined) continue;
            await retry(async () => {
              const read = await repository.getToken(ACCOUNT, token.id);
              if (read === null || read.filterIds.includes(filterId) || (await repository.getFilter(ACCOUNT, filterId)) === null) return null;
              return [await writeToken(read, [...read.filterIds, filterId])];
            });
          } else if (roll < 0.7) {
            await retry(async () => {
              const read = await repository.getToken(ACCOUNT, token.id);
              const gone = read === null ? undefined : pick(read.filterIds);
              if (read === null || gone === undefined) return null;
              return [await writeToken(read, read.filterIds.filter((id) => id !== gone))];
            });
          } else if (roll < 0.8) {
            const filterId = pick(knownFilters);
            if (filterId === undefined) continue;
            await retry(async () => {
              const filter = await repository.getFilter(ACCOUNT, filterId);
              if (filter === null) return null;
              const users = await repository.listTokensByFilter(ACCOUNT, filterId);
              const changes: RepositoryChange[] = users.map((user) => ({
                type: 'put-token',
                token: nextVersion(user, { filterIds: user.filterIds.filter((id) => id !== filterId) }),
                expectedVersion: user.version,
              }));
              changes.push({ type: 'delete-filter', id: filterId, expectedVersion: filter.version });
              await repository.commit(ACCOUNT, changes);
              return [
                ...users.map((user) => ({
                  kind: 'token-write' as const,
                  tokenId: user.id,
                  version: user.version + 1,
                  filterIds: user.filterIds.filter((id) => id !== filterId),
                })),
                { kind: 'filter-deleted', id: filterId },
              ];
            });
          } else if (roll < 0.9) {
            const link = aLink(ACCOUNT, token.id, `w${index}-${serial}`, { secretHash: fixtureHash(`load-link-${index}-${serial}`) });
            await retry(async () => {
              await repository.commit(ACCOUNT, [{ type: 'put-link', link, expectedVersion: null }]);
              knownLinks.push(link.id);
              return [{ kind: 'link-created', id: link.id }];
            });
          } else {
            const linkId = pick(knownLinks);
            if (linkId === undefined) continue;
            await retry(async () => {
              const link = await repository.getLink(ACCOUNT, linkId);
              if (link === null) return null;
              await repository.commit(ACCOUNT, [{ type: 'delete-link', id: linkId, expectedVersion: link.version }]);
              return [{ kind: 'link-revoked', id: linkId }];
            });
          }
        }
      };

      await Promise.all(Array.from({ length: WRITERS }, (_, index) => writer(index)));
      expect(counts.commits).toBeGreaterThan(WRITERS * 10);

      const inspect = sqlInspector(pgPoolClient(adminPool), (table) => `"${schema}"."${table}"`);
      const storedTokens = new Map((await inspect.storedTokens(ACCOUNT)).map((token) => [token.id, token]));
      const storedFilters = new Set((await inspect.storedFilters(ACCOUNT)).map((filter) => filter.id));
      const storedLinks: readonly StoredSharedLink[] = await inspect.storedLinks(ACCOUNT);

      // Every acknowledged token write is in the history: one per version, the last one stored.
      for (const token of tokens) {
        const writes = log.filter((entry) => entry.kind === 'token-write' && entry.tokenId === token.id) as Extract<Acknowledged, { kind: 'token-write' }>[];
        const versions = writes.map((write) => write.version);
        expect(new Set(versions).size).toBe(versions.length);
        const stored = storedTokens.get(token.id);
        expect(stored?.version).toBe(1 + writes.length);
        const last = writes.find((write) => write.version === 1 + writes.length);
        expect([...(stored?.filterIds ?? [])].sort()).toEqual([...(last?.filterIds ?? [])].sort());
      }
      const alive = (created: Acknowledged['kind'], gone: Acknowledged['kind']) => {
        const ids = new Set(log.filter((entry) => entry.kind === created).map((entry) => (entry as { id: string }).id));
        for (const entry of log) if (entry.kind === gone) ids.delete((entry as { id: string }).id);
        return [...ids].sort();
      };
      expect([...storedFilters].sort()).toEqual(alive('filter-created', 'filter-deleted'));
      expect(storedLinks.map((link) => link.id).sort()).toEqual(alive('link-created', 'link-revoked'));

      // Invariants: no dangling reference, names unique, each hash on one credential, reverse index exact.
      const names = new Set<string>();
      const hashes = new Set<string>();
      for (const token of storedTokens.values()) {
        for (const filterId of token.filterIds) expect(storedFilters.has(filterId)).toBe(true);
        names.add(token.name.toLowerCase());
        hashes.add(token.secretHash);
        expect((await admin.findCredentialBySecretHash(token.secretHash))?.token.id).toBe(token.id);
      }
      for (const link of storedLinks) {
        hashes.add(link.secretHash);
        expect((await admin.findCredentialBySecretHash(link.secretHash))?.link?.id).toBe(link.id);
      }
      expect(names.size).toBe(storedTokens.size);
      expect(hashes.size).toBe(storedTokens.size + storedLinks.length);
      for (const filterId of storedFilters) {
        const users = (await admin.listTokensByFilter(ACCOUNT, filterId)).map((token) => token.id).sort();
        expect(users).toEqual([...storedTokens.values()].filter((token) => token.filterIds.includes(filterId)).map((token) => token.id).sort());
      }
      console.info(`load: ${counts.commits} commits acknowledged, ${counts.conflicts} conflicts retried, ${storedLinks.length} links alive`);
    }, 120_000);
  });
}
