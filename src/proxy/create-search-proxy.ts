/**
 * `createSearchProxy`: the HTTP handler in front of the engine that every
 * integrator would otherwise write by hand. It resolves the link's secret,
 * guards the request under the token's current access, forwards it with the
 * host's credentials, and answers with the engine's response or a safe
 * error.
 *
 * @packageDocumentation
 */
import type { FieldTypes } from '../access/mapping/field-types.js';
import type { MappingEngine } from '../access/mapping/mapping-fields.js';
import { isSharedTokenError, SharedTokenError } from '../errors.js';
import { guardSearchRequest } from '../guard/guard-search-request.js';
import { DEFAULT_GUARD_LIMITS, type GuardLimits } from '../guard/limits.js';
import { sanitizeEngineResponse, toSafeEngineError } from '../guard/safe-engine-error.js';
import type { GuardedSearchRequest } from '../guard/types.js';
import type { ResolvedAccess } from '../service/resolve.js';
import { createContinuationRegistry } from './continuation-registry.js';
import { cachedFieldTypes, type FieldTypesSource } from './field-types-cache.js';
import { readRequest, UnreadableRequest } from './read-request.js';
import { errorResponse, json, shortPrefix } from './responses.js';

/**
 * What the engine answered, as the host's `forward` returns it when it does
 * not return a Fetch `Response`: the HTTP status and the parsed JSON body.
 *
 * @example
 * ```ts
 * const answer: ForwardedResponse = { status: 200, body: { hits: { total: { value: 3 }, hits: [] } } };
 * ```
 */
export interface ForwardedResponse {
  readonly status: number;
  readonly body: unknown;
}

/**
 * Sends a guarded request to the engine with the service's credentials.
 * Build the URL from `request.path` and `request.params`, send
 * `request.body` as JSON (or as `application/x-ndjson` text when
 * `request.endpoint` is `msearch`), and return the engine's `Response` or
 * `{ status, body }`. Throwing counts as an engine failure (502).
 *
 * @example
 * ```ts
 * const forward: SearchForwarder = (request) =>
 *   fetch(`${ENGINE_URL}${request.path}?${new URLSearchParams(request.params)}`, {
 *     method: request.method,
 *     headers: {
 *       authorization: `ApiKey ${SERVICE_API_KEY}`,
 *       'content-type': request.endpoint === 'msearch' ? 'application/x-ndjson' : 'application/json',
 *     },
 *     body: request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body),
 *   });
 * ```
 */
export type SearchForwarder = (request: GuardedSearchRequest) => Promise<Response | ForwardedResponse>;

/**
 * Options of {@link createSearchProxy}.
 *
 * @example
 * ```ts
 * const options: SearchProxyOptions = {
 *   tokens,                                   // createSharedTokens(...)
 *   forward,                                  // sends a guarded request with the service's credentials
 *   indices: ['logs-*'],                      // what any token may read
 *   mapping: () => client.indices.getMapping({ index: 'logs-*' }).then((r) => r.body),
 * };
 * ```
 */
export interface SearchProxyOptions {
  /** The service (only its `resolve` is used). */
  readonly tokens: { resolve(secret: string): Promise<ResolvedAccess> };
  /** Sends a guarded request to the engine. */
  readonly forward: SearchForwarder;
  /** Index names or `*` patterns a token may read, as the guard's `indices`. */
  readonly indices: readonly string[];
  /**
   * Field types to compile the token's filter with. Give either `fields`
   * (fixed) or `mapping` (loaded and cached): one of them is required, since
   * a filter compiled without the mapping could match more than it means.
   */
  readonly fields?: FieldTypes;
  /**
   * Loads the mapping of `indices` (a `GET <indices>/_mapping` response body);
   * its field types are kept for `fieldsLifetimeMs`. A failed load fails the
   * request with 502 (never a filter compiled without the mapping).
   */
  readonly mapping?: () => Promise<unknown>;
  /**
   * The engine `mapping` comes from, passed to `fieldTypesFromMapping`: dates,
   * IPs and `wildcard` fields are read as that engine reads them. Without it,
   * filters the engines read differently are refused. A `GET <index>` body
   * (mappings and settings) also lets custom normalizers be read. Default: none.
   *
   * @example
   * ```ts
   * createSearchProxy({ tokens, forward, indices: ['logs-*'], mapping: loadMapping, engine: 'opensearch' });
   * ```
   */
  readonly engine?: MappingEngine;
  /** How long loaded field types are kept, in ms. Default 60,000. */
  readonly fieldsLifetimeMs?: number;
  /** Overrides of the guard's limits; `maxBodyBytes` also caps how much of a body is read. */
  readonly limits?: Partial<GuardLimits>;
  /**
   * A path prefix the proxy is mounted under (`/search` serves `/search/logs/_search`
   * as `/logs/_search`). Default `''`.
   */
  readonly pathPrefix?: string;
  /**
   * How long a scroll or async-search id stays usable by the token that
   * received it, in ms. Default 600,000 (10 minutes). At most 10,000 ids are
   * kept; the oldest go first.
   */
  readonly continuationLifetimeMs?: number;
  /** The clock, in ms since the epoch. Default `Date.now`. */
  readonly now?: () => number;
}

/** A Fetch-API request handler. */
export type SearchProxyHandler = (request: Request) => Promise<Response>;

const STATUS_OF_TOKEN_ERROR: Readonly<Record<string, number>> = {
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_PAUSED: 403,
};

// The library's own words: a host's resolve wrapper may put the secret or its hash in its message.
const MESSAGE_OF_TOKEN_ERROR: Readonly<Record<string, string>> = {
  TOKEN_INVALID: 'This is not a valid shared token.',
  TOKEN_EXPIRED: 'This token has expired.',
  TOKEN_PAUSED: 'This token is paused.',
};

/**
 * Creates a search proxy: a standard `(request: Request) => Promise<Response>`
 * handler (the Fetch API: Deno, Bun, Cloudflare Workers, Node 20's `Request`;
 * on `node:http` through {@link toNodeListener}).
 *
 * For each request it:
 * 1. reads the secret from `Authorization: Bearer <secret>` or the `token`
 *    query parameter (401 without one);
 * 2. calls `tokens.resolve(secret)`: 401 for an invalid or expired secret,
 *    403 for a paused token, so a change to the token applies at the next request;
 * 3. guards the request with `guardSearchRequest` under the token's current
 *    filter: 400 with the refusal's reason and pointer (cut short) when refused;
 * 4. forwards the guarded request through `forward`, and answers with the
 *    engine's body, with error text removed from `_shards.failures` and
 *    `_msearch` items; an engine error becomes 502 with the engine's status
 *    and error type only, since engine error text can quote document values.
 *
 * Scroll and async-search ids are bound to the token that received them and
 * to its filters at the time (a changed token cannot page on), at most 100 per token.
 * Nothing else is kept between requests, except the field types (see
 * `fieldsLifetimeMs`). A stack trace or an internal message never reaches
 * the caller (500 `internal_error`).
 *
 * @throws SharedTokenError `VALIDATION` when neither `fields` nor `mapping` is given.
 *
 * @example
 * ```ts
 * import { createSearchProxy } from 'shared-tokens/proxy';
 *
 * const handle = createSearchProxy({ tokens, forward, indices: ['logs-*'], mapping: loadMapping });
 * Deno.serve(handle);                                  // or: http.createServer(toNodeListener(handle))
 * ```
 */
export function createSearchProxy(options: SearchProxyOptions): SearchProxyHandler {
  if (options.fields === undefined && options.mapping === undefined) {
    throw new SharedTokenError('VALIDATION', 'createSearchProxy needs the field types: give `fields` or a `mapping` loader.', {
      issues: [{ path: ['fields'], message: 'give fields or mapping' }],
    });
  }
  const now = options.now ?? Date.now;
  const limits: GuardLimits = { ...DEFAULT_GUARD_LIMITS, ...options.limits };
  const fieldTypes: FieldTypesSource =
    options.mapping !== undefined ? cachedFieldTypes(options.mapping, options.fieldsLifetimeMs ?? 60_000, now, options.engine) : async () => options.fields;
  const continuations = createContinuationRegistry(10_000, options.continuationLifetimeMs ?? 600_000, now);
  const pathPrefix = (options.pathPrefix ?? '').replace(/\/+$/, '');

  async function handle(request: Request): Promise<Response> {
    let read;
    try {
      read = await readRequest(request, limits.maxBodyBytes, pathPrefix);
    } catch (error) {
      if (error instanceof UnreadableRequest) return errorResponse(error.status, error.type, error.message, {}, error.status === 401 ? { 'www-authenticate': 'Bearer' } : {});
      throw error;
    }

    let access: ResolvedAccess;
    try {
      access = await options.tokens.resolve(read.secret);
    } catch (error) {
      const status = isSharedTokenError(error) ? STATUS_OF_TOKEN_ERROR[error.code] : undefined;
      if (status === undefined) throw error;
      const code = (error as SharedTokenError).code;
      return errorResponse(status, code.toLowerCase(), MESSAGE_OF_TOKEN_ERROR[code] ?? 'This is not a valid shared token.', {}, status === 401 ? { 'www-authenticate': 'Bearer' } : {});
    }

    let fields: FieldTypes | undefined;
    try {
      fields = await fieldTypes();
    } catch {
      return errorResponse(502, 'mapping_unavailable', 'The index mapping could not be read.');
    }

    // Continuations are bound to the token *and* the filter it ran under: the engine keeps the
    // filter a scroll or async search was opened with, so a changed token must not page on.
    const tokenId = `${access.token.id}\u0000${JSON.stringify(access.expression)}`;
    let guarded: GuardedSearchRequest;
    try {
      guarded = guardSearchRequest(read.input, access.expression, {
        indices: options.indices,
        ...(fields === undefined ? {} : { fields }),
        limits,
        bindings: {
          checkScrollId: (id) => continuations.has(tokenId, 'scroll', id),
          checkAsyncSearchId: (id) => continuations.has(tokenId, 'async-search', id),
        },
      });
    } catch (error) {
      // VALIDATION here is the token's filter not compiling against the mapping: the host's problem, not the caller's.
      if (isSharedTokenError(error) && error.code === 'VALIDATION') {
        return errorResponse(500, 'token_filter_invalid', "The token's filters cannot be applied to these indices.");
      }
      if (isSharedTokenError(error) && error.code === 'UNSAFE_REQUEST') {
        const context = error.context as { reason?: unknown; pointer?: unknown; parameter?: unknown };
        const detail: Record<string, unknown> = {};
        if (typeof context.reason === 'string') detail['refusal'] = shortPrefix(context.reason);
        if (typeof context.pointer === 'string') detail['pointer'] = shortPrefix(context.pointer);
        if (typeof context.parameter === 'string') detail['parameter'] = shortPrefix(context.parameter);
        return errorResponse(400, 'unsafe_request', 'This request cannot run under a shared token.', detail);
      }
      throw error;
    }

    let answer: ForwardedResponse;
    try {
      answer = await readForwarded(await options.forward(guarded));
    } catch {
      return errorResponse(502, 'engine_unavailable', 'The search engine could not be reached.');
    }
    if (!Number.isInteger(answer.status) || answer.status >= 300 || answer.status < 200) {
      const safe = toSafeEngineError(answer.status, answer.body);
      return errorResponse(502, safe.type, 'The search engine refused the request.', { engine_status: safe.status });
    }
    // A 2xx body that is not a JSON object (`format=yaml`, `format=cbor`, text) cannot be sanitised.
    if (typeof answer.body !== 'object' || answer.body === null || Array.isArray(answer.body)) {
      return errorResponse(502, 'engine_response_unreadable', 'The search engine answered in a form the proxy does not relay.');
    }
    remember(tokenId, guarded, answer.body);
    return json(200, sanitizeEngineResponse(answer.body));
  }

  function remember(tokenId: string, guarded: GuardedSearchRequest, body: unknown): void {
    if (typeof body !== 'object' || body === null) return;
    const record = body as Record<string, unknown>;
    if (typeof record['_scroll_id'] === 'string') continuations.remember(tokenId, 'scroll', record['_scroll_id']);
    if ((guarded.endpoint === 'async-search-submit' || guarded.endpoint === 'async-search-get') && typeof record['id'] === 'string') {
      continuations.remember(tokenId, 'async-search', record['id']);
    }
  }

  return async (request) => {
    try {
      return await handle(request);
    } catch {
      // A repository or host failure: say nothing about it to the caller.
      return errorResponse(500, 'internal_error', 'The request could not be served.');
    }
  };
}

async function readForwarded(answer: Response | ForwardedResponse): Promise<ForwardedResponse> {
  if (!(answer instanceof Response)) {
    if (typeof answer !== 'object' || answer === null || typeof answer.status !== 'number') throw new TypeError('forward returned neither a Response nor { status, body }');
    return answer;
  }
  const text = await answer.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: answer.status, body };
}
