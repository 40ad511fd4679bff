/**
 * The search proxy under attack, on a real node: what the engine really
 * answers to a `format=yaml` search with a failing shard, and what an open
 * scroll keeps serving after the token's filters narrow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInMemoryRepository, createSharedTokens, type Actor, type SharedTokens, type SharedToken } from '../../src/index.js';
import { createSearchProxy, type ForwardedResponse, type SearchProxyHandler } from '../../src/proxy/index.js';
import type { GuardedSearchRequest } from '../../src/guard/types.js';
import { engineUrl } from './engine.js';
import { bearerRequest, createIndex, engine } from './plain-rest.js';

const admin: Actor = { accountId: 'acme', userId: 'alice', role: 'admin' };
const numeric = 'proxy-attack-a';
const textual = 'proxy-attack-b';
const QUOTED = 'quoted-by-engine-4b7e';

/** A forward that answers as the official clients do: a JSON body parsed, any other body as text. */
async function clientLikeForward(guarded: GuardedSearchRequest): Promise<ForwardedResponse> {
  const query = new URLSearchParams(guarded.params).toString();
  const response = await fetch(`${engineUrl()}${guarded.path}${query === '' ? '' : `?${query}`}`, {
    method: guarded.method,
    headers: { 'content-type': guarded.endpoint === 'msearch' ? 'application/x-ndjson' : 'application/json' },
    ...(guarded.body === undefined ? {} : { body: typeof guarded.body === 'string' ? guarded.body : JSON.stringify(guarded.body) }),
  });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').includes('json');
  return { status: response.status, body: json && text !== '' ? JSON.parse(text) : text };
}

let tokens: SharedTokens;
let proxy: SearchProxyHandler;
let token: SharedToken;
let secret: string;

function request(path: string, body?: unknown, method = 'POST'): Request {
  return bearerRequest(secret, path, body, method);
}

beforeAll(async () => {
  const docs = (bytes: (i: number) => unknown) =>
    [0, 1, 2, 3].map((i) => ({ service: { name: 'checkout' }, env: i === 0 ? 'test' : 'prod', seq: i, bytes: bytes(i) }));
  await createIndex(numeric, { service: { properties: { name: { type: 'keyword' } } }, env: { type: 'keyword' }, seq: { type: 'long' }, bytes: { type: 'long' } }, docs((i) => i));
  await createIndex(textual, { service: { properties: { name: { type: 'keyword' } } }, env: { type: 'keyword' }, seq: { type: 'long' }, bytes: { type: 'keyword' } }, docs((i) => `b${i}`));
  tokens = createSharedTokens({ repository: createInMemoryRepository() });
  const checkout = await tokens.createFilter(admin, { field: 'service.name', value: 'checkout' });
  ({ token, secret } = await tokens.createToken(admin, { name: 'checkout board', filterIds: [checkout.id] }));
  proxy = createSearchProxy({ tokens, indices: ['proxy-attack-*'], fields: { 'service.name': { type: 'keyword' }, env: { type: 'keyword' } }, forward: clientLikeForward });
});

afterAll(async () => {
  await engine(`/${numeric}`, { method: 'DELETE' });
  await engine(`/${textual}`, { method: 'DELETE' });
});

describe('proxy attack on the engine (failing tests are findings)', () => {
  it('a format=yaml search with a failing shard does not relay the shard failure text', async () => {
    const body = { query: { term: { bytes: QUOTED } } };
    // On the JSON answer the proxy removes the reason: the node fails the long index's shard quoting the value.
    const asJson = await proxy(request(`/proxy-attack-*/_search`, body));
    const jsonText = await asJson.text();
    expect(asJson.status, jsonText).toBe(200);
    expect(jsonText).toContain('"failed":1');
    expect(jsonText).not.toContain(QUOTED);
    // The same search with format=yaml: the node answers YAML (AbstractRestChannel reads `format`).
    const asYaml = await proxy(request(`/proxy-attack-*/_search?format=yaml`, body));
    const yamlText = await asYaml.text();
    expect(yamlText).not.toContain(QUOTED);
  });

  it('an open scroll stops paging once the token narrows', async () => {
    const opened = await proxy(request(`/${numeric}/_search?scroll=1m`, { size: 1, sort: [{ seq: 'asc' }], query: { match_all: {} } }));
    const first = (await opened.json()) as { _scroll_id: string; hits: { hits: Array<{ _source: { env: string } }> } };
    expect(opened.status).toBe(200);
    expect(first.hits.hits[0]?._source.env).toBe('test');
    // Narrow the token to env=test: from now on it sees only the first document.
    const onlyTest = await tokens.createFilter(admin, { field: 'env', value: 'test' });
    await tokens.attachFilters(admin, token.id, { filterIds: [onlyTest.id] });
    const narrowed = await proxy(request(`/${numeric}/_search`, { query: { match_all: {} } }));
    expect(((await narrowed.json()) as { hits: { hits: unknown[] } }).hits.hits).toHaveLength(1);
    const next = await proxy(request('/_search/scroll', { scroll_id: first._scroll_id, scroll: '1m' }));
    const text = await next.text();
    // Today the node pages on with the filter the scroll was opened with: env=prod documents come back.
    expect(text).not.toContain('"prod"');
    expect(next.status).toBe(400);
    await tokens.detachFilters(admin, token.id, { filterIds: [onlyTest.id] });
  });
});
