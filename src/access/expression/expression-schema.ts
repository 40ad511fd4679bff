/**
 * The zod schema of a stored access expression, and `parseAccessExpression`.
 *
 * @packageDocumentation
 */
import * as z from 'zod/mini';
import { SharedTokenError } from '../../errors.js';
import { built } from '../../domain/field-schemas.js';
import { englishIssueMessage } from '../../domain/issue-messages.js';
import type { ValidationIssue } from '../../errors.js';
import { assertNever } from '../../assert-never.js';
import type { AccessExpression } from './expression.js';
import { canonicalKey, compareCodeUnits, normalizeExpression } from './expression-normal-form.js';
import { fieldPathProblem, isWellFormedUtf16 } from './field-path.js';

const fieldSchema = /* @__PURE__ */ built(() =>
  z.string().check(
    z.superRefine((field: string, context) => {
      const problem = fieldPathProblem(field);
      if (problem !== undefined) context.addIssue({ code: 'custom', message: `field ${problem}` });
    }),
  ),
);

const valueSchema = /* @__PURE__ */ built(() =>
  z.string().check(z.refine(isWellFormedUtf16, { message: 'value contains an unpaired UTF-16 surrogate' })),
);

const shapeSchema: z.ZodMiniType<AccessExpression> = /* @__PURE__ */ built(() =>
  z.lazy(() =>
    z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('all') }),
      z.strictObject({ kind: z.literal('none') }),
      z.strictObject({ kind: z.literal('term'), field: fieldSchema, value: valueSchema }),
      z.strictObject({ kind: z.literal('terms'), field: fieldSchema, values: z.array(valueSchema) }),
      z.strictObject({ kind: z.literal('and'), children: z.array(shapeSchema) }),
      z.strictObject({ kind: z.literal('or'), children: z.array(shapeSchema) }),
    ]),
  ),
);

/**
 * The zod schema of an {@link AccessExpression} in normal form, the form
 * `compileAccess` produces. Besides the shape (unknown keys are rejected) it
 * checks the invariants: field paths are valid; `terms` has at least two
 * values, sorted in code-unit order and unique; `and`/`or` have at least two
 * children, none of them `all`, `none` or a group of the same kind, sorted
 * in canonical order and unique; an `or` has at most one `term`/`terms` per
 * field. Use {@link parseAccessExpression} to get a frozen value and a
 * `SharedTokenError`.
 *
 * @example
 * ```ts
 * accessExpressionSchema.safeParse({ kind: 'term', field: 'service.name', value: 'api' }).success; // true
 * accessExpressionSchema.safeParse({ kind: 'and', children: [] }).success; // false (use { kind: 'all' })
 * ```
 */
export const accessExpressionSchema: z.ZodMiniType<AccessExpression> = /* @__PURE__ */ built(() =>
  shapeSchema.check(
    z.superRefine((expression: AccessExpression, context) => {
      for (const issue of normalFormIssues(expression, [])) {
        context.addIssue({ code: 'custom', message: issue.message, path: [...issue.path] });
      }
    }),
  ),
);

/**
 * Parses a stored or shipped access expression (the JSON of one built by
 * `compileAccess`), checking its shape and invariants.
 * Returns a deeply frozen expression deep-equal to the input:
 * `parseAccessExpression(JSON.parse(JSON.stringify(e)))` equals `e`.
 *
 * @throws SharedTokenError `VALIDATION` with `context.issues` (each with its
 *   path into the input) when the input is not an expression in normal form.
 *
 * @example
 * ```ts
 * const stored = JSON.stringify(compileAccess(filters, 'AND'));
 * const expression = parseAccessExpression(JSON.parse(stored));
 * ```
 */
export function parseAccessExpression(json: unknown): AccessExpression {
  const result = accessExpressionSchema.safeParse(json, { error: englishIssueMessage });
  if (!result.success) {
    const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
      path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
      message: issue.message,
    }));
    throw new SharedTokenError(
      'VALIDATION',
      `Invalid access expression: ${issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`,
      { issues },
    );
  }
  // The input is in normal form, so this only copies and freezes it.
  return normalizeExpression(result.data);
}

function normalFormIssues(expression: AccessExpression, path: readonly (string | number)[]): ValidationIssue[] {
  switch (expression.kind) {
    case 'all':
    case 'none':
    case 'term':
      return [];
    case 'terms':
      if (expression.values.length < 2) {
        return [{ path: [...path, 'values'], message: 'a terms group needs at least two values (use a term)' }];
      }
      return strictlyIncreasing(expression.values)
        ? []
        : [{ path: [...path, 'values'], message: 'values must be unique and sorted in code-unit order' }];
    case 'and':
    case 'or':
      return groupIssues(expression.kind, expression.children, path);
    default:
      return assertNever(expression);
  }
}

function groupIssues(
  kind: 'and' | 'or',
  children: readonly AccessExpression[],
  path: readonly (string | number)[],
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (children.length < 2) {
    issues.push({ path: [...path, 'children'], message: `an ${kind} group needs at least two children` });
  }
  const termFields = new Set<string>();
  children.forEach((child, index) => {
    const childPath = [...path, 'children', index];
    if (child.kind === kind || child.kind === 'all' || child.kind === 'none') {
      issues.push({ path: childPath, message: `an ${kind} group cannot contain ${child.kind === kind ? `another ${kind}` : child.kind}` });
    }
    if (kind === 'or' && (child.kind === 'term' || child.kind === 'terms')) {
      if (termFields.has(child.field)) {
        issues.push({ path: childPath, message: `an or group holds at most one term/terms per field (${child.field})` });
      }
      termFields.add(child.field);
    }
    issues.push(...normalFormIssues(child, childPath));
  });
  if (!strictlyIncreasing(children.map(canonicalKey))) {
    issues.push({ path: [...path, 'children'], message: 'children must be unique and in canonical order' });
  }
  return issues;
}

function strictlyIncreasing(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) {
    if (compareCodeUnits(keys[i - 1] as string, keys[i] as string) >= 0) return false;
  }
  return true;
}
