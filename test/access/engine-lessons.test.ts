import { describe, expect, it } from 'vitest';
import { SharedTokenError } from '../../src/errors.js';
import { compileAccess } from '../../src/access/plan/compile-access.js';
import { toElasticsearchQuery } from '../../src/access/query/elasticsearch-query.js';
import { toPredicate } from '../../src/access/predicate/predicate.js';
import type { FieldTypes } from '../../src/access/mapping/field-types.js';

// Disagreements the real-engine suite (`npm run test:engine`, OpenSearch 2.19)
// found between the emitted query and the predicate, kept here so the fast
// suite remembers them.

function predicateFor(field: string, value: string, fields: FieldTypes) {
  return toPredicate(compileAccess([{ field, value }], 'AND'), { fields });
}

describe('lessons from the real engine', () => {
  it('unsigned_long: OpenSearch truncates decimal document values, so 200.5 and "200.9" match "200"', () => {
    const matches = predicateFor('n', '200', { n: { type: 'unsigned_long' } });
    expect(matches({ n: 200.5 })).toBe(true);
    expect(matches({ n: [null, 200.9] })).toBe(true);
    expect(matches({ n: '200.9' })).toBe(true);
    expect(matches({ n: 201.5 })).toBe(false);
    expect(matches({ n: '199.99' })).toBe(false);
  });

  it('unsigned_long with coerce: false indexes no fractional document value', () => {
    const matches = predicateFor('n', '200', { n: { type: 'unsigned_long', coerce: false } });
    expect(matches({ n: 200 })).toBe(true);
    expect(matches({ n: 200.5 })).toBe(false);
    expect(matches({ n: '200.9' })).toBe(false);
  });

  it('wildcard: an empty filter value is refused by both compilers, since the engine never finds ""', () => {
    const fields: FieldTypes = { w: { type: 'wildcard' } };
    const expression = compileAccess([{ field: 'w', value: '' }], 'AND');
    for (const compile of [() => toPredicate(expression, { fields }), () => toElasticsearchQuery(expression, { fields })]) {
      expect(compile).toThrowError(SharedTokenError);
      try {
        compile();
      } catch (error) {
        expect((error as SharedTokenError).code).toBe('VALIDATION');
        expect((error as SharedTokenError).context).toMatchObject({ field: 'w', fieldType: 'wildcard' });
      }
    }
  });

  it('keyword still finds the empty string', () => {
    const matches = predicateFor('k', '', { k: { type: 'keyword' } });
    expect(matches({ k: '' })).toBe(true);
    expect(matches({ k: 'x' })).toBe(false);
  });
});
