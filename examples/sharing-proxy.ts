/**
 * A runnable sharing proxy: `node:http` in front of Elasticsearch or
 * OpenSearch, with the in-memory repository.
 *
 *   ENGINE_URL=http://127.0.0.1:9200 ENGINE_AUTH="ApiKey ..." npx tsx examples/sharing-proxy.ts
 *
 * On start it creates a filter and a token and prints the token's secret
 * once; then every request to http://127.0.0.1:8080/<index>/_search (or
 * _count, _msearch) with `Authorization: Bearer <secret>` runs under the
 * token: resolved, guarded, forwarded with the service's credentials.
 *
 *   curl -s -H "Authorization: Bearer $SECRET" -H 'content-type: application/json' \
 *        -d '{"query":{"match_all":{}}}' http://127.0.0.1:8080/logs-2026/_search
 *
 * Environment: ENGINE_URL (default http://127.0.0.1:9200), ENGINE_AUTH (an
 * Authorization header value for the service account, optional), INDICES
 * (default logs-*), FILTER (field=value, default service.name=checkout),
 * PORT (default 8080).
 */
import { createServer } from 'node:http';
import { createInMemoryRepository, createSharedTokens, type Actor } from '../src/index.js';
import { createSearchProxy, toNodeListener } from '../src/proxy/index.js';

const engineUrl = (process.env['ENGINE_URL'] ?? 'http://127.0.0.1:9200').replace(/\/+$/, '');
const engineAuth = process.env['ENGINE_AUTH'];
const indices = (process.env['INDICES'] ?? 'logs-*').split(',');
const [field = 'service.name', value = 'checkout'] = (process.env['FILTER'] ?? 'service.name=checkout').split(/=(.*)/s);
const port = Number(process.env['PORT'] ?? 8080);

const serviceHeaders = (contentType?: string): Record<string, string> => ({
  ...(engineAuth === undefined ? {} : { authorization: engineAuth }),
  ...(contentType === undefined ? {} : { 'content-type': contentType }),
});

const admin: Actor = { accountId: 'demo', userId: 'admin', role: 'admin' };
const tokens = createSharedTokens({ repository: createInMemoryRepository() });
const filter = await tokens.createFilter(admin, { field, value });
const { secret } = await tokens.createToken(admin, { name: 'Shared dashboard', filterIds: [filter.id] });

const handle = createSearchProxy({
  tokens,
  indices,
  // Field types from the live mapping, reloaded every minute.
  mapping: async () => {
    const response = await fetch(`${engineUrl}/${indices.join(',')}/_mapping`, { headers: serviceHeaders() });
    if (!response.ok) throw new Error(`mapping: HTTP ${response.status}`);
    return response.json();
  },
  forward: (request) => {
    const query = new URLSearchParams(request.params).toString();
    return fetch(`${engineUrl}${request.path}${query === '' ? '' : `?${query}`}`, {
      method: request.method,
      headers: serviceHeaders(request.endpoint === 'msearch' ? 'application/x-ndjson' : 'application/json'),
      ...(request.body === undefined ? {} : { body: typeof request.body === 'string' ? request.body : JSON.stringify(request.body) }),
    });
  },
});

const server = createServer(toNodeListener(handle, `http://127.0.0.1:${port}`));
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`Sharing proxy on http://127.0.0.1:${port} -> ${engineUrl} (indices ${indices.join(', ')})\n`);
  process.stdout.write(`Token "Shared dashboard" sees ${field}: ${JSON.stringify(value)}. Its secret, shown once:\n${secret}\n`);
});
