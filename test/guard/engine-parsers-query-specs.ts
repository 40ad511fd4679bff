/**
 * Every query clause the guard accepts, with its parameters as the engines'
 * parsers read them (OpenSearch 2.19 and Elasticsearch 8 `*QueryBuilder`
 * `fromXContent` / `PARSER`; where they differ, the stricter reading).
 * Each probe names a position inside the clause body, a value of the right
 * kind (accepted and re-emitted as is) and a value of a wrong kind (refused
 * at that position). `refused` lists keys the engines know but the guard
 * refuses (deprecated or other names, one engine's extensions, oracles),
 * with the reason.
 */

/** A position inside a clause body: the keys from the clause body down. */
export type Path = readonly string[];

/** One parameter: where it goes, a right value, a wrong value and the reason the wrong one gets. */
export interface Probe {
  readonly at: Path;
  readonly good: unknown;
  readonly bad: unknown;
  readonly badReason?: string;
  /** Where the wrong value is refused, when deeper than `at` (an array item). */
  readonly badAt?: Path;
}

/** A key the engines know (or one of them knows) that the guard refuses, and why. */
export interface RefusedProbe {
  readonly at: Path;
  readonly value: unknown;
  readonly reason: string;
  /** The whole clause body to use instead of the base with `value` set at `at`. */
  readonly body?: Record<string, unknown>;
  /** Where the refusal points, when not at `at`. */
  readonly pointerAt?: Path;
}

/** One accepted clause: a minimal valid body, its parameters, refused keys, and the objects an unknown key may be added to. */
export interface ClauseSpec {
  readonly type: string;
  readonly base: Record<string, unknown>;
  readonly probes: readonly Probe[];
  readonly refused: readonly RefusedProbe[];
  /** Objects inside the body (the body itself is `[]`) where an unknown key must be refused with this reason. */
  readonly unknownAt: readonly (readonly [Path, string])[];
}

const NUM = (at: Path): Probe => ({ at, good: 2, bad: 'two' });
const NUM_STRING = (at: Path): Probe => ({ at, good: '1.5', bad: { value: 1 } });
const BOOL = (at: Path): Probe => ({ at, good: true, bad: 'yes' });
const BOOL_STRING = (at: Path): Probe => ({ at, good: 'false', bad: 1 });
const STR = (at: Path, good: unknown = 'a'): Probe => ({ at, good, bad: 5 });
const MSM = (at: Path): Probe => ({ at, good: '75%', bad: true });
const SCALAR = (at: Path, good: unknown = 'a'): Probe => ({ at, good, bad: { x: 1 } });

/**
 * `boost` and `_name` where the parser reads them (`at` is the object that
 * holds them). Beside the field of a field-keyed clause (`outer`), an object
 * there is a field called `boost` to the engine, refused as such.
 */
const nameAndBoost = (at: Path, outer = false): Probe[] => [
  NUM([...at, 'boost']),
  outer ? { at: [...at, 'boost'], good: '1.5', bad: { value: 1 }, badReason: 'parameter-as-field' } : NUM_STRING([...at, 'boost']),
  STR([...at, '_name'], 'q1'),
];

const OPTION = 'query-option-not-allowed';
const ORACLE = 'term-dictionary-oracle';
const AS_FIELD = 'parameter-as-field';

const SPAN = { span_term: { f: 'x' } };
const ALL = { match_all: {} };

/** Outer boost beside the field: the parser reads it as a second field (or fails), the guard refuses it as a field name. */
const outerBoostIsField = (): RefusedProbe[] => [
  { at: ['boost'], value: 2, reason: AS_FIELD },
  { at: ['_name'], value: 'q', reason: AS_FIELD },
];

/** Field-keyed clauses whose parser reads outer boost/_name: an object there is a field called boost. */
const outerBoostObjectIsField = (): RefusedProbe[] => [
  { at: ['boost'], value: { index: 'other', id: '1', path: 'p' }, reason: AS_FIELD },
  { at: ['_name'], value: ['x'], reason: AS_FIELD },
];

export const CLAUSE_SPECS: readonly ClauseSpec[] = [
  { type: 'match_all', base: {}, probes: nameAndBoost([]), refused: [], unknownAt: [[[], OPTION]] },
  { type: 'match_none', base: {}, probes: nameAndBoost([]), refused: [], unknownAt: [[[], OPTION]] },
  {
    type: 'term',
    base: { f: { value: 'x' } },
    probes: [SCALAR(['f', 'value']), SCALAR(['f', 'value'], 7), SCALAR(['f', 'term'], 'y'), BOOL(['f', 'case_insensitive']), ...nameAndBoost(['f'])],
    refused: [...outerBoostIsField(), ...outerBoostObjectIsField()],
    unknownAt: [[['f'], OPTION]],
  },
  {
    type: 'terms',
    base: { f: ['x', 1, true] },
    probes: [...nameAndBoost([], true), { at: ['f'], good: ['a', 'b'], bad: ['a', { b: 1 }], badAt: ['f', '1'] }],
    refused: [
      ...outerBoostObjectIsField(),
      { at: ['value_type'], value: 'bitmap', reason: 'terms-lookup' },
      { at: ['f'], value: { index: 'other', id: '1', path: 'p' }, reason: 'terms-lookup' },
    ],
    unknownAt: [],
  },
  {
    type: 'terms_set',
    base: { f: { terms: ['x'], minimum_should_match_field: 'n' } },
    probes: [{ at: ['f', 'terms'], good: ['a', 2], bad: 'a' }, STR(['f', 'minimum_should_match_field'], 'm'), ...nameAndBoost(['f'])],
    refused: [
      ...outerBoostIsField(),
      ...outerBoostObjectIsField(),
      { at: ['f', 'minimum_should_match_script'], value: { source: '1' }, reason: 'script' },
      // Elasticsearch 8.19 reads it, OpenSearch 2.19's TermsSetQueryBuilder refuses it (test/engine/guard-parsers.test.ts).
      { at: ['f', 'minimum_should_match'], value: 1, reason: OPTION },
    ],
    unknownAt: [[['f'], OPTION]],
  },
  {
    type: 'range',
    base: { f: { gte: 1 } },
    probes: [
      ...(['gte', 'lt', 'lte', 'to'] as const).map((k) => SCALAR(['f', k], 5)),
      { at: ['f', 'to'], good: null, bad: [1] },
      { at: ['f', 'gte'], good: null, bad: [1] },
      STR(['f', 'format'], 'yyyy'),
      STR(['f', 'time_zone'], '+01:00'),
      STR(['f', 'relation'], 'within'),
      ...nameAndBoost(['f']),
    ],
    refused: [
      ...outerBoostIsField(),
      ...outerBoostObjectIsField(),
      // A second bound on one side: OpenSearch 3.6+ refuses it ("invalid lower bound"), older versions keep the last.
      { at: ['f', 'gt'], value: 5, reason: 'malformed' },
      { at: ['f', 'from'], value: 5, reason: 'malformed' },
      { at: ['f', 'include_lower'], value: true, reason: 'malformed' },
      { at: ['f', 'lte'], value: 5, reason: 'malformed', body: { f: { lt: 1, lte: 5 } } },
      { at: ['f', 'include_upper'], value: true, reason: 'malformed', body: { f: { lte: 1, include_upper: true } } },
    ],
    unknownAt: [[['f'], OPTION]],
  },
  // The legacy form: from/to with include_lower/include_upper (one bound per side).
  {
    type: 'range',
    base: { f: { from: 1 } },
    probes: [SCALAR(['f', 'from'], 5), SCALAR(['f', 'to'], 7), BOOL(['f', 'include_lower']), BOOL_STRING(['f', 'include_upper'])],
    refused: [{ at: ['f', 'gt'], value: 0, reason: 'malformed' }],
    unknownAt: [[['f'], OPTION]],
  },
  // Strict bounds alone.
  { type: 'range', base: { f: { gt: 1 } }, probes: [SCALAR(['f', 'gt'], 5), SCALAR(['f', 'lt'], 9)], refused: [], unknownAt: [[['f'], OPTION]] },
  { type: 'exists', base: { field: 'f' }, probes: [STR(['field'], 'g'), ...nameAndBoost([])], refused: [], unknownAt: [[[], OPTION]] },
  { type: 'ids', base: { values: ['1'] }, probes: [{ at: ['values'], good: ['a', 'b'], bad: 'a' }, ...nameAndBoost([])], refused: [], unknownAt: [[[], OPTION]] },
  {
    type: 'prefix',
    base: { f: { value: 'a' } },
    probes: [STR(['f', 'value'], 'b'), BOOL(['f', 'case_insensitive']), { at: ['f', 'rewrite'], good: 'constant_score', bad: 'top_terms_1', badReason: ORACLE }, ...nameAndBoost(['f'])],
    // PrefixQueryBuilder's value field has no other name.
    refused: [...outerBoostIsField(), ...outerBoostObjectIsField(), { at: ['f', 'prefix'], value: 'a', reason: OPTION }],
    unknownAt: [[['f'], OPTION]],
  },
  {
    type: 'wildcard',
    base: { f: { value: 'a*' } },
    probes: [STR(['f', 'value'], 'b*'), STR(['f', 'wildcard'], 'c*'), BOOL(['f', 'case_insensitive']), { at: ['f', 'rewrite'], good: 'constant_score', bad: 'scoring_boolean', badReason: ORACLE }, ...nameAndBoost(['f'])],
    refused: [...outerBoostIsField(), ...outerBoostObjectIsField(), { at: ['f', 'rewrite'], value: 'constant_score_blended', reason: ORACLE }],
    unknownAt: [[['f'], OPTION]],
  },
  {
    type: 'regexp',
    base: { f: { value: 'a.*' } },
    probes: [
      STR(['f', 'value'], 'b.*'),
      STR(['f', 'flags'], 'ALL'),
      NUM(['f', 'flags_value']),
      { at: ['f', 'max_determinized_states'], good: 1000, bad: 20000, badReason: 'regexp-too-complex' },
      BOOL(['f', 'case_insensitive']),
      { at: ['f', 'rewrite'], good: 'constant_score', bad: 'top_terms_boost_5', badReason: ORACLE },
      ...nameAndBoost(['f']),
    ],
    refused: [...outerBoostIsField(), ...outerBoostObjectIsField()],
    unknownAt: [[['f'], OPTION]],
  },
  {
    type: 'match',
    base: { f: { query: 'a b' } },
    probes: [
      SCALAR(['f', 'query'], 'c'),
      SCALAR(['f', 'query'], 12),
      STR(['f', 'operator'], 'and'),
      STR(['f', 'analyzer'], 'standard'),
      BOOL(['f', 'lenient']),
      STR(['f', 'zero_terms_query'], 'all'),
      MSM(['f', 'minimum_should_match']),
      BOOL(['f', 'auto_generate_synonyms_phrase_query']),
      NUM(['f', 'prefix_length']),
      BOOL(['f', 'fuzzy_transpositions']),
      ...nameAndBoost(['f']),
    ],
    refused: [
      ...outerBoostIsField(),
      ...outerBoostObjectIsField(),
      ...['fuzziness', 'max_expansions', 'fuzzy_rewrite', 'cutoff_frequency'].map((k) => ({ at: ['f', k], value: 1, reason: ORACLE })),
    ],
    unknownAt: [[['f'], OPTION]],
  },
  {
    type: 'match_phrase',
    base: { f: { query: 'a b' } },
    probes: [SCALAR(['f', 'query'], 'c d'), STR(['f', 'analyzer'], 'standard'), NUM(['f', 'slop']), STR(['f', 'zero_terms_query'], 'none'), ...nameAndBoost(['f'])],
    refused: [...outerBoostIsField(), ...outerBoostObjectIsField()],
    unknownAt: [[['f'], OPTION]],
  },
  {
    type: 'match_bool_prefix',
    base: { f: { query: 'a b' } },
    probes: [
      SCALAR(['f', 'query'], 'c d'),
      STR(['f', 'analyzer'], 'standard'),
      STR(['f', 'operator'], 'or'),
      MSM(['f', 'minimum_should_match']),
      NUM(['f', 'prefix_length']),
      BOOL(['f', 'fuzzy_transpositions']),
      ...nameAndBoost(['f']),
    ],
    refused: [...outerBoostIsField(), ...['fuzziness', 'max_expansions', 'fuzzy_rewrite'].map((k) => ({ at: ['f', k], value: 1, reason: ORACLE }))],
    unknownAt: [[['f'], OPTION]],
  },
  {
    type: 'multi_match',
    base: { query: 'a', fields: ['f', 'g^2'] },
    probes: [
      SCALAR(['query'], 'b'),
      { at: ['fields'], good: 'f', bad: 5 },
      { at: ['fields'], good: ['f'], bad: [5], badAt: ['fields', '0'] },
      { at: ['type'], good: 'cross_fields', bad: 'phrase_prefix', badReason: ORACLE },
      STR(['operator'], 'and'),
      STR(['analyzer'], 'standard'),
      NUM(['slop']),
      NUM(['prefix_length']),
      MSM(['minimum_should_match']),
      NUM_STRING(['tie_breaker']),
      BOOL(['lenient']),
      STR(['zero_terms_query'], 'all'),
      BOOL(['auto_generate_synonyms_phrase_query']),
      BOOL(['fuzzy_transpositions']),
      ...nameAndBoost([]),
    ],
    refused: [
      ...['fuzziness', 'max_expansions', 'fuzzy_rewrite', 'cutoff_frequency', 'rewrite'].map((k) => ({ at: [k], value: 1, reason: ORACLE })),
      // best_fields' old name in some versions; the guard reads type names exactly.
      { at: ['type'], value: 'boolean', reason: 'malformed' },
      { at: ['use_dis_max'], value: true, reason: OPTION },
    ],
    unknownAt: [[[], OPTION]],
  },
  {
    type: 'combined_fields',
    base: { query: 'a', fields: ['f'] },
    probes: [SCALAR(['query'], 'b'), { at: ['fields'], good: 'g', bad: [true], badAt: ['fields', '0'] }, STR(['operator'], 'and'), MSM(['minimum_should_match']), ...nameAndBoost([])],
    // OpenSearch 3's parser does not know these (Elasticsearch's does): the stricter reading refuses them.
    refused: [
      { at: ['zero_terms_query'], value: 'all', reason: OPTION },
      { at: ['auto_generate_synonyms_phrase_query'], value: true, reason: OPTION },
    ],
    unknownAt: [[[], OPTION]],
  },
  {
    type: 'query_string',
    base: { query: 'a AND b' },
    probes: [
      STR(['query'], 'c OR d'),
      STR(['default_field'], 'f'),
      { at: ['fields'], good: ['f', 'g^2'], bad: 'f' },
      STR(['default_operator'], 'AND'),
      STR(['analyzer'], 'standard'),
      STR(['quote_analyzer'], 'standard'),
      BOOL(['allow_leading_wildcard']),
      BOOL(['enable_position_increments']),
      NUM(['fuzzy_prefix_length']),
      BOOL(['fuzzy_transpositions']),
      NUM(['phrase_slop']),
      BOOL(['analyze_wildcard']),
      { at: ['max_determinized_states'], good: 500, bad: 'x' },
      MSM(['minimum_should_match']),
      BOOL(['lenient']),
      STR(['time_zone'], 'UTC'),
      STR(['quote_field_suffix'], '.exact'),
      BOOL(['auto_generate_synonyms_phrase_query']),
      { at: ['type'], good: 'most_fields', bad: 5 },
      NUM_STRING(['tie_breaker']),
      BOOL(['escape']),
      { at: ['rewrite'], good: 'constant_score', bad: 'top_terms_2', badReason: ORACLE },
      ...nameAndBoost([]),
    ],
    refused: [
      ...['fuzzy_max_expansions', 'fuzziness', 'fuzzy_rewrite'].map((k) => ({ at: [k], value: 1, reason: ORACLE })),
      { at: ['rewrite'], value: 'constant_score_blended', reason: ORACLE },
      { at: ['query'], value: 'secret~', reason: ORACLE },
      { at: ['split_on_whitespace'], value: true, reason: OPTION },
      { at: ['all_fields'], value: true, reason: OPTION },
    ],
    unknownAt: [[[], OPTION]],
  },
  {
    type: 'simple_query_string',
    base: { query: 'a + b' },
    probes: [
      STR(['query'], 'c | d'),
      { at: ['fields'], good: ['f'], bad: 'f' },
      STR(['default_operator'], 'and'),
      STR(['analyzer'], 'standard'),
      { at: ['flags'], good: 'AND|OR', bad: true },
      { at: ['flags'], good: 3, bad: null },
      NUM(['fuzzy_prefix_length']),
      BOOL(['fuzzy_transpositions']),
      BOOL(['lenient']),
      MSM(['minimum_should_match']),
      STR(['quote_field_suffix'], '.exact'),
      BOOL(['analyze_wildcard']),
      BOOL(['auto_generate_synonyms_phrase_query']),
      ...nameAndBoost([]),
    ],
    refused: [
      { at: ['fuzzy_max_expansions'], value: 5, reason: ORACLE },
      { at: ['query'], value: 'a~2', reason: ORACLE },
      // Deprecated options SimpleQueryStringBuilder still reads and ignores: refused, not passed on.
      ...['locale', 'lowercase_expanded_terms', 'all_fields'].map((k) => ({ at: [k], value: 'true', reason: OPTION })),
    ],
    unknownAt: [[[], OPTION]],
  },
  {
    type: 'geo_bounding_box',
    base: { loc: { top_left: [0, 1], bottom_right: [1, 0] } },
    probes: [
      ...nameAndBoost([], true),
      STR(['validation_method'], 'STRICT'),
      BOOL(['ignore_unmapped']),
      { at: ['loc', 'top_left'], good: { lat: 1, lon: 0 }, bad: true },
      { at: ['loc', 'bottom_right'], good: '0,1', bad: [1] },
      { at: ['loc', 'top_right'], good: [1, 1], bad: false },
      { at: ['loc', 'bottom_left'], good: [0, 0], bad: 3 },
      NUM(['loc', 'top']),
    ],
    refused: [
      ...outerBoostObjectIsField(),
      // GeoBoundingBox.parseBoundingBox knows neither boost nor the camelCase corner names.
      { at: ['loc', 'boost'], value: 2, reason: OPTION },
      { at: ['loc', 'topLeft'], value: [0, 1], reason: OPTION },
      // coerce / ignore_malformed are gone from both parsers: a second key is a second field.
      { at: ['coerce'], value: true, reason: 'malformed' },
      { at: ['ignore_malformed'], value: true, reason: 'malformed' },
      // OpenSearch only (Elasticsearch 8's GeoBoundingBoxQueryBuilder refuses it): a second key is a second field.
      { at: ['type'], value: 'indexed', reason: 'malformed' },
    ],
    unknownAt: [[['loc'], OPTION]],
  },
  {
    type: 'geo_distance',
    base: { distance: '10km', loc: [0, 0] },
    probes: [
      ...nameAndBoost([], true),
      { at: ['distance'], good: 12, bad: true },
      STR(['distance_type'], 'plane'),
      STR(['unit'], 'km'),
      STR(['validation_method'], 'IGNORE_MALFORMED'),
      BOOL(['ignore_unmapped']),
      { at: ['loc'], good: { lat: 1, lon: 2 }, bad: { lat: 'north' }, badAt: ['loc', 'lat'] },
      { at: ['loc'], good: '1,2', bad: 5 },
    ],
    refused: [
      ...outerBoostObjectIsField(),
      { at: ['coerce'], value: true, reason: 'malformed' },
      { at: ['loc.lat'], value: '1', reason: AS_FIELD, body: { distance: '10km', 'loc.lat': '1' } },
    ],
    unknownAt: [],
  },
  {
    type: 'geo_polygon',
    base: { loc: { points: [[0, 0], [1, 1], [1, 0]] } },
    probes: [...nameAndBoost([], true), STR(['validation_method'], 'COERCE'), BOOL(['ignore_unmapped']), { at: ['loc', 'points'], good: ['0,0', '1,1', '1,0'], bad: [true], badAt: ['loc', 'points', '0'] }],
    refused: [...outerBoostObjectIsField(), { at: ['loc', 'boost'], value: 2, reason: OPTION }],
    unknownAt: [[['loc'], OPTION]],
  },
  {
    type: 'geo_shape',
    base: { loc: { shape: { type: 'point', coordinates: [0, 0] } } },
    probes: [...nameAndBoost([], true), BOOL(['ignore_unmapped']), STR(['loc', 'relation'], 'within'), STR(['loc', 'strategy'], 'recursive'), { at: ['loc', 'shape'], good: 'POINT (0 0)', bad: 5 }],
    refused: [
      ...outerBoostObjectIsField(),
      { at: ['loc', 'boost'], value: 2, reason: OPTION },
      { at: ['loc', 'indexed_shape'], value: { index: 'shapes', id: '1', path: 'p' }, reason: 'indexed-shape' },
    ],
    unknownAt: [[['loc'], OPTION]],
  },
  {
    type: 'shape',
    base: { loc: { shape: { type: 'point', coordinates: [0, 0] } } },
    probes: [...nameAndBoost([], true), BOOL(['ignore_unmapped']), STR(['loc', 'relation'], 'disjoint')],
    refused: [...outerBoostObjectIsField(), { at: ['loc', 'strategy'], value: 'recursive', reason: OPTION }],
    unknownAt: [[['loc'], OPTION]],
  },
  {
    type: 'distance_feature',
    base: { field: 'd', origin: 'now', pivot: '7d' },
    probes: [STR(['field'], 'e'), { at: ['origin'], good: [0, 0], bad: true }, { at: ['pivot'], good: '1km', bad: 5 }, ...nameAndBoost([])],
    refused: [],
    unknownAt: [[[], OPTION]],
  },
  {
    type: 'rank_feature',
    base: { field: 'r' },
    probes: [
      STR(['field'], 's'),
      { at: ['saturation'], good: { pivot: 2 }, bad: 2 },
      { at: ['log'], good: { scaling_factor: 4 }, bad: 'x' },
      { at: ['sigmoid'], good: { pivot: 7, exponent: 0.6 }, bad: [] },
      { at: ['linear'], good: {}, bad: true },
      ...nameAndBoost([]),
    ],
    refused: [],
    unknownAt: [[[], OPTION], [['saturation'], OPTION]],
  },
  {
    type: 'intervals',
    base: { f: { match: { query: 'a b' } } },
    probes: [
      ...nameAndBoost(['f']),
      NUM(['f', 'match', 'max_gaps']),
      BOOL(['f', 'match', 'ordered']),
      STR(['f', 'match', 'analyzer'], 'standard'),
      STR(['f', 'match', 'use_field'], 'g'),
      { at: ['f', 'match', 'filter'], good: { not_containing: { match: { query: 'c' } } }, bad: 'c' },
    ],
    refused: [
      ...outerBoostIsField(),
      // OpenSearch only (Elasticsearch 8 has `ordered`); refused as the stricter reading.
      { at: ['f', 'match', 'mode'], value: 'ordered', reason: OPTION },
      // IntervalQueryBuilder takes exactly one rule.
      { at: ['f', 'any_of'], value: { intervals: [{ match: { query: 'c' } }] }, reason: 'malformed', pointerAt: ['f'] },
      { at: ['f', 'prefix'], value: { prefix: 'a' }, reason: 'malformed', pointerAt: ['f'] },
      { at: ['f', 'match', 'filter', 'containing'], value: { match: { query: 'c' }, all_of: { intervals: [] } }, reason: 'malformed' },
    ],
    unknownAt: [[['f', 'match'], OPTION]],
  },
  {
    type: 'percolate',
    base: { field: 'q', document: { a: 1 } },
    probes: [STR(['field'], 'q2'), STR(['name'], 'n'), { at: ['document'], good: { b: [1] }, bad: 'doc' }, ...nameAndBoost([])],
    refused: [{ at: ['id'], value: '1', reason: 'percolate-by-id' }, { at: ['index'], value: 'other', reason: 'percolate-by-id' }],
    unknownAt: [[[], 'percolate-by-id']],
  },
  { type: 'parent_id', base: { type: 'child', id: '1' }, probes: [STR(['type'], 'c2'), STR(['id'], '2'), BOOL(['ignore_unmapped']), ...nameAndBoost([])], refused: [], unknownAt: [[[], OPTION]] },
  {
    type: 'span_term',
    base: { f: { value: 'x' } },
    probes: [SCALAR(['f', 'value'], 'y'), SCALAR(['f', 'term'], 'z'), ...nameAndBoost(['f'])],
    refused: [...outerBoostIsField(), ...outerBoostObjectIsField()],
    unknownAt: [[['f'], OPTION]],
  },
  {
    type: 'bool',
    base: { filter: [ALL] },
    probes: [
      { at: ['minimum_should_match'], good: 1, bad: true },
      BOOL(['adjust_pure_negative']),
      ...nameAndBoost([]),
      ...(['must', 'filter', 'should', 'must_not'] as const).map((k) => ({ at: [k], good: ALL, bad: 5 })),
    ],
    // BoolQueryBuilder's must_not has the deprecated other name mustNot; the guard refuses it.
    refused: [{ at: ['mustNot'], value: [ALL], reason: OPTION }],
    unknownAt: [[[], OPTION]],
  },
  {
    type: 'nested',
    base: { path: 'items', query: ALL },
    probes: [STR(['path'], 'lines'), STR(['score_mode'], 'max'), BOOL(['ignore_unmapped']), ...nameAndBoost([])],
    refused: [],
    unknownAt: [[[], OPTION]],
  },
  {
    type: 'function_score',
    base: { query: ALL, functions: [{ weight: 2 }] },
    probes: [STR(['boost_mode'], 'sum'), STR(['score_mode'], 'max'), NUM(['max_boost']), NUM(['min_score']), ...nameAndBoost([])],
    // A top-level object other than `query` is a score function to FunctionScoreQueryBuilder: `filter` there is unknown.
    refused: [{ at: ['filter'], value: ALL, reason: OPTION }],
    unknownAt: [[[], OPTION]],
  },
  { type: 'constant_score', base: { filter: ALL }, probes: nameAndBoost([]), refused: [], unknownAt: [[[], OPTION]] },
  { type: 'dis_max', base: { queries: [ALL] }, probes: [NUM_STRING(['tie_breaker']), ...nameAndBoost([])], refused: [], unknownAt: [[[], OPTION]] },
  { type: 'boosting', base: { positive: ALL, negative: ALL, negative_boost: 0.5 }, probes: [NUM(['negative_boost']), ...nameAndBoost([])], refused: [], unknownAt: [[[], OPTION]] },
  { type: 'pinned', base: { ids: ['1'], organic: ALL }, probes: [{ at: ['ids'], good: ['2', 3], bad: 'x' }, ...nameAndBoost([])], refused: [], unknownAt: [[[], OPTION]] },
  {
    type: 'span_near',
    base: { clauses: [SPAN], slop: 1 },
    probes: [NUM(['slop']), BOOL(['in_order']), ...nameAndBoost([])],
    refused: [
      { at: ['collect_payloads'], value: false, reason: OPTION },
      // The span compounds' parsers refuse a nested span clause with a boost (checkNoBoost).
      { at: ['clauses'], value: [{ span_term: { f: { value: 'x', boost: 2 } } }], reason: 'malformed', pointerAt: ['clauses', '0', 'span_term', 'f', 'boost'] },
    ],
    unknownAt: [[[], OPTION]],
  },
  { type: 'span_or', base: { clauses: [SPAN] }, probes: nameAndBoost([]), refused: [], unknownAt: [[[], OPTION]] },
  {
    type: 'span_not',
    base: { include: SPAN, exclude: SPAN },
    probes: [NUM(['pre']), NUM(['post']), NUM(['dist']), ...nameAndBoost([])],
    refused: [{ at: ['exclude'], value: { span_or: { clauses: [SPAN], boost: 2 } }, reason: 'malformed', pointerAt: ['exclude', 'span_or', 'boost'] }],
    unknownAt: [[[], OPTION]],
  },
  { type: 'span_first', base: { match: SPAN, end: 3 }, probes: [NUM(['end']), ...nameAndBoost([])], refused: [], unknownAt: [[[], OPTION]] },
  { type: 'span_containing', base: { big: SPAN, little: SPAN }, probes: nameAndBoost([]), refused: [], unknownAt: [[[], OPTION]] },
  { type: 'span_within', base: { big: SPAN, little: SPAN }, probes: nameAndBoost([]), refused: [], unknownAt: [[[], OPTION]] },
  { type: 'field_masking_span', base: { query: SPAN, field: 'g' }, probes: [STR(['field'], 'h'), ...nameAndBoost([])], refused: [], unknownAt: [[[], OPTION]] },
];

/** A copy of `base` with `value` set at `path` (creating objects on the way). */
export function withValue(base: Record<string, unknown>, path: Path, value: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
  return copy;
}

/** The JSON pointer of `path` under `pointer` (no escaping needed for the keys used here). */
export function pointerOf(pointer: string, path: Path): string {
  return [pointer, ...path].join('/');
}
