/**
 * The contract of `prepareTerm` that both compilers rely on: it either
 * prepares a term or throws a VALIDATION error that names the field, the
 * type and the reason; a prepared matcher never throws and is a pure
 * function of the leaf.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldType } from '../../../src/access/mapping/field-types.js';
import { prepareTerm } from '../../../src/access/values/prepare-term.js';
import { SharedTokenError } from '../../../src/errors.js';
import { typedTermCaseArbitrary } from '../../support/value-arbitraries.js';

function typeName(type: FieldType): string {
  return type.type === 'unsupported' ? type.mappedType : type.type;
}

describe('prepareTerm', () => {
  it('prepares a term or rejects it with a VALIDATION error naming field, type and reason', () => {
    fc.assert(
      fc.property(typedTermCaseArbitrary, ({ type, value }) => {
        try {
          const prepared = prepareTerm('some.field', type, value);
          expect(['leaf', 'constant']).toContain(prepared.kind);
        } catch (error) {
          expect(error).toBeInstanceOf(SharedTokenError);
          const e = error as SharedTokenError;
          expect(e.code).toBe('VALIDATION');
          expect(e.message).toContain('"some.field"');
          expect(e.message).toContain(typeName(type));
          expect(e.context).toMatchObject({ field: 'some.field', fieldType: typeName(type), value });
          expect(typeof e.context['reason']).toBe('string');
          expect(e.message).toContain(String(e.context['reason']));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('gives matchers that never throw and answer the same leaf the same way', () => {
    // Both outcomes must occur, so the property cannot pass by refusing every value.
    let checked = 0;
    let refused = 0;
    fc.assert(
      fc.property(typedTermCaseArbitrary, fc.array(fc.anything({ withBigInt: true }), { maxLength: 3 }), ({ type, value, leaves }, junk) => {
        let prepared;
        try {
          prepared = prepareTerm('f', type, value);
        } catch {
          refused++;
          return;
        }
        if (prepared.kind !== 'leaf') return;
        checked++;
        for (const leaf of [...leaves, ...junk]) {
          const first = prepared.matchLeaf(leaf);
          expect(typeof first).toBe('boolean');
          expect(prepared.matchLeaf(leaf)).toBe(first);
        }
      }),
      { numRuns: 1000 },
    );
    expect(checked, 'runs that reached the matcher').toBeGreaterThan(300);
    expect(refused, 'runs whose value was refused').toBeGreaterThan(0);
  });

  it('matches a string leaf spelled exactly like an accepted filter value, except where the type refuses strings or the value can match nothing', () => {
    let matched = 0;
    fc.assert(
      fc.property(typedTermCaseArbitrary, ({ type, value }) => {
        let prepared;
        try {
          prepared = prepareTerm('f', type, value);
        } catch {
          return;
        }
        if (prepared.kind !== 'leaf') return;
        const refusesStrings = 'coerce' in type && type.coerce === false;
        const keywordTooLong = 'ignoreAbove' in type && type.ignoreAbove !== undefined && value.length > type.ignoreAbove;
        const integral = ['integer', 'short', 'byte', 'long', 'unsigned_long'].includes(type.type);
        if (refusesStrings || keywordTooLong || integral) return;
        matched++;
        expect(prepared.matchLeaf(value)).toBe(true);
      }),
      { numRuns: 1000 },
    );
    expect(matched, 'runs that reached the assertion').toBeGreaterThan(100);
  });

  it('rejects text fields (pointing at the keyword sub-field) and unsupported types', () => {
    expect(() => prepareTerm('message', { type: 'text', keywordSubfield: 'message.keyword' }, 'x')).toThrow(/message\.keyword/);
    expect(() => prepareTerm('geo', { type: 'unsupported', mappedType: 'geo_point' }, 'x')).toThrow(/geo_point/);
  });
});
