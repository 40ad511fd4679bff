/**
 * The search proxy under attack: a link's recipient controls the whole HTTP
 * request, and an engine answer may carry text from documents the token
 * cannot see. Each test states what the proxy must do; the forward records
 * what would have reached the engine.
 */
import { describe, expect, it } from 'vitest';
import { PROXY_FIELDS, admin, setup } from './support.js';
import { SharedTokenError } from '../../src/index.js';
import { createSearchProxy, toNodeListener, type NodeRequestLike } from '../../src/proxy/index.js';
import type { GuardedSearchRequest } from '../../src/guard/types.js';

const LEAK = 'hidden-tenant-value-7781';

function request(path: string, init: { method?: string; secret?: string; body?: unknown; headers?: Record<string, string> } = {}): Request {
  const method = init.method ?? 'POST';
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(init.secret === undefined ? {} : { authorization: `Bearer ${init.secret}` }), ...init.headers };
  const body = init.body === undefined ? (method === 'GET' || method === 'HEAD' ? undefined : '{"query":{"match_all":{}}}') : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
  return new Request(`http://proxy.test${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
}

async function errorType(response: Response): Promise<string> {
  return ((await response.json()) as { error: { type: string } }).error.type;
}

/** A `node:http` request as the listener reads it. */
function nodeRequest(method: string, url: string, headers: Record<string, string>, chunks: string[] = []): NodeRequestLike {
  return {
    method,
    url,
    headers,
    async *[Symbol.asyncIterator]() {
      for (const chunk of chunks) yield new TextEncoder().encode(chunk);
    },
  };
}

function nodeResponse() {
  const written: { status?: number; headers?: Record<string, string>; body?: string } = {};
  return {
    written,
    writeHead(status: number, headers: Record<string, string>) {
      written.status = status;
      written.headers = headers;
    },
    end(body?: Uint8Array | string) {
      written.body = body === undefined ? '' : typeof body === 'string' ? body : new TextDecoder().decode(body);
    },
  };
}

describe('proxy attack: findings (each fails until fixed)', () => {
  it('a TRACE request through the node listener is answered, not a rejected promise that kills the server', async () => {
    // `new Request` throws for TRACE/TRACK/CONNECT; node:http delivers TRACE to the listener,
    // and an unhandled rejection from a request listener ends a Node 20 process.
    const { secret, forwarded, handle } = await setup();
    const listener = toNodeListener(handle);
    const out = nodeResponse();
    await expect(listener(nodeRequest('TRACE', '/logs-2026/_search', { authorization: `Bearer ${secret}` }), out)).resolves.toBeUndefined();
    expect(out.written.status).toBeGreaterThanOrEqual(400);
    expect(out.written.status).toBeLessThan(500);
    expect(forwarded).toHaveLength(0);
  });

  it('a request-target the URL parser rejects is answered 4xx through the node listener, not a crash', async () => {
    // node:http accepts `GET //[/_search` and `GET http://[/_search`; `new URL` throws on both.
    const { forwarded, handle } = await setup();
    const listener = toNodeListener(handle);
    for (const url of ['//[/_search', 'http://[/_search']) {
      const out = nodeResponse();
      await expect(listener(nodeRequest('GET', url, {}), out)).resolves.toBeUndefined();
      expect(out.written.status).toBeGreaterThanOrEqual(400);
      expect(out.written.status).toBeLessThan(500);
    }
    expect(forwarded).toHaveLength(0);
  });

  it('an open scroll stops serving the token once its filters change', async () => {
    const { tokens, token, secret, forwarded, handle } = await setup(() => ({ status: 200, body: { _scroll_id: 'scroll-1', hits: { hits: [] } } }));
    expect((await handle(request('/logs-2026/_search?scroll=1m', { secret }))).status).toBe(200);
    // The engine's scroll context keeps the filter it was opened with: narrowing the
    // token must not leave a way to page on through what it no longer grants.
    const tighter = await tokens.createFilter(admin, { field: 'env', value: 'prod' });
    await tokens.attachFilters(admin, token.id, { filterIds: [tighter.id] });
    const next = await handle(request('/_search/scroll', { secret, body: { scroll_id: 'scroll-1', scroll: '1m' } }));
    expect(next.status).toBe(400);
    expect(forwarded).toHaveLength(1);
  });

  it('an async search opened under the old filters is not readable after they change', async () => {
    const { tokens, token, secret, forwarded, handle } = await setup(() => ({ status: 200, body: { id: 'async-1', is_running: true } }));
    expect((await handle(request('/logs-2026/_async_search', { secret }))).status).toBe(200);
    const tighter = await tokens.createFilter(admin, { field: 'env', value: 'prod' });
    await tokens.attachFilters(admin, token.id, { filterIds: [tighter.id] });
    const read = await handle(request('/_async_search/async-1', { method: 'GET', secret }));
    expect(read.status).toBe(400);
    expect(forwarded).toHaveLength(1);
  });

  it('an engine 200 answer that is text (format=yaml) does not pass through unsanitised', async () => {
    // `format` is a REST parameter of every endpoint (AbstractRestChannel.newBuilder reads it);
    // the official clients hand back a non-JSON body as a string.
    const yaml = `---\n_shards:\n  failed: 1\n  failures:\n  - reason:\n      type: "query_shard_exception"\n      reason: "failed to create query: For input string: \\"${LEAK}\\""\nhits:\n  hits: []\n`;
    const { secret, handle } = await setup((guarded) => ({ status: 200, body: guarded.params['format'] === 'yaml' ? yaml : { hits: { hits: [] } } }));
    const response = await handle(request('/logs-2026/_search?format=yaml', { secret }));
    expect(await response.text()).not.toContain(LEAK);
  });

  it('a mapping loader that throws synchronously once does not fail every later request', async () => {
    let calls = 0;
    const { secret, handle } = await setup(undefined, {
      // Not an async function: a client that throws before returning its promise.
      mapping: () => {
        calls++;
        if (calls === 1) throw new Error('client not ready');
        return Promise.resolve({ 'logs-2026': { mappings: { properties: { service: { properties: { name: { type: 'keyword' } } } } } } });
      },
    });
    expect((await handle(request('/logs-2026/_search', { secret }))).status).toBe(502);
    const second = await handle(request('/logs-2026/_search', { secret }));
    expect(second.status).toBe(200);
    expect(calls).toBe(2);
  });

  it('cross-cluster failure details of a 200 answer lose their text', async () => {
    const { secret, handle } = await setup(() => ({
      status: 200,
      body: {
        _shards: { total: 1, successful: 1, failed: 0 },
        _clusters: {
          total: 2,
          successful: 1,
          skipped: 1,
          details: { remote: { status: 'skipped', failures: [{ shard: -1, index: null, reason: { type: 'query_shard_exception', reason: `For input string: "${LEAK}"` } }] } },
        },
        hits: { hits: [] },
      },
    }));
    const response = await handle(request('/logs-2026/_search', { secret }));
    expect(await response.text()).not.toContain(LEAK);
  });

  it('a forward status that is not an HTTP status is an engine failure, not a success', async () => {
    const { secret, handle } = await setup(() => ({ status: Number.NaN, body: { hits: { hits: [{ _id: 'x' }] } } }));
    const response = await handle(request('/logs-2026/_search', { secret }));
    expect(response.status).toBe(502);
  });

  it('a 3xx answer from forward is not relayed as a 200', async () => {
    const { secret, handle } = await setup(() => new Response(JSON.stringify({ note: LEAK }), { status: 302, headers: { location: 'http://engine.internal:9200/' } }));
    const response = await handle(request('/logs-2026/_search', { secret }));
    expect(response.status).toBe(502);
    expect(await response.text()).not.toContain(LEAK);
  });

  it('the message of a token error is the library text, not whatever the resolver said', async () => {
    const secret = 'shtk_' + 'Z'.repeat(49);
    const handle = createSearchProxy({
      // A host wrapper around resolve (a cache, a metrics layer) that puts the secret in its message.
      tokens: { resolve: async (s) => { throw new SharedTokenError('TOKEN_INVALID', `no token for secret ${s} (hash 9f2c...)`); } },
      forward: async () => ({ status: 200, body: {} }),
      indices: ['logs-*'],
      fields: PROXY_FIELDS,
    });
    const response = await handle(request('/logs-2026/_search', { secret }));
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(text).not.toContain(secret);
    expect(text).not.toContain('hash');
  });

  it('a request-target starting with // is a path, not an authority, through the node listener', async () => {
    // new URL('//other-tenant/_search', origin) makes `other-tenant` the host and `/_search` the path.
    const { secret, forwarded, handle } = await setup();
    const out = nodeResponse();
    await toNodeListener(handle)(nodeRequest('POST', '//other-tenant/_search', { authorization: `Bearer ${secret}` }, ['{"query":{"match_all":{}}}']), out);
    expect(out.written.status).toBe(400);
    expect(forwarded).toHaveLength(0);
  });

  it('a GET with a body through the node listener is not silently run as match_all', async () => {
    // Clients and consoles send GET /_search with a body; dropping it answers another question.
    const { secret, forwarded, handle } = await setup();
    const out = nodeResponse();
    const body = JSON.stringify({ size: 0, query: { term: { 'http.status': 500 } } });
    await toNodeListener(handle)(nodeRequest('GET', '/logs-2026/_search', { authorization: `Bearer ${secret}`, 'content-type': 'application/json', 'content-length': String(body.length) }, [body]), out);
    const ranAsked = forwarded.length === 1 && JSON.stringify(forwarded[0]?.body).includes('http.status');
    const refused = forwarded.length === 0 && out.written.status === 400;
    expect(ranAsked || refused).toBe(true);
  });

  it("one token opening many scrolls does not evict another token's scroll", { timeout: 120_000 }, async () => {
    let n = 0;
    const { tokens, secret, handle } = await setup(() => ({ status: 200, body: { _scroll_id: `scroll-${n++}`, hits: { hits: [] } } }));
    expect((await handle(request('/logs-2026/_search?scroll=1m', { secret }))).status).toBe(200);
    const noisy = await tokens.createToken(admin, { name: 'noisy' });
    for (let i = 0; i < 10_000; i++) await handle(request('/logs-2026/_search?scroll=1m', { secret: noisy.secret }));
    const next = await handle(request('/_search/scroll', { secret, body: { scroll_id: 'scroll-0', scroll: '1m' } }));
    expect(next.status).toBe(200);
  });
});

describe('proxy attack: safe behaviours verified', () => {
  it('refuses a secret given in both the header and the token parameter, before resolving it', async () => {
    let resolved = 0;
    const { tokens, secret } = await setup();
    const forwarded: GuardedSearchRequest[] = [];
    const handle = createSearchProxy({
      tokens: { resolve: (s) => { resolved++; return tokens.resolve(s); } },
      indices: ['logs-*'],
      fields: PROXY_FIELDS,
      forward: async (r) => { forwarded.push(r); return { status: 200, body: {} }; },
    });
    for (const path of [`/logs-2026/_search?token=${secret}`, '/logs-2026/_search?token=']) {
      const response = await handle(request(path, { secret }));
      expect(response.status).toBe(400);
      expect(await errorType(response)).toBe('ambiguous_token');
    }
    expect(resolved).toBe(0);
    expect(forwarded).toHaveLength(0);
  });

  it('takes the secret only from the exact token parameter: Token, TOKEN, token[] are not secrets and are never forwarded', async () => {
    const { secret, forwarded, handle } = await setup();
    for (const name of ['Token', 'TOKEN', 'token[]', 'token%5B%5D', ' token', 'token ', 'tok%65n%00']) {
      const response = await handle(request(`/logs-2026/_search?${name}=${secret}`));
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain(secret);
    }
    // With a valid header, the odd spelling reaches the guard as a parameter and is refused by name only.
    const odd = await handle(request(`/logs-2026/_search?Token=${secret}`, { secret }));
    expect(odd.status).toBe(400);
    expect(await odd.text()).not.toContain(secret);
    expect(forwarded).toHaveLength(0);
  });

  it('refuses a repeated token parameter and a repeated or array-style URL parameter', async () => {
    const { secret, forwarded, handle } = await setup();
    expect((await handle(request(`/logs-2026/_search?token=${secret}&token=${secret}`))).status).toBe(400);
    expect((await handle(request('/logs-2026/_search?size=1&size=10000', { secret }))).status).toBe(400);
    expect((await handle(request('/logs-2026/_search?size[]=1', { secret }))).status).toBe(400);
    expect(forwarded).toHaveLength(0);
  });

  it('reads Authorization strictly: scheme case and extra spaces are fine, anything else is 401', async () => {
    const { secret, forwarded, handle } = await setup();
    for (const value of [`bearer ${secret}`, `BEARER   ${secret}  `, `  Bearer ${secret}`]) {
      expect((await handle(request('/logs-2026/_search', { headers: { authorization: value } }))).status).toBe(200);
    }
    for (const value of [`Bearer\t${secret}`, `Bearer ${secret}, Bearer ${secret}`, `Bearer ${secret} x`, 'Bearer', `Bearer:${secret}`, `Token ${secret}`, `Basic ${btoa(`x:${secret}`)}`, '']) {
      const response = await handle(request('/logs-2026/_search', { headers: { authorization: value } }));
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain(secret);
    }
    expect(forwarded).toHaveLength(3);
  });

  it('answers a very long Authorization header quickly', async () => {
    const { handle } = await setup();
    const started = performance.now();
    const response = await handle(request('/logs-2026/_search', { headers: { authorization: `Bearer ${'a '.repeat(200_000)}x` } }));
    expect(response.status).toBe(401);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('forwards nothing for methods other than GET and POST', async () => {
    const { secret, forwarded, handle } = await setup();
    for (const [method, path] of [
      ['PUT', '/logs-2026/_search'],
      ['DELETE', '/_search/scroll'],
      ['DELETE', '/_async_search/async-1'],
      ['PATCH', '/logs-2026/_search'],
      ['HEAD', '/logs-2026/_search'],
      ['OPTIONS', '/logs-2026/_search'],
      ['PROPFIND', '/logs-2026/_search'],
    ] as const) {
      const response = await handle(request(path, { method, secret, ...(method === 'HEAD' || method === 'OPTIONS' ? { body: undefined } : {}) }));
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
    expect(forwarded).toHaveLength(0);
  });

  it('serves only below the path prefix, after the URL parser resolved dot segments', async () => {
    const { secret, forwarded, handle } = await setup(undefined, { pathPrefix: '/search/' });
    for (const path of ['/search/../logs-2026/_search', '/search/%2e%2e/logs-2026/_search', '/searchx/logs-2026/_search', '/SEARCH/logs-2026/_search', '//search/logs-2026/_search', '/search//logs-2026/_search', '/search%2Flogs-2026/_search', '/logs-2026/_search']) {
      const response = await handle(request(path, { secret }));
      expect(response.status).toBe(400);
    }
    expect(forwarded).toHaveLength(0);
    expect((await handle(request('/search/logs-2026/_search', { secret }))).status).toBe(200);
    expect(forwarded[0]?.path).toBe('/logs-2026/_search');
  });

  it('refuses encoded paths that would name another index or endpoint', async () => {
    const { secret, forwarded, handle } = await setup();
    for (const path of ['/other-tenant/_search', '/logs-2026%2Cother/_search', '/logs-2026,other/_search', '/logs-2026%2F_search', '/logs-2026/_search%2Ftemplate', '/logs-2026/_search/template', '/_all/_search', '/*/_search', '/logs-2026/_doc/1', '/logs-2026/_mapping', '/.security/_search', '/remote:logs-2026/_search', '/%ZZ/_search']) {
      const response = await handle(request(path, { secret }));
      expect(response.status, path).toBe(400);
    }
    expect(forwarded).toHaveLength(0);
    // A trailing slash is what dashboards send: accepted, and forwarded without it.
    expect((await handle(request('/logs-2026/_search/', { secret }))).status).toBe(200);
    expect(forwarded[0]?.path).toBe('/logs-2026/_search');
  });

  it("does not accept another token's scroll or async id in any position, nor a PIT", async () => {
    const { tokens, secret, forwarded, handle } = await setup((r) => ({ status: 200, body: r.endpoint === 'async-search-submit' ? { id: 'async-1' } : { _scroll_id: 'scroll-1', hits: { hits: [] } } }));
    await handle(request('/logs-2026/_search?scroll=1m', { secret }));
    await handle(request('/logs-2026/_async_search', { secret }));
    const other = (await tokens.createToken(admin, { name: 'other' })).secret;
    const attempts: Request[] = [
      request('/_search/scroll', { secret: other, body: { scroll_id: 'scroll-1' } }),
      request('/_search/scroll?scroll_id=scroll-1', { secret: other, body: '' }),
      request('/_search/scroll/scroll-1', { secret: other, body: '' }),
      request('/_search/scroll?scroll_id=scroll-1', { secret, body: { scroll_id: 'scroll-2' } }),
      request('/_async_search/async-1', { method: 'GET', secret: other }),
      request('/_async_search/async-1', { method: 'POST', secret }),
      request('/_search', { secret, body: { pit: { id: 'pit-1', keep_alive: '1m' } } }),
    ];
    for (const attempt of attempts) expect((await handle(attempt)).status).toBe(400);
    expect(forwarded).toHaveLength(2);
  });

  it('stops reading an endless chunked body at the limit', async () => {
    const { secret, forwarded, handle } = await setup(undefined, { limits: { maxBodyBytes: 4096 } });
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1024;
        controller.enqueue(new Uint8Array(1024).fill(0x20));
      },
    });
    const response = await handle(new Request('http://proxy.test/logs-2026/_search', { method: 'POST', headers: { authorization: `Bearer ${secret}` }, body: endless, duplex: 'half' } as RequestInit));
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(4096 + 4 * 1024);
    expect(forwarded).toHaveLength(0);
  });

  it('does not trust a small Content-Length, and refuses bytes that are not UTF-8', async () => {
    const { secret, handle } = await setup(undefined, { limits: { maxBodyBytes: 1024 } });
    const big = await handle(request('/logs-2026/_search', { secret, body: `{"query":{"match_all":{}},"x":"${'a'.repeat(5000)}"}`, headers: { 'content-length': '10' } }));
    expect(big.status).toBe(413);
    const bytes = new Request('http://proxy.test/logs-2026/_search', { method: 'POST', headers: { authorization: `Bearer ${secret}` }, body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) });
    expect((await handle(bytes)).status).toBe(400);
  });

  it('removes error text at every depth of a 200 answer: async response, msearch items, caused_by, root_cause, top-level error', async () => {
    const deep = { type: 'search_phase_execution_exception', reason: LEAK, root_cause: [{ type: 'x', reason: LEAK }], caused_by: { type: 'y', reason: LEAK, caused_by: { type: 'z', reason: LEAK } }, stack_trace: `at ${LEAK}` };
    const failures = [{ shard: 0, index: 'logs-2026', node: LEAK, status: 'BAD_REQUEST', reason: deep }];
    const bodies: unknown[] = [
      { id: 'a', is_partial: true, is_running: false, response: { _shards: { total: 2, failed: 1, failures }, hits: { hits: [] } }, error: deep },
      { responses: [{ error: deep, status: 400 }, { _shards: { failed: 1, failures }, hits: { hits: [] }, status: 200 }, { error: LEAK, status: 500 }] },
      { _shards: { failures: [LEAK, null, { reason: LEAK }] }, hits: { hits: [] } },
      { error: { type: `query_shard_exception: ${LEAK}` } },
    ];
    let next = 0;
    const { secret, handle } = await setup(() => ({ status: 200, body: bodies[next++] }));
    for (let i = 0; i < bodies.length; i++) {
      const response = await handle(request('/logs-2026/_search', { secret }));
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text, `body ${i}`).not.toContain(LEAK);
    }
  });

  it('an engine error keeps only a well-formed type and an HTTP status, for any body shape', async () => {
    const cases: [number, unknown][] = [
      [400, { error: { type: `bad ${LEAK}`, reason: LEAK }, status: 400 }],
      [500, { error: LEAK, status: 500 }],
      [404, LEAK],
      [503, [{ error: { reason: LEAK } }]],
      [429, { error: { type: 'x'.repeat(200), reason: LEAK } }],
    ];
    let next = 0;
    const { secret, handle } = await setup(() => {
      const [status, body] = cases[next++] as [number, unknown];
      return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
    });
    for (let i = 0; i < cases.length; i++) {
      const response = await handle(request('/logs-2026/_search', { secret }));
      expect(response.status).toBe(502);
      const body = (await response.json()) as { error: { type: string; engine_status: number } };
      expect(JSON.stringify(body)).not.toContain(LEAK);
      expect(body.error.type).toBe('engine_error');
      expect(body.error.engine_status).toBe(cases[i]?.[0]);
    }
  });

  it('never compiles the filter schemaless when a mapping is configured but unusable', async () => {
    const loads: unknown[] = [{ error: { type: 'index_not_found_exception', reason: 'no such index [logs-*]' }, status: 404 }, null, 'text', { 'logs-2026': {} }];
    let next = 0;
    const { secret, forwarded, handle } = await setup(undefined, { mapping: async () => loads[next++] });
    for (let i = 0; i < loads.length; i++) {
      const response = await handle(request('/logs-2026/_search', { secret }));
      expect(response.status, `load ${i}`).toBe(502);
      expect(await response.text()).not.toContain('no such index');
    }
    expect(forwarded).toHaveLength(0);
  });

  it('does not keep a failed mapping load, and a later good one is used', async () => {
    let fail = true;
    const { secret, forwarded, handle } = await setup(undefined, {
      mapping: async () => {
        if (fail) throw new Error('down');
        return { 'logs-2026': { mappings: { properties: { service: { properties: { name: { type: 'text', fields: { raw: { type: 'keyword' } } } } } } } } };
      },
    });
    expect((await handle(request('/logs-2026/_search', { secret }))).status).toBe(502);
    fail = false;
    expect((await handle(request('/logs-2026/_search', { secret }))).status).toBe(200);
    expect(JSON.stringify(forwarded[0]?.body)).toContain('service.name.raw');
  });

  it('an internal failure answers 500 without the secret, a stack or the cause', async () => {
    const secret = 'shtk_' + 'Q'.repeat(49);
    const handle = createSearchProxy({
      tokens: { resolve: async () => { throw new Error(`pg: duplicate key ${secret} at Object.<anonymous> (/srv/app.js:1:1)`); } },
      forward: async () => ({ status: 200, body: {} }),
      indices: ['logs-*'],
      fields: PROXY_FIELDS,
    });
    const response = await handle(request('/logs-2026/_search', { secret }));
    expect(response.status).toBe(500);
    const text = await response.text();
    for (const fragment of [secret, 'pg:', 'app.js', 'at ']) expect(text).not.toContain(fragment);
  });

  it('answers with its own headers only, never the engine ones', async () => {
    const { secret, handle } = await setup(() => new Response('{"hits":{"hits":[]}}', { status: 200, headers: { 'x-elastic-product': 'Elasticsearch', 'set-cookie': 'engine=1', warning: `299 ${LEAK}` } }));
    const response = await handle(request('/logs-2026/_search', { secret }));
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('warning')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('toNodeListener with a handler that fails', () => {
  it('answers 500 instead of rejecting, so the process survives', async () => {
    const listener = toNodeListener(async () => {
      throw new Error('db-primary:5432 refused');
    });
    const written: { status?: number; body?: string } = {};
    const incoming = Object.assign((async function* () {})(), { method: 'POST', url: '/logs/_search', headers: {} });
    await listener(incoming, {
      writeHead: (status: number) => {
        written.status = status;
      },
      end: (body?: Uint8Array | string) => {
        written.body = typeof body === 'string' ? body : new TextDecoder().decode(body);
      },
    });
    expect(written.status).toBe(500);
    expect(written.body).not.toContain('db-primary');
  });
});
