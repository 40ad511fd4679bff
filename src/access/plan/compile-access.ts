/**
 * `compileAccess`: a token's filters and operator → its access expression.
 *
 * @packageDocumentation
 */
import { SharedTokenError } from '../../errors.js';
import type { ValidationIssue } from '../../errors.js';
import type { AccessExpression, FilterTerm, FiltersOperator } from '../expression/expression.js';
import { allExpression, normalizeExpression } from '../expression/expression-normal-form.js';
import { fieldPathProblem, isWellFormedUtf16 } from '../expression/field-path.js';

/**
 * Compiles a token's filters into its access expression, in normal form:
 * plain, deeply frozen, JSON-serializable, and equal for equal access.
 *
 * - No filters: `{ kind: 'all' }` (an unrestricted token), whatever the operator.
 * - One filter: that `term`.
 * - Duplicates count once and order does not matter: the children are
 *   de-duplicated and sorted in a canonical (code-unit) order.
 * - Under `OR`, filters on the same field become one `terms` (values sorted, unique).
 *
 * Values are kept exactly as typed; whether a value is valid for a field's
 * type is checked later by `toElasticsearchQuery` and `toPredicate`, which
 * know the mapping.
 *
 * @param filters - the token's filters (`{ field, value }`; other members are ignored).
 * @param operator - `'AND'` (every filter must match) or `'OR'` (any filter).
 * @throws SharedTokenError `VALIDATION` when `filters` is not an array of
 *   `{ field: string, value: string }`, a field is not a valid dotted path
 *   (empty segment, whitespace, a control character, `*` or `?`), a value
 *   has an unpaired UTF-16 surrogate, or `operator` is neither `AND` nor
 *   `OR`. `context.issues` lists every problem with its path (e.g.
 *   `['filters', 2, 'field']`).
 *
 * @example
 * ```ts
 * compileAccess(
 *   [
 *     { field: 'service.name', value: 'api' },
 *     { field: 'kubernetes.namespace', value: 'prod' },
 *     { field: 'service.name', value: 'web' },
 *   ],
 *   'OR',
 * );
 * // {
 * //   kind: 'or',
 * //   children: [
 * //     { kind: 'term', field: 'kubernetes.namespace', value: 'prod' },
 * //     { kind: 'terms', field: 'service.name', values: ['api', 'web'] },
 * //   ],
 * // }
 * ```
 */
export function compileAccess(filters: readonly FilterTerm[], operator: FiltersOperator): AccessExpression {
  const issues = filterIssues(filters, operator);
  const [first] = issues;
  if (first !== undefined) {
    const field = fieldOfIssue(filters, first);
    throw new SharedTokenError(
      'VALIDATION',
      `Invalid filters: ${issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`,
      field === undefined ? { issues } : { issues, field },
    );
  }
  if (filters.length === 0) return allExpression();
  const children = filters.map((filter) => ({ kind: 'term' as const, field: filter.field, value: filter.value }));
  return normalizeExpression({ kind: operator === 'AND' ? 'and' : 'or', children });
}

function filterIssues(filters: unknown, operator: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (operator !== 'AND' && operator !== 'OR') {
    issues.push({ path: ['operator'], message: 'must be "AND" or "OR"' });
  }
  if (!Array.isArray(filters)) {
    issues.push({ path: ['filters'], message: 'must be an array' });
    return issues;
  }
  filters.forEach((filter: unknown, index) => {
    if (typeof filter !== 'object' || filter === null) {
      issues.push({ path: ['filters', index], message: 'must be an object with a field and a value' });
      return;
    }
    const { field, value } = filter as { field?: unknown; value?: unknown };
    if (typeof field !== 'string') {
      issues.push({ path: ['filters', index, 'field'], message: 'must be a string' });
    } else {
      const problem = fieldPathProblem(field);
      if (problem !== undefined) issues.push({ path: ['filters', index, 'field'], message: problem });
    }
    if (typeof value !== 'string') {
      issues.push({ path: ['filters', index, 'value'], message: 'must be a string' });
    } else if (!isWellFormedUtf16(value)) {
      issues.push({ path: ['filters', index, 'value'], message: 'contains an unpaired UTF-16 surrogate' });
    }
  });
  return issues;
}

function fieldOfIssue(filters: readonly FilterTerm[], issue: ValidationIssue): string | undefined {
  const index = issue.path[1];
  if (typeof index !== 'number' || !Array.isArray(filters)) return undefined;
  const field: unknown = (filters[index] as { field?: unknown } | undefined)?.field;
  return typeof field === 'string' ? field : undefined;
}
