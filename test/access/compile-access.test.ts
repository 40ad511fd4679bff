import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileAccess } from '../../src/access/plan/compile-access.js';
import type { AccessExpression, FilterTerm } from '../../src/access/expression/expression.js';
import { normalizeExpression } from '../../src/access/expression/expression-normal-form.js';
import { SharedTokenError } from '../../src/errors.js';
import { filtersArb, operatorArb, rawExpressionArb } from './support/expression-arbitraries.js';

const f = (field: string, value: string): FilterTerm => ({ field, value });

function isDeeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen);
}

function validationError(run: () => unknown): SharedTokenError {
  try {
    run();
  } catch (error) {
    if (error instanceof SharedTokenError && error.code === 'VALIDATION') return error;
    throw error;
  }
  throw new Error('expected a VALIDATION error');
}

describe('compileAccess', () => {
  it('gives an unrestricted token (no filters) the "all" expression, whatever the operator', () => {
    expect(compileAccess([], 'AND')).toEqual({ kind: 'all' });
    expect(compileAccess([], 'OR')).toEqual({ kind: 'all' });
  });

  it('unwraps a single filter to its term', () => {
    expect(compileAccess([f('service.name', 'api')], 'AND')).toEqual({ kind: 'term', field: 'service.name', value: 'api' });
    expect(compileAccess([f('service.name', 'api')], 'OR')).toEqual({ kind: 'term', field: 'service.name', value: 'api' });
  });

  it('counts a filter attached twice once', () => {
    expect(compileAccess([f('a', 'x'), f('a', 'x')], 'AND')).toEqual({ kind: 'term', field: 'a', value: 'x' });
  });

  it('groups an OR of values of one field into a sorted terms', () => {
    expect(compileAccess([f('env', 'prod'), f('app', 'web'), f('env', 'dev'), f('env', 'prod')], 'OR')).toEqual({
      kind: 'or',
      children: [
        { kind: 'term', field: 'app', value: 'web' },
        { kind: 'terms', field: 'env', values: ['dev', 'prod'] },
      ],
    });
  });

  it('keeps an AND of two values of one field (it matches documents holding both, e.g. arrays)', () => {
    expect(compileAccess([f('tags', 'b'), f('tags', 'a')], 'AND')).toEqual({
      kind: 'and',
      children: [
        { kind: 'term', field: 'tags', value: 'a' },
        { kind: 'term', field: 'tags', value: 'b' },
      ],
    });
  });

  it('keeps values exactly as typed: case, spaces, wildcard characters and empty strings', () => {
    const values = [' Prod ', 'PROD', 'a*b?', ''];
    const expression = compileAccess(values.map((value) => f('env', value)), 'OR');
    expect(expression).toEqual({ kind: 'terms', field: 'env', values: [...values].sort() });
  });

  it('returns deeply frozen, JSON-serializable values', () => {
    const expression = compileAccess([f('a', 'x'), f('b', 'y'), f('b', 'z')], 'OR');
    expect(isDeeplyFrozen(expression)).toBe(true);
    expect(JSON.parse(JSON.stringify(expression))).toEqual(expression);
  });

  it.each([
    ['a..b', 'has an empty segment'],
    ['.a', 'has an empty segment'],
    ['a.', 'has an empty segment'],
    ['', 'is empty'],
    ['a\tb', 'contains whitespace other than a space'],
    ['a\u00a0b', 'contains whitespace other than a space'],
    ['a\u200bb', 'contains whitespace other than a space'],
    [' a', 'has a segment that starts or ends with a space'],
    ['a. .b', 'has a segment that starts or ends with a space'],
    ['a.b ', 'has a segment that starts or ends with a space'],
    ['a\u0000b', 'contains a control character'],
    ['a*', 'contains a wildcard character (* or ?)'],
    ['a?', 'contains a wildcard character (* or ?)'],
  ])('rejects the field %j: %s', (field, message) => {
    const error = validationError(() => compileAccess([f('ok', 'v'), f(field, 'v')], 'AND'));
    expect(error.context.issues).toEqual([{ path: ['filters', 1, 'field'], message }]);
    expect(error.context.field).toBe(field);
  });

  it('accepts a field name with a space inside a segment (the engine maps "my field" like any key)', () => {
    expect(compileAccess([f('my field', 'v')], 'AND')).toEqual({ kind: 'term', field: 'my field', value: 'v' });
    expect(compileAccess([f('labels.my field.x', 'v')], 'AND')).toEqual({ kind: 'term', field: 'labels.my field.x', value: 'v' });
  });

  it('rejects a value with an unpaired surrogate (the engine would turn it into U+FFFD)', () => {
    const error = validationError(() => compileAccess([f('a', 'x\uD800')], 'AND'));
    expect(error.context.issues).toEqual([{ path: ['filters', 0, 'value'], message: 'contains an unpaired UTF-16 surrogate' }]);
    expect(compileAccess([f('a', '🎉')], 'AND')).toEqual({ kind: 'term', field: 'a', value: '🎉' });
  });

  it('reports every malformed input with its path', () => {
    const error = validationError(() =>
      compileAccess([{ field: 1, value: 'x' }, null, { field: 'a' }] as unknown as FilterTerm[], 'XOR' as 'AND'),
    );
    expect(error.context.issues).toEqual([
      { path: ['operator'], message: 'must be "AND" or "OR"' },
      { path: ['filters', 0, 'field'], message: 'must be a string' },
      { path: ['filters', 1], message: 'must be an object with a field and a value' },
      { path: ['filters', 2, 'value'], message: 'must be a string' },
    ]);
    expect(validationError(() => compileAccess('a' as unknown as FilterTerm[], 'AND')).context.issues).toEqual([
      { path: ['filters'], message: 'must be an array' },
    ]);
  });

  it('does not depend on the order of the filters nor on duplicates', () => {
    fc.assert(
      fc.property(filtersArb, operatorArb, fc.integer(), (filters, operator, seed) => {
        const duplicated = [...filters, ...filters.filter((_, index) => index % 2 === 0)];
        const shuffled = shuffle(duplicated, seed);
        expect(compileAccess(shuffled, operator)).toEqual(compileAccess(filters, operator));
      }),
    );
  });

  it('produces the normal form (normalizing again changes nothing)', () => {
    fc.assert(
      fc.property(filtersArb, operatorArb, (filters, operator) => {
        const expression = compileAccess(filters, operator);
        expect(normalizeExpression(expression)).toEqual(expression);
      }),
    );
  });
});

describe('the normal form', () => {
  it('is idempotent and deeply frozen on any expression tree', () => {
    fc.assert(
      fc.property(rawExpressionArb, (raw) => {
        const normal = normalizeExpression(raw);
        expect(normalizeExpression(normal)).toEqual(normal);
        expect(isDeeplyFrozen(normal)).toBe(true);
      }),
    );
  });

  it('keeps the documented invariants: groups of two or more, no same-kind nesting, no constants inside', () => {
    const check = (expression: AccessExpression): void => {
      if (expression.kind === 'terms') {
        expect(expression.values.length).toBeGreaterThanOrEqual(2);
        expect([...new Set(expression.values)].sort()).toEqual(expression.values);
      }
      if (expression.kind === 'and' || expression.kind === 'or') {
        expect(expression.children.length).toBeGreaterThanOrEqual(2);
        for (const child of expression.children) {
          expect([expression.kind, 'all', 'none']).not.toContain(child.kind);
          check(child);
        }
      }
    };
    fc.assert(fc.property(rawExpressionArb, (raw) => check(normalizeExpression(raw))));
  });

  it('makes an empty OR "none" and an empty AND "all"', () => {
    expect(normalizeExpression({ kind: 'or', children: [] })).toEqual({ kind: 'none' });
    expect(normalizeExpression({ kind: 'and', children: [] })).toEqual({ kind: 'all' });
    expect(normalizeExpression({ kind: 'or', children: [{ kind: 'none' }, { kind: 'and', children: [] }] })).toEqual({ kind: 'all' });
  });
});

/** A deterministic Fisher–Yates shuffle driven by `seed`. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed | 0;
  for (let i = result.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) | 0;
    const j = Math.abs(state) % (i + 1);
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}
