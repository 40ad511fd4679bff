import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonDocument } from '../../src/access/documents/parse-json-document.js';
import { compileAccess } from '../../src/access/plan/compile-access.js';
import type { FieldTypes } from '../../src/access/mapping/field-types.js';
import { toPredicate } from '../../src/access/predicate/predicate.js';
import { isSharedTokenError } from '../../src/errors.js';

const fields: FieldTypes = {
  k: { type: 'keyword' },
  kl: { type: 'keyword', normalizer: 'lowercase' },
  w: { type: 'wildcard', docValues: false },
  fo: { type: 'flat_object' },
  l: { type: 'long', nullValue: 0 },
  ul: { type: 'unsigned_long' },
  i: { type: 'integer' },
  d: { type: 'double', nullValue: 0 },
  f: { type: 'float' },
  hf: { type: 'half_float' },
  sf: { type: 'scaled_float', scalingFactor: 100 },
  dt: { type: 'date', format: 'epoch_millis' },
  b: { type: 'boolean' },
};
const names = Object.keys(fields);
const values = ['0', '-0', '5', '5.0', '1e3', '1000', '1e+21', '1.0E21', '0.1', '-0.0', '9007199254740992', '9007199254740993', '1500000000000', 'true', 'x', '1E3', '200.1'];

const number = fc.oneof(
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 8, arbitrary: fc.constantFrom(0, -0, 5, 1000, 1e21, 0.1, 9007199254740992, 1500000000000, 200.1, 200.125, 2 ** 63, 1e20) },
);
const leaf = fc.oneof({ weight: 5, arbitrary: number }, { weight: 1, arbitrary: fc.constantFrom('5', 'x', '1000', '', null, true) });
const value = fc.oneof({ weight: 2, arbitrary: leaf }, { weight: 1, arbitrary: fc.array(leaf, { minLength: 1, maxLength: 4 }) });
/** A document holding some of the given fields (and sometimes others). */
function documentOver(wanted: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const roots = [...new Set(wanted.map((field) => field.split('.')[0] as string))];
  return fc
    .tuple(fc.subarray(roots), fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 2 }), fc.array(value, { minLength: roots.length, maxLength: roots.length }))
    .map(([picked, others, held]) => {
      const doc: Record<string, unknown> = { ...others };
      picked.forEach((root, k) => {
        doc[root] = held[k];
      });
      if ('fo' in doc) doc['fo'] = { x: doc['fo'] };
      return doc;
    });
}
const filters = fc.array(
  fc.tuple(fc.constantFrom(...names, 'fo.x'), fc.constantFrom(...values)).map(([field, v]) => ({ field, value: v })),
  { minLength: 1, maxLength: 2 },
);

describe('parseJsonDocument and JSON.parse agree on text written by JSON.stringify', () => {
  it('selects the same documents for every field type, when numbers are spelled as JSON.stringify spells them', () => {
    let compiled = 0;
    let matched = 0;
    fc.assert(
      fc.property(filters.chain((terms) => fc.tuple(fc.constant(terms), documentOver(terms.map((term) => term.field)))), fc.constantFrom<'AND' | 'OR'>('AND', 'OR'), ([terms, doc], operator) => {
        let predicate: (doc: unknown) => boolean;
        try {
          predicate = toPredicate(compileAccess(terms, operator), { fields });
        } catch (error) {
          if (isSharedTokenError(error, 'VALIDATION')) return;
          throw error;
        }
        compiled++;
        const text = JSON.stringify(doc);
        const plain = predicate(JSON.parse(text));
        if (plain) matched++;
        expect(predicate(parseJsonDocument(text)), text).toBe(plain);
      }),
      { numRuns: 3000 },
    );
    expect(compiled).toBeGreaterThan(1500);
    // Both answers are compared on every compiled run; this guards that matching documents are among them (about 3%).
    expect(matched).toBeGreaterThan(40);
  });
});
