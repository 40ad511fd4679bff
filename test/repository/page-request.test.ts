import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSharedTokenError } from '../../src/errors.js';
import { encodeCursor, parsePageRequest } from '../../src/repository/page-request.js';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '../../src/index.js';

// Printable ASCII plus characters that stress the encoding: multi-byte UTF-8,
// astral code points, JSON escapes.
const keyText = fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), fc.constantFrom('é', '€', '😀', '"', '\\', '\n', '\u0000', '=')) });

describe('page requests', () => {
  it('decode every cursor they encode, whatever the key holds', () => {
    fc.assert(
      fc.property(keyText, keyText, fc.constantFrom('filters' as const, 'tokens' as const), (createdAt, id, listing) => {
        const cursor = encodeCursor(listing, { createdAt, id });
        expect(cursor).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(parsePageRequest(listing, { cursor })).toEqual({ limit: DEFAULT_PAGE_LIMIT, after: { createdAt, id } });
      }),
    );
  });

  it('refuse any string that is not a cursor, with VALIDATION on the cursor', () => {
    fc.assert(
      fc.property(fc.string(), (cursor) => {
        let outcome: unknown;
        try {
          outcome = parsePageRequest('filters', { cursor });
        } catch (error) {
          outcome = error;
        }
        // A random string may, very rarely, be a well-formed cursor; then it must decode to a key.
        if (isSharedTokenError(outcome)) {
          expect(outcome.code).toBe('VALIDATION');
          expect(outcome.context.issues?.[0]?.path).toEqual(['cursor']);
        } else {
          expect(outcome).toMatchObject({ limit: DEFAULT_PAGE_LIMIT, after: { createdAt: expect.any(String), id: expect.any(String) } });
        }
      }),
    );
  });

  it('default to the first page of 50 and accept limits from 1 to 500', () => {
    expect(parsePageRequest('tokens', undefined)).toEqual({ limit: 50, after: null });
    expect(parsePageRequest('tokens', { cursor: null })).toEqual({ limit: 50, after: null });
    expect(parsePageRequest('tokens', { limit: 1 }).limit).toBe(1);
    expect(parsePageRequest('tokens', { limit: MAX_PAGE_LIMIT }).limit).toBe(500);
    expect(() => parsePageRequest('tokens', { limit: MAX_PAGE_LIMIT + 1 })).toThrow(/limit must be an integer from 1 to 500/);
  });
});
