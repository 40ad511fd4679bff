/**
 * The query walker: checks one query clause and everything inside it against
 * the clause allowlist, and returns a checked copy. Every place a query can
 * hide (`query`, `post_filter`, rescore, highlight, aggregation filters,
 * `knn.filter`, nested sort filters, inner hits) is walked with this.
 *
 * @packageDocumentation
 */
import type { JsonObject, JsonValue } from './json-value.js';
import { jsonObject } from './json-value.js';
import type { KeyRules } from './object-rules.js';
import { copyKeys, expectArray, expectObject, oneOrMany, refuseKeysAnywhere, walkObject } from './object-rules.js';
import { childPointer } from './pointer.js';
import { refuse } from './refusal.js';
import type { WalkContext } from './walk-context.js';
import { walkInnerHits } from './hits-options.js';
import { injectTokenFilter } from './token-filter-injection.js';

type ClauseWalker = (body: JsonValue, pointer: string, context: WalkContext, depth: number) => JsonValue;

const NAME_AND_BOOST = copyKeys('boost', '_name');

/** Clauses refused whatever their content, with the reason. */
const REFUSED_CLAUSES: Readonly<Record<string, readonly [string, string]>> = {
  has_child: ['join-query', 'has_child runs its inner query over child documents the token filter does not constrain.'],
  has_parent: ['join-query', 'has_parent runs its inner query over parent documents the token filter does not constrain.'],
  script: ['script', 'Scripts are refused: they can run before the token filter rejects a document.'],
  script_score: ['script', 'Scripts are refused: they can run before the token filter rejects a document.'],
  wrapper: ['wrapper-query', 'A wrapper query hides its content from the guard.'],
  template: ['template', 'Templates are rendered by the engine, after the guard.'],
  hybrid: ['hybrid-query', 'A hybrid query must stay top-level and cannot be wrapped.'],
  neural: ['model-query', 'Model-backed queries are not supported by the guard.'],
  neural_sparse: ['model-query', 'Model-backed queries are not supported by the guard.'],
  sparse_vector: ['model-query', 'Model-backed queries are not supported by the guard.'],
  semantic: ['model-query', 'Model-backed queries are not supported by the guard.'],
  text_expansion: ['model-query', 'Model-backed queries are not supported by the guard.'],
  rule: ['rule-query', 'Rule queries pin documents chosen by stored rules the guard cannot see.'],
  rule_query: ['rule-query', 'Rule queries pin documents chosen by stored rules the guard cannot see.'],
};

function walkClauseList(value: JsonValue, pointer: string, context: WalkContext, depth: number): JsonValue {
  return oneOrMany(value, pointer, (item, at) => walkQuery(item, at, context, depth + 1));
}

function child(context: WalkContext, depth: number) {
  return (value: JsonValue, pointer: string): JsonValue => walkQuery(value, pointer, context, depth + 1);
}

/** A leaf clause keyed by field name (`{ term: { field: ... } }`): plain data apart from the checks in `check`. */
function fieldLeaf(check?: (field: string, value: JsonValue, pointer: string) => void): ClauseWalker {
  return (body, pointer) =>
    walkObject(body, pointer, 'This query', NAME_AND_BOOST, 'malformed', (field, value, at) => {
      check?.(field, value, at);
      return value;
    });
}

/** A leaf clause whose options are all listed. */
function optionLeaf(rules: KeyRules): ClauseWalker {
  return (body, pointer) => walkObject(body, pointer, 'This query', { ...NAME_AND_BOOST, ...rules }, 'query-option-not-allowed');
}

function checkTermsValues(field: string, value: JsonValue, pointer: string): void {
  if (!Array.isArray(value)) {
    refuse('terms-lookup', `terms on "${field}" must list its values; a lookup reads another document with the service's rights.`, { pointer });
  }
  value.forEach((item, i) => {
    if (typeof item === 'object' && item !== null) {
      refuse('malformed', 'terms values must be strings, numbers or booleans.', { pointer: childPointer(pointer, i) });
    }
  });
}

function walkTerms(body: JsonValue, pointer: string): JsonValue {
  return walkObject(
    body,
    pointer,
    'terms',
    { ...NAME_AND_BOOST, value_type: { refuse: 'terms-lookup', why: 'terms value_type (bitmap) hides the values from the guard.' } },
    'malformed',
    (field, value, at) => {
      checkTermsValues(field, value, at);
      return value;
    },
  );
}

function checkLikeItems(value: JsonValue, pointer: string): void {
  oneOrMany(value, pointer, (item, at) => {
    if (typeof item === 'object' && item !== null) {
      walkObject(item, at, 'A more_like_this item', copyKeys('doc', 'fields', 'per_field_analyzer'), 'more-like-this-doc-ref');
    }
    return item;
  });
}

const walkMoreLikeThis: ClauseWalker = (body, pointer) =>
  walkObject(
    body,
    pointer,
    'more_like_this',
    {
      ...NAME_AND_BOOST,
      ...copyKeys('fields', 'max_query_terms', 'min_term_freq', 'min_doc_freq', 'max_doc_freq', 'min_word_length', 'max_word_length',
        'stop_words', 'analyzer', 'minimum_should_match', 'boost_terms', 'include', 'fail_on_unsupported_field'),
      like: (v, at) => (checkLikeItems(v, at), v),
      unlike: (v, at) => (checkLikeItems(v, at), v),
    },
    'more-like-this-doc-ref',
  );

const walkPercolate: ClauseWalker = (body, pointer) =>
  walkObject(body, pointer, 'percolate', { ...NAME_AND_BOOST, ...copyKeys('field', 'document', 'documents', 'name') }, 'percolate-by-id');

function checkShape(_field: string, value: JsonValue, pointer: string): void {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, 'indexed_shape')) {
    refuse('indexed-shape', 'indexed_shape reads another document with the service\'s rights.', { pointer: childPointer(pointer, 'indexed_shape') });
  }
}

const intervalsLeaf = fieldLeaf();

const walkIntervals: ClauseWalker = (body, pointer, context, depth) => {
  refuseKeysAnywhere(body, pointer, ['script'], 'script', 'Scripts are refused in interval filters.');
  return intervalsLeaf(body, pointer, context, depth);
};

const walkBool: ClauseWalker = (body, pointer, context, depth) =>
  walkObject(
    body,
    pointer,
    'bool',
    {
      ...NAME_AND_BOOST,
      ...copyKeys('minimum_should_match', 'adjust_pure_negative'),
      must: (v, at) => walkClauseList(v, at, context, depth),
      filter: (v, at) => walkClauseList(v, at, context, depth),
      should: (v, at) => walkClauseList(v, at, context, depth),
      must_not: (v, at) => walkClauseList(v, at, context, depth),
    },
    'query-option-not-allowed',
  );

const walkNested: ClauseWalker = (body, pointer, context, depth) =>
  walkObject(
    body,
    pointer,
    'nested',
    {
      ...NAME_AND_BOOST,
      ...copyKeys('path', 'score_mode', 'ignore_unmapped'),
      query: child(context, depth),
      inner_hits: (v, at) => walkInnerHits(v, at, context),
    },
    'query-option-not-allowed',
  );

const walkFunctionScore: ClauseWalker = (body, pointer, context, depth) => {
  const scoreFunction = (item: JsonValue, at: string): JsonValue =>
    walkObject(
      item,
      at,
      'A score function',
      {
        ...copyKeys('weight', 'field_value_factor', 'random_score', 'gauss', 'linear', 'exp'),
        filter: child(context, depth),
        script_score: { refuse: 'script', why: 'Scripts are refused: they can run before the token filter rejects a document.' },
      },
      'query-option-not-allowed',
    );
  return walkObject(
    body,
    pointer,
    'function_score',
    {
      ...NAME_AND_BOOST,
      ...copyKeys('boost_mode', 'score_mode', 'max_boost', 'min_score', 'weight', 'field_value_factor', 'random_score', 'gauss', 'linear', 'exp'),
      query: child(context, depth),
      filter: child(context, depth),
      functions: (v, at) => expectArray(v, at, 'functions').map((f, i) => scoreFunction(f, childPointer(at, i))),
      script_score: { refuse: 'script', why: 'Scripts are refused: they can run before the token filter rejects a document.' },
    },
    'query-option-not-allowed',
  );
};

const walkKnnClause: ClauseWalker = (body, pointer, context, depth) =>
  walkObject(
    body,
    pointer,
    'knn',
    {
      ...NAME_AND_BOOST,
      ...copyKeys('field', 'query_vector', 'k', 'num_candidates', 'similarity', 'rescore_vector', 'visit_percentage', 'max_distance', 'min_score', 'method_parameters'),
      // The token filter goes inside, so the nearest neighbours are chosen among visible documents only.
      filter: (v, at) => injectTokenFilter(v, at, context, depth),
      query_vector_builder: { refuse: 'model-query', why: 'query_vector_builder calls a model the guard cannot check.' },
    },
    'query-option-not-allowed',
  );

function spanWalker(keys: readonly string[], listKeys: readonly string[], dataKeys: readonly string[]): ClauseWalker {
  return (body, pointer, context, depth) => {
    const rules: Record<string, (v: JsonValue, at: string) => JsonValue> = {};
    for (const key of keys) Object.defineProperty(rules, key, { value: child(context, depth), enumerable: true });
    for (const key of listKeys) {
      Object.defineProperty(rules, key, {
        value: (v: JsonValue, at: string) => expectArray(v, at, key).map((item, i) => walkQuery(item, childPointer(at, i), context, depth + 1)),
        enumerable: true,
      });
    }
    return walkObject(body, pointer, 'This span query', { ...NAME_AND_BOOST, ...copyKeys(...dataKeys), ...rules }, 'query-option-not-allowed');
  };
}

/** Every allowed clause type and how to walk it. */
const CLAUSES: Readonly<Record<string, ClauseWalker>> = {
  match_all: optionLeaf({}),
  match_none: optionLeaf({}),
  term: fieldLeaf(),
  terms: walkTerms,
  terms_set: fieldLeaf((_f, value, at) =>
    refuseKeysAnywhere(value, at, ['minimum_should_match_script'], 'script', 'Scripts are refused in terms_set.'),
  ),
  range: fieldLeaf(),
  prefix: fieldLeaf(),
  wildcard: fieldLeaf(),
  regexp: fieldLeaf(),
  fuzzy: fieldLeaf(),
  exists: optionLeaf(copyKeys('field')),
  ids: optionLeaf(copyKeys('values')),
  match: fieldLeaf(),
  match_phrase: fieldLeaf(),
  match_phrase_prefix: fieldLeaf(),
  match_bool_prefix: fieldLeaf(),
  multi_match: optionLeaf(
    copyKeys('query', 'fields', 'type', 'operator', 'analyzer', 'slop', 'fuzziness', 'prefix_length', 'max_expansions', 'minimum_should_match',
      'tie_breaker', 'lenient', 'zero_terms_query', 'auto_generate_synonyms_phrase_query', 'fuzzy_transpositions', 'fuzzy_rewrite', 'rewrite', 'cutoff_frequency'),
  ),
  combined_fields: optionLeaf(copyKeys('query', 'fields', 'operator', 'minimum_should_match', 'zero_terms_query', 'auto_generate_synonyms_phrase_query')),
  query_string: optionLeaf(
    copyKeys('query', 'default_field', 'fields', 'default_operator', 'analyzer', 'quote_analyzer', 'allow_leading_wildcard', 'enable_position_increments',
      'fuzzy_max_expansions', 'fuzziness', 'fuzzy_prefix_length', 'fuzzy_transpositions', 'phrase_slop', 'analyze_wildcard', 'max_determinized_states',
      'minimum_should_match', 'lenient', 'time_zone', 'quote_field_suffix', 'auto_generate_synonyms_phrase_query', 'type', 'tie_breaker', 'rewrite',
      'fuzzy_rewrite', 'escape'),
  ),
  simple_query_string: optionLeaf(
    copyKeys('query', 'fields', 'default_operator', 'analyzer', 'flags', 'fuzzy_max_expansions', 'fuzzy_prefix_length', 'fuzzy_transpositions',
      'lenient', 'minimum_should_match', 'quote_field_suffix', 'analyze_wildcard', 'auto_generate_synonyms_phrase_query'),
  ),
  geo_bounding_box: fieldLeaf(),
  geo_distance: fieldLeaf(),
  geo_polygon: fieldLeaf(),
  geo_shape: fieldLeaf(checkShape),
  shape: fieldLeaf(checkShape),
  distance_feature: optionLeaf(copyKeys('field', 'origin', 'pivot')),
  rank_feature: optionLeaf(copyKeys('field', 'saturation', 'log', 'sigmoid', 'linear')),
  intervals: walkIntervals,
  more_like_this: walkMoreLikeThis,
  percolate: walkPercolate,
  parent_id: optionLeaf(copyKeys('type', 'id', 'ignore_unmapped')),
  pinned: (body, pointer, context, depth) =>
    walkObject(body, pointer, 'pinned', { ...NAME_AND_BOOST, ...copyKeys('ids', 'docs'), organic: child(context, depth) }, 'query-option-not-allowed'),
  bool: walkBool,
  constant_score: (body, pointer, context, depth) =>
    walkObject(body, pointer, 'constant_score', { ...NAME_AND_BOOST, filter: child(context, depth) }, 'query-option-not-allowed'),
  dis_max: (body, pointer, context, depth) =>
    walkObject(
      body,
      pointer,
      'dis_max',
      {
        ...NAME_AND_BOOST,
        tie_breaker: 'copy',
        queries: (v, at) => expectArray(v, at, 'queries').map((item, i) => walkQuery(item, childPointer(at, i), context, depth + 1)),
      },
      'query-option-not-allowed',
    ),
  boosting: (body, pointer, context, depth) =>
    walkObject(
      body,
      pointer,
      'boosting',
      { ...NAME_AND_BOOST, negative_boost: 'copy', positive: child(context, depth), negative: child(context, depth) },
      'query-option-not-allowed',
    ),
  nested: walkNested,
  function_score: walkFunctionScore,
  knn: walkKnnClause,
  span_term: fieldLeaf(),
  span_multi: spanWalker(['match'], [], []),
  span_near: spanWalker([], ['clauses'], ['slop', 'in_order']),
  span_or: spanWalker([], ['clauses'], []),
  span_not: spanWalker(['include', 'exclude'], [], ['pre', 'post', 'dist']),
  span_first: spanWalker(['match'], [], ['end']),
  span_containing: spanWalker(['big', 'little'], [], []),
  span_within: spanWalker(['big', 'little'], [], []),
  field_masking_span: spanWalker(['query'], [], ['field']),
};

/**
 * Checks one query clause and returns a checked copy. A clause is an object
 * with exactly one key, the clause type; types not on the allowlist are
 * refused with `query-type-not-allowed`.
 *
 * @param depth - compound nesting so far; refused past `limits.maxQueryDepth`.
 */
export function walkQuery(value: JsonValue | undefined, pointer: string, context: WalkContext, depth: number): JsonObject {
  const clause = expectObject(value, pointer, 'A query clause');
  const keys = Object.keys(clause);
  if (keys.length !== 1) refuse('malformed', 'A query clause must have exactly one key, its type.', { pointer });
  const type = keys[0] as string;
  const at = childPointer(pointer, type);
  context.clauses += 1;
  if (context.clauses > context.limits.maxClauses) {
    refuse('too-many-clauses', `The search has more than ${context.limits.maxClauses} query clauses.`, { pointer: at, limit: context.limits.maxClauses });
  }
  if (depth > context.limits.maxQueryDepth) {
    refuse('query-too-deep', `Query clauses are nested deeper than ${context.limits.maxQueryDepth} levels.`, { pointer: at, limit: context.limits.maxQueryDepth });
  }
  if (Object.prototype.hasOwnProperty.call(REFUSED_CLAUSES, type)) {
    const [reason, why] = REFUSED_CLAUSES[type] as readonly [string, string];
    refuse(reason, why, { pointer: at });
  }
  if (!Object.prototype.hasOwnProperty.call(CLAUSES, type)) {
    refuse('query-type-not-allowed', `The query type "${type}" is not on the guard's allowlist.`, { pointer: at });
  }
  const walker = CLAUSES[type] as ClauseWalker;
  return jsonObject([[type, walker(clause[type] as JsonValue, at, context, depth)]]);
}

/** A key rule that walks a query-valued key (`post_filter`, `filter`, `rescore_query` ...) as a top clause. */
export function queryKey(context: WalkContext): (value: JsonValue, pointer: string) => JsonValue {
  return (value, pointer) => walkQuery(value, pointer, context, 0);
}
