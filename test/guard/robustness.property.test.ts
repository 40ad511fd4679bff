/**
 * Robustness: whatever arrives (any JSON or non-JSON value, any path, any
 * parameters, deep nesting, prototype-polluting keys), the guard returns a
 * guarded request or throws UnsafeRequestError: never another exception,
 * never a hang, never a polluted prototype.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { guardSearchRequest } from '../../src/index.js';
import { UnsafeRequestError } from '../../src/errors.js';
import { expressionArbitrary, requestArbitrary, TOKEN_INDICES } from '../support/request-arbitraries.js';
import { keywordFieldsOf } from '../support/keyword-fields.js';
import type { AccessExpression } from '../../src/access/expression/expression.js';

/** Per-call time bound: far above the real cost (well under a millisecond), far below a hang. */
const CALL_BUDGET_MS = 500;

function outcomeOf(request: unknown, expression: AccessExpression = { kind: 'term', field: 'tenant', value: 'acme' }): 'guarded' | 'refused' {
  const started = performance.now();
  try {
    const guarded = guardSearchRequest(request, expression, { indices: [...TOKEN_INDICES], fields: keywordFieldsOf(expression) });
    expect(typeof guarded.path).toBe('string');
    return 'guarded';
  } catch (error) {
    if (!(error instanceof UnsafeRequestError)) throw error;
    expect(error.code).toBe('UNSAFE_REQUEST');
    expect(typeof error.reason).toBe('string');
    // Every refusal says where: a body pointer, a URL parameter, the path, the method, or which part of the request.
    expect(['pointer', 'parameter', 'path', 'method', 'part'].some((k) => k in error.context)).toBe(true);
    return 'refused';
  } finally {
    expect(performance.now() - started).toBeLessThan(CALL_BUDGET_MS);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  }
}

/** Words of the grammar, so random structures reach deep into the walkers, plus prototype keys. */
const GRAMMAR_KEYS = [
  'query', 'bool', 'must', 'filter', 'should', 'must_not', 'term', 'terms', 'nested', 'path', 'aggs', 'aggregations', 'knn', 'post_filter',
  'rescore', 'rescore_query', 'highlight', 'fields', 'highlight_query', 'collapse', 'inner_hits', 'sort', 'filters', 'min_doc_count',
  'index', 'id', 'like', 'pit', 'scroll_id', 'method', 'body', 'params', '__proto__', 'constructor', 'prototype', 'toString', 'polluted',
] as const;

const grammarish = fc.anything({
  key: fc.oneof(fc.constantFrom(...GRAMMAR_KEYS), fc.string({ maxLength: 4 })),
  maxDepth: 6,
  withNullPrototype: true,
});

const exotic = fc.anything({
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withObjectString: true,
  withNullPrototype: true,
  withBigInt: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  maxDepth: 4,
});

const pathArbitrary = fc.oneof(
  fc.string(),
  fc
    .array(fc.constantFrom('', '_search', '_count', '_msearch', 'scroll', '_async_search', 'logs-app', 'logs-*', '_all', 'x:y', '%2F', '%', '<a>', 'template', '__proto__'), { maxLength: 4 })
    .map((segments) => `/${segments.join('/')}`),
);

const paramsArbitrary = fc.oneof(
  exotic,
  fc.dictionary(fc.oneof(fc.constantFrom('size', 'q', 'scroll', 'expand_wildcards', '__proto__', 'constructor'), fc.string({ maxLength: 5 })), fc.oneof(fc.string(), fc.integer(), exotic)),
);

describe('robustness: a guarded request or UnsafeRequestError, nothing else', () => {
  it('any value as the whole request', () => {
    fc.assert(fc.property(fc.oneof(fc.anything(), exotic, grammarish), (request) => void outcomeOf(request)), { numRuns: 500 });
  });

  it('any method, path, params and body', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom('GET', 'POST', 'get'), exotic), pathArbitrary, paramsArbitrary, fc.oneof(fc.anything(), grammarish, exotic, fc.string()), (method, path, params, body) => {
        outcomeOf({ method, path, params, body });
      }),
      { numRuns: 500 },
    );
  });

  it('grammar-shaped bodies, as objects and as JSON text with __proto__ keys', () => {
    fc.assert(
      fc.property(grammarish, fc.constantFrom('/logs-app/_search', '/_count', '/_msearch'), (body, path) => {
        outcomeOf({ path, body });
        let text: string | undefined;
        try {
          text = JSON.stringify(body);
        } catch {
          text = undefined;
        }
        if (text !== undefined) outcomeOf({ path, body: text });
      }),
      { numRuns: 500 },
    );
  });

  it('valid requests with one subtree replaced by anything', () => {
    const mutate = (value: unknown, replacement: unknown, choice: number): unknown => {
      if (typeof value !== 'object' || value === null) return replacement;
      const keys = Object.keys(value);
      if (keys.length === 0 || choice % 5 === 0) return replacement;
      const key = keys[choice % keys.length] as string;
      const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...value };
      copy[key] = mutate((value as Record<string, unknown>)[key], replacement, Math.floor(choice / 7) + 1);
      return copy;
    };
    fc.assert(
      fc.property(requestArbitrary, fc.oneof(grammarish, exotic), fc.nat(), expressionArbitrary, (request, replacement, choice, expression) => {
        outcomeOf(mutate(request, replacement, choice), expression);
      }),
      { numRuns: 300 },
    );
  });

  it('very deep nesting, as objects and as text, in every body position', () => {
    fc.assert(
      fc.property(fc.integer({ min: 50, max: 5000 }), fc.constantFrom('query', 'aggs', 'size', 'post_filter'), fc.boolean(), (depth, key, asText) => {
        // Built as text directly: JSON.stringify itself would overflow the stack on the deepest ones.
        const text = `{"${key}":${'{"bool":{"must":['.repeat(depth)}{"match_all":{}}${']}}'.repeat(depth)}}`;
        expect(outcomeOf({ path: '/logs-app/_search', body: asText ? text : JSON.parse(text) })).toBe('refused');
      }),
      { numRuns: 100 },
    );
  });

  it('a throwing Proxy is refused, not propagated', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('boom');
        },
      },
    );
    expect(outcomeOf(hostile)).toBe('refused');
    expect(outcomeOf({ path: '/logs-app/_search', body: hostile })).toBe('refused');
    expect(outcomeOf({ path: '/logs-app/_search', params: hostile })).toBe('refused');
  });
});
