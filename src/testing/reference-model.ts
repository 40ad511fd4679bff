import type { StoredSharedLink } from '../domain/shared-link.js';
import type { StoredSharedToken } from '../domain/shared-token.js';
import type { TokenFilter } from '../domain/token-filter.js';
import type { RepositoryChange } from '../repository/contract.js';

/**
 * A deliberately naive model of what a repository holds: plain maps and
 * brute-force rule checks, written straight from the contract, to compare
 * an implementation against after random sequences of writes.
 */
export interface ModelWorld {
  /** `accountId` + NUL + `id` → record. */
  readonly filters: ReadonlyMap<string, TokenFilter>;
  readonly tokens: ReadonlyMap<string, StoredSharedToken>;
  readonly links: ReadonlyMap<string, StoredSharedLink>;
}

/** What a commit must do: apply, or be refused with one of `codes`. */
export type ModelOutcome = { readonly accepted: true; readonly world: ModelWorld } | { readonly accepted: false; readonly codes: readonly string[] };

export const emptyWorld: ModelWorld = { filters: new Map(), tokens: new Map(), links: new Map() };

/** The model's key of a record. */
export function modelKey(accountId: string, id: string): string {
  return `${accountId}\u0000${id}`;
}

function laterUse(written: string | null, stored: string | null): string | null {
  if (stored === null) return written;
  if (written === null) return stored;
  return Date.parse(stored) > Date.parse(written) ? stored : written;
}

/** The contract's `commit`, by brute force. */
export function modelCommit(world: ModelWorld, accountId: string, changes: readonly RepositoryChange[]): ModelOutcome {
  const filters = new Map(world.filters);
  const tokens = new Map(world.tokens);
  const links = new Map(world.links);
  const mismatch = changes.some(
    (change) =>
      (change.type === 'put-filter' && change.filter.accountId !== accountId) ||
      (change.type === 'put-token' && change.token.accountId !== accountId) ||
      (change.type === 'put-link' && change.link.accountId !== accountId),
  );
  // A batch with a foreign record is refused; an adapter may find a stale
  // version in it before the foreign record, so either code is right then.
  if (mismatch) return { accepted: false, codes: ['VALIDATION', 'CONFLICT'] };
  const refuse = (): ModelOutcome => ({ accepted: false, codes: ['CONFLICT'] });

  for (const change of changes) {
    switch (change.type) {
      case 'put-filter': {
        const key = modelKey(accountId, change.filter.id);
        const actual = filters.get(key)?.version ?? null;
        if (actual !== change.expectedVersion || change.filter.version !== (change.expectedVersion ?? 0) + 1) return refuse();
        filters.set(key, change.filter);
        break;
      }
      case 'put-token': {
        const key = modelKey(accountId, change.token.id);
        const stored = tokens.get(key) ?? null;
        const actual = stored?.version ?? null;
        if (actual !== change.expectedVersion || change.token.version !== (change.expectedVersion ?? 0) + 1) return refuse();
        tokens.set(key, { ...change.token, lastUsedAt: laterUse(change.token.lastUsedAt, stored?.lastUsedAt ?? null) });
        break;
      }
      case 'put-link': {
        const key = modelKey(accountId, change.link.id);
        const stored = links.get(key) ?? null;
        const actual = stored?.version ?? null;
        if (actual !== change.expectedVersion || change.link.version !== (change.expectedVersion ?? 0) + 1) return refuse();
        links.set(key, { ...change.link, lastUsedAt: laterUse(change.link.lastUsedAt, stored?.lastUsedAt ?? null) });
        break;
      }
      case 'delete-filter':
      case 'delete-token':
      case 'delete-link': {
        const records: Map<string, { readonly version: number }> =
          change.type === 'delete-filter' ? filters : change.type === 'delete-token' ? tokens : links;
        const key = modelKey(accountId, change.id);
        if (records.get(key)?.version !== change.expectedVersion) return refuse();
        records.delete(key);
        if (change.type === 'delete-token') {
          for (const [linkKey, link] of links) if (link.accountId === accountId && link.tokenId === change.id) links.delete(linkKey);
        }
        break;
      }
      default: {
        const unknown: never = change;
        throw new Error(`unknown change ${JSON.stringify(unknown)}`);
      }
    }
  }

  const accountFilters = [...filters.values()].filter((filter) => filter.accountId === accountId);
  const accountTokens = [...tokens.values()].filter((token) => token.accountId === accountId);
  const distinct = (keys: readonly string[]): boolean => new Set(keys).size === keys.length;
  if (!distinct(accountFilters.map((filter) => JSON.stringify([filter.field, filter.value])))) return refuse();
  if (!distinct(accountTokens.map((token) => token.name.toLowerCase()))) return refuse();
  const hashes = [
    ...[...tokens.values()].flatMap((token) => [...new Set([token.secretHash, ...(token.previousSecret === null ? [] : [token.previousSecret.hash])])]),
    ...[...links.values()].map((link) => link.secretHash),
  ];
  if (!distinct(hashes)) return refuse();
  const filterIds = new Set(accountFilters.map((filter) => filter.id));
  if (!accountTokens.every((token) => token.filterIds.every((id) => filterIds.has(id)))) return refuse();
  // Checked for every link of the account, which is stricter than the
  // contract only for links untouched by a batch that left their token alone:
  // those were already checked when written.
  for (const link of links.values()) {
    if (link.accountId !== accountId) continue;
    const token = tokens.get(modelKey(accountId, link.tokenId));
    if (token === undefined || laterThan(link.expiresAt, token.expiresAt)) return refuse();
  }
  return { accepted: true, world: { filters, tokens, links } };
}

function laterThan(linkExpiresAt: string | null, tokenExpiresAt: string | null): boolean {
  if (tokenExpiresAt === null) return false;
  return linkExpiresAt === null || Date.parse(linkExpiresAt) > Date.parse(tokenExpiresAt);
}

/** The contract's `recordTokenUsage`, by brute force. */
export function modelRecordUsage(world: ModelWorld, accountId: string, tokenId: string, lastUsedAt: string): ModelWorld {
  const key = modelKey(accountId, tokenId);
  const token = world.tokens.get(key);
  if (token === undefined) return world;
  return { filters: world.filters, tokens: new Map(world.tokens).set(key, { ...token, lastUsedAt }), links: world.links };
}

/** The contract's `recordLinkUsage`, by brute force: the later instant wins. */
export function modelRecordLinkUsage(world: ModelWorld, accountId: string, linkId: string, lastUsedAt: string): ModelWorld {
  const key = modelKey(accountId, linkId);
  const link = world.links.get(key);
  if (link === undefined) return world;
  return { ...world, links: new Map(world.links).set(key, { ...link, lastUsedAt: laterUse(lastUsedAt, link.lastUsedAt) }) };
}
