/**
 * The guard's threat model (docs/security.md), query clauses:: every clause where a real request puts
 * it (`query`) and nested deeper: in post_filter, rescore, highlight
 * queries, knn filters, nested sort filters, inner hits and aggregation
 * filters several levels down.
 */
import { describe, expect, it } from 'vitest';
import { expectRefused, guard, guardedBody, TOKEN_QUERY, wrapped } from './guard-helpers.js';

/** Puts `clause` in many places; each entry: where, body, JSON pointer of the clause. */
function placements(clause: Record<string, unknown>): [string, Record<string, unknown>, string][] {
  const [type] = Object.keys(clause) as [string];
  return [
    ['query', { query: clause }, `/query/${type}`],
    ['bool.filter inside post_filter', { post_filter: { bool: { filter: [{ match_all: {} }, clause] } } }, `/post_filter/bool/filter/1/${type}`],
    ['rescore_query', { rescore: [{ window_size: 5, query: { rescore_query: clause } }] }, `/rescore/0/query/rescore_query/${type}`],
    ['top-level highlight_query', { highlight: { fields: { msg: {} }, highlight_query: clause } }, `/highlight/highlight_query/${type}`],
    ['per-field highlight_query', { highlight: { fields: { msg: { highlight_query: { bool: { should: clause } } } } } }, `/highlight/fields/msg/highlight_query/bool/should/${type}`],
    ['knn.filter', { knn: { field: 'v', query_vector: [1], k: 1, num_candidates: 2, filter: [clause] } }, `/knn/filter/0/${type}`],
    [
      'nested sort filter',
      { sort: [{ 'items.qty': { order: 'asc', nested: { path: 'items', filter: clause } } }] },
      `/sort/0/items.qty/nested/filter/${type}`,
    ],
    [
      'filter agg inside a terms agg',
      { aggs: { by_service: { terms: { field: 'service' }, aggs: { f: { filter: { bool: { must: [clause] } } } } } } },
      `/aggs/by_service/aggs/f/filter/bool/must/0/${type}`,
    ],
    [
      'filters agg inside nested inside date_histogram',
      { aggs: { d: { date_histogram: { field: 'ts', fixed_interval: '1h', min_doc_count: 1 }, aggs: { n: { nested: { path: 'items' }, aggs: { fs: { filters: { filters: { x: clause } } } } } } } } },
      `/aggs/d/aggs/n/aggs/fs/filters/filters/x/${type}`,
    ],
    ['adjacency_matrix filter', { aggs: { m: { adjacency_matrix: { filters: { a: { match_all: {} }, b: clause } } } } }, `/aggs/m/adjacency_matrix/filters/b/${type}`],
    ['nested query inside a constant_score', { query: { constant_score: { filter: { nested: { path: 'items', query: clause } } } } }, `/query/constant_score/filter/nested/query/${type}`],
    ['function_score function filter', { query: { function_score: { functions: [{ filter: clause, weight: 2 }] } } }, `/query/function_score/functions/0/filter/${type}`],
  ];
}

describe.each([
  ['a terms lookup', { terms: { user: { index: 'users', id: '2', path: 'followers' } } }, 'terms-lookup', '/user'],
  ['an OpenSearch terms lookup by query', { terms: { user: { index: 'users', query: { match_all: {} }, path: 'x' } } }, 'terms-lookup', '/user'],
  ['more_like_this with a document reference', { more_like_this: { fields: ['msg'], like: [{ _index: 'secrets', _id: '1' }] } }, 'term-dictionary-oracle', ''],
  ['more_like_this unlike by id', { more_like_this: { fields: ['msg'], like: 'x', unlike: { _id: '1' } } }, 'term-dictionary-oracle', ''],
  ['percolate by id', { percolate: { field: 'q', index: 'secrets', id: '1' } }, 'percolate-by-id', '/index'],
  ['geo_shape indexed_shape', { geo_shape: { location: { indexed_shape: { index: 'shapes', id: '1', path: 'shape' } } } }, 'indexed-shape', '/location/indexed_shape'],
  ['shape indexed_shape', { shape: { geometry: { indexed_shape: { index: 'shapes', id: '1' } } } }, 'indexed-shape', '/geometry/indexed_shape'],
  ['has_child', { has_child: { type: 'answer', query: { match_all: {} } } }, 'join-query', ''],
  ['has_parent', { has_parent: { parent_type: 'question', query: { match_all: {} } } }, 'join-query', ''],
  ['a script query', { script: { script: { source: 'true' } } }, 'script', ''],
  ['a script_score query', { script_score: { query: { match_all: {} }, script: { source: '1' } } }, 'script', ''],
  ['a function_score script', { function_score: { query: { match_all: {} }, script_score: { script: { source: '1' } } } }, 'script', '/script_score'],
  ['a function_score function script', { function_score: { functions: [{ script_score: { script: { source: '1' } } }] } }, 'script', '/functions/0/script_score'],
  ['a terms_set script', { terms_set: { tags: { terms: ['a'], minimum_should_match_script: { source: '1' } } } }, 'script', '/tags/minimum_should_match_script'],
  ['an intervals script filter', { intervals: { msg: { match: { query: 'a', filter: { script: { source: 'true' } } } } } }, 'script', '/msg/match/filter/script'],
  ['a wrapper query', { wrapper: { query: 'e30=' } }, 'wrapper-query', ''],
  ['an unknown clause', { brand_new_query: { field: 'x' } }, 'query-type-not-allowed', ''],
])('%s is refused', (_name, clause, reason, inside) => {
  it.each(placements(clause))('in %s', (_where, body, pointer) => {
    expectRefused({ body }, reason, { pointer: `${pointer}${inside}` });
  });
});

describe('clauses bounded by the token filter are allowed, walked and wrapped', () => {
  it.each([
    ['parent_id', { parent_id: { type: 'answer', id: '1' } }],
    ['nested with inner_hits', { nested: { path: 'items', query: { term: { 'items.sku': 'A-1' } }, inner_hits: { size: 1, sort: [{ 'items.qty': 'desc' }] } } }],
    ['ids', { ids: { values: ['1', '2'] } }],
    ['pinned', { pinned: { ids: ['1'], organic: { match: { msg: 'x' } } } }],
    ['query_string with a * field and _index', { query_string: { query: '_index:secrets OR tenant:globex', default_field: '*', allow_leading_wildcard: true } }],
    ['simple_query_string', { simple_query_string: { query: 'a | b', fields: ['*'] } }],
    ['regexp and wildcard', { bool: { should: [{ regexp: { msg: '.*' } }, { wildcard: { msg: { value: 'ti*' } } }], minimum_should_match: 1 } }],
    ['percolate with an inline document', { percolate: { field: 'q', document: { msg: 'x' } } }],
    ['geo_shape with an inline shape', { geo_shape: { location: { shape: { type: 'point', coordinates: [1, 2] }, relation: 'within' } } }],
    ['span queries', { span_near: { clauses: [{ span_term: { msg: 'a' } }, { span_or: { clauses: [{ span_term: { msg: 'b' } }] } }], slop: 1, in_order: true } }],
    ['a bool that should-merges with match_all', { bool: { should: [{ match_all: {} }], minimum_should_match: 0 } }],
  ])('%s', (_name, clause) => {
    expect(guardedBody({ query: clause })['query']).toEqual(wrapped(clause));
  });

  it('puts the token filter inside a knn query clause, ANDed with the user filter', () => {
    const user = { term: { level: 'error' } };
    const body = guardedBody({ query: { bool: { must: [{ knn: { field: 'v', query_vector: [1], k: 3, filter: user } }] } } });
    expect(body['query']).toEqual(wrapped({ bool: { must: [{ knn: { field: 'v', query_vector: [1], k: 3, filter: [TOKEN_QUERY, user] } }] } }));
  });

  it('refuses a clause object with two types (the engine would reject it; the guard must not guess)', () => {
    expectRefused({ body: { query: { term: { a: 1 }, match_all: {} } } }, 'malformed', { pointer: '/query' });
  });

  it('refuses a clause option nobody listed', () => {
    expectRefused({ body: { query: { bool: { must: [], future_option: 1 } } } }, 'query-option-not-allowed', { pointer: '/query/bool/future_option' });
  });
});

describe('the OpenSearch k-NN clause form', () => {
  // The k-NN plugin reads `filter` as one query object (KNNQueryBuilderParser declares it with declareObject).
  it('puts the token filter inside a field-keyed knn clause too, as one query object', () => {
    const user = { term: { level: 'error' } };
    const body = guardedBody({ query: { knn: { embedding: { vector: [1, 2], k: 3, filter: user } } } });
    expect(body['query']).toEqual(wrapped({ knn: { embedding: { vector: [1, 2], k: 3, filter: { bool: { filter: [TOKEN_QUERY, user] } } } } }));
    const bare = guardedBody({ query: { knn: { embedding: { vector: [1, 2], k: 3 } } } });
    expect(bare['query']).toEqual(wrapped({ knn: { embedding: { vector: [1, 2], k: 3, filter: TOKEN_QUERY } } }));
  });

  it('refuses a field-keyed knn filter that is not one object (the plugin would fail on it)', () => {
    expectRefused({ path: '/logs-app/_search', body: { query: { knn: { embedding: { vector: [1], k: 1, filter: [{ match_all: {} }] } } } } }, 'malformed', { pointer: '/query/knn/embedding/filter' });
  });

  it('walks the user filter inside the field-keyed knn clause', () => {
    expectRefused(
      { path: '/logs-app/_search', body: { query: { knn: { embedding: { vector: [1], k: 1, filter: { terms: { code: { index: 'other', id: '1', path: 'p' } } } } } } } },
      'terms-lookup',
      { pointer: '/query/knn/embedding/filter/terms/code' },
    );
  });

  it('guarding a guarded field-keyed knn clause returns it unchanged', () => {
    for (const filter of [undefined, { term: { level: 'error' } }]) {
      const once = guard({ path: '/logs-app/_search', body: { query: { knn: { embedding: { vector: [1, 2], k: 3, ...(filter === undefined ? {} : { filter }) } } } } });
      expect(guard(once)).toEqual(once);
    }
  });

  it('puts the token filter inside a knn clause without a filter (the k nearest are chosen among visible documents)', () => {
    const body = guardedBody({ query: { knn: { field: 'v', query_vector: [1], k: 3 } } });
    expect(body['query']).toEqual(wrapped({ knn: { field: 'v', query_vector: [1], k: 3, filter: [TOKEN_QUERY] } }));
    expect(guardedBody({ body })['query']).toEqual(body['query']);
  });
});
