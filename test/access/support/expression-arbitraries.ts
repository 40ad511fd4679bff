import fc from 'fast-check';
import type { AccessExpression, FilterTerm, FiltersOperator } from '../../../src/access/expression/expression.js';

/** Few fields and values, so that random filter sets collide (duplicates, same-field ORs, prefixes). */
export const fieldNames = ['a', 'b', 'a.b', 'a.b.c', 'x.y'] as const;
export const filterValues = ['x', 'y', '1', '', 'X', 'é'] as const;

export const fieldArb = fc.constantFrom(...fieldNames);
export const valueArb = fc.constantFrom(...filterValues);

export const filterArb: fc.Arbitrary<FilterTerm> = fc.record({ field: fieldArb, value: valueArb });
export const filtersArb = fc.array(filterArb, { maxLength: 6 });
export const operatorArb: fc.Arbitrary<FiltersOperator> = fc.constantFrom('AND', 'OR');

/**
 * Any expression tree, not normalized: groups may be empty, hold one child,
 * hold groups of the same kind, constants and duplicates.
 */
export const rawExpressionArb: fc.Arbitrary<AccessExpression> = fc.letrec<{ expression: AccessExpression }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('term' as const), field: fieldArb, value: valueArb }),
    fc.record({ kind: fc.constant('terms' as const), field: fieldArb, values: fc.array(valueArb, { minLength: 1, maxLength: 3 }) }),
    fc.constant({ kind: 'all' as const }),
    fc.constant({ kind: 'none' as const }),
    fc.record({ kind: fc.constant('and' as const), children: fc.array(tie('expression'), { maxLength: 4 }) }),
    fc.record({ kind: fc.constant('or' as const), children: fc.array(tie('expression'), { maxLength: 4 }) }),
  ),
})).expression;

/** Every `field: value` pair an expression mentions, in order (duplicates kept). */
export function termsOf(expression: AccessExpression): FilterTerm[] {
  switch (expression.kind) {
    case 'term':
      return [{ field: expression.field, value: expression.value }];
    case 'terms':
      return expression.values.map((value) => ({ field: expression.field, value }));
    case 'and':
    case 'or':
      return expression.children.flatMap(termsOf);
    default:
      return [];
  }
}
