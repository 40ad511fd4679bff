/**
 * The shapes the guard reads and returns.
 *
 * @packageDocumentation
 */
import type { FieldTypes } from '../access/mapping/field-types.js';
import type { GuardLimits } from './limits.js';

/**
 * A URL parameter value as a proxy hands it over. Arrays (a repeated
 * parameter) are refused; values are forwarded as strings.
 *
 * @example
 * ```ts
 * const params: Record<string, SearchRequestParamValue> = { size: 20, typed_keys: true, track_total_hits: 'true' };
 * ```
 */
export type SearchRequestParamValue = string | number | boolean;

/**
 * An untrusted search request as a proxy receives it.
 *
 * @example
 * ```ts
 * const request: SearchRequestInput = {
 *   method: 'POST',
 *   path: '/logs-2024.05/_search',
 *   params: { size: '20' },
 *   body: { query: { match: { message: 'timeout' } } },
 * };
 * ```
 */
export interface SearchRequestInput {
  /** `GET` or `POST` (case-insensitive). Default `POST`. */
  readonly method?: string;
  /**
   * The URL path, percent-encoded as received, without the query string:
   * `/_search`, `/_count`, `/_msearch`, `/_search/scroll`,
   * `/_async_search`, `/_async_search/<id>`. Default `/_search`. A path without
   * an index is scoped to `options.indices`.
   */
  readonly path?: string;
  /** URL query parameters, already decoded. */
  readonly params?: Readonly<Record<string, SearchRequestParamValue>>;
  /**
   * The body: a JSON object (or its text) for `_search` and `_count`; for
   * `_msearch` the NDJSON text or an array alternating header and body objects.
   */
  readonly body?: unknown;
}

/**
 * Hooks that tie continuation ids to the token. Without the matching hook,
 * the guard refuses the continuation (and the request that would open it).
 * Each hook must answer `true` only for an id the host itself saw in a
 * response to a request guarded for the same token, and still valid.
 *
 * @example
 * ```ts
 * const issued = new Set<string>(); // filled from responses: body._scroll_id, body.id
 * const bindings: ContinuationBindings = {
 *   checkScrollId: (id) => issued.has(`${tokenId}:scroll:${id}`),
 * };
 * ```
 */
export interface ContinuationBindings {
  /** Scroll: `scroll` on a search (opening) and `/_search/scroll` (continuing). */
  readonly checkScrollId?: (scrollId: string) => boolean;
  /** Point in time: a body `pit.id`. The host opens PITs itself, on the token's indices. */
  readonly checkPitId?: (pitId: string) => boolean;
  /** Async search: `/_async_search` submit (opening) and `GET /_async_search/<id>` (continuing). */
  readonly checkAsyncSearchId?: (id: string) => boolean;
}

/**
 * Options of `guardSearchRequest`.
 *
 * @example
 * ```ts
 * const options: GuardOptions = { indices: ['logs-*'], fields, bindings: { checkScrollId } };
 * ```
 */
export interface GuardOptions {
  /**
   * Index names or `*` patterns the token may read (`logs-*`, `audit-2024`).
   * A requested index must be a name or pattern they cover; a path without an
   * index is scoped to them. Without this option, only concrete index names
   * not starting with `.` are accepted, and a request must name one.
   */
  readonly indices?: readonly string[];
  /** Field types, as for `toElasticsearchQuery`; used to build the token's filter. */
  readonly fields?: FieldTypes;
  /** Overrides of `DEFAULT_GUARD_LIMITS`. */
  readonly limits?: Partial<GuardLimits>;
  /** Continuation hooks; without them scroll, PIT and async search are refused. */
  readonly bindings?: ContinuationBindings;
}

/**
 * Which endpoint a guarded request goes to: `search` (`_search`), `count`
 * (`_count`), `msearch` (`_msearch`), `scroll` (`_search/scroll`),
 * `async-search-submit` (`<indices>/_async_search`), `async-search-get`
 * (`_async_search/<id>`).
 *
 * @example
 * ```ts
 * const contentType = guarded.endpoint === 'msearch' ? 'application/x-ndjson' : 'application/json';
 * ```
 */
export type GuardedEndpoint = 'search' | 'count' | 'msearch' | 'scroll' | 'async-search-submit' | 'async-search-get';

/**
 * A request that is safe to forward: a new object, never the input.
 * Serialize `body` with `JSON.stringify` (it is already NDJSON text for
 * `_msearch`: send it as `application/x-ndjson`).
 *
 * @example
 * ```ts
 * // { method: 'POST', path: '/logs-2024.05/_search', params: { expand_wildcards: 'open' },
 * //   body: { query: { bool: { filter: [TOKEN], must: [{ match_all: {} }] } } } }
 * ```
 */
export interface GuardedSearchRequest {
  /** `GET` without a body, `POST` with one. */
  readonly method: 'GET' | 'POST';
  /** The percent-encoded path, with the index expression the guard checked. */
  readonly path: string;
  /** URL parameters, as strings, including the pinned `expand_wildcards=open`. */
  readonly params: Readonly<Record<string, string>>;
  /** The body: a JSON object, NDJSON text for `_msearch`, or `undefined`. */
  readonly body: Readonly<Record<string, unknown>> | string | undefined;
  /** The endpoint the path names. */
  readonly endpoint: GuardedEndpoint;
  /** The index expressions the request reads (path and `_msearch` headers), checked against `options.indices`. */
  readonly indices: readonly string[];
}
