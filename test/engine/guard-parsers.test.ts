/**
 * What the engines' query parsers really do with the forms where the guard's
 * reading of a clause was corrected: each request goes to the node as is
 * (no guard), and the test pins whether the engine refuses it (a 4xx
 * parse error) or reads it, and how many documents it then matches. Beside
 * each, the guard's verdict on the same clause: it refuses every form an
 * engine reads differently from the guard's old reading, every form one
 * engine refuses (the stricter reading), and every deprecated name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { UnsafeRequestError } from '../../src/errors.js';
import { guardSearchRequest } from '../../src/index.js';
import type { EngineIdentity } from './engine.js';
import { engineIdentity } from './engine.js';
import { createIndex, engine } from './plain-rest.js';

const index = 'engine-guard-parsers';

/** One document; its field called `boost` shows how a parser reads the name `boost`. */
const DOCUMENT = { f: 'x', msg: 'alpha beta', n: 5, loc: { lat: 1, lon: 1 }, boost: 'x', tenant: 'acme' };
const PROPERTIES = {
  f: { type: 'keyword' },
  msg: { type: 'text' },
  n: { type: 'long' },
  loc: { type: 'geo_point' },
  boost: { type: 'keyword' },
  tenant: { type: 'keyword' },
};

/** What the engine does: a parse error, or a search matching `hits` documents. */
type EngineReading = { readonly error: true } | { readonly hits: number };

interface Case {
  readonly name: string;
  readonly query: Record<string, unknown>;
  /**
   * The engine's reading, by product (the same for both unless given per product), and where a
   * major version of a product reads it differently, under `<product>-<major>` (`opensearch-3`).
   */
  readonly engine:
    | EngineReading
    | { readonly opensearch: EngineReading; readonly elasticsearch: EngineReading; readonly [productMajor: `${'opensearch' | 'elasticsearch'}-${number}`]: EngineReading };
  /** The guard's verdict: the refusal reason, or `accepted`. */
  readonly guard: string;
}

const ERROR = { error: true } as const;

const CASES: readonly Case[] = [
  // TermQueryBuilder: an outer value token is the short form of a field, so `boost` beside the field is a second field.
  { name: 'term: scalar boost beside the field', query: { term: { f: 'x', boost: 2 } }, engine: ERROR, guard: 'parameter-as-field' },
  // ... and alone it is a term query on a field called boost: the document matches through its `boost` field.
  { name: 'term: scalar boost alone is a field called boost', query: { term: { boost: 'x' } }, engine: { hits: 1 }, guard: 'parameter-as-field' },
  // TermsQueryBuilder reads outer boost as the parameter: accepted by both.
  { name: 'terms: scalar boost beside the field is the parameter', query: { terms: { f: ['x'], boost: 2 } }, engine: { hits: 1 }, guard: 'accepted' },
  // RangeQueryBuilder: any outer value token is an error.
  { name: 'range: scalar boost beside the field', query: { range: { n: { gte: 1 }, boost: 2 } }, engine: ERROR, guard: 'parameter-as-field' },
  // MatchQueryBuilder: like term.
  { name: 'match: scalar boost beside the field', query: { match: { msg: 'alpha', boost: 2 } }, engine: ERROR, guard: 'parameter-as-field' },
  // PrefixQueryBuilder: the value has one name, `value`.
  { name: 'prefix: "prefix" inside the field object', query: { prefix: { f: { prefix: 'x' } } }, engine: ERROR, guard: 'query-option-not-allowed' },
  // TermQueryBuilder: `term` is the other name of `value`.
  { name: 'term: "term" inside the field object', query: { term: { f: { term: 'x' } } }, engine: { hits: 1 }, guard: 'accepted' },
  // GeoBoundingBoxQueryBuilder: coerce is gone from the parser.
  {
    name: 'geo_bounding_box: coerce',
    query: { geo_bounding_box: { loc: { top_left: [0, 2], bottom_right: [2, 0] }, coerce: true } },
    engine: ERROR,
    guard: 'malformed',
  },
  // GeoBoundingBox.parseBoundingBox: no boost inside the field object.
  {
    name: 'geo_bounding_box: boost inside the field object',
    query: { geo_bounding_box: { loc: { top_left: [0, 2], bottom_right: [2, 0], boost: 2 } } },
    engine: ERROR,
    guard: 'query-option-not-allowed',
  },
  // GeoDistanceQueryBuilder: `<field>.lat` / `<field>.lon` are coordinates of the field.
  { name: 'geo_distance: loc.lat and loc.lon', query: { geo_distance: { distance: '500km', 'loc.lat': 1, 'loc.lon': 1 } }, engine: { hits: 1 }, guard: 'parameter-as-field' },
  // FunctionScoreQueryBuilder: a top-level object other than query is a score function; `filter` is none.
  { name: 'function_score: top-level filter', query: { function_score: { filter: { term: { f: 'x' } } } }, engine: ERROR, guard: 'query-option-not-allowed' },
  // BoolQueryBuilder: must_not's deprecated name mustNot is still read.
  { name: 'bool: deprecated mustNot', query: { bool: { mustNot: [{ term: { f: 'y' } }] } }, engine: { hits: 1 }, guard: 'query-option-not-allowed' },
  // QueryParsers.parseRewriteMethod: OpenSearch 2 does not know constant_score_blended (Lucene 9's
  // blended rewrite); OpenSearch 3 and Elasticsearch 8 read it.
  {
    name: 'wildcard: rewrite constant_score_blended',
    query: { wildcard: { f: { value: 'x*', rewrite: 'constant_score_blended' } } },
    engine: { opensearch: ERROR, 'opensearch-3': { hits: 1 }, elasticsearch: { hits: 1 } },
    guard: 'term-dictionary-oracle',
  },
  // QueryStringQueryBuilder: fields only as an array.
  { name: 'query_string: fields as a string', query: { query_string: { query: 'x', fields: 'f' } }, engine: ERROR, guard: 'malformed' },
  // IntervalQueryBuilder: one rule per field.
  {
    name: 'intervals: two rules',
    query: { intervals: { msg: { match: { query: 'alpha' }, any_of: { intervals: [{ match: { query: 'beta' } }] } } } },
    engine: ERROR,
    guard: 'malformed',
  },
  // IntervalQueryBuilder: boost beside the field is an error (the field object must be the only key).
  { name: 'intervals: scalar boost beside the field', query: { intervals: { msg: { match: { query: 'alpha' } }, boost: 2 } }, engine: ERROR, guard: 'parameter-as-field' },
  // IntervalsSourceProvider.Match: `mode` is OpenSearch's; Elasticsearch 8 reads `ordered` only.
  {
    name: 'intervals: match mode',
    query: { intervals: { msg: { match: { query: 'alpha beta', mode: 'ordered' } } } },
    engine: { opensearch: { hits: 1 }, elasticsearch: ERROR },
    guard: 'query-option-not-allowed',
  },
  // SpanNearQueryBuilder.checkNoBoost: a nested span clause cannot carry a boost.
  {
    name: 'span_near: a nested span_term with a boost',
    query: { span_near: { clauses: [{ span_term: { msg: { value: 'alpha', boost: 2 } } }, { span_term: { msg: 'beta' } }], slop: 1 } },
    engine: ERROR,
    guard: 'malformed',
  },
  // The same span_near without the nested boost matches.
  {
    name: 'span_near: nested span_terms without a boost',
    query: { span_near: { clauses: [{ span_term: { msg: 'alpha' } }, { span_term: { msg: 'beta' } }], slop: 1, boost: 2 } },
    engine: { hits: 1 },
    guard: 'accepted',
  },
  // SimpleQueryStringBuilder: fields only as an array.
  { name: 'simple_query_string: fields as a string', query: { simple_query_string: { query: 'alpha', fields: 'msg' } }, engine: ERROR, guard: 'malformed' },
  // ... and as an array it is read.
  { name: 'simple_query_string: fields as an array', query: { simple_query_string: { query: 'alpha', fields: ['msg'] } }, engine: { hits: 1 }, guard: 'accepted' },
  // TermsSetQueryBuilder: minimum_should_match is not read by OpenSearch.
  {
    name: 'terms_set: minimum_should_match',
    query: { terms_set: { f: { terms: ['x'], minimum_should_match: 1 } } },
    engine: { opensearch: ERROR, elasticsearch: { hits: 1 } },
    guard: 'query-option-not-allowed',
  },
  // GeoBoundingBoxQueryBuilder: `type` is OpenSearch's only.
  {
    name: 'geo_bounding_box: type',
    query: { geo_bounding_box: { loc: { top_left: [0, 2], bottom_right: [2, 0] }, type: 'indexed' } },
    engine: { opensearch: { hits: 1 }, elasticsearch: ERROR },
    guard: 'malformed',
  },
  // GeoPolygonQueryBuilder: the field object holds points only.
  {
    name: 'geo_polygon: boost inside the field object',
    query: { geo_polygon: { loc: { points: [[0, 0], [0, 2], [2, 2], [2, 0]], boost: 2 } } },
    engine: ERROR,
    guard: 'query-option-not-allowed',
  },
];

function readingFor(expected: Case['engine'], identity: EngineIdentity): EngineReading {
  if (!('opensearch' in expected)) return expected;
  return expected[`${identity.product}-${identity.major}`] ?? expected[identity.product];
}

function guardVerdict(query: Record<string, unknown>): string {
  try {
    guardSearchRequest({ path: `/${index}/_search`, body: { query } }, { kind: 'term', field: 'tenant', value: 'acme' }, {
      indices: [index],
      fields: { tenant: { type: 'keyword' } },
    });
    return 'accepted';
  } catch (error) {
    if (error instanceof UnsafeRequestError) return error.reason;
    throw error;
  }
}

describe(`query parsers on ${engineIdentity().name}`, () => {
  beforeAll(async () => {
    await createIndex(index, PROPERTIES, [DOCUMENT]);
  }, 120_000);

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const response = await engine(`/${index}/_search`, { method: 'POST', body: JSON.stringify({ query: c.query }) });
    const seen: EngineReading =
      response.status >= 400 && response.status < 500
        ? ERROR
        : { hits: (response.body as { hits: { total: { value: number } } }).hits.total.value };
    expect({ status: response.status < 500, seen }).toEqual({ status: true, seen: readingFor(c.engine, engineIdentity()) });
    expect(guardVerdict(c.query)).toBe(c.guard);
  });
});
