/**
 * No unknown key passes through: every sort form, hit option, header and
 * option block is parsed key by key, in every place it appears. A known
 * attack: `_geo_distance` used to copy unknown keys as points, and OpenSearch
 * still parses the deprecated `nested_filter` there as a query (a terms
 * lookup into another index).
 */
import { describe, expect, it } from 'vitest';
import { expectRefused, guard, guardedBody } from './guard-helpers.js';
import { sortPlacements } from './placements.js';

const LOOKUP = { terms: { code: { index: 'other-tenant', id: 'o1', path: 'apikey' } } };

describe('sort: every form, in every place a sort appears', () => {
  describe.each([
    ['_geo_distance with nested_filter (a known attack)', [{ _geo_distance: { loc: [0, 0], nested_path: 'items', nested_filter: LOOKUP } }], 'sort-option-not-allowed', '/0/_geo_distance/nested_path'],
    ['_geo_distance with only nested_filter', [{ _geo_distance: { loc: [0, 0], nested_filter: LOOKUP } }], 'sort-option-not-allowed', '/0/_geo_distance/nested_filter'],
    ['_geo_distance with a second, object-valued key', [{ _geo_distance: { loc: [0, 0], other: { lat: 1, lon: 2 } } }], 'malformed', '/0/_geo_distance/other'],
    ['_geo_distance with a point holding an unknown key', [{ _geo_distance: { loc: { lat: 1, lon: 2, query: LOOKUP } } }], 'malformed', '/0/_geo_distance/loc/query'],
    ['_geo_distance whose nested.filter is a lookup', [{ _geo_distance: { loc: [0, 0], nested: { path: 'items', filter: LOOKUP } } }], 'terms-lookup', '/0/_geo_distance/nested/filter/terms/code'],
    ['_geo_distance with a parameter as a field', [{ _geo_distance: { order: { lat: 1, lon: 2 }, loc: [0, 0] } }], 'parameter-as-field', '/0/_geo_distance/order'],
    ['a field sort with nested_filter', [{ code: { order: 'asc', nested_filter: LOOKUP } }], 'sort-option-not-allowed', '/0/code/nested_filter'],
    ['a field sort with an unknown key', [{ code: { order: 'asc', future: 1 } }], 'sort-option-not-allowed', '/0/code/future'],
    ['a field sort with an unknown nested key', [{ code: { nested: { path: 'items', query: LOOKUP } } }], 'sort-option-not-allowed', '/0/code/nested/query'],
    ['a nested sort filter deeper in nested', [{ code: { nested: { path: 'a', nested: { path: 'a.b', filter: LOOKUP } } } }], 'terms-lookup', '/0/code/nested/nested/filter/terms/code'],
    ['a field sort with an object missing value', [{ code: { missing: { x: 1 } } }], 'malformed', '/0/code/missing'],
    ['a field sort with an unknown order', [{ code: 'sideways' }], 'malformed', '/0/code'],
    ['a script sort', [{ _script: { type: 'number', script: 'x' } }], 'script', '/0/_script'],
    ['a sort object with two keys', [{ code: 'asc', ts: 'desc' }], 'malformed', '/0'],
  ])('%s is refused', (_name, sort, reason, inside) => {
    it.each(sortPlacements(sort))('in %s', (_where, request, pointer) => {
      expectRefused(request, reason, { pointer: `${pointer}${inside}` });
    });
  });

  it.each(sortPlacements([{ _geo_distance: { loc: [[0, 0], 'drm3btev3e86'], order: 'asc', unit: 'km', nested: { path: 'items', filter: { term: { 'items.sku': 'a' } } } } }, { code: { order: 'desc', missing: '_last' } }, '_score']))(
    'the full _geo_distance and field sort grammar is accepted in %s',
    (_where, request) => {
      expect(() => guard(request)).not.toThrow();
    },
  );
});

describe('hit options, headers and option blocks refuse unknown keys and wrong kinds', () => {
  it.each([
    ['an unknown collapse inner_hits key', { collapse: { field: 's', inner_hits: { name: 'i', query: { match_all: {} } } } }, 'inner-hits-option-not-allowed', '/collapse/inner_hits/query'],
    ['an unknown top_hits key', { aggs: { t: { terms: { field: 's' }, aggs: { h: { top_hits: { size: 1, query: {} } } } } } }, 'aggregation-option-not-allowed', '/aggs/t/aggs/h/top_hits/query'],
    ['a top_hits size that is an object', { aggs: { h: { top_hits: { size: { index: 'x' } } } } }, 'malformed', '/aggs/h/top_hits/size'],
    ['a _source filter with an unknown key', { _source: { includes: ['a'], query: {} } }, 'malformed', '/_source/query'],
    ['a _source include that is an object', { _source: { includes: { index: 'x' } } }, 'malformed', '/_source/includes'],
    ['a docvalue field with an unknown key', { docvalue_fields: [{ field: 'ts', script: 'x' }] }, 'malformed', '/docvalue_fields/0/script'],
    ['a highlight tag that is an object', { highlight: { pre_tags: { a: 1 }, fields: { msg: {} } } }, 'malformed', '/highlight/pre_tags'],
    ['a highlight field option that is unknown', { highlight: { fields: { msg: { query: {} } } } }, 'highlight-option-not-allowed', '/highlight/fields/msg/query'],
    ['track_total_hits as an object', { track_total_hits: { index: 'x' } }, 'malformed', '/track_total_hits'],
    ['search_after holding an object', { search_after: [1, { x: 1 }] }, 'malformed', '/search_after/1'],
    ['an unknown slice key', { slice: { id: 0, max: 2, query: {} } }, 'body-key-not-allowed', '/slice/query'],
    ['an unknown rescore key', { rescore: { window_size: 5, query: { rescore_query: { match_all: {} }, other: 1 } } }, 'rescore-option-not-allowed', '/rescore/query/other'],
    ['an unknown collapse key', { collapse: { field: 's', query: {} } }, 'collapse-option-not-allowed', '/collapse/query'],
    ['an unknown terms aggregation key', { aggs: { t: { terms: { field: 's', lookup: {} } } } }, 'aggregation-option-not-allowed', '/aggs/t/terms/lookup'],
    ['a terms aggregation order that is not asc/desc', { aggs: { t: { terms: { field: 's', order: { _count: { x: 1 } } } } } }, 'malformed', '/aggs/t/terms/order/_count'],
    ['an unknown knn key', { knn: { field: 'v', query_vector: [1], k: 1, num_candidates: 1, lookup: {} } }, 'knn-option-not-allowed', '/knn/lookup'],
  ])('%s', (_name, body, reason, pointer) => {
    expectRefused({ body }, reason, { pointer });
  });

  it('refuses an unknown _msearch header key and a header value of the wrong kind', () => {
    expectRefused({ path: '/_msearch', body: [{ index: 'logs-app', query: {} }, {}] }, 'msearch-header-not-allowed', { pointer: '/0/query' });
    expectRefused({ path: '/_msearch', body: [{ index: 'logs-app', request_cache: { a: 1 } }, {}] }, 'malformed', { pointer: '/0/request_cache' });
  });
});

describe('the guarded body is built from parsed values only', () => {
  /** Every object and array reachable from `value`. */
  function containers(value: unknown, out = new Set<unknown>()): Set<unknown> {
    if (typeof value === 'object' && value !== null) {
      out.add(value);
      for (const item of Object.values(value)) containers(item, out);
    }
    return out;
  }

  it('shares no object or array with the input, even opaque data (meta, percolated documents)', () => {
    const body = {
      query: { bool: { filter: [{ terms: { service: ['a', 'b'] } }, { percolate: { field: 'q', document: { msg: { nested: ['x'] } } } }] } },
      sort: [{ _geo_distance: { loc: { lat: 1, lon: 2 } } }, { code: { order: 'desc', nested: { path: 'items', filter: { range: { 'items.qty': { gte: 1 } } } } } }],
      aggs: { t: { terms: { field: 'service', order: [{ _count: 'desc' }] }, meta: { color: { r: 1 } }, aggs: { h: { top_hits: { _source: { includes: ['a'] } } } } } },
      highlight: { pre_tags: ['<b>'], fields: [{ msg: { matched_fields: ['msg', 'msg.raw'] } }] },
      docvalue_fields: [{ field: 'ts', format: 'epoch_millis' }],
      search_after: [1, 'x'],
    };
    const inputs = containers(body);
    const output = guardedBody({ body });
    for (const item of containers(output)) expect(inputs.has(item)).toBe(false);
    expect(output['aggs']).toEqual(body.aggs);
  });
});
