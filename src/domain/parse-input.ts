import type * as z from 'zod/mini';
import { SharedTokenError, type ValidationIssue } from '../errors.js';
import { englishIssueMessage } from './issue-messages.js';

/**
 * Parses `value` with `schema`, or throws a `VALIDATION` {@link SharedTokenError}
 * whose `context.issues` say which path failed and why. The issue paths start
 * with `name`, the argument being parsed. Never echoes the input itself (it
 * may be a secret typed into the wrong place).
 *
 * @example
 * ```ts
 * parseInput(createFilterInputSchema, { field: 'a..b', value: 'x' }, 'input');
 * // throws SharedTokenError VALIDATION, issues: [{ path: ['input', 'field'], message: 'must be a dotted path without empty segments' }]
 * ```
 */
export function parseInput<S extends z.ZodMiniType>(schema: S, value: unknown, name: string): z.output<S> {
  let result: ReturnType<S['safeParse']>;
  try {
    result = schema.safeParse(value, { error: englishIssueMessage }) as ReturnType<S['safeParse']>;
  } catch {
    // Exotic inputs (revoked proxies, throwing getters) must still fail as VALIDATION.
    throw new SharedTokenError('VALIDATION', `Invalid ${name}: it could not be read`, {
      issues: [{ path: [name], message: 'could not be read' }],
    });
  }
  if (result.success) return result.data as z.output<S>;
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: [name, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: withoutGenericLead(issue.message),
  }));
  const first = issues[0];
  const where = first === undefined ? name : first.path.join('.');
  throw new SharedTokenError('VALIDATION', `Invalid ${where}: ${first?.message ?? 'invalid input'}`, { issues });
}

// zod's built-in messages start with "Invalid input: " ("Invalid input:
// expected object, received string"); ours already say "Invalid <where>:",
// so the lead would read twice.
function withoutGenericLead(message: string): string {
  const stripped = message.replace(/^Invalid input:\s*/, '');
  return stripped === '' ? 'invalid input' : stripped;
}
