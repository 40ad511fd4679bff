/**
 * The search proxy with a recording `forward`: what reaches the engine, and
 * what the caller gets back, for each outcome.
 */
import { describe, expect, it } from 'vitest';
import { PROXY_FIELDS, admin, setup } from './support.js';
import { createInMemoryRepository, createSharedTokens } from '../../src/index.js';
import { createSearchProxy } from '../../src/proxy/index.js';
import type { GuardedSearchRequest } from '../../src/guard/types.js';

function search(secret: string | undefined, body: unknown = { query: { match_all: {} } }, path = '/logs-2026/_search', init: RequestInit = {}): Request {
  return new Request(`http://proxy.test${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { authorization: `Bearer ${secret}` }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
}

async function errorOf(response: Response): Promise<{ type: string; [key: string]: unknown }> {
  const body = (await response.json()) as { error: { type: string } };
  return body.error;
}

describe('createSearchProxy', () => {
  it('forwards a guarded request that carries the token filter and returns the engine body', async () => {
    const { secret, forwarded, handle } = await setup(() => ({ status: 200, body: { hits: { total: { value: 1 }, hits: [{ _id: '1' }] } } }));
    const response = await handle(search(secret));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ hits: { total: { value: 1 }, hits: [{ _id: '1' }] } });
    expect(forwarded).toHaveLength(1);
    expect(JSON.stringify(forwarded[0]?.body)).toContain('"service.name"');
    expect(forwarded[0]?.path).toBe('/logs-2026/_search');
  });

  it('reads the secret from the token query parameter and never forwards it', async () => {
    const { secret, forwarded, handle } = await setup();
    const response = await handle(search(undefined, { query: { match_all: {} } }, `/logs-2026/_search?token=${secret}&size=5`));
    expect(response.status).toBe(200);
    expect(forwarded[0]?.params).not.toHaveProperty('token');
    expect(forwarded[0]?.params['size']).toBe('5');
  });

  it('answers 401 without a secret, with a malformed one, and with an unknown one', async () => {
    const { handle } = await setup();
    for (const request of [search(undefined), search('not-a-secret'), search('shtk_' + 'A'.repeat(49)), search(undefined, {}, '/logs/_search', { headers: { authorization: 'Basic abc' } })]) {
      const response = await handle(request);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('answers 401 once the token expired and 403 while it is paused, at the next request', async () => {
    const { tokens, token, secret, handle, advance } = await setup();
    expect((await handle(search(secret))).status).toBe(200);
    await tokens.pauseToken(admin, token.id);
    const paused = await handle(search(secret));
    expect(paused.status).toBe(403);
    expect((await errorOf(paused)).type).toBe('token_paused');
    await tokens.resumeToken(admin, token.id);
    expect((await handle(search(secret))).status).toBe(200);
    advance(8 * 24 * 3600 * 1000);
    const expired = await handle(search(secret));
    expect(expired.status).toBe(401);
    expect((await errorOf(expired)).type).toBe('token_expired');
  });

  it('uses the token filters as they are at each request', async () => {
    const { tokens, token, secret, forwarded, handle } = await setup();
    await handle(search(secret));
    const tighter = await tokens.createFilter(admin, { field: 'env', value: 'prod' });
    await tokens.attachFilters(admin, token.id, { filterIds: [tighter.id] });
    await handle(search(secret));
    expect(JSON.stringify(forwarded[0]?.body)).not.toContain('"env"');
    expect(JSON.stringify(forwarded[1]?.body)).toContain('"env"');
  });

  it('answers 400 with the refusal and a short pointer for a hostile request, and forwards nothing', async () => {
    const { secret, forwarded, handle } = await setup();
    const longKey = 'k'.repeat(5000);
    const response = await handle(search(secret, { query: { match_all: {} }, [longKey]: 1 }));
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.type).toBe('unsafe_request');
    expect(typeof error['refusal']).toBe('string');
    expect(JSON.stringify(error).length).toBeLessThan(400);
    expect(forwarded).toHaveLength(0);
  });

  it('refuses an index outside the allowed patterns', async () => {
    const { secret, forwarded, handle } = await setup();
    const response = await handle(search(secret, { query: { match_all: {} } }, '/other-tenant/_search'));
    expect(response.status).toBe(400);
    expect(forwarded).toHaveLength(0);
  });

  it('answers 413 for a body over the limit without reading it all', async () => {
    const { secret, handle } = await setup();
    const response = await handle(search(secret, `{"query":{"match_all":{}},"x":"${'a'.repeat(1024 * 1024 + 10)}"}`));
    expect(response.status).toBe(413);
  });

  it('turns an engine error into 502 with its status and type only', async () => {
    const leak = 'othertenant-key-123';
    const { secret, handle } = await setup(() => ({
      status: 400,
      body: { error: { type: 'search_phase_execution_exception', reason: `all shards failed: For input string: "${leak}"`, root_cause: [{ reason: leak }] }, status: 400 },
    }));
    const response = await handle(search(secret));
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(text).not.toContain(leak);
    expect(JSON.parse(text)).toMatchObject({ error: { type: 'search_phase_execution_exception', engine_status: 400 } });
  });

  it('removes error text from shard failures and _msearch items of a successful response', async () => {
    const leak = 'hidden-value-42';
    const { secret, handle } = await setup(() =>
      new Response(
        JSON.stringify({
          responses: [
            { error: { type: 'query_shard_exception', reason: leak }, status: 400 },
            { _shards: { total: 2, failed: 1, failures: [{ shard: 1, index: 'logs-2026', reason: { type: 'number_format_exception', reason: leak } }] }, hits: { hits: [] } },
          ],
        }),
        { status: 200 },
      ),
    );
    const response = await handle(search(secret, '{"index":"logs-2026"}\n{"query":{"match_all":{}}}\n{"index":"logs-2026"}\n{"query":{"match_all":{}}}\n', '/_msearch'));
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(leak);
    expect(JSON.parse(text)).toMatchObject({ responses: [{ error: { type: 'query_shard_exception' } }, { _shards: { failures: [{ reason: { type: 'number_format_exception' } }] } }] });
  });

  it('answers 502 when forward throws, and 500 without detail when the repository fails', async () => {
    const { secret, handle } = await setup(() => {
      throw new Error('ECONNREFUSED 10.0.0.5:9200');
    });
    const unreachable = await handle(search(secret));
    expect(unreachable.status).toBe(502);
    expect(await unreachable.text()).not.toContain('ECONNREFUSED');

    const broken = createSearchProxy({
      tokens: { resolve: async () => { throw new Error('connection reset by db-primary:5432'); } },
      forward: async () => ({ status: 200, body: {} }),
      indices: ['logs-*'],
      fields: PROXY_FIELDS,
    });
    const failed = await broken(search('shtk_anything'));
    expect(failed.status).toBe(500);
    expect(await failed.text()).not.toContain('db-primary');
  });

  it('binds a scroll id to the token that received it', async () => {
    const { tokens, secret, handle } = await setup((request) => ({ status: 200, body: { _scroll_id: 'scroll-1', hits: { hits: [] }, endpoint: request.endpoint } }));
    const opened = await handle(search(secret, { query: { match_all: {} } }, '/logs-2026/_search?scroll=1m'));
    expect(opened.status).toBe(200);
    const next = await handle(search(secret, { scroll_id: 'scroll-1', scroll: '1m' }, '/_search/scroll'));
    expect(next.status).toBe(200);
    const other = await tokens.createToken(admin, { name: 'other' });
    const stolen = await handle(search(other.secret, { scroll_id: 'scroll-1', scroll: '1m' }, '/_search/scroll'));
    expect(stolen.status).toBe(400);
  });

  it('loads field types from the mapping once per lifetime, and fails closed when it cannot', async () => {
    let loads = 0;
    let fail = false;
    let now = Date.parse('2026-03-01T12:00:00.000Z');
    const tokens = createSharedTokens({ repository: createInMemoryRepository(), clock: { now: () => new Date(now) } });
    const filter = await tokens.createFilter(admin, { field: 'status', value: 'error' });
    const { secret } = await tokens.createToken(admin, { name: 'board', filterIds: [filter.id] });
    const forwarded: GuardedSearchRequest[] = [];
    const handle = createSearchProxy({
      tokens,
      indices: ['logs-*'],
      fields: PROXY_FIELDS,
      forward: async (request) => {
        forwarded.push(request);
        return { status: 200, body: {} };
      },
      mapping: async () => {
        loads++;
        if (fail) throw new Error('mapping down');
        return { 'logs-2026': { mappings: { properties: { status: { type: 'text', fields: { keyword: { type: 'keyword' } } } } } } };
      },
      fieldsLifetimeMs: 1000,
      now: () => now,
    });
    await handle(search(secret));
    await handle(search(secret));
    expect(loads).toBe(1);
    // The text field is queried through its keyword sub-field: the mapping was used.
    expect(JSON.stringify(forwarded[0]?.body)).toContain('status.keyword');
    now += 2000;
    fail = true;
    const response = await handle(search(secret));
    expect(response.status).toBe(502);
    expect(loads).toBe(2);
  });
});

describe('createSearchProxy options', () => {
  it('reads the loaded mapping as the engine option says (a wildcard field without doc_values is known only with it)', async () => {
    // OpenSearch 2.x verifies wildcard matches against _source by default, Elasticsearch against doc values: without the
    // engine the field is unsupported, and the token's filter cannot be compiled.
    const mapping = async () => ({ 'logs-2026': { mappings: { properties: { service: { properties: { name: { type: 'wildcard' } } } } } } });
    const body = JSON.stringify({ query: { match_all: {} } });
    const request = (secret: string) =>
      new Request('http://proxy.test/logs-2026/_search', { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body });
    const unknown = await setup(undefined, { mapping });
    expect((await unknown.handle(request(unknown.secret))).status).toBe(500);
    expect(unknown.forwarded).toHaveLength(0);
    const known = await setup(undefined, { mapping, engine: 'opensearch' });
    expect((await known.handle(request(known.secret))).status).toBe(200);
    expect(JSON.stringify(known.forwarded[0]?.body)).toContain('service.name');
  });

  it('refuses to start without field types or a mapping loader', () => {
    const tokens = createSharedTokens({ repository: createInMemoryRepository() });
    expect(() => createSearchProxy({ tokens, indices: ['logs-*'], forward: async () => ({ status: 200, body: {} }) })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });
});
