import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredSharedToken } from '../../src/domain/shared-token.js';
import { createTokenFilter } from '../../src/domain/filter-transitions.js';
import {
  attachTokenFilters,
  createSharedToken,
  detachTokenFilters,
  isTokenExpired,
  pauseToken,
  renameToken,
  resumeToken,
  rotateTokenSecret,
  setTokenExpiry,
  setTokenFilters,
  toPublicToken,
} from '../../src/domain/token-transitions.js';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-02T00:00:00.000Z';

function fresh(): StoredSharedToken {
  return createSharedToken({
    id: 't1',
    accountId: 'acme',
    name: 'Grafana',
    hint: 'shtk_...abcd',
    secretHash: 'h1',
    filterIds: ['b', 'a', 'b'],
    filtersOperator: 'AND',
    createdBy: 'alice',
    at: T0,
    expiresAt: null,
  });
}

const transition = fc.oneof(
  fc.string({ minLength: 1, maxLength: 5 }).map((name) => (t: StoredSharedToken) => renameToken(t, name, T1)),
  fc.array(fc.constantFrom('a', 'b', 'c')).map((ids) => (t: StoredSharedToken) => attachTokenFilters(t, ids, T1)),
  fc.array(fc.constantFrom('a', 'b', 'c')).map((ids) => (t: StoredSharedToken) => detachTokenFilters(t, ids, T1)),
  fc
    .tuple(fc.array(fc.constantFrom('a', 'b', 'c')), fc.constantFrom('AND' as const, 'OR' as const))
    .map(([ids, op]) => (t: StoredSharedToken) => setTokenFilters(t, ids, op, T1)),
  fc.constant((t: StoredSharedToken) => pauseToken(t, T1)),
  fc.constant((t: StoredSharedToken) => resumeToken(t, T1)),
  fc.constant((t: StoredSharedToken) => setTokenExpiry(t, T1, T1)),
  fc.constant((t: StoredSharedToken) => rotateTokenSecret(t, { secretHash: 'h2', hint: 'x', previousValidUntil: T1 }, T1)),
);

describe('token transitions', () => {
  it('a new token: version 1, active, filters as a set, frozen', () => {
    const token = fresh();
    expect(token).toMatchObject({ version: 1, status: 'active', filterIds: ['a', 'b'], lastUsedAt: null, updatedAt: T0 });
    expect(Object.isFrozen(token) && Object.isFrozen(token.filterIds)).toBe(true);
  });

  it('every transition returns a new frozen token with version + 1 and updatedAt, leaving its input untouched', () => {
    fc.assert(
      fc.property(transition, (apply) => {
        const before = fresh();
        const snapshot = JSON.stringify(before);
        const after = apply(before);
        return (
          after !== before &&
          after.version === before.version + 1 &&
          after.updatedAt === T1 &&
          Object.isFrozen(after) &&
          Object.isFrozen(after.filterIds) &&
          JSON.stringify(before) === snapshot &&
          new Set(after.filterIds).size === after.filterIds.length &&
          [...after.filterIds].sort().join() === after.filterIds.join()
        );
      }),
    );
  });

  it('rotation keeps the old hash as previous secret only with a grace period', () => {
    const token = fresh();
    expect(rotateTokenSecret(token, { secretHash: 'h2', hint: 'y', previousValidUntil: T1 }, T1).previousSecret).toEqual({
      hash: 'h1',
      validUntil: T1,
    });
    expect(rotateTokenSecret(token, { secretHash: 'h2', hint: 'y', previousValidUntil: null }, T1).previousSecret).toBeNull();
  });

  it('toPublicToken drops the hashes', () => {
    const json = JSON.stringify(toPublicToken(fresh()));
    expect(json).not.toContain('secretHash');
    expect(json).not.toContain('previousSecret');
  });

  it('a token is expired from its expiresAt on', () => {
    expect(isTokenExpired({ expiresAt: T1 }, new Date(T1))).toBe(true);
    expect(isTokenExpired({ expiresAt: T1 }, new Date(T0))).toBe(false);
    expect(isTokenExpired({ expiresAt: null }, new Date(T1))).toBe(false);
  });

  it('a new filter: version 1, frozen', () => {
    const filter = createTokenFilter({ id: 'f', accountId: 'a', field: 'x', value: 'y', description: '', createdBy: 'u', at: T0 });
    expect(filter).toMatchObject({ version: 1, createdAt: T0, updatedAt: T0 });
    expect(Object.isFrozen(filter)).toBe(true);
  });
});
