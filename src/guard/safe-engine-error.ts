/**
 * Engine responses made safe to show a link's recipient: an engine's error
 * text can quote document values (`number_format_exception: For input
 * string: "othertenant-key-123"`), from the token's index or from any index
 * a lookup reached. Only the status and the error type survive.
 *
 * @packageDocumentation
 */

/**
 * An engine error reduced to what is safe to show: its HTTP status and its
 * error type.
 *
 * @example
 * ```ts
 * // { status: 400, type: 'search_phase_execution_exception' }
 * ```
 */
export interface SafeEngineError {
  /** The engine's HTTP status (400–599), or 502 when it gave none that makes sense. */
  readonly status: number;
  /** The engine's error type (`search_phase_execution_exception`, ...), or `engine_error`. */
  readonly type: string;
}

// Engine error types are snake_case identifiers; anything else could carry text.
const ERROR_TYPE = /^[a-z][a-z0-9_]{0,79}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorType(error: unknown): string {
  const type = isObject(error) ? error['type'] : undefined;
  return typeof type === 'string' && ERROR_TYPE.test(type) ? type : 'engine_error';
}

/**
 * Turns an engine error response into a safe one: status and error type
 * only, never the reason, the root causes or the caused-by chain.
 *
 * @param status - The HTTP status the engine answered.
 * @param body - The parsed response body (`{ error: { type, reason, ... }, status }`), or anything.
 * @returns The status (400–599, else 502) and the error type (`engine_error` when absent or odd).
 *
 * @example
 * ```ts
 * import { toSafeEngineError } from 'shared-tokens';
 *
 * const response = await fetch(`${engine}/logs/_search`, { method: 'POST', body, headers });
 * if (!response.ok) {
 *   const { status, type } = toSafeEngineError(response.status, await response.json().catch(() => undefined));
 *   return Response.json({ error: { type } }, { status: 502, headers: { 'x-engine-status': String(status) } });
 * }
 * ```
 */
export function toSafeEngineError(status: unknown, body: unknown): SafeEngineError {
  const safeStatus = typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599 ? status : 502;
  return { status: safeStatus, type: errorType(isObject(body) ? body['error'] : undefined) };
}

/**
 * Removes engine error text from a successful response: `_shards.failures`
 * keep their shard, index and error type; `_msearch` items that failed keep
 * their status and error type. Hits and aggregations are not touched. Returns
 * a new object; the input is not changed.
 *
 * @param body - A parsed `_search`, `_count`, `_msearch`, scroll or async-search response.
 * @returns The same response without any error reason.
 *
 * @example
 * ```ts
 * // { _shards: { failed: 1, failures: [{ shard: 0, index: 'logs', reason: { type: 'query_shard_exception' } }] }, hits: ... }
 * const safe = sanitizeEngineResponse(await response.json());
 * ```
 */
export function sanitizeEngineResponse(body: unknown): unknown {
  if (!isObject(body)) return body;
  const out: Record<string, unknown> = { ...body };
  if (isObject(body['_shards'])) out['_shards'] = sanitizeShards(body['_shards']);
  if (isObject(body['_clusters'])) out['_clusters'] = sanitizeClusters(body['_clusters']);
  // Async search wraps the search response in `response`.
  if (isObject(body['response'])) out['response'] = sanitizeEngineResponse(body['response']);
  if ('error' in body) out['error'] = { type: errorType(body['error']) };
  if (Array.isArray(body['responses'])) out['responses'] = body['responses'].map((item) => sanitizeEngineResponse(item));
  return out;
}

// Cross-cluster searches report each cluster's shard failures under `_clusters.details.<alias>.failures`.
function sanitizeClusters(clusters: Record<string, unknown>): Record<string, unknown> {
  const details = clusters['details'];
  if (!isObject(details)) return clusters;
  const safe: Record<string, unknown> = {};
  for (const [alias, detail] of Object.entries(details)) {
    Object.defineProperty(safe, alias, { value: isObject(detail) ? sanitizeShards(detail) : detail, enumerable: true, writable: true, configurable: true });
  }
  return { ...clusters, details: safe };
}

function sanitizeShards(shards: Record<string, unknown>): Record<string, unknown> {
  const failures = shards['failures'];
  if (!Array.isArray(failures)) return shards;
  return {
    ...shards,
    failures: failures.map((failure: unknown) => {
      if (!isObject(failure)) return { reason: { type: 'engine_error' } };
      const safe: Record<string, unknown> = { reason: { type: errorType(failure['reason']) } };
      if (typeof failure['shard'] === 'number') safe['shard'] = failure['shard'];
      if (typeof failure['index'] === 'string') safe['index'] = failure['index'];
      return safe;
    }),
  };
}
