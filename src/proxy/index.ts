/**
 * `shared-tokens/proxy`: the search proxy in front of Elasticsearch or
 * OpenSearch. It resolves a link's secret, guards the request under the
 * token's current access, forwards it with the service's credentials and
 * answers with the engine's response or a safe error.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createSearchProxy, toNodeListener } from 'shared-tokens/proxy';
 *
 * const handle = createSearchProxy({ tokens, forward, indices: ['logs-*'], mapping: loadMapping });
 * createServer(toNodeListener(handle)).listen(8080, '127.0.0.1');
 * ```
 *
 * @packageDocumentation
 */
export { createSearchProxy } from './create-search-proxy.js';
export type { ForwardedResponse, SearchForwarder, SearchProxyHandler, SearchProxyOptions } from './create-search-proxy.js';
export { toNodeListener } from './node-listener.js';
export type { NodeRequestLike, NodeResponseLike } from './node-listener.js';
