/**
 * Helpers shared by the guard's example tests.
 */
import { expect } from 'vitest';
import { UnsafeRequestError } from '../../src/errors.js';
import { guardSearchRequest } from '../../src/index.js';
import type { GuardedSearchRequest, GuardOptions } from '../../src/index.js';
import type { AccessExpression } from '../../src/access/expression/expression.js';

/** The token of the examples: tenant `acme` only. */
export const TOKEN: AccessExpression = { kind: 'term', field: 'tenant', value: 'acme' };

/** What `toElasticsearchQuery(TOKEN)` emits: the filter every guarded query must carry. */
export const TOKEN_QUERY = { term: { tenant: { value: 'acme' } } };

/** The token's indices in the examples. */
/** The field types of the token's filter (the query compiler needs them). */
export const TOKEN_FIELDS = { tenant: { type: 'keyword' }, service: { type: 'keyword' } } as const satisfies GuardOptions['fields'];

export const OPTIONS: GuardOptions = { indices: ['logs-app', 'logs-web-*'], fields: TOKEN_FIELDS };

/** Guards with the example token and options. */
export function guard(request: unknown, options: GuardOptions = OPTIONS): GuardedSearchRequest {
  return guardSearchRequest(request, TOKEN, options);
}

/** The refusal `request` must cause. */
export function refusalOf(request: unknown, options: GuardOptions = OPTIONS): UnsafeRequestError {
  try {
    const accepted = guardSearchRequest(request, TOKEN, options);
    throw new Error(`expected a refusal, got ${JSON.stringify(accepted)}`);
  } catch (error) {
    if (!(error instanceof UnsafeRequestError)) throw error;
    expect(error.code).toBe('UNSAFE_REQUEST');
    return error;
  }
}

/** Asserts the refusal's reason and locator. */
export function expectRefused(request: unknown, reason: string, where: { pointer?: string; parameter?: string }, options: GuardOptions = OPTIONS): void {
  const error = refusalOf(request, options);
  expect({ reason: error.reason, pointer: error.context.pointer, parameter: error.context.parameter }).toEqual({
    reason,
    pointer: where.pointer,
    parameter: where.parameter,
  });
}

/** The guarded `_search` body of a request that must be accepted. */
export function guardedBody(request: unknown, options: GuardOptions = OPTIONS): Record<string, unknown> {
  const guarded = guard(request, options);
  if (typeof guarded.body !== 'object') throw new Error('expected an object body');
  return guarded.body as Record<string, unknown>;
}

/** `{ bool: { filter: [TOKEN], must: [user] } }`. */
export function wrapped(user: unknown): unknown {
  return { bool: { filter: [TOKEN_QUERY], must: [user] } };
}
