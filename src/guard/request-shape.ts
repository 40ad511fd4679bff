/**
 * Reads the outer request object: `{ method, path, params, body }`, or a
 * bare `_search` body. Only own data properties are read, once.
 *
 * @packageDocumentation
 */
import { refuse } from './refusal.js';

/** The outer request, with its parts still unchecked. */
export interface RequestParts {
  readonly method: unknown;
  readonly path: unknown;
  readonly params: unknown;
  readonly body: unknown;
  /** True when the input was a bare body (no request keys). */
  readonly bare: boolean;
}

const REQUEST_KEYS = ['method', 'path', 'params', 'body'];
// What a guarded request adds; ignored on input so that a guarded request can be guarded again.
const INFORMATIONAL_KEYS = ['endpoint', 'indices'];

/**
 * Splits the input into request parts. An object with any of the keys
 * `method`, `path`, `params`, `body` is a request and may have no other key
 * (none of them is a search body key) except the informational `endpoint`
 * and `indices` of a guarded request, which are ignored; any other object is
 * a bare body for `POST /_search`.
 */
export function readRequestParts(request: unknown): RequestParts {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return refuse('request-malformed', 'A request must be an object: { method, path, params, body } or a search body.', { part: 'request' });
  }
  const keys = Object.keys(request);
  if (!keys.some((key) => REQUEST_KEYS.includes(key))) {
    return { method: 'POST', path: '/_search', params: undefined, body: request, bare: true };
  }
  const parts: Record<string, unknown> = {};
  for (const key of keys) {
    if (INFORMATIONAL_KEYS.includes(key)) continue;
    if (!REQUEST_KEYS.includes(key)) refuse('request-malformed', `A request has the unknown key "${key}".`, { part: 'request' });
    const descriptor = Object.getOwnPropertyDescriptor(request, key);
    if (descriptor === undefined || !('value' in descriptor)) refuse('request-malformed', `The request key "${key}" is not a data property.`, { part: 'request' });
    parts[key] = descriptor.value;
  }
  return { method: parts['method'], path: parts['path'], params: parts['params'], body: parts['body'], bare: false };
}
