/**
 * Endpoint allowlist: the path names one of a handful of read endpoints, or
 * the request is refused.
 *
 * @packageDocumentation
 */
import type { GuardedEndpoint } from './types.js';
import { refuse } from './refusal.js';

/** A parsed path. */
export interface ParsedPath {
  readonly endpoint: GuardedEndpoint;
  /** The decoded index expression, when the path names one. */
  readonly indexExpression: string | undefined;
  /** A continuation id in the path (`/_async_search/<id>`, legacy `/_search/scroll/<id>`). */
  readonly id: string | undefined;
}

const TEMPLATES = new Set(['_search/template', '_msearch/template', '_render/template']);

function decode(segment: string, path: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return refuse('path-invalid', 'The path has an invalid percent-encoding.', { path });
  }
}

/**
 * Parses a request path into the endpoint, its index expression and id.
 *
 * @example
 * ```ts
 * parsePath('/logs-2024/_search'); // → { endpoint: 'search', indexExpression: 'logs-2024', id: undefined }
 * ```
 */
export function parsePath(path: string): ParsedPath {
  if (!path.startsWith('/')) refuse('path-invalid', 'The path must start with "/".', { path });
  if (/[?#]/.test(path)) refuse('path-invalid', 'The path must not carry a query string or fragment; pass params separately.', { path });
  // One trailing slash is what some clients send (`/logs/_search/`); the engines' router ignores it.
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(1, -1) : path.slice(1);
  const segments = trimmed.split('/').map((s) => decode(s, path));
  if (segments.some((s) => s.length === 0)) refuse('path-invalid', 'The path has an empty segment.', { path });
  const joined = segments.join('/');
  for (const template of TEMPLATES) {
    if (joined === template || joined.endsWith(`/${template}`)) refuse('template', 'Search templates are rendered by the engine, after the guard.', { path });
  }
  const [first] = segments;
  const index = first !== undefined && (!first.startsWith('_') || first === '_all') ? first : undefined;
  const rest = index === undefined ? segments : segments.slice(1);
  const [a, b, c] = rest;
  if (rest.length === 1 && a === '_search') return { endpoint: 'search', indexExpression: index, id: undefined };
  if (rest.length === 1 && a === '_count') return { endpoint: 'count', indexExpression: index, id: undefined };
  if (rest.length === 1 && a === '_msearch') return { endpoint: 'msearch', indexExpression: index, id: undefined };
  if (rest.length === 1 && a === '_async_search') return { endpoint: 'async-search-submit', indexExpression: index, id: undefined };
  if (index === undefined && a === '_search' && b === 'scroll' && rest.length <= 3) return { endpoint: 'scroll', indexExpression: undefined, id: c };
  if (index === undefined && a === '_async_search' && rest.length === 2 && b !== undefined && b !== 'status') {
    return { endpoint: 'async-search-get', indexExpression: undefined, id: b };
  }
  return refuse('endpoint-not-allowed', 'Only _search, _count, _msearch, scroll and async search are allowed.', { path });
}
