/**
 * The guard's threat model (docs/security.md), endpoints other than _search:, the method allowlist,
 * scroll and async-search continuations, and the request shape.
 */
import { describe, expect, it } from 'vitest';
import { expectRefused, guard, TOKEN_QUERY, wrapped, TOKEN_FIELDS } from './guard-helpers.js';

describe('only read endpoints are allowed', () => {
  it.each([
    '/logs-app/_doc/1', '/logs-app/_source/1', '/_mget', '/logs-app/_mget', '/logs-app/_termvectors/1', '/_mtermvectors', '/logs-app/_explain/1',
    '/logs-app/_validate/query', '/_validate/query', '/logs-app/_terms_enum', '/_field_caps', '/logs-app/_field_caps', '/logs-app/_mapping',
    '/_resolve/index/logs-*', '/logs-app/_rank_eval', '/_reindex', '/logs-app/_update_by_query', '/logs-app/_delete_by_query', '/_sql',
    '/_query', '/logs-app/_eql/search', '/logs-app/_knn_search', '/_plugins/_sql', '/_plugins/_ppl', '/_cat/indices', '/_stats', '/logs-app/_stats',
    '/logs-app/_pit', '/logs-app/_search/point_in_time', '/_plugins/_asynchronous_search', '/logs-app/_search/scroll', '/logs-app',
  ])('refuses %s', (path) => {
    expectRefused({ method: 'POST', path, body: {} }, 'endpoint-not-allowed', {});
  });

  it.each(['PUT', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS'])('refuses the method %s', (method) => {
    expectRefused({ method, path: '/_search' }, 'method-not-allowed', {});
  });

  it('refuses malformed paths: no leading slash, a query string, an empty segment, bad percent-encoding', () => {
    for (const path of ['/', 'logs-app/_search', '/_search?q=x', '/logs-app//_search', '/_search//', '/logs%zz/_search']) {
      expectRefused({ path }, 'path-invalid', {});
    }
  });

  it('_count: wraps the body query, and adds one when there is none', () => {
    expect(guard({ method: 'GET', path: '/logs-app/_count' }).body).toEqual({ query: wrapped({ match_all: {} }) });
    expect(guard({ path: '/logs-app/_count', body: { query: { term: { level: 'error' } } } }).body).toEqual({ query: wrapped({ term: { level: 'error' } }) });
    expectRefused({ path: '/logs-app/_count', body: { query: { match_all: {} }, aggs: {} } }, 'body-key-not-allowed', { pointer: '/aggs' });
  });

  it('a bare body is a POST to _search on the token indices', () => {
    expect(guard({ query: { match_all: {} } })).toEqual({
      method: 'POST',
      path: '/logs-app,logs-web-*/_search',
      params: { expand_wildcards: 'open' },
      body: { query: wrapped({ match_all: {} }) },
      endpoint: 'search',
      indices: ['logs-app,logs-web-*'],
    });
  });

  it('accepts a body given as JSON text', () => {
    expect(guard({ path: '/logs-app/_search', body: '{"query":{"match":{"msg":"x"}}}' }).body).toEqual({ query: wrapped({ match: { msg: 'x' } }) });
  });

  it('refuses a request object with unknown keys (it is neither a request nor a body)', () => {
    expectRefused({ path: '/_search', query: { match_all: {} } }, 'request-malformed', {});
  });
});

describe('scroll continuations need a binding', () => {
  it('refuses opening a scroll without checkScrollId', () => {
    expectRefused({ path: '/logs-app/_search', params: { scroll: '1m' } }, 'scroll-not-bound', { parameter: 'scroll' });
  });

  it('opens a scroll when the host binds ids', () => {
    const guarded = guard({ path: '/logs-app/_search', params: { scroll: '1m' } }, { fields: TOKEN_FIELDS, indices: ['logs-app'], bindings: { checkScrollId: () => false } });
    expect(guarded.params).toEqual({ scroll: '1m', expand_wildcards: 'open' });
  });

  it('continues only with a bound id, from the body, the parameter or the legacy path', () => {
    const options = { fields: TOKEN_FIELDS, indices: ['logs-app'], bindings: { checkScrollId: (id: string) => id === 'mine' } };
    expect(guard({ path: '/_search/scroll', body: { scroll_id: 'mine', scroll: '1m' } }, options)).toEqual({
      method: 'POST',
      path: '/_search/scroll',
      params: {},
      body: { scroll_id: 'mine', scroll: '1m' },
      endpoint: 'scroll',
      indices: [],
    });
    expect(guard({ method: 'GET', path: '/_search/scroll/mine' }, options).body).toEqual({ scroll_id: 'mine' });
    expectRefused({ path: '/_search/scroll', body: { scroll_id: 'theirs' } }, 'scroll-not-bound', { pointer: '/scroll_id' }, options);
    expectRefused({ path: '/_search/scroll', params: { scroll_id: 'theirs' } }, 'scroll-not-bound', { parameter: 'scroll_id' }, options);
    expectRefused({ path: '/_search/scroll/mine', body: { scroll_id: 'theirs' } }, 'scroll-not-bound', { pointer: '/scroll_id' }, options);
    expectRefused({ path: '/_search/scroll', body: { scroll_id: 'mine' } }, 'scroll-not-bound', { pointer: '/scroll_id' });
  });

  it('fails closed when the binding hook throws', () => {
    const options = { fields: TOKEN_FIELDS, indices: ['logs-app'], bindings: { checkScrollId: (): boolean => { throw new Error('db down'); } } };
    expectRefused({ path: '/_search/scroll', body: { scroll_id: 'mine' } }, 'scroll-not-bound', { pointer: '/scroll_id' }, options);
  });
});

describe('async search needs a binding', () => {
  const options = { fields: TOKEN_FIELDS, indices: ['logs-app'], bindings: { checkAsyncSearchId: (id: string) => id === 'a1' } };

  it('submits like a search only when the host binds ids', () => {
    expectRefused({ path: '/logs-app/_async_search', body: {} }, 'async-search-not-bound', {});
    const guarded = guard({ path: '/logs-app/_async_search', params: { wait_for_completion_timeout: '1s' }, body: { query: { match_all: {} } } }, options);
    expect(guarded.body).toEqual({ query: { bool: { filter: [TOKEN_QUERY], must: [{ match_all: {} }] } } });
    expect(guarded.path).toBe('/logs-app/_async_search');
  });

  it('reads results only for a bound id, with GET', () => {
    expect(guard({ method: 'GET', path: '/_async_search/a1' }, options).path).toBe('/_async_search/a1');
    expectRefused({ method: 'GET', path: '/_async_search/a2' }, 'async-search-not-bound', { parameter: 'path' }, options);
    expectRefused({ method: 'POST', path: '/_async_search/a1' }, 'method-not-allowed', {}, options);
  });
});
