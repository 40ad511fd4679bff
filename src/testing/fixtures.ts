import type { StoredSharedLink } from '../domain/shared-link.js';
import type { StoredSharedToken } from '../domain/shared-token.js';
import type { TokenFilter } from '../domain/token-filter.js';

// Fixtures are shaped like what the service really writes (UUID ids, 64-hex
// SHA-256 hashes, `toISOString` times), so adapters with typed columns
// (uuid, char(64), timestamptz) accept them.

/** 32-bit FNV-1a, salted; only a deterministic spreader for fixture values. */
function fnv1a(text: string, salt: number): number {
  let hash = 0x811c9dc5 ^ salt;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function hexOf(label: string, words: number): string {
  let hex = '';
  for (let word = 0; word < words; word += 1) hex += fnv1a(label, word).toString(16).padStart(8, '0');
  return hex;
}

/**
 * A UUID-shaped id derived from `label`: the same label always gives the
 * same id, different labels give different ids.
 */
export function fixtureId(label: string): string {
  const hex = hexOf(`id:${label}`, 4);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A 64-hex-digit value shaped like a SHA-256 secret hash, derived from `label`. */
export function fixtureHash(label: string): string {
  return hexOf(`hash:${label}`, 8);
}

/** An ISO-8601 instant `minutes` after 2026-01-01T00:00:00.000Z. */
export function fixtureTime(minutes: number): string {
  return new Date(Date.UTC(2026, 0, 1) + minutes * 60_000).toISOString();
}

/** A filter with defaults derived from `label`; `overrides` win. */
export function aFilter(accountId: string, label: string, overrides: Partial<TokenFilter> = {}): TokenFilter {
  return {
    id: fixtureId(`filter:${label}`),
    accountId,
    field: 'kubernetes.namespace',
    value: `ns-${label}`,
    description: `Filter ${label}`,
    createdAt: fixtureTime(0),
    createdBy: 'user-admin',
    updatedAt: fixtureTime(0),
    version: 1,
    ...overrides,
  };
}

/** A stored token with defaults derived from `label`; `overrides` win. */
export function aToken(accountId: string, label: string, overrides: Partial<StoredSharedToken> = {}): StoredSharedToken {
  return {
    id: fixtureId(`token:${label}`),
    accountId,
    name: `Token ${label}`,
    hint: 'shtk_…' + fixtureHash(label).slice(0, 4),
    filterIds: [],
    filtersOperator: 'AND',
    status: 'active',
    createdAt: fixtureTime(0),
    createdBy: 'user-admin',
    updatedAt: fixtureTime(0),
    expiresAt: null,
    lastUsedAt: null,
    version: 1,
    secretHash: fixtureHash(`${accountId}:${label}`),
    previousSecret: null,
    ...overrides,
  };
}

/** A stored link of `tokenId` with defaults derived from `label`; `overrides` win. */
export function aLink(accountId: string, tokenId: string, label: string, overrides: Partial<StoredSharedLink> = {}): StoredSharedLink {
  return {
    id: fixtureId(`link:${label}`),
    accountId,
    tokenId,
    label: `For ${label}`,
    target: `/dashboards/${label}`,
    hint: 'shtk_…' + fixtureHash(`link:${label}`).slice(0, 4),
    createdAt: fixtureTime(0),
    createdBy: 'user-member',
    updatedAt: fixtureTime(0),
    expiresAt: null,
    lastUsedAt: null,
    version: 1,
    secretHash: fixtureHash(`link:${accountId}:${label}`),
    ...overrides,
  };
}

/** The next version of `record` with `changes` applied, as the service would write it. */
export function nextVersion<T extends { readonly version: number }>(record: T, changes: Partial<T> = {}): T {
  return { ...record, ...changes, version: record.version + 1 };
}
