/**
 * The index pattern check is sound: when the guard says an allowed pattern
 * covers a requested one, every index name the requested pattern matches is
 * matched by the allowed one.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { patternCovers } from '../../src/guard/index-expression.js';

/** The engine's `*` glob, as an anchored regular expression. */
function globMatches(pattern: string, name: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 's').test(name);
}

const alphabet = fc.constantFrom('a', 'b', '-', '.');
const name = fc.string({ unit: alphabet, maxLength: 6 });
const pattern = fc.string({ unit: fc.oneof(alphabet, fc.constant('*')), maxLength: 6 });

describe('patternCovers', () => {
  it('is sound: a covered pattern only matches names the allowed pattern matches', () => {
    fc.assert(
      fc.property(pattern, pattern, fc.array(name, { maxLength: 20 }), (allowed, requested, names) => {
        fc.pre(patternCovers(allowed, requested));
        for (const candidate of [requested.replace(/\*/g, ''), requested.replace(/\*/g, 'ab-'), ...names.filter((n) => globMatches(requested, n))]) {
          expect(globMatches(allowed, candidate), `${allowed} ⊇ ${requested} but not ${candidate}`).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with the glob on concrete names', () => {
    fc.assert(
      fc.property(pattern, name, (allowed, concrete) => {
        expect(patternCovers(allowed, concrete)).toBe(globMatches(allowed, concrete));
      }),
      { numRuns: 1000 },
    );
  });

  it('covers every pattern by itself and by *, and narrower prefixes by their wider prefix', () => {
    fc.assert(
      fc.property(pattern, (p) => {
        expect(patternCovers(p, p)).toBe(true);
        expect(patternCovers('*', p)).toBe(true);
      }),
    );
    expect(patternCovers('logs-*', 'logs-2024-*')).toBe(true);
    expect(patternCovers('logs-2024-*', 'logs-*')).toBe(false);
    expect(patternCovers('logs-*', '*')).toBe(false);
    expect(patternCovers('logs-*-prod', 'logs-eu-*-prod')).toBe(true);
  });
});
