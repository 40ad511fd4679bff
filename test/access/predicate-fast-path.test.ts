import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileAccess } from '../../src/access/plan/compile-access.js';
import { toPredicate } from '../../src/access/predicate/predicate.js';
import type { FieldTypes } from '../../src/access/mapping/field-types.js';

// The predicate compares string leaves inline (1–4 values) or through a Set
// (more) when a value's string test is plain equality. These pin that the
// shortcut never changes an answer, whatever the number of values.
describe('predicate: inline string comparison', () => {
  const values = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

  it.each([1, 2, 3, 4, 5, 7])('an OR of %i values on one field matches exactly those values', (n) => {
    const chosen = values.slice(0, n);
    const matches = toPredicate(compileAccess(chosen.map((value) => ({ field: 'x.y', value })), 'OR'));
    for (const value of values) {
      expect(matches({ x: { y: value } })).toBe(chosen.includes(value));
      expect(matches({ 'x.y': [7, value] })).toBe(chosen.includes(value));
    }
  });

  it('non-string leaves still take the full test (schemaless numbers by value)', () => {
    const matches = toPredicate(compileAccess([{ field: 'n', value: '5' }, { field: 'n', value: '6' }], 'OR'));
    expect(matches({ n: 5 })).toBe(true);
    expect(matches({ n: '5' })).toBe(true);
    expect(matches({ n: 7 })).toBe(false);
  });

  it('a normalizer or ignore_above turns the shortcut off where equality is not the rule', () => {
    const fields: FieldTypes = { k: { type: 'keyword', normalizer: 'lowercase' }, s: { type: 'keyword', ignoreAbove: 2 } };
    expect(toPredicate(compileAccess([{ field: 'k', value: 'ACME' }], 'AND'), { fields })({ k: 'Acme' })).toBe(true);
    expect(toPredicate(compileAccess([{ field: 's', value: 'abc' }], 'AND'), { fields })({ s: 'abc' })).toBe(false);
  });

  it('agrees with a plain any-element comparison for any set of string values', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 9 }), fc.array(fc.string(), { maxLength: 4 }), (filterValues, docValues) => {
        const matches = toPredicate(compileAccess(filterValues.map((value) => ({ field: 'f', value })), 'OR'));
        const expected = docValues.some((v) => filterValues.includes(v));
        expect(matches({ f: docValues })).toBe(expected);
      }),
    );
  });
});
