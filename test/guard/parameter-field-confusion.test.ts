/**
 * `boost` and `_name` with a scalar value are parameters; with an object or
 * array value the engine reads them as a field of that name (OpenSearch
 * `TermsQueryBuilder.fromXContent` and the other field-keyed parsers: a
 * `START_OBJECT` or `START_ARRAY` starts the field). A known attack hides
 * a terms lookup under `boost`. The guard refuses a field named
 * like a parameter in every field-keyed clause, and a parameter of the wrong
 * kind in every other clause, wherever the clause is.
 */
import { describe, expect, it } from 'vitest';
import { expectRefused, guardedBody, wrapped } from './guard-helpers.js';
import { queryPlacements } from './placements.js';

const LOOKUP = { index: 'other-tenant', id: 'o1', path: 'apikey' };

/** Field-keyed clauses and a valid field value for each. */
const FIELD_KEYED: readonly (readonly [string, unknown])[] = [
  ['term', { value: 'x' }],
  ['terms', ['x']],
  ['terms_set', { terms: ['x'], minimum_should_match_field: 'n' }],
  ['range', { gte: 1 }],
  ['prefix', { value: 'x' }],
  ['wildcard', { value: 'x*' }],
  ['regexp', { value: 'x.*' }],
  ['match', { query: 'x' }],
  ['match_phrase', { query: 'x y' }],
  ['match_bool_prefix', { query: 'x y' }],
  ['span_term', { value: 'x' }],
  ['geo_distance', [0, 0]],
  ['geo_bounding_box', { top_left: [0, 1], bottom_right: [1, 0] }],
  ['geo_polygon', { points: [[0, 0], [1, 1], [1, 0]] }],
  ['geo_shape', { shape: { type: 'point', coordinates: [0, 0] } }],
  ['shape', { shape: { type: 'point', coordinates: [0, 0] } }],
  ['intervals', { match: { query: 'x' } }],
];

/**
 * Field-keyed clauses whose parser reads a scalar `boost` / `_name` beside the
 * field as parameters (`TermsQueryBuilder`, `Geo*QueryBuilder`,
 * `AbstractGeometryQueryBuilder`); the others read it as the short form of a
 * second field (`TermQueryBuilder`, `MatchQueryBuilder` ...) or fail
 * (`RangeQueryBuilder`, `TermsSetQueryBuilder`, `IntervalQueryBuilder`).
 */
const OUTER_PARAMETERS = new Set(['terms', 'geo_distance', 'geo_bounding_box', 'geo_polygon', 'geo_shape', 'shape']);

describe.each(FIELD_KEYED)('%s: boost / _name with an object or array value is a field, refused', (type, fieldValue) => {
  for (const parameter of ['boost', '_name']) {
    for (const [kind, value] of [
      ['object', { ...LOOKUP }],
      ['array', ['x']],
    ] as const) {
      it.each(queryPlacements({ [type]: { [parameter]: value } }))(`${parameter} as ${kind}, in %s`, (_where, request, pointer) => {
        expectRefused(request, 'parameter-as-field', { pointer: `${pointer}/${type}/${parameter}` });
      });
    }
  }

  if (OUTER_PARAMETERS.has(type)) {
    it('accepts the same clause with scalar boost and _name, as parameters', () => {
      const clause = { [type]: { f: fieldValue, boost: 2, _name: 'q1' } };
      expect(guardedBody({ body: { query: clause } })['query']).toEqual(wrapped(clause));
    });
  } else {
    it('refuses scalar boost beside the field: this parser reads it as a second field (or an error), not a parameter', () => {
      expectRefused({ body: { query: { [type]: { f: fieldValue, boost: 2 } } } }, 'parameter-as-field', { pointer: `/query/${type}/boost` });
    });
  }

  it('refuses a second field (the engine refuses it too; the guard must not pick one)', () => {
    expectRefused({ body: { query: { [type]: { f: fieldValue, g: fieldValue } } } }, 'malformed', { pointer: `/query/${type}/g` });
  });
});

/** Clauses whose keys are all parameters, with a minimal valid body. */
const OPTION_CLAUSES: readonly (readonly [string, Record<string, unknown>])[] = [
  ['match_all', {}],
  ['match_none', {}],
  ['exists', { field: 'f' }],
  ['ids', { values: ['1'] }],
  ['multi_match', { query: 'x', fields: ['a'] }],
  ['combined_fields', { query: 'x', fields: ['a'] }],
  ['query_string', { query: 'x' }],
  ['simple_query_string', { query: 'x' }],
  ['distance_feature', { field: 'ts', origin: 'now', pivot: '1d' }],
  ['rank_feature', { field: 'r' }],
  ['percolate', { field: 'q', document: {} }],
  ['parent_id', { type: 'a', id: '1' }],
  ['bool', {}],
  ['constant_score', { filter: { match_all: {} } }],
  ['dis_max', { queries: [] }],
  ['boosting', { positive: { match_all: {} }, negative: { match_all: {} }, negative_boost: 0.5 }],
  ['nested', { path: 'items', query: { match_all: {} } }],
  ['function_score', { query: { match_all: {} } }],
  ['pinned', { ids: ['1'], organic: { match_all: {} } }],
  ['span_near', { clauses: [{ span_term: { f: 'x' } }] }],
  ['span_or', { clauses: [{ span_term: { f: 'x' } }] }],
  ['span_first', { match: { span_term: { f: 'x' } }, end: 2 }],
  ['field_masking_span', { query: { span_term: { f: 'x' } }, field: 'g' }],
  ['knn', { field: 'v', query_vector: [1], k: 1 }],
];

describe.each(OPTION_CLAUSES)('%s: boost / _name must be a number / a string', (type, body) => {
  it.each(queryPlacements({ [type]: { ...body, boost: { ...LOOKUP } } }))('boost as an object, in %s', (_where, request, pointer) => {
    expectRefused(request, 'malformed', { pointer: `${pointer}/${type}/boost` });
  });

  it('refuses _name as an object and accepts scalar parameters', () => {
    expectRefused({ body: { query: { [type]: { ...body, _name: { ...LOOKUP } } } } }, 'malformed', { pointer: `/query/${type}/_name` });
    expect(() => guardedBody({ body: { query: { [type]: { ...body, boost: 1.5, _name: 'n' } } } })).not.toThrow();
  });
});

describe('the positions of known attacks', () => {
  it.each([
    ['terms under boost in post_filter', { post_filter: { terms: { boost: LOOKUP } } }, '/post_filter/terms/boost'],
    ['terms under _name in an aggregation filter', { aggs: { f: { filter: { terms: { _name: LOOKUP } } } } }, '/aggs/f/filter/terms/_name'],
    ['terms under boost in highlight_query', { highlight: { fields: { m: {} }, highlight_query: { terms: { boost: LOOKUP } } } }, '/highlight/highlight_query/terms/boost'],
    ['terms under boost in a function_score filter', { query: { function_score: { functions: [{ filter: { terms: { boost: LOOKUP } }, weight: 1 }] } } }, '/query/function_score/functions/0/filter/terms/boost'],
    ['terms_set under boost', { query: { terms_set: { boost: { terms: ['a'], minimum_should_match_field: 'n' } } } }, '/query/terms_set/boost'],
    ['geo_shape indexed_shape under boost', { query: { geo_shape: { boost: { indexed_shape: LOOKUP } } } }, '/query/geo_shape/boost'],
  ])('%s', (_name, body, pointer) => {
    expectRefused({ body }, 'parameter-as-field', { pointer });
  });

  it('refuses a decay function keyed by a parameter name', () => {
    expectRefused({ body: { query: { function_score: { gauss: { multi_value_mode: { origin: 0, scale: 1 } } } } } }, 'parameter-as-field', {
      pointer: '/query/function_score/gauss/multi_value_mode',
    });
  });
});
