import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SharedTokenError } from '../../src/errors.js';
import { fieldNameSchema, filterValueSchema, instantSchema, tokenNameSchema } from '../../src/domain/field-schemas.js';
import { createFilterInputSchema, filterIdsSchema } from '../../src/domain/input-schemas.js';
import { parseInput } from '../../src/domain/parse-input.js';

describe('field names', () => {
  it.each(['kubernetes.namespace', '@timestamp', 'a', 'http.response.status_code', 'labels.ünïcødé'])('accepts %j', (f) => {
    expect(fieldNameSchema.safeParse(f).success).toBe(true);
  });

  it.each(['', '.a', 'a.', 'a..b', 'a.*', 'a?', 'a b', 'a\tb', 'a\u00a0b', 'a\u0000b', 'x'.repeat(257)])('rejects %j', (f) => {
    expect(fieldNameSchema.safeParse(f).success).toBe(false);
  });

  it('every accepted name is a dotted path of non-empty segments without wildcards or whitespace', () => {
    fc.assert(
      // An alphabet dense in the interesting characters, so both outcomes are common.
      fc.property(fc.string({ unit: fc.constantFrom('a', 'Z', '.', '*', '?', ' ', '\t', '\u00a0', '\u2028', 'é', '@', '_'), maxLength: 12 }), (s) => {
        if (!fieldNameSchema.safeParse(s).success) return true;
        return s.split('.').every((seg) => seg.length > 0) && !/[\s*?]/u.test(s);
      }),
    );
  });
});

describe('filter values', () => {
  it('are kept exactly as typed: no trimming, no case folding, wildcards are plain characters', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 50, unit: 'grapheme' }), (s) => {
        const parsed = filterValueSchema.safeParse(s);
        return !parsed.success || parsed.data === s;
      }),
    );
    expect(filterValueSchema.parse(' Prod* ')).toBe(' Prod* ');
  });

  it('reject control characters and lone surrogates', () => {
    for (const v of ['a\nb', 'a\u0007', '\u009f', 'a\ud800b']) expect(filterValueSchema.safeParse(v).success).toBe(false);
  });
});

describe('token names', () => {
  it('reject surrounding whitespace and accept inner spaces', () => {
    expect(tokenNameSchema.safeParse('Payments board').success).toBe(true);
    expect(tokenNameSchema.safeParse(' Payments').success).toBe(false);
    expect(tokenNameSchema.safeParse('x'.repeat(101)).success).toBe(false);
  });
});

describe('instants', () => {
  it('need a time zone and are normalized to UTC', () => {
    expect(instantSchema.parse('2026-01-01T01:00:00+01:00')).toBe('2026-01-01T00:00:00.000Z');
    expect(instantSchema.safeParse('2026-01-01T01:00:00').success).toBe(false);
    expect(instantSchema.safeParse('tomorrow').success).toBe(false);
  });
});

describe('filter id lists', () => {
  it('become sets: unique and sorted', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd')), (ids) => {
        const parsed = filterIdsSchema.parse(ids);
        return parsed.join() === [...new Set(ids)].sort().join();
      }),
    );
  });
});

describe('parseInput', () => {
  it('throws VALIDATION with every issue and its path, prefixed by the argument name', () => {
    try {
      parseInput(createFilterInputSchema, { field: 'a..b', value: '', extra: 1 }, 'input');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SharedTokenError);
      const { code, context } = error as SharedTokenError;
      expect(code).toBe('VALIDATION');
      const paths = context.issues?.map((i) => i.path.join('.'));
      expect(paths).toEqual(expect.arrayContaining(['input.field', 'input.value', 'input']));
    }
  });

  it('never throws anything but a SharedTokenError, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        try {
          parseInput(createFilterInputSchema, value, 'input');
          return true;
        } catch (error) {
          return error instanceof SharedTokenError && error.code === 'VALIDATION';
        }
      }),
    );
  });
});
