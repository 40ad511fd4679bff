/**
 * Leaf query clauses: the grammar of every clause that holds no other
 * clause, as tables read the way the engines' `*QueryBuilder.fromXContent`
 * read them (OpenSearch 2.19 and Elasticsearch 8; where they differ, the
 * stricter reading). Options whose result depends on the index-wide term
 * dictionary (expansion caps, top-N rewrites, document frequencies) are
 * refused with `term-dictionary-oracle`: hidden documents' terms would
 * change which visible documents match.
 *
 * @packageDocumentation
 */
import type { JsonValue } from './json-value.js';
import { isJsonObject } from './json-value.js';
import type { Kind } from './json-kinds.js';
import {
  arrayOf, boolean, geoPoint, geoShape, nullableScalar, number, oneOf, oneOrArrayOf, opaqueObject, scalar, string, stringOrNumber,
} from './json-kinds.js';
import type { KeyRules, RefusedKey } from './object-rules.js';
import { expectObject, walkObject } from './object-rules.js';
import type { FieldValue } from './clause-forms.js';
import { fieldKeyed, NAME_AND_BOOST, objectOf, optionObject, oracle, shortOrObject } from './clause-forms.js';
import { refuse, shown } from './refusal.js';

const stringList = oneOrArrayOf(string);

/**
 * `rewrite` of a multi-term query: only `constant_score`, which matches
 * every expanded term. `top_terms_*` keeps the N best terms of the whole
 * index; the `*_boolean` rewrites fail past the clause limit, counting
 * hidden terms. OpenSearch 2's `QueryParsers.parseRewriteMethod` does not
 * know `constant_score_blended` (OpenSearch 3 and Elasticsearch do), so the
 * stricter reading refuses it.
 */
const rewrite: Kind = (value, pointer) =>
  value === 'constant_score'
    ? value
    : refuse('term-dictionary-oracle', 'Only the constant_score rewrite is accepted: the others choose or count terms over the whole index, hidden documents included.', { pointer });

const FUZZY_OPTIONS_ORACLE = {
  fuzziness: oracle('Fuzzy matching expands to at most max_expansions terms of the whole index, so a hidden term can push a visible document out.'),
  max_expansions: oracle('max_expansions caps expansion over the whole index, hidden documents included.'),
  fuzzy_rewrite: oracle('fuzzy_rewrite chooses terms over the whole index, hidden documents included.'),
  cutoff_frequency: oracle('cutoff_frequency splits terms by their frequency in the whole index, hidden documents included.'),
} as const;

const refusedClause = (reason: string, why: string): RefusedKey => ({ refuse: reason, why });

/** `max_determinized_states`: at most the engines' default (10,000); higher lets one short regexp keep a search thread busy for minutes. */
const determinizeLimit: Kind = (value, pointer) => {
  const parsed = number(value, pointer);
  return Number(parsed) <= 10_000 ? parsed : refuse('regexp-too-complex', 'max_determinized_states above 10000 lets one pattern run for minutes.', { pointer, limit: 10_000 });
};

/** A `query_string` / `simple_query_string` text: fuzzy `term~` syntax is refused, phrase slop `"a b"~2` is not. */
function queryText(what: string): Kind {
  return (value, pointer) => {
    const text = string(value, pointer) as string;
    // The engines do not read quotes as a simple toggle (a quote inside /regexp/, an unterminated
    // quote in simple_query_string is plain text), so every `~` is fuzzy unless it is phrase slop:
    // right after a closing quote of a phrase that opens at the start or after a space or operator.
    const plain = text.replace(/\\[\s\S]/g, '  ');
    let quotes = 0;
    let open = -1;
    for (let i = 0; i < plain.length; i += 1) {
      const c = plain[i];
      if (c === '"') {
        if (quotes % 2 === 0) open = i;
        quotes += 1;
      } else if (c === '~') {
        const before = open <= 0 ? ' ' : (plain[open - 1] as string);
        const slop = quotes > 0 && quotes % 2 === 0 && plain[i - 1] === '"' && /[\s(+\-|!:]/.test(before);
        if (!slop) refuse('term-dictionary-oracle', `Fuzzy terms (term~) in ${what} expand over the whole index, hidden documents included.`, { pointer });
      }
    }
    return text;
  };
}

/** Multi-field types; `phrase_prefix` expands its last term to max_expansions terms of the whole index. */
const multiFieldType: Kind = (value, pointer) =>
  value === 'phrase_prefix'
    ? refuse('term-dictionary-oracle', 'phrase_prefix expands its last term to at most max_expansions terms of the whole index.', { pointer })
    : oneOf('best_fields', 'most_fields', 'cross_fields', 'phrase', 'bool_prefix')(value, pointer);

const ORACLE_CLAUSES: Readonly<Record<string, RefusedKey>> = {
  fuzzy: oracle('fuzzy expands to at most max_expansions (default 50) terms of the whole index, so a hidden term can push a visible document out.'),
  match_phrase_prefix: oracle('match_phrase_prefix expands its last term to at most max_expansions (default 50) terms of the whole index.'),
  span_multi: oracle('span_multi rewrites its multi-term query to the top terms of the whole index.'),
  more_like_this: oracle('more_like_this picks its terms by document frequency over the whole index (min_doc_freq, max_query_terms), hidden documents included.'),
};

/**
 * One intervals rule: an object with exactly one key, the rule type
 * (OpenSearch `IntervalsSourceProvider.fromXContent` / `parseInnerIntervals`,
 * Elasticsearch `IntervalsSourceProvider.fromXContent`).
 */
function intervalRule(value: JsonValue, pointer: string): JsonValue {
  const source = expectObject(value, pointer, 'An intervals rule');
  const keys = Object.keys(source);
  if (keys.length !== 1) refuse('malformed', 'An intervals rule must have exactly one key, its type.', { pointer });
  return walkObject(source, pointer, 'An intervals rule', INTERVAL_RULES, 'query-option-not-allowed');
}

/**
 * The object under the intervals field: one rule, plus `boost` and `_name`
 * (OpenSearch and Elasticsearch `IntervalQueryBuilder.fromXContent`).
 */
function intervalsField(value: JsonValue, pointer: string): JsonValue {
  const source = expectObject(value, pointer, 'intervals');
  const rules = Object.keys(source).filter((key) => key !== 'boost' && key !== '_name');
  if (rules.length !== 1) refuse('malformed', 'intervals takes exactly one rule.', { pointer });
  return walkObject(source, pointer, 'intervals', { ...NAME_AND_BOOST, ...INTERVAL_RULES }, 'query-option-not-allowed');
}

// IntervalsSourceProvider.IntervalFilter.fromXContent
function intervalFilter(value: JsonValue, pointer: string): JsonValue {
  const rules: Record<string, Kind | RefusedKey> = { script: refusedClause('script', 'Scripts are refused in interval filters.') };
  for (const key of ['after', 'before', 'contained_by', 'containing', 'not_contained_by', 'not_containing', 'not_overlapping', 'overlapping']) {
    Object.defineProperty(rules, key, { value: intervalRule, enumerable: true });
  }
  return walkObject(value, pointer, 'An intervals filter', rules, 'query-option-not-allowed');
}

const EXPANDING_INTERVAL = oracle('This intervals rule expands to at most 128 terms of the whole index, hidden documents included.');

// IntervalsSourceProvider.Match / Disjunction / Combine PARSER. `ordered` is deprecated in OpenSearch 2.x
// (which adds `mode`) but read by both engines; `mode` is OpenSearch only, so it is refused.
const INTERVAL_RULES: KeyRules = {
  match: optionObject('intervals match', { query: string, max_gaps: number, ordered: boolean, analyzer: string, use_field: string, filter: intervalFilter }),
  any_of: optionObject('intervals any_of', { intervals: arrayOf(intervalRule), filter: intervalFilter }),
  all_of: optionObject('intervals all_of', { intervals: arrayOf(intervalRule), max_gaps: number, ordered: boolean, filter: intervalFilter }),
  prefix: EXPANDING_INTERVAL,
  wildcard: EXPANDING_INTERVAL,
  fuzzy: EXPANDING_INTERVAL,
  regexp: EXPANDING_INTERVAL,
  range: EXPANDING_INTERVAL,
};

const termsValues = (value: JsonValue, pointer: string, field: string): JsonValue => {
  if (isJsonObject(value)) {
    return refuse('terms-lookup', `terms on "${field.slice(0, 64)}" must list its values; a lookup reads another document with the service's rights.`, { pointer });
  }
  return arrayOf(scalar)(value, pointer);
};

// AbstractGeometryQueryBuilder.parsedParamsFromXContent (+ GeoShapeQueryBuilder / ShapeQueryBuilder
// parseXContentField): the field object holds shape, relation, strategy (geo_shape), indexed_shape; no boost.
const shapeField = (what: string, extra: KeyRules) =>
  objectOf(what, {
    shape: geoShape,
    relation: string,
    ...extra,
    indexed_shape: refusedClause('indexed-shape', "indexed_shape reads another document with the service's rights."),
  });

/** Outer parameters of the geo point clauses (`coerce` and `ignore_malformed` are gone from both engines' parsers). */
const GEO_OUTER: KeyRules = { ...NAME_AND_BOOST, validation_method: string, ignore_unmapped: boolean };

/** The geo_distance field: `GeoDistanceQueryBuilder.fromXContent` reads `<field>.lat` / `<field>.lon` as coordinates, so such names are refused. */
const geoDistanceField: FieldValue = (value, pointer, field) => {
  if (field.endsWith('.lat') || field.endsWith('.lon')) {
    refuse('parameter-as-field', `"${shown(field)}" is read by geo_distance as one coordinate of a field, not as a field.`, { pointer });
  }
  return geoPoint(value, pointer);
};

/**
 * Parsers of leaf clause bodies, by clause type. Each entry names the parser
 * it follows (OpenSearch 2.19 `org.opensearch.index.query`, Elasticsearch 8
 * `org.elasticsearch.index.query`, same class names unless said); where they
 * differ, the stricter reading.
 */
export const LEAF_CLAUSES: Readonly<Record<string, Kind>> = {
  // MatchAllQueryBuilder / MatchNoneQueryBuilder.fromXContent: boost, _name only.
  match_all: optionObject('match_all', NAME_AND_BOOST),
  match_none: optionObject('match_none', NAME_AND_BOOST),
  // TermQueryBuilder.fromXContent: an outer value token is the short form of a field (no outer boost);
  // inside: value or its other name term, boost, _name, case_insensitive.
  term: fieldKeyed('term', {}, shortOrObject('term', scalar, { value: scalar, term: scalar, case_insensitive: boolean })),
  // TermsQueryBuilder.fromXContent: outer value tokens boost, _name (value_type: OpenSearch only); an array is the values,
  // an object is a lookup.
  terms: fieldKeyed(
    'terms',
    { ...NAME_AND_BOOST, value_type: refusedClause('terms-lookup', 'terms value_type (bitmap) hides the values from the guard.') },
    termsValues,
  ),
  // TermsSetQueryBuilder.fromXContent: exactly one key, the field; inside terms, minimum_should_match_field,
  // minimum_should_match_script, boost, _name (minimum_should_match: Elasticsearch 8.19 reads it, OpenSearch 2.19 refuses it).
  terms_set: fieldKeyed(
    'terms_set',
    {},
    shortOrObject('terms_set', undefined, {
      terms: arrayOf(scalar),
      minimum_should_match_field: string,
      minimum_should_match_script: refusedClause('script', 'Scripts are refused in terms_set.'),
    }),
  ),
  // RangeQueryBuilder.fromXContent: an outer value token is an error (no outer boost); the field object holds the bounds.
  // OpenSearch 3.6+ refuses two bounds on one side (`gte` with `gt`, `include_lower` beside `gt`/`gte`) where older
  // versions keep the last: the stricter reading takes one bound key per side, `include_*` only with `from`/`to`.
  range: fieldKeyed(
    'range',
    {},
    oneBoundPerSide(
      shortOrObject('range', undefined, {
        gt: nullableScalar, gte: nullableScalar, lt: nullableScalar, lte: nullableScalar, from: nullableScalar, to: nullableScalar,
        include_lower: boolean, include_upper: boolean, format: string, time_zone: string, relation: string,
      }),
    ),
  ),
  // ExistsQueryBuilder.fromXContent
  exists: optionObject('exists', { ...NAME_AND_BOOST, field: string }),
  // IdsQueryBuilder PARSER
  ids: optionObject('ids', { ...NAME_AND_BOOST, values: arrayOf(scalar) }),
  // PrefixQueryBuilder.fromXContent: inside value (its only name), rewrite, case_insensitive, boost, _name; no outer boost.
  prefix: fieldKeyed('prefix', {}, shortOrObject('prefix', string, { value: string, case_insensitive: boolean, rewrite })),
  // WildcardQueryBuilder.fromXContent: inside wildcard or value, rewrite, case_insensitive, boost, _name; no outer boost.
  wildcard: fieldKeyed('wildcard', {}, shortOrObject('wildcard', string, { value: string, wildcard: string, case_insensitive: boolean, rewrite })),
  // RegexpQueryBuilder.fromXContent: no outer boost.
  regexp: fieldKeyed(
    'regexp',
    {},
    shortOrObject('regexp', string, { value: string, flags: string, flags_value: number, max_determinized_states: determinizeLimit, case_insensitive: boolean, rewrite }),
  ),
  // MatchQueryBuilder.fromXContent: value tokens only inside the field object; no outer boost.
  match: fieldKeyed(
    'match',
    {},
    shortOrObject('match', scalar, {
      query: scalar, operator: string, analyzer: string, lenient: boolean, zero_terms_query: string, minimum_should_match: stringOrNumber,
      auto_generate_synonyms_phrase_query: boolean, prefix_length: number, fuzzy_transpositions: boolean, ...FUZZY_OPTIONS_ORACLE,
    }),
  ),
  // MatchPhraseQueryBuilder.fromXContent: no outer boost.
  match_phrase: fieldKeyed(
    'match_phrase',
    {},
    shortOrObject('match_phrase', scalar, { query: scalar, analyzer: string, slop: number, zero_terms_query: string }),
  ),
  // MatchBoolPrefixQueryBuilder.fromXContent: the last term is a constant-score prefix query unless fuzzy options say otherwise.
  match_bool_prefix: fieldKeyed(
    'match_bool_prefix',
    {},
    shortOrObject('match_bool_prefix', scalar, {
      query: scalar, analyzer: string, operator: string, minimum_should_match: stringOrNumber, prefix_length: number, fuzzy_transpositions: boolean,
      ...FUZZY_OPTIONS_ORACLE,
    }),
  ),
  // MultiMatchQueryBuilder.fromXContent: fields is a string or an array.
  multi_match: optionObject('multi_match', {
    ...NAME_AND_BOOST,
    query: scalar, fields: stringList, type: multiFieldType, operator: string, analyzer: string, slop: number, prefix_length: number,
    minimum_should_match: stringOrNumber, tie_breaker: number, lenient: boolean, zero_terms_query: string, auto_generate_synonyms_phrase_query: boolean,
    fuzzy_transpositions: boolean, ...FUZZY_OPTIONS_ORACLE,
    rewrite: oracle('rewrite chooses terms over the whole index, hidden documents included.'),
  }),
  // CombinedFieldsQueryBuilder.fromXContent (Elasticsearch 8; OpenSearch 3, which lacks zero_terms_query and
  // auto_generate_synonyms_phrase_query: refused, the stricter reading; OpenSearch 2 has no such query).
  combined_fields: optionObject('combined_fields', {
    ...NAME_AND_BOOST, query: scalar, fields: stringList, operator: string, minimum_should_match: stringOrNumber,
  }),
  // QueryStringQueryBuilder.fromXContent: fields is an array only (a string there is an error).
  query_string: optionObject('query_string', {
    ...NAME_AND_BOOST,
    query: queryText('query_string'), default_field: string, fields: arrayOf(string), default_operator: string, analyzer: string, quote_analyzer: string,
    allow_leading_wildcard: boolean, enable_position_increments: boolean, fuzzy_prefix_length: number, fuzzy_transpositions: boolean,
    phrase_slop: number, analyze_wildcard: boolean, max_determinized_states: determinizeLimit, minimum_should_match: stringOrNumber, lenient: boolean,
    time_zone: string, quote_field_suffix: string, auto_generate_synonyms_phrase_query: boolean, type: multiFieldType, tie_breaker: number,
    escape: boolean,
    fuzzy_max_expansions: oracle('fuzzy_max_expansions caps fuzzy expansion over the whole index, hidden documents included.'),
    fuzziness: oracle('Fuzzy matching expands over the whole index, hidden documents included.'),
    rewrite: rewrite,
    fuzzy_rewrite: oracle('fuzzy_rewrite chooses terms over the whole index, hidden documents included.'),
  }),
  // SimpleQueryStringBuilder.fromXContent: fields is an array only; flags a string or a number.
  simple_query_string: optionObject('simple_query_string', {
    ...NAME_AND_BOOST,
    query: queryText('simple_query_string'), fields: arrayOf(string), default_operator: string, analyzer: string, flags: stringOrNumber,
    fuzzy_prefix_length: number, fuzzy_transpositions: boolean, lenient: boolean, minimum_should_match: stringOrNumber, quote_field_suffix: string,
    analyze_wildcard: boolean, auto_generate_synonyms_phrase_query: boolean,
    fuzzy_max_expansions: oracle('fuzzy_max_expansions caps fuzzy expansion over the whole index, hidden documents included.'),
  }),
  // GeoBoundingBoxQueryBuilder.fromXContent (outer _name, boost, validation_method, ignore_unmapped; `type` is
  // OpenSearch only, Elasticsearch 8 refuses it) and GeoBoundingBox.parseBoundingBox (the field object: corners,
  // sides or wkt; no boost, no camelCase names).
  geo_bounding_box: fieldKeyed(
    'geo_bounding_box',
    GEO_OUTER,
    objectOf('geo_bounding_box', {
      top_left: geoPoint, bottom_right: geoPoint, top_right: geoPoint, bottom_left: geoPoint,
      top: number, left: number, bottom: number, right: number, wkt: string,
    }),
  ),
  // GeoDistanceQueryBuilder.fromXContent: the field's value is the point; outer distance, unit, distance_type,
  // _name, boost, ignore_unmapped, validation_method.
  geo_distance: fieldKeyed('geo_distance', { ...GEO_OUTER, distance: stringOrNumber, distance_type: string, unit: string }, geoDistanceField),
  // GeoPolygonQueryBuilder.fromXContent: the field object holds points only.
  geo_polygon: fieldKeyed('geo_polygon', GEO_OUTER, objectOf('geo_polygon', { points: arrayOf(geoPoint) })),
  // GeoShapeQueryBuilder / ShapeQueryBuilder (Elasticsearch) via AbstractGeometryQueryBuilder.parsedParamsFromXContent:
  // outer boost, _name, ignore_unmapped.
  geo_shape: fieldKeyed('geo_shape', { ...NAME_AND_BOOST, ignore_unmapped: boolean }, shapeField('geo_shape', { strategy: string })),
  shape: fieldKeyed('shape', { ...NAME_AND_BOOST, ignore_unmapped: boolean }, shapeField('shape', {})),
  // DistanceFeatureQueryBuilder PARSER: origin a number, string, array or object (a geo point); pivot a string only
  // (declareString: a number there is an error).
  distance_feature: optionObject('distance_feature', {
    ...NAME_AND_BOOST,
    field: string,
    origin: (value, pointer) => (typeof value === 'object' && value !== null ? geoPoint(value, pointer) : stringOrNumber(value, pointer)),
    pivot: string,
  }),
  // RankFeatureQueryBuilder PARSER (mapper-extras module)
  rank_feature: optionObject('rank_feature', {
    ...NAME_AND_BOOST,
    field: string,
    saturation: optionObject('saturation', { pivot: number }),
    log: optionObject('log', { scaling_factor: number }),
    sigmoid: optionObject('sigmoid', { pivot: number, exponent: number }),
    linear: optionObject('linear', {}),
  }),
  // IntervalQueryBuilder.fromXContent: exactly one key, the field; inside one rule, boost, _name.
  intervals: fieldKeyed('intervals', {}, intervalsField),
  // PercolateQueryBuilder.fromXContent: inline documents only.
  percolate: (value, pointer) =>
    walkObject(
      value,
      pointer,
      'percolate',
      { ...NAME_AND_BOOST, field: string, name: string, document: opaqueObject, documents: arrayOf(opaqueObject) },
      'percolate-by-id',
    ),
  // ParentIdQueryBuilder.fromXContent
  parent_id: optionObject('parent_id', { ...NAME_AND_BOOST, type: string, id: string, ignore_unmapped: boolean }),
  // SpanTermQueryBuilder.fromXContent: like term (no outer boost; inside value or term, boost, _name).
  span_term: fieldKeyed('span_term', {}, shortOrObject('span_term', scalar, { value: scalar, term: scalar })),
};

/** Leaf clauses refused because they read the term dictionary of the whole index. */
export const TERM_DICTIONARY_CLAUSES: Readonly<Record<string, RefusedKey>> = ORACLE_CLAUSES;

const RANGE_SIDES: ReadonlyArray<{ readonly keys: readonly string[]; readonly inclusive: string; readonly legacy: string }> = [
  { keys: ['from', 'gt', 'gte'], inclusive: 'include_lower', legacy: 'from' },
  { keys: ['to', 'lt', 'lte'], inclusive: 'include_upper', legacy: 'to' },
];

/** A range field object with at most one bound per side, and `include_lower`/`include_upper` only beside `from`/`to`. */
function oneBoundPerSide(inner: FieldValue): FieldValue {
  return (value, pointer, field) => {
    if (isJsonObject(value)) {
      for (const side of RANGE_SIDES) {
        // In the order written, so the refusal points at the key that repeats the side.
        let seen: string | undefined;
        let key: string | undefined;
        for (const name of Object.keys(value)) {
          const isBound = side.keys.includes(name);
          if (!isBound && name !== side.inclusive) continue;
          const conflicts = seen !== undefined && (isBound ? side.keys.includes(seen) || (seen === side.inclusive && name !== side.legacy) : seen !== side.legacy);
          if (conflicts) {
            key = name;
            break;
          }
          if (seen === undefined || isBound) seen = name;
        }
        if (key !== undefined) {
          refuse('malformed', `A range takes one ${side.legacy === 'from' ? 'lower' : 'upper'} bound ("${shown(key)}" repeats it); OpenSearch 3.6 and later refuse such a range.`, {
            pointer: `${pointer}/${key}`,
          });
        }
      }
    }
    return inner(value, pointer, field);
  };
}
