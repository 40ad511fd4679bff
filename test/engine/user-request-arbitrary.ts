/**
 * Random user search bodies for the guard check, over the guard index's
 * fields: queries, aggregations (bucket, metric, nested, top_hits) and
 * `post_filter`, plus a share of known escapes (`global`,
 * `significant_terms`, `min_doc_count: 0`, `runtime_mappings`, terms lookup)
 * that the guard must refuse or, if it accepts them, keep within the token.
 *
 * Bodies never page (`from`) and always ask for every hit, so that the
 * guarded search and the same search on an index of the allowed documents
 * only can be compared as sets.
 */
import fc from 'fast-check';

type Body = Record<string, unknown>;

const keywordValue = fc.constantFrom('Acme', 'acme', 'a', 'b', '*', 'x', 'y');
const longValue = fc.constantFrom(0, 1, 7, 200, 127, -1, 9007199254740991);

const leafQuery: fc.Arbitrary<Body> = fc.oneof(
  fc.constant({ match_all: {} }),
  keywordValue.map((value) => ({ term: { kw: value } })),
  fc.array(keywordValue, { minLength: 1, maxLength: 3 }).map((values) => ({ terms: { kw_lower: values } })),
  fc.tuple(longValue, longValue).map(([a, b]) => ({ range: { long_f: { gte: Math.min(a, b), lte: Math.max(a, b) } } })),
  fc.constantFrom('kw', 'long_f', 'date_f', 'ip_f', 'bool_f', 'obj.a').map((field) => ({ exists: { field } })),
  fc.constantFrom('A', 'a', 'ac').map((value) => ({ prefix: { kw: value } })),
  fc.constantFrom('fox', 'acme', 'quick brown').map((text) => ({ match: { message: text } })),
  fc.constantFrom('A-1', 'B-2').map((sku) => ({ nested: { path: 'items', query: { term: { 'items.sku': sku } } } })),
  fc.constantFrom('2020-01-01', '2020').map((date) => ({ range: { date_f: { gte: date } } })),
  fc.constantFrom('192.168.0.0/16', '10.0.0.1').map((ip) => ({ term: { ip_f: ip } })),
);

const query: fc.Arbitrary<Body> = fc.oneof(
  { weight: 3, arbitrary: leafQuery },
  {
    weight: 2,
    arbitrary: fc
      .record(
        {
          must: fc.array(leafQuery, { maxLength: 2 }),
          should: fc.array(leafQuery, { maxLength: 3 }),
          must_not: fc.array(leafQuery, { maxLength: 1 }),
          filter: fc.array(leafQuery, { maxLength: 2 }),
        },
        { requiredKeys: [] },
      )
      .map((bool) => ({ bool })),
  },
);

const metricAggregation: fc.Arbitrary<Body> = fc.oneof(
  fc.constantFrom('long_f', 'int_f', 'double_f').map((field) => ({ max: { field } })),
  fc.constantFrom('long_f', 'int_f').map((field) => ({ value_count: { field } })),
  fc.constantFrom('kw', 'long_f').map((field) => ({ cardinality: { field } })),
  fc.constant({ top_hits: { size: 100, _source: false } }),
);

const bucketAggregation: fc.Arbitrary<Body> = fc.oneof(
  fc.constantFrom('kw', 'kw_lower', 'long_f', 'bool_f', 'ip_f', 'obj.a').map((field) => ({ terms: { field, size: 500 } })),
  leafQuery.map((filter) => ({ filter })),
  fc.tuple(leafQuery, leafQuery).map(([a, b]) => ({ filters: { filters: { a, b } } })),
  fc.constant({ range: { field: 'long_f', ranges: [{ to: 100 }, { from: 100, to: 1000 }, { from: 1000 }] } }),
  // Wide intervals: int_f spans the whole int range, and empty buckets in between are filled.
  // Empty buckets need bounds (the guard pins hard_bounds to them); without, only non-empty buckets.
  fc.constant({ histogram: { field: 'int_f', interval: 500_000_000, extended_bounds: { min: -2_500_000_000, max: 2_500_000_000 } } }),
  fc.constant({ histogram: { field: 'int_f', interval: 500_000_000, min_doc_count: 1 } }),
  fc.constant({ date_histogram: { field: 'date_f', calendar_interval: 'year', extended_bounds: { min: '1970-01-01', max: '2100-01-01' } } }),
  fc.constant({ date_histogram: { field: 'date_f', calendar_interval: 'year', min_doc_count: 1 } }),
  fc.constant({ missing: { field: 'kw' } }),
);

const aggregation: fc.Arbitrary<Body> = fc.oneof(
  { weight: 2, arbitrary: metricAggregation },
  { weight: 3, arbitrary: fc.tuple(bucketAggregation, fc.option(metricAggregation, { nil: undefined })).map(([bucket, sub]) => (sub === undefined ? bucket : { ...bucket, aggs: { sub } })) },
  {
    weight: 1,
    arbitrary: fc.constant({ nested: { path: 'items' }, aggs: { skus: { terms: { field: 'items.sku', size: 100 }, aggs: { back: { reverse_nested: {} } } } } }),
  },
);

/** Requests that try to read past the token's filter. */
const escape: fc.Arbitrary<Body> = fc.oneof(
  fc.constant({ aggs: { everything: { global: {}, aggs: { kw: { terms: { field: 'kw', size: 500 } } } } } }),
  fc.constant({ aggs: { sig: { significant_terms: { field: 'kw' } } } }),
  fc.constant({ aggs: { zero: { terms: { field: 'kw', size: 500, min_doc_count: 0 } } } }),
  fc.constant({ runtime_mappings: { kw: { type: 'keyword', script: { source: "emit('Acme')" } } }, query: { match_all: {} } }),
  fc.constant({ query: { terms: { kw: { index: 'engine-guard-full', id: 'r1', path: 'kw' } } } }),
  fc.constant({ query: { match_all: {} }, suggest: { s: { text: 'acme', term: { field: 'kw' } } } }),
  fc.constant({ query: { match_all: {} }, profile: true }),
);

/** A user's `_search` body. */
export const userSearchBodyArbitrary: fc.Arbitrary<Body> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record(
        {
          query,
          aggs: fc.dictionary(fc.constantFrom('a1', 'a2', 'a3'), aggregation, { minKeys: 1, maxKeys: 2 }),
          post_filter: leafQuery,
          track_total_hits: fc.constant(true),
        },
        { requiredKeys: [] },
      )
      .map((body) => ({ ...body, size: 10_000 })),
  },
  { weight: 2, arbitrary: escape.map((body) => ({ ...body, size: 10_000 })) },
);
