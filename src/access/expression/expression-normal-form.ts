/**
 * The normal form of an access expression: the one representative of every
 * set of expressions that differ only by order, duplicates, nesting of
 * same-kind groups, single-child groups and constants. Equal access gives
 * equal JSON, which lets hosts compare and cache by value.
 *
 * @packageDocumentation
 */
import { assertNever } from '../../assert-never.js';
import type { AccessExpression, AndExpression, OrExpression, TermExpression, TermsExpression } from './expression.js';

const ALL: AccessExpression = Object.freeze({ kind: 'all' });
const NONE: AccessExpression = Object.freeze({ kind: 'none' });

/** The frozen `all` expression. */
export function allExpression(): AccessExpression {
  return ALL;
}

/**
 * A string that orders and identifies expressions: equal keys mean equal
 * expressions. Built from tuples so that the key does not depend on the
 * order of object keys in a parsed JSON document.
 *
 * @example
 * ```ts
 * canonicalKey({ kind: 'term', field: 'a', value: 'x' }); // '["term","a","x"]'
 * ```
 */
export function canonicalKey(expression: AccessExpression): string {
  return JSON.stringify(canonicalTuple(expression));
}

function canonicalTuple(expression: AccessExpression): unknown {
  switch (expression.kind) {
    case 'all':
    case 'none':
      return [expression.kind];
    case 'term':
      return [expression.kind, expression.field, expression.value];
    case 'terms':
      return [expression.kind, expression.field, expression.values];
    case 'and':
    case 'or':
      return [expression.kind, expression.children.map(canonicalTuple)];
    default:
      return assertNever(expression);
  }
}

/**
 * Code-unit order, the same on every JS engine and locale.
 *
 * @example
 * ```ts
 * ['b', 'B', 'a'].sort(compareCodeUnits); // ['B', 'a', 'b']
 * ```
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The normal form of `expression` (deeply frozen). Idempotent:
 * `normalizeExpression(normalizeExpression(e))` equals `normalizeExpression(e)`.
 *
 * - `and`/`or` children that are groups of the same kind are spliced in;
 * - in an `and`, `none` wins and `all` is dropped; in an `or`, `all` wins and `none` is dropped;
 * - in an `or`, every `term`/`terms` on one field becomes one `terms` (or one `term`);
 * - duplicates are removed and children sorted by {@link canonicalKey};
 * - an empty `and` is `all`, an empty `or` is `none`, a single child is unwrapped.
 *
 * @example
 * ```ts
 * normalizeExpression({ kind: 'or', children: [
 *   { kind: 'term', field: 'env', value: 'prod' },
 *   { kind: 'or', children: [{ kind: 'term', field: 'env', value: 'dev' }, { kind: 'none' }] },
 * ] });
 * // { kind: 'terms', field: 'env', values: ['dev', 'prod'] }
 * ```
 */
export function normalizeExpression(expression: AccessExpression): AccessExpression {
  switch (expression.kind) {
    case 'all':
      return ALL;
    case 'none':
      return NONE;
    case 'term':
      return termExpression(expression.field, expression.value);
    case 'terms':
      return termsOf(expression.field, expression.values);
    case 'and':
      return normalizeAnd(expression);
    case 'or':
      return normalizeOr(expression);
    default:
      return assertNever(expression);
  }
}

function termExpression(field: string, value: string): TermExpression {
  return Object.freeze({ kind: 'term', field, value });
}

function termsOf(field: string, values: readonly string[]): AccessExpression {
  const unique = [...new Set(values)].sort(compareCodeUnits);
  const [first] = unique;
  if (first === undefined) return NONE;
  if (unique.length === 1) return termExpression(field, first);
  const terms: TermsExpression = { kind: 'terms', field, values: Object.freeze(unique) };
  return Object.freeze(terms);
}

function normalizeAnd(expression: AndExpression): AccessExpression {
  const parts: AccessExpression[] = [];
  for (const child of expression.children) {
    const normal = normalizeExpression(child);
    if (normal.kind === 'none') return NONE;
    if (normal.kind === 'all') continue;
    if (normal.kind === 'and') parts.push(...normal.children);
    else parts.push(normal);
  }
  return group('and', parts, ALL);
}

function normalizeOr(expression: OrExpression): AccessExpression {
  const parts: AccessExpression[] = [];
  const valuesByField = new Map<string, string[]>();
  const collect = (part: AccessExpression): void => {
    if (part.kind === 'term' || part.kind === 'terms') {
      const values = valuesByField.get(part.field) ?? [];
      if (part.kind === 'term') values.push(part.value);
      else values.push(...part.values);
      valuesByField.set(part.field, values);
    } else {
      parts.push(part);
    }
  };
  for (const child of expression.children) {
    const normal = normalizeExpression(child);
    if (normal.kind === 'all') return ALL;
    if (normal.kind === 'none') continue;
    if (normal.kind === 'or') normal.children.forEach(collect);
    else collect(normal);
  }
  for (const [field, values] of valuesByField) parts.push(termsOf(field, values));
  return group('or', parts, NONE);
}

function group(kind: 'and' | 'or', parts: readonly AccessExpression[], empty: AccessExpression): AccessExpression {
  const byKey = new Map<string, AccessExpression>();
  for (const part of parts) byKey.set(canonicalKey(part), part);
  const keys = [...byKey.keys()].sort(compareCodeUnits);
  const children = keys.map((key) => byKey.get(key) as AccessExpression);
  const [only] = children;
  if (only === undefined) return empty;
  if (children.length === 1) return only;
  return Object.freeze({ kind, children: Object.freeze(children) });
}
