/**
 * The guard's threat model (docs/security.md), request-shape bypasses:: each item where a real request
 * puts it, and at least once nested deeper (inside an `_msearch` item, a
 * `_count`, a sub-aggregation ...).
 */
import { describe, expect, it } from 'vitest';
import { expectRefused, guard, guardedBody, TOKEN_QUERY, wrapped, TOKEN_FIELDS } from './guard-helpers.js';

const ndjson = (...lines: unknown[]): string => lines.map((l) => `${JSON.stringify(l)}\n`).join('');

describe('URL parameters that replace or bypass the body query', () => {
  it.each(['q', 'df', 'analyzer', 'analyze_wildcard', 'default_operator', 'lenient'])('refuses ?%s= on _search', (parameter) => {
    expectRefused({ path: '/_search', params: { [parameter]: 'tenant:globex' }, body: {} }, 'url-query', { parameter });
  });

  it('refuses ?q= on _count and on _msearch', () => {
    expectRefused({ path: '/logs-app/_count', params: { q: '*' } }, 'url-query', { parameter: 'q' });
    expectRefused({ path: '/_msearch', params: { q: '*' }, body: ndjson({}, {}) }, 'url-query', { parameter: 'q' });
  });

  it.each(['suggest_field', 'suggest_text', 'suggest_mode', 'suggest_size'])('refuses the URL suggester parameter %s', (parameter) => {
    expectRefused({ path: '/logs-app/_search', params: { [parameter]: 'tenant' } }, 'suggest', { parameter });
  });

  it('refuses URL suggesters on _msearch and _count too', () => {
    expectRefused({ path: '/_msearch', params: { suggest_field: 'tenant' }, body: ndjson({}, {}) }, 'suggest', { parameter: 'suggest_field' });
    expectRefused({ path: '/_count', params: { suggest_text: 'ac' } }, 'suggest', { parameter: 'suggest_text' });
  });

  it('refuses search_pipeline as a URL parameter and as a body key, also inside an _msearch item', () => {
    expectRefused({ params: { search_pipeline: 'p' }, body: {} }, 'search-pipeline', { parameter: 'search_pipeline' });
    expectRefused({ body: { search_pipeline: { request_processors: [] } } }, 'search-pipeline', { pointer: '/search_pipeline' });
    expectRefused({ path: '/_msearch', body: ndjson({}, {}, {}, { search_pipeline: 'p' }) }, 'search-pipeline', { pointer: '/3/search_pipeline' });
  });

  it('refuses parameters that are on no allowlist, and repeated (array) values', () => {
    expectRefused({ params: { verbose_pipeline: 'true' }, body: {} }, 'search-pipeline', { parameter: 'verbose_pipeline' });
    expectRefused({ params: { some_future_flag: 'x' }, body: {} }, 'url-param-not-allowed', { parameter: 'some_future_flag' });
    expectRefused({ params: { size: ['1', '2'] }, body: {} }, 'url-param-invalid', { parameter: 'size' });
    expectRefused({ path: '/_count', params: { size: '1' } }, 'url-param-not-allowed', { parameter: 'size' });
  });
});

describe('body features that redefine fields or run outside the query', () => {
  const placements = (key: string, value: unknown) => [
    ['top level', { body: { [key]: value } }, `/${key}`],
    ['second _msearch item', { path: '/_msearch', body: ndjson({}, {}, { index: 'logs-app' }, { query: { match_all: {} }, [key]: value }) }, `/3/${key}`],
    ['_msearch given as an array', { path: '/_msearch', body: [{}, { [key]: value }] }, `/1/${key}`],
  ] as const;

  it.each(placements('runtime_mappings', { tenant: { type: 'keyword', script: "emit('acme')" } }))('refuses runtime_mappings (%s)', (_where, request, pointer) => {
    expectRefused(request, 'runtime-mappings', { pointer });
  });

  it.each(placements('derived', { tenant: { type: 'keyword', script: "emit('acme')" } }))('refuses OpenSearch derived fields (%s)', (_where, request, pointer) => {
    expectRefused(request, 'derived-fields', { pointer });
  });

  it.each(placements('retriever', { standard: { query: { match_all: {} } } }))('refuses retriever (%s)', (_where, request, pointer) => {
    expectRefused(request, 'retriever', { pointer });
  });

  it.each(placements('rank', { rrf: {} }))('refuses rank (%s)', (_where, request, pointer) => {
    expectRefused(request, 'rank', { pointer });
  });

  it.each(placements('sub_searches', [{ query: { match_all: {} } }]))('refuses sub_searches (%s)', (_where, request, pointer) => {
    expectRefused(request, 'sub-searches', { pointer });
  });

  it.each(placements('ext', { plugin: {} }))('refuses ext and any unknown top-level key (%s)', (_where, request, pointer) => {
    expectRefused(request, 'ext', { pointer });
  });

  it('refuses a top-level key nobody listed', () => {
    expectRefused({ body: { brand_new_feature: {} } }, 'body-key-not-allowed', { pointer: '/brand_new_feature' });
  });
});

describe('top-level knn is OR-ed with the query, so the token filter goes into it', () => {
  it('adds the token filter to a knn without a filter', () => {
    const body = guardedBody({ knn: { field: 'vec', query_vector: [1, 0], k: 2, num_candidates: 5 } });
    expect(body['knn']).toEqual({ field: 'vec', query_vector: [1, 0], k: 2, num_candidates: 5, filter: [TOKEN_QUERY] });
    expect(body['query']).toEqual(wrapped({ match_all: {} }));
  });

  it('ANDs it with the user filter, for every knn of an array, also in _msearch items', () => {
    const user = { term: { level: 'error' } };
    const body = guardedBody({ knn: [{ field: 'v', query_vector: [1], k: 1, num_candidates: 2, filter: user }, { field: 'w', query_vector: [1], k: 1, num_candidates: 2, filter: [user, user] }] });
    expect(body['knn']).toEqual([
      { field: 'v', query_vector: [1], k: 1, num_candidates: 2, filter: [TOKEN_QUERY, user] },
      { field: 'w', query_vector: [1], k: 1, num_candidates: 2, filter: [TOKEN_QUERY, user, user] },
    ]);
    const msearch = guard({ path: '/_msearch', body: ndjson({}, { knn: { field: 'v', query_vector: [1], k: 1, num_candidates: 2 } }) });
    const item = JSON.parse(String(msearch.body).split('\n')[1] as string) as { knn: { filter: unknown } };
    expect(item.knn.filter).toEqual([TOKEN_QUERY]);
  });

  it('walks the user knn filter like any query', () => {
    expectRefused({ body: { knn: { field: 'v', query_vector: [1], k: 1, num_candidates: 2, filter: { has_child: { type: 'c', query: { match_all: {} } } } } } }, 'join-query', {
      pointer: '/knn/filter/has_child',
    });
  });

  it('refuses query_vector_builder (a model call)', () => {
    expectRefused({ body: { knn: { field: 'v', k: 1, num_candidates: 2, query_vector_builder: { text_embedding: {} } } } }, 'model-query', {
      pointer: '/knn/query_vector_builder',
    });
  });
});

describe('queries the guard cannot see into', () => {
  it('refuses OpenSearch hybrid at the top and nested in an aggregation filter', () => {
    expectRefused({ body: { query: { hybrid: { queries: [] } } } }, 'hybrid-query', { pointer: '/query/hybrid' });
    expectRefused({ body: { aggs: { t: { terms: { field: 'x' }, aggs: { f: { filter: { bool: { must: { hybrid: { queries: [] } } } } } } } } } }, 'hybrid-query', {
      pointer: '/aggs/t/aggs/f/filter/bool/must/hybrid',
    });
  });

  it('refuses wrapper at the top and inside a rescore query', () => {
    expectRefused({ body: { query: { wrapper: { query: 'e30=' } } } }, 'wrapper-query', { pointer: '/query/wrapper' });
    expectRefused({ body: { rescore: { window_size: 5, query: { rescore_query: { bool: { should: [{ wrapper: { query: 'e30=' } }] } } } } } }, 'wrapper-query', {
      pointer: '/rescore/query/rescore_query/bool/should/0/wrapper',
    });
  });

  it.each(['/_search/template', '/logs-app/_search/template', '/_msearch/template', '/logs-app/_msearch/template', '/_render/template'])('refuses the template endpoint %s', (path) => {
    expectRefused({ path, body: { id: 'stored', params: {} } }, 'template', {});
  });

  it('refuses a template clause and stored scripts', () => {
    expectRefused({ body: { query: { template: { source: '{}' } } } }, 'template', { pointer: '/query/template' });
    expectRefused({ body: { query: { script: { script: { id: 'stored' } } } } }, 'script', { pointer: '/query/script' });
  });
});

describe('_msearch: every header and every body', () => {
  it('guards every item and writes canonical NDJSON with explicit checked indices', () => {
    const guarded = guard({ path: '/_msearch', body: ndjson({}, { query: { match: { msg: 'a' } } }, { index: 'logs-web-2024' }, {}) });
    expect(guarded.body).toBe(
      ndjson(
        { index: 'logs-app,logs-web-*', expand_wildcards: 'open' },
        { query: wrapped({ match: { msg: 'a' } }) },
        { index: 'logs-web-2024', expand_wildcards: 'open' },
        { query: wrapped({ match_all: {} }) },
      ),
    );
    expect(guarded.indices).toEqual(['logs-app,logs-web-*', 'logs-web-2024']);
  });

  it('checks the header of a later item: index, unknown keys, expand_wildcards', () => {
    expectRefused({ path: '/_msearch', body: ndjson({}, {}, { index: 'secrets' }, {}) }, 'index-not-allowed', { pointer: '/2/index' });
    expectRefused({ path: '/_msearch', body: ndjson({}, {}, { index: 'logs-app', search_pipeline: 'p' }, {}) }, 'msearch-header-not-allowed', { pointer: '/2/search_pipeline' });
    expectRefused({ path: '/_msearch', body: ndjson({}, {}, { expand_wildcards: 'all' }, {}) }, 'expand-wildcards', { pointer: '/2/expand_wildcards' });
    expectRefused({ path: '/_msearch', body: ndjson({ index: ['logs-app', 'other:logs'] }, {}) }, 'index-remote', { pointer: '/0/index' });
    expectRefused({ path: '/_msearch', body: ndjson({}, {}, { index: 'logs-app::failures' }, {}) }, 'index-selector', { pointer: '/2/index' });
    expectRefused({ path: '/_msearch', body: ndjson({}, {}, { index: '<logs-app-{now/d}>' }, {}) }, 'index-date-math', { pointer: '/2/index' });
    expectRefused({ path: '/_msearch', body: ndjson({}, {}, { index: '_all' }, {}) }, 'index-not-allowed', { pointer: '/2/index' });
    expectRefused({ path: '/logs-app/_msearch', body: ndjson({ index: '-logs-app' }, {}) }, 'index-exclusion', { pointer: '/0/index' });
  });

  it('refuses a dangerous body in a later item, naming its line', () => {
    expectRefused({ path: '/_msearch', body: ndjson({}, {}, {}, { aggs: { g: { global: {} } } }) }, 'global-aggregation', { pointer: '/3/aggs/g/global' });
  });

  it('refuses malformed NDJSON: a missing body, a blank line, two values on a line', () => {
    expectRefused({ path: '/_msearch', body: ndjson({}, {}, {}) }, 'msearch-malformed', { pointer: '/2' });
    expectRefused({ path: '/_msearch', body: '{}\n\n{}\n' }, 'msearch-malformed', { pointer: '/1' });
    expectRefused({ path: '/_msearch', body: '{}\n{}{}\n' }, 'body-not-json', { pointer: '/1' });
    expectRefused({ path: '/_msearch', body: { not: 'ndjson' } }, 'msearch-malformed', { pointer: '' });
  });
});

describe('index expressions', () => {
  it.each([
    ['/other:logs-app/_search', 'index-remote'],
    ['/*:*/_search', 'index-remote'],
    ['/logs-app::failures/_search', 'index-selector'],
    ['/%3Clogs-app-%7Bnow%2Fd%7D%3E/_search', 'index-date-math'],
    ['/logs-*,-logs-app/_search', 'index-exclusion'],
    ['/_all/_search', 'index-not-allowed'],
    ['/*/_search', 'index-not-allowed'],
    ['/logs-*/_search', 'index-not-allowed'],
    ['/secrets/_search', 'index-not-allowed'],
    ['/.security/_search', 'index-not-allowed'],
    ['/logs-app,secrets/_count', 'index-not-allowed'],
  ])('refuses %s (%s)', (path, reason) => {
    expectRefused({ path }, reason, { parameter: 'path' });
  });

  it('accepts names and narrower patterns the token covers, and pins expand_wildcards=open', () => {
    const guarded = guard({ path: '/logs-web-2024*,logs-app/_search', params: { expand_wildcards: 'open' } });
    expect(guarded.path).toBe('/logs-web-2024*,logs-app/_search');
    expect(guarded.params).toEqual({ expand_wildcards: 'open' });
  });

  it('scopes a path without an index to the token indices', () => {
    expect(guard({ path: '/_search' }).path).toBe('/logs-app,logs-web-*/_search');
    expect(guard({ path: '/_count' }).path).toBe('/logs-app,logs-web-*/_count');
  });

  it.each(['hidden', 'all', 'closed', 'open,hidden'])('refuses expand_wildcards=%s', (value) => {
    expectRefused({ params: { expand_wildcards: value } }, 'expand-wildcards', { parameter: 'expand_wildcards' });
  });

  it('a dot-prefixed (system) index needs a dot-prefixed pattern, even when * is allowed', () => {
    expectRefused({ path: '/.security/_search' }, 'index-not-allowed', { parameter: 'path' }, { fields: TOKEN_FIELDS, indices: ['*'] });
    expect(guard({ path: '/logs-app/_search' }, { fields: TOKEN_FIELDS, indices: ['*'] }).path).toBe('/logs-app/_search');
    expect(guard({ path: '/.logs-internal/_search' }, { fields: TOKEN_FIELDS, indices: ['.logs-*'] }).path).toBe('/.logs-internal/_search');
  });

  it('without options.indices accepts only concrete names and requires one', () => {
    expect(guard({ path: '/logs-app/_search' }, { fields: TOKEN_FIELDS }).path).toBe('/logs-app/_search');
    expectRefused({ path: '/logs-*/_search' }, 'index-not-allowed', { parameter: 'path' }, { fields: TOKEN_FIELDS });
    expectRefused({ path: '/_search' }, 'index-required', { parameter: 'path' }, { fields: TOKEN_FIELDS });
  });
});
