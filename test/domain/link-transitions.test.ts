import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSharedLink, expiresLaterThan, followTokenExpiry, toPublicLink } from '../../src/domain/link-transitions.js';

const init = {
  id: 'l1',
  accountId: 'acme',
  tokenId: 't1',
  label: 'Acme support',
  target: null,
  hint: 'shtk_...Ab12',
  secretHash: 'f'.repeat(64),
  createdBy: 'bob',
  at: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-01-08T00:00:00.000Z',
};

const instant = fc.option(
  fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => new Date(ms).toISOString()),
  { nil: null },
);

describe('link transitions', () => {
  it('a new link is frozen, version 1, never used; its public form has no hash', () => {
    const link = createSharedLink(init);
    expect(link).toMatchObject({ version: 1, lastUsedAt: null, updatedAt: init.at, createdAt: init.at });
    expect(Object.isFrozen(link)).toBe(true);
    expect('secretHash' in toPublicLink(link)).toBe(false);
    expect(JSON.stringify(toPublicLink(link))).not.toContain(init.secretHash);
  });

  it('expiresLaterThan treats null as never', () => {
    expect(expiresLaterThan(null, null)).toBe(false);
    expect(expiresLaterThan(null, init.at)).toBe(true);
    expect(expiresLaterThan(init.at, null)).toBe(false);
    expect(expiresLaterThan(init.expiresAt, init.at)).toBe(true);
    expect(expiresLaterThan(init.at, init.at)).toBe(false);
  });

  it('following a token expiry never leaves the link later than the token, and never moves it later', () => {
    fc.assert(
      fc.property(instant, instant, (linkExpiry, tokenExpiry) => {
        const link = createSharedLink({ ...init, expiresAt: linkExpiry });
        const followed = followTokenExpiry(link, tokenExpiry, '2026-01-02T00:00:00.000Z');
        const after = followed ?? link;
        expect(expiresLaterThan(after.expiresAt, tokenExpiry)).toBe(false);
        expect(expiresLaterThan(after.expiresAt, link.expiresAt)).toBe(false);
        // A write (version + 1) exactly when something had to move.
        expect(followed === null).toBe(!expiresLaterThan(linkExpiry, tokenExpiry));
        if (followed !== null) expect(followed.version).toBe(2);
      }),
    );
  });
});
