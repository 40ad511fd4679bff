/**
 * `guardSearchRequest`: an untrusted search request in, a request that can
 * only see what the token sees out, or an `UnsafeRequestError`.
 *
 * @packageDocumentation
 */
import { UnsafeRequestError } from '../errors.js';
import type { AccessExpression } from '../access/expression/expression.js';
import { toElasticsearchQuery } from '../access/query/elasticsearch-query.js';
import { endpointRequest } from './endpoint-request.js';
import { parsePath } from './endpoint.js';
import type { JsonValue } from './json-value.js';
import { DEFAULT_GUARD_LIMITS } from './limits.js';
import type { GuardLimits } from './limits.js';
import { readJson, readSafely } from './read-json.js';
import { refuse } from './refusal.js';
import { readRequestParts } from './request-shape.js';
import type { GuardedSearchRequest, GuardOptions } from './types.js';
import { checkParams } from './url-params.js';

const isRefusal = (error: unknown): boolean => error instanceof UnsafeRequestError;

function limitsOf(options: GuardOptions): GuardLimits {
  const limits: Record<string, number> = { ...DEFAULT_GUARD_LIMITS };
  for (const [key, value] of Object.entries(options.limits ?? {})) {
    if (typeof value === 'number') limits[key] = value;
  }
  return limits as unknown as GuardLimits;
}

function compileToken(expression: AccessExpression, options: GuardOptions): JsonValue {
  const query = toElasticsearchQuery(expression, {
    ...(options.fields === undefined ? {} : { fields: options.fields }),
  });
  return readJson(query, '', { bytesLeft: Number.MAX_SAFE_INTEGER, maxBytes: Number.MAX_SAFE_INTEGER, maxDepth: 1000 });
}

/**
 * Turns an untrusted search request into one that can only ever see what
 * the token sees, or refuses it.
 *
 * The guarded request's query is always
 * `{ bool: { filter: [TOKEN], must: [USER] } }` (`USER` is `match_all` when
 * the request had no query), with `TOKEN` from `toElasticsearchQuery`. The
 * guard checks, against allowlists: the endpoint (`_search`, `_count`,
 * `_msearch`, plus scroll and async search when `options.bindings` binds
 * their ids), the method (`GET`, `POST`), every URL parameter, every body
 * key, every query clause wherever it hides (`post_filter`, `rescore`,
 * highlight queries, aggregation filters at any depth, `knn.filter`, nested
 * sort filters, inner hits), every aggregation type, the index expressions
 * (path and `_msearch` headers) against `options.indices`, and the size
 * limits. Every clause, option block and aggregation is parsed the way the
 * engine's parser reads it (parameters versus the field, the JSON kind of
 * each value) and the guarded body is built only from parsed values; options
 * whose matches depend on the whole index's term dictionary (`fuzzy`,
 * `max_expansions`, `top_terms_*` rewrites, `more_like_this` ...) are
 * refused, and histograms with empty buckets need bounds (`hard_bounds` is
 * pinned to them). `expand_wildcards` is pinned to `open`. Top-level `knn`
 * and `knn` clauses get the token filter in their `filter`. The input is
 * never mutated; guarding a guarded request returns an equal request.
 *
 * @param request - `{ method, path, params, body }` as a proxy receives it, or a bare `_search` body.
 * @param expression - what the token may see (from `resolve(secret)` / `compileAccess`).
 * @param options - the token's indices, field types, limits and continuation bindings.
 * @returns a new request, safe to forward with the service's credentials.
 * @throws UnsafeRequestError (`code: 'UNSAFE_REQUEST'`) with a `reason` slug and
 *   `context.pointer` (JSON pointer into the body; for `_msearch`, `/<line>/...`)
 *   or `context.parameter` (URL parameter) or `context.path`.
 * @throws SharedTokenError `VALIDATION` when the expression cannot be compiled for `options.fields`.
 *
 * @example
 * ```ts
 * const guarded = guardSearchRequest(
 *   { method: 'POST', path: '/_search', params: { size: '10' }, body: { query: { match: { message: 'timeout' } } } },
 *   { kind: 'term', field: 'service.name', value: 'api' },
 *   { indices: ['logs-app'] },
 * );
 * ```
 * gives
 * ```json
 * { "method": "POST", "path": "/logs-app/_search", "params": { "size": "10", "expand_wildcards": "open" },
 *   "endpoint": "search", "indices": ["logs-app"],
 *   "body": { "query": { "bool": {
 *     "filter": [{ "term": { "service.name": { "value": "api" } } }],
 *     "must": [{ "match": { "message": "timeout" } }] } } } }
 * ```
 * and `{ body: { query: ..., aggs: { all: { global: {} } } } }` throws
 * `UnsafeRequestError` with `reason: 'global-aggregation'` and `context.pointer: '/aggs/all/global'`.
 */
export function guardSearchRequest(request: unknown, expression: AccessExpression, options: GuardOptions = {}): GuardedSearchRequest {
  const limits = limitsOf(options);
  const parts = readSafely(() => readRequestParts(request), { part: 'request' }, isRefusal);
  const path = parts.path === undefined ? '/_search' : parts.path;
  if (typeof path !== 'string') return refuse('path-invalid', 'The path must be a string.', { part: 'path' });
  const method = parts.method === undefined ? 'POST' : parts.method;
  if (typeof method !== 'string' || !['GET', 'POST'].includes(method.toUpperCase())) {
    return refuse('method-not-allowed', 'Only GET and POST are allowed.', { method: typeof method === 'string' ? method : typeof method });
  }
  const parsed = parsePath(path);
  const params = readSafely(() => checkParams(parts.params, parsed.endpoint), { part: 'params' }, isRefusal);
  return endpointRequest({
    parsed,
    method: method.toUpperCase() as 'GET' | 'POST',
    params,
    body: parts.body,
    token: compileToken(expression, options),
    limits,
    options,
  });
}
