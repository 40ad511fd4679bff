/**
 * Where a real request puts a query clause, a sort or an aggregation, and
 * deeper nestings of each: every finding is tested in all of them.
 */

const ndjson = (...lines: unknown[]): string => lines.map((l) => `${JSON.stringify(l)}\n`).join('');

/** One placement: a name, the whole request, and the JSON pointer of the placed value. */
export type Placement = readonly [string, Record<string, unknown>, string];

/** A query clause `clause` in every place a query can hide. */
export function queryPlacements(clause: Record<string, unknown>): Placement[] {
  return [
    ['query', { body: { query: clause } }, '/query'],
    ['bool.filter inside post_filter', { body: { post_filter: { bool: { filter: [{ match_all: {} }, clause] } } } }, '/post_filter/bool/filter/1'],
    ['filter aggregation under terms', { body: { aggs: { t: { terms: { field: 'service' }, aggs: { f: { filter: clause } } } } } }, '/aggs/t/aggs/f/filter'],
    ['per-field highlight_query', { body: { highlight: { fields: { msg: { highlight_query: clause } } } } }, '/highlight/fields/msg/highlight_query'],
    ['function_score query', { body: { query: { function_score: { query: clause, functions: [{ weight: 2 }] } } } }, '/query/function_score/query'],
    [
      'nested sort filter inside collapse inner_hits',
      { body: { collapse: { field: 'service', inner_hits: { name: 'i', sort: [{ code: { nested: { path: 'items', filter: clause } } }] } } } },
      '/collapse/inner_hits/sort/0/code/nested/filter',
    ],
    ['second _msearch item', { path: '/_msearch', body: ndjson({}, {}, { index: 'logs-app' }, { query: { bool: { must: [clause] } } }) }, '/3/query/bool/must/0'],
  ];
}

/** A sort value in every place a sort can appear. */
export function sortPlacements(sort: unknown): Placement[] {
  return [
    ['top-level sort', { body: { sort } }, '/sort'],
    ['collapse inner_hits', { body: { collapse: { field: 'service', inner_hits: { name: 'i', sort } } } }, '/collapse/inner_hits/sort'],
    ['collapse inner_hits array', { body: { collapse: { field: 'service', inner_hits: [{ name: 'a' }, { name: 'i', sort }] } } }, '/collapse/inner_hits/1/sort'],
    ['nested query inner_hits', { body: { query: { nested: { path: 'items', query: { match_all: {} }, inner_hits: { sort } } } } }, '/query/nested/inner_hits/sort'],
    ['top_hits', { body: { aggs: { h: { top_hits: { sort } } } } }, '/aggs/h/top_hits/sort'],
    [
      'top_hits under terms and nested',
      { body: { aggs: { t: { terms: { field: 'service' }, aggs: { n: { nested: { path: 'items' }, aggs: { h: { top_hits: { size: 1, sort } } } } } } } } },
      '/aggs/t/aggs/n/aggs/h/top_hits/sort',
    ],
    ['top_metrics', { body: { aggs: { m: { top_metrics: { metrics: { field: 'code' }, sort } } } } }, '/aggs/m/top_metrics/sort'],
    [
      'bucket_sort',
      { body: { aggs: { t: { terms: { field: 'service' }, aggs: { s: { bucket_sort: { sort } } } } } } },
      '/aggs/t/aggs/s/bucket_sort/sort',
    ],
    ['second _msearch item', { path: '/_msearch', body: ndjson({}, {}, { index: 'logs-app' }, { sort }) }, '/3/sort'],
    ['_msearch given as an array', { path: '/_msearch', body: [{}, { sort }] }, '/1/sort'],
  ];
}

/** An aggregation in the places a real request puts one, and deeper. */
export function aggregationPlacements(aggregation: Record<string, unknown>): Placement[] {
  return [
    ['top level', { body: { aggs: { a: aggregation } } }, '/aggs/a'],
    ['under terms', { body: { aggs: { t: { terms: { field: 'service' }, aggs: { a: aggregation } } } } }, '/aggs/t/aggs/a'],
    [
      'under filter and nested',
      { body: { aggregations: { f: { filter: { match_all: {} }, aggs: { n: { nested: { path: 'items' }, aggs: { a: aggregation } } } } } } },
      '/aggregations/f/aggs/n/aggs/a',
    ],
    ['_msearch item', { path: '/_msearch', body: ndjson({ index: 'logs-app' }, { size: 0, aggs: { a: aggregation } }) }, '/1/aggs/a'],
  ];
}
