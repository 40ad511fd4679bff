/**
 * What dashboards really send must pass: Kibana Discover and OpenSearch
 * Dashboards bodies carry empty `script_fields` and `runtime_mappings`,
 * Lens uses `random_sampler`, clients send a trailing slash, and both
 * engines' clients add harmless execution parameters. Non-empty
 * `script_fields` / `runtime_mappings` stay refused.
 */
import { describe, expect, it } from 'vitest';
import { expectRefused, guard, guardedBody, wrapped } from './guard-helpers.js';

const DISCOVER_BODY = {
  sort: [{ '@timestamp': { order: 'desc', unmapped_type: 'boolean' } }],
  fields: [{ field: '*', include_unmapped: 'true' }, { field: '@timestamp', format: 'strict_date_optional_time' }],
  size: 500,
  version: true,
  script_fields: {},
  stored_fields: ['*'],
  runtime_mappings: {},
  _source: false,
  query: {
    bool: {
      must: [],
      filter: [
        { multi_match: { type: 'best_fields', query: 'timeout', lenient: true } },
        { range: { '@timestamp': { format: 'strict_date_optional_time', gte: '2024-05-01T00:00:00.000Z', lte: '2024-05-01T01:00:00.000Z' } } },
      ],
      should: [],
      must_not: [],
    },
  },
  highlight: { pre_tags: ['@kibana-highlighted-field@'], post_tags: ['@/kibana-highlighted-field@'], fields: { '*': {} }, fragment_size: 2147483647 },
  aggs: { '2': { date_histogram: { field: '@timestamp', fixed_interval: '30s', time_zone: 'Europe/Paris', min_doc_count: 1 } } },
  track_total_hits: true,
};

describe('dashboard request shapes', () => {
  it('accepts a Discover body with empty script_fields and runtime_mappings', () => {
    const body = guardedBody({ path: '/logs-app/_search', body: DISCOVER_BODY });
    expect(body['query']).toEqual(wrapped(DISCOVER_BODY.query));
    expect(body['script_fields']).toEqual({});
    expect(body['runtime_mappings']).toEqual({});
  });

  it('accepts empty script_fields and runtime_mappings inside _msearch items, and refuses non-empty ones', () => {
    expect(() => guard({ path: '/_msearch', body: [{ index: 'logs-app' }, { script_fields: {}, runtime_mappings: {} }] })).not.toThrow();
    expectRefused({ body: { script_fields: { x: { script: { source: '1' } } } } }, 'script', { pointer: '/script_fields' });
    expectRefused({ body: { runtime_mappings: { tenant: { type: 'keyword' } } } }, 'runtime-mappings', { pointer: '/runtime_mappings' });
    expectRefused({ path: '/_msearch', body: [{}, { runtime_mappings: { t: { type: 'keyword' } } }] }, 'runtime-mappings', { pointer: '/1/runtime_mappings' });
  });

  it('accepts a Lens random_sampler with sub-aggregations, and refuses its unknown options', () => {
    const aggs = { sampler: { random_sampler: { probability: 0.01, seed: 42 }, aggs: { '0': { terms: { field: 'service', size: 5 } } } } };
    expect(guardedBody({ body: { size: 0, aggs } })['aggs']).toEqual(aggs);
    expectRefused({ body: { aggs: { s: { random_sampler: { probability: 0.1, query: {} } } } } }, 'aggregation-option-not-allowed', { pointer: '/aggs/s/random_sampler/query' });
  });

  it('accepts a trailing slash on every endpoint path', () => {
    expect(guard({ path: '/logs-app/_search/' }).path).toBe('/logs-app/_search');
    expect(guard({ path: '/logs-app/_count/' }).path).toBe('/logs-app/_count');
    expect(guard({ path: '/_msearch/', body: [{ index: 'logs-app' }, {}] }).path).toBe('/_msearch');
    expectRefused({ path: '/logs-app/_search//' }, 'path-invalid', {});
  });

  it.each([
    ['cancel_after_time_interval', '30s'],
    ['phase_took', 'true'],
    ['pre_filter_shard_size', '1'],
    ['ccs_minimize_roundtrips', 'true'],
    ['ignore_throttled', 'false'],
    ['max_concurrent_shard_requests', '5'],
  ])('accepts the URL parameter %s on _search and _msearch', (parameter, value) => {
    expect(guard({ path: '/logs-app/_search', params: { [parameter]: value } }).params[parameter]).toBe(value);
    expect(guard({ path: '/_msearch', params: { [parameter]: value }, body: [{ index: 'logs-app' }, {}] }).params[parameter]).toBe(value);
  });

  it('still refuses a remote index when ccs_minimize_roundtrips is given', () => {
    expectRefused({ path: '/remote:logs-app/_search', params: { ccs_minimize_roundtrips: 'true' } }, 'index-remote', { parameter: 'path' });
  });
});
