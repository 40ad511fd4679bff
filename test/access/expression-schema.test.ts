import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileAccess } from '../../src/access/plan/compile-access.js';
import { accessExpressionSchema, parseAccessExpression } from '../../src/access/expression/expression-schema.js';
import { normalizeExpression } from '../../src/access/expression/expression-normal-form.js';
import { SharedTokenError } from '../../src/errors.js';
import { filtersArb, operatorArb, rawExpressionArb } from './support/expression-arbitraries.js';

function issuesOf(json: unknown): unknown {
  try {
    parseAccessExpression(json);
  } catch (error) {
    if (error instanceof SharedTokenError && error.code === 'VALIDATION') return error.context.issues;
    throw error;
  }
  throw new Error('expected a VALIDATION error');
}

describe('parseAccessExpression', () => {
  it('round-trips every compiled expression through JSON', () => {
    fc.assert(
      fc.property(filtersArb, operatorArb, (filters, operator) => {
        const expression = compileAccess(filters, operator);
        const parsed = parseAccessExpression(JSON.parse(JSON.stringify(expression)));
        expect(parsed).toEqual(expression);
        expect(Object.isFrozen(parsed)).toBe(true);
      }),
    );
  });

  it('accepts exactly the normal forms of arbitrary trees', () => {
    fc.assert(
      fc.property(rawExpressionArb, (raw) => {
        const normal = normalizeExpression(raw);
        expect(parseAccessExpression(JSON.parse(JSON.stringify(normal)))).toEqual(normal);
        const isNormal = JSON.stringify(normal) === JSON.stringify(raw);
        expect(accessExpressionSchema.safeParse(raw).success).toBe(isNormal);
      }),
    );
  });

  it('does not depend on the order of keys in the JSON', () => {
    const json = '{"children":[{"value":"x","field":"a","kind":"term"},{"values":["1","2"],"kind":"terms","field":"b"}],"kind":"or"}';
    expect(parseAccessExpression(JSON.parse(json))).toEqual({
      kind: 'or',
      children: [
        { kind: 'term', field: 'a', value: 'x' },
        { kind: 'terms', field: 'b', values: ['1', '2'] },
      ],
    });
  });

  it('rejects unknown kinds and keys, with the path of the problem', () => {
    expect(issuesOf({ kind: 'not' })).toMatchObject([{ path: ['kind'] }]);
    expect(issuesOf({ kind: 'term', field: 'a', value: 'x', boost: 2 })).toMatchObject([{ path: [] }]);
    expect(issuesOf({ kind: 'term', field: 'a', value: 5 })).toMatchObject([{ path: ['value'] }]);
    expect(issuesOf(null)).toMatchObject([{ path: [] }]);
  });

  it('rejects invalid field paths and unpaired surrogates', () => {
    expect(issuesOf({ kind: 'term', field: 'a..b', value: 'x' })).toEqual([{ path: ['field'], message: 'field has an empty segment' }]);
    expect(issuesOf({ kind: 'term', field: 'a', value: '\uDC00' })).toEqual([
      { path: ['value'], message: 'value contains an unpaired UTF-16 surrogate' },
    ]);
  });

  it.each([
    [{ kind: 'and', children: [] }, ['children'], 'an and group needs at least two children'],
    [{ kind: 'or', children: [{ kind: 'term', field: 'a', value: 'x' }] }, ['children'], 'an or group needs at least two children'],
    [
      { kind: 'and', children: [{ kind: 'all' }, { kind: 'term', field: 'a', value: 'x' }] },
      ['children', 0],
      'an and group cannot contain all',
    ],
    [
      { kind: 'and', children: [{ kind: 'term', field: 'b', value: 'x' }, { kind: 'term', field: 'a', value: 'x' }] },
      ['children'],
      'children must be unique and in canonical order',
    ],
    [
      { kind: 'or', children: [{ kind: 'term', field: 'a', value: 'x' }, { kind: 'term', field: 'a', value: 'y' }] },
      ['children', 1],
      'an or group holds at most one term/terms per field (a)',
    ],
    [{ kind: 'terms', field: 'a', values: ['y', 'x'] }, ['values'], 'values must be unique and sorted in code-unit order'],
    [{ kind: 'terms', field: 'a', values: ['x'] }, ['values'], 'a terms group needs at least two values (use a term)'],
  ])('rejects an expression that is not in normal form: %j', (json, path, message) => {
    expect(issuesOf(json)).toContainEqual({ path, message });
  });

  it('reports nested problems with their full path', () => {
    const json = {
      kind: 'and',
      children: [
        { kind: 'or', children: [{ kind: 'term', field: 'a', value: 'x' }, { kind: 'term', field: 'b\tb', value: 'x' }] },
        { kind: 'term', field: 'c', value: 'x' },
      ],
    };
    expect(issuesOf(json)).toContainEqual({ path: ['children', 0, 'children', 1, 'field'], message: 'field contains whitespace other than a space' });
  });
});
