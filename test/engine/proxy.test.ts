/**
 * `shared-tokens/proxy` in front of a real node: a dashboard's ordinary
 * requests pass and return only the token's documents; a hostile request is
 * refused; pausing a token or changing its filters takes effect at the next
 * request; an engine error that quotes a value comes back without it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInMemoryRepository, createSharedTokens, type Actor, type SharedTokens, type SharedToken } from '../../src/index.js';
import { createSearchProxy, type SearchProxyHandler } from '../../src/proxy/index.js';
import { engineUrl } from './engine.js';
import { bearerRequest, createIndex, engine } from './plain-rest.js';

const admin: Actor = { accountId: 'acme', userId: 'alice', role: 'admin' };
const index = 'proxy-logs-1';
const otherTenant = 'proxy-tenant-b';
const HIDDEN = 'hidden-marker-7f3a';
const TENANT = 'tenant-b-marker-91c2';

let tokens: SharedTokens;
let proxy: SearchProxyHandler;
let token: SharedToken;
let secret: string;

function request(path: string, body?: unknown, method = 'POST'): Request {
  return bearerRequest(secret, path, body, method);
}

beforeAll(async () => {
  await createIndex(
    index,
    { service: { properties: { name: { type: 'keyword' } } }, env: { type: 'keyword' }, message: { type: 'text' }, bytes: { type: 'long' }, '@timestamp': { type: 'date' } },
    [
      { service: { name: 'checkout' }, env: 'prod', message: 'paid order 1', bytes: 10, '@timestamp': '2026-03-01T10:00:00Z' },
      { service: { name: 'checkout' }, env: 'test', message: 'paid order 2', bytes: 20, '@timestamp': '2026-03-01T11:00:00Z' },
      { service: { name: 'checkout' }, env: 'prod', message: 'refund order 3', bytes: 30, '@timestamp': '2026-03-02T10:00:00Z' },
      { service: { name: 'payments' }, env: 'prod', message: `card ${HIDDEN}`, bytes: 40, '@timestamp': '2026-03-01T12:00:00Z' },
      { service: { name: 'payments' }, env: 'prod', message: `card ${HIDDEN} again`, bytes: 50, '@timestamp': '2026-03-03T12:00:00Z' },
    ],
  );
  await createIndex(otherTenant, { code: { type: 'keyword' }, apikey: { type: 'keyword' } }, [{ code: 'x', apikey: TENANT }]);

  tokens = createSharedTokens({ repository: createInMemoryRepository() });
  const checkout = await tokens.createFilter(admin, { field: 'service.name', value: 'checkout' });
  ({ token, secret } = await tokens.createToken(admin, { name: 'checkout board', filterIds: [checkout.id] }));
  proxy = createSearchProxy({
    tokens,
    indices: ['proxy-logs-*'],
    mapping: async () => (await engine('/proxy-logs-*/_mapping')).body,
    forward: (guarded) => {
      const query = new URLSearchParams(guarded.params).toString();
      return fetch(`${engineUrl()}${guarded.path}${query === '' ? '' : `?${query}`}`, {
        method: guarded.method,
        headers: { 'content-type': guarded.endpoint === 'msearch' ? 'application/x-ndjson' : 'application/json' },
        ...(guarded.body === undefined ? {} : { body: typeof guarded.body === 'string' ? guarded.body : JSON.stringify(guarded.body) }),
      });
    },
  });
});

afterAll(async () => {
  await engine(`/${index}`, { method: 'DELETE' });
  await engine(`/${otherTenant}`, { method: 'DELETE' });
});

describe('the search proxy on a real node', () => {
  it('answers a dashboard search with aggregations from the token documents only', async () => {
    const response = await proxy(
      request(`/${index}/_search?rest_total_hits_as_int=true&ignore_unavailable=true`, {
        size: 50,
        track_total_hits: true,
        query: { bool: { filter: [{ range: { '@timestamp': { gte: '2026-03-01T00:00:00Z', lte: '2026-03-04T00:00:00Z' } } }] } },
        aggs: { by_service: { terms: { field: 'service.name' } }, per_day: { date_histogram: { field: '@timestamp', calendar_interval: '1d', extended_bounds: { min: '2026-03-01T00:00:00Z', max: '2026-03-04T00:00:00Z' } }, aggs: { bytes: { sum: { field: 'bytes' } } } } },
      }),
    );
    const text = await response.text();
    expect(response.status, text).toBe(200);
    expect(text).not.toContain(HIDDEN);
    const body = JSON.parse(text) as { hits: { total: number; hits: Array<{ _source: { service: { name: string } } }> }; aggregations: { by_service: { buckets: Array<{ key: string; doc_count: number }> } } };
    expect(body.hits.total).toBe(3);
    expect(body.hits.hits.every((hit) => hit._source.service.name === 'checkout')).toBe(true);
    expect(body.aggregations.by_service.buckets).toEqual([{ key: 'checkout', doc_count: 3 }]);
  });

  it('answers _msearch and _count under the token', async () => {
    const ndjson = `{"index":"${index}"}\n{"query":{"match":{"message":"card"}}}\n{"index":"${index}"}\n{"query":{"match_all":{}},"size":0}\n`;
    const response = await proxy(request('/_msearch', ndjson));
    const text = await response.text();
    expect(response.status, text).toBe(200);
    expect(text).not.toContain(HIDDEN);
    const body = JSON.parse(text) as { responses: Array<{ hits: { total: { value: number } } }> };
    expect(body.responses.map((r) => r.hits.total.value)).toEqual([0, 3]);
    const count = await proxy(request(`/${index}/_count`, { query: { match_all: {} } }));
    expect(((await count.json()) as { count: number }).count).toBe(3);
  });

  it('refuses a terms lookup into another tenant index, and an index outside the token', async () => {
    const lookup = await proxy(request(`/${index}/_search`, { query: { terms: { 'service.name': { index: otherTenant, id: `${otherTenant}-0`, path: 'apikey' } } } }));
    expect(lookup.status).toBe(400);
    expect(await lookup.text()).not.toContain(TENANT);
    const direct = await proxy(request(`/${otherTenant}/_search`, { query: { match_all: {} } }));
    expect(direct.status).toBe(400);
  });

  it('applies a pause and a filter change at the next request', async () => {
    const search = (): Request => request(`/${index}/_search?rest_total_hits_as_int=true`, { query: { match_all: {} } });
    expect(((await (await proxy(search())).json()) as { hits: { total: number } }).hits.total).toBe(3);
    await tokens.pauseToken(admin, token.id);
    expect((await proxy(search())).status).toBe(403);
    await tokens.resumeToken(admin, token.id);
    const prod = await tokens.createFilter(admin, { field: 'env', value: 'prod' });
    await tokens.attachFilters(admin, token.id, { filterIds: [prod.id] });
    expect(((await (await proxy(search())).json()) as { hits: { total: number } }).hits.total).toBe(2);
    await tokens.detachFilters(admin, token.id, { filterIds: [prod.id] });
  });

  it('returns an engine error without the value the engine quoted', async () => {
    const value = 'not-a-number-5d1e';
    const direct = await engine(`/${index}/_search`, { method: 'POST', body: JSON.stringify({ query: { term: { bytes: value } } }) });
    // The node itself quotes the value: the proxy must not.
    expect(JSON.stringify(direct.body)).toContain(value);
    const response = await proxy(request(`/${index}/_search`, { query: { term: { bytes: value } } }));
    const text = await response.text();
    expect(response.status).toBe(502);
    expect(text).not.toContain(value);
    expect(JSON.parse(text)).toMatchObject({ error: { engine_status: 400 } });
  });
});
