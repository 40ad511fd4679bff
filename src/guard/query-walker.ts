/**
 * The query walker: checks one query clause and everything inside it, and
 * returns a copy built only from parsed values. Leaf clauses are parsed by
 * the tables in `leaf-clauses.ts`; compound clauses (those holding other
 * clauses, inner hits or a token-filtered knn) are here. Inner hits and
 * nested clauses are reached through `context.walkers`, so this module
 * imports no other walker.
 *
 * @packageDocumentation
 */
import type { JsonObject, JsonValue } from './json-value.js';
import { getOwn, isJsonObject, jsonEqual, setOwn, singleKey } from './json-value.js';
import type { Kind } from './json-kinds.js';
import { arrayOf, boolean, geoPoint, number, scalar, string, stringOrNumber } from './json-kinds.js';
import { fieldKeyed, NAME_AND_BOOST, optionObject } from './clause-forms.js';
import { LEAF_CLAUSES, TERM_DICTIONARY_CLAUSES } from './leaf-clauses.js';
import type { KeyRules, RefusedKey } from './object-rules.js';
import { expectArray, expectObject, oneOrMany, walkObject } from './object-rules.js';
import { childPointer } from './pointer.js';
import { refuse, shown } from './refusal.js';
import { injectTokenFilter } from './token-filter-injection.js';
import type { WalkContext } from './walk-context.js';
import { memoAt } from './walk-context.js';

type ClauseWalker = (body: JsonValue, pointer: string, context: WalkContext, depth: number) => JsonValue;

const SCRIPT: RefusedKey = { refuse: 'script', why: 'Scripts are refused: they can run before the token filter rejects a document.' };

/** Clauses refused whatever their content, with the reason. */
const REFUSED_CLAUSES: Readonly<Record<string, RefusedKey>> = {
  has_child: { refuse: 'join-query', why: 'has_child runs its inner query over child documents the token filter does not constrain.' },
  has_parent: { refuse: 'join-query', why: 'has_parent runs its inner query over parent documents the token filter does not constrain.' },
  script: SCRIPT,
  script_score: SCRIPT,
  wrapper: { refuse: 'wrapper-query', why: 'A wrapper query hides its content from the guard.' },
  template: { refuse: 'template', why: 'Templates are rendered by the engine, after the guard.' },
  hybrid: { refuse: 'hybrid-query', why: 'A hybrid query must stay top-level and cannot be wrapped.' },
  neural: { refuse: 'model-query', why: 'Model-backed queries are not supported by the guard.' },
  neural_sparse: { refuse: 'model-query', why: 'Model-backed queries are not supported by the guard.' },
  sparse_vector: { refuse: 'model-query', why: 'Model-backed queries are not supported by the guard.' },
  semantic: { refuse: 'model-query', why: 'Model-backed queries are not supported by the guard.' },
  text_expansion: { refuse: 'model-query', why: 'Model-backed queries are not supported by the guard.' },
  rule: { refuse: 'rule-query', why: 'Rule queries pin documents chosen by stored rules the guard cannot see.' },
  rule_query: { refuse: 'rule-query', why: 'Rule queries pin documents chosen by stored rules the guard cannot see.' },
  ...TERM_DICTIONARY_CLAUSES,
};

/** A compound clause's rule table for this context and depth, built once (rules hold closures over both). */
function rulesAt(context: WalkContext, depth: number, name: string, build: (context: WalkContext, depth: number) => KeyRules): KeyRules {
  return memoAt(context, name, depth, build);
}

/** A compound clause walker from its rule table. */
function compound(what: string, rules: (context: WalkContext, depth: number) => KeyRules): ClauseWalker {
  return (body, pointer, context, depth) => walkObject(body, pointer, what, rulesAt(context, depth, what, rules), 'query-option-not-allowed');
}

function child(context: WalkContext, depth: number): Kind {
  return (value, pointer) => context.walkers.query(value, pointer, context, depth + 1);
}

function clauseList(context: WalkContext, depth: number): Kind {
  return (value, pointer) => oneOrMany(value, pointer, (item, at) => context.walkers.query(item, at, context, depth + 1));
}

/** The pointer of a parsed span clause's `boost` (on its body, or on the field object of `span_term`), if it has one. */
function spanBoost(clause: JsonObject, pointer: string): string | undefined {
  const [type] = Object.keys(clause);
  const body = type === undefined ? undefined : getOwn(clause, type);
  if (type === undefined || !isJsonObject(body)) return undefined;
  const at = childPointer(pointer, type);
  if (getOwn(body, 'boost') !== undefined) return childPointer(at, 'boost');
  if (type !== 'span_term') return undefined;
  const field = Object.keys(body).find((key) => {
    const inner = getOwn(body, key);
    return isJsonObject(inner) && getOwn(inner, 'boost') !== undefined;
  });
  return field === undefined ? undefined : childPointer(childPointer(at, field), 'boost');
}

/**
 * A span clause: a clause whose type is a span query (the engines refuse
 * others there, the guard refuses first), without a `boost`: the span
 * compounds' parsers refuse a nested span clause with a boost
 * (`SpanNearQueryBuilder`, `SpanNotQueryBuilder` ... `checkNoBoost`).
 */
function spanChild(context: WalkContext, depth: number): Kind {
  return (value, pointer) => {
    if (isJsonObject(value)) {
      const [type] = Object.keys(value);
      if (type !== undefined && !type.startsWith('span_') && type !== 'field_masking_span') {
        refuse('malformed', `A span query holds span queries only, not "${shown(type)}".`, { pointer: childPointer(pointer, type) });
      }
    }
    const walked = context.walkers.query(value, pointer, context, depth + 1);
    const boost = spanBoost(walked, pointer);
    if (boost !== undefined) refuse('malformed', 'A span clause inside another span query cannot have a boost.', { pointer: boost });
    return walked;
  };
}

// BoolQueryBuilder.fromXContent
const walkBool: ClauseWalker = compound('bool', (context, depth) => ({
  ...NAME_AND_BOOST,
  minimum_should_match: stringOrNumber,
  adjust_pure_negative: boolean,
  must: clauseList(context, depth),
  filter: clauseList(context, depth),
  should: clauseList(context, depth),
  must_not: clauseList(context, depth),
}));

// NestedQueryBuilder.fromXContent
const walkNested: ClauseWalker = compound('nested', (context, depth) => ({
  ...NAME_AND_BOOST,
  path: string,
  score_mode: string,
  ignore_unmapped: boolean,
  query: child(context, depth),
  inner_hits: (v: JsonValue, at: string) => context.walkers.innerHits(v, at, context),
}));

// DecayFunctionParser: { <field>: { origin, scale, offset, decay }, multi_value_mode }
const decayFunction: Kind = fieldKeyed(
  'A decay function',
  { multi_value_mode: string },
  (value, pointer) =>
    walkObject(
      value,
      pointer,
      'A decay function',
      {
        origin: (v, at) => (typeof v === 'object' && v !== null ? geoPoint(v, at) : stringOrNumber(v, at)),
        scale: stringOrNumber,
        offset: stringOrNumber,
        decay: number,
      },
      'query-option-not-allowed',
    ),
);

const SCORE_FUNCTIONS: KeyRules = {
  weight: number,
  // FieldValueFactorFunctionBuilder.fromXContent
  field_value_factor: optionObject('field_value_factor', { field: string, factor: number, modifier: string, missing: number }),
  // RandomScoreFunctionBuilder.fromXContent
  random_score: optionObject('random_score', { seed: stringOrNumber, field: string }),
  gauss: decayFunction,
  linear: decayFunction,
  exp: decayFunction,
  script_score: SCRIPT,
};

// FunctionScoreQueryBuilder.fromXContent: at the top, an object under any name but `query` is a score
// function (so a top-level `filter` is an unknown function to the engine, refused here); each `functions`
// entry (parseFiltersAndFunctions) holds `filter`, `weight` and one function.
const walkFunctionScore: ClauseWalker = compound('function_score', (context, depth) => {
  const functionRules: KeyRules = { ...SCORE_FUNCTIONS, filter: child(context, depth) };
  const scoreFunction = (item: JsonValue, at: string): JsonValue => walkObject(item, at, 'A score function', functionRules, 'query-option-not-allowed');
  return {
    ...NAME_AND_BOOST,
    ...SCORE_FUNCTIONS,
    boost_mode: string,
    score_mode: string,
    max_boost: number,
    min_score: number,
    query: child(context, depth),
    functions: (v: JsonValue, at: string) => expectArray(v, at, 'functions').map((f, i) => scoreFunction(f, childPointer(at, i))),
  };
});

/**
 * `knn` as a query clause. Elasticsearch (`KnnVectorQueryBuilder`) names the
 * field in `field`; the OpenSearch k-NN plugin (`KNNQueryBuilder.fromXContent`)
 * keys the options by the field. Either way the token filter goes inside,
 * so the nearest neighbours are chosen among visible documents only.
 */
const walkKnnClause: ClauseWalker = (body, pointer, context, depth) => {
  const filter = (v: JsonValue, at: string): JsonValue => injectTokenFilter(v, at, context, depth);
  // Without a filter the k nearest would be chosen among all documents, hidden ones included, and then filtered out.
  const withToken = (options: JsonObject, at: string): JsonObject => {
    if (getOwn(options, 'filter') === undefined) setOwn(options, 'filter', injectTokenFilter(undefined, childPointer(at, 'filter'), context, depth));
    return options;
  };
  const source = expectObject(body, pointer, 'knn');
  if (typeof source['field'] === 'string') {
    const options = walkObject(
      source,
      pointer,
      'knn',
      {
        ...NAME_AND_BOOST,
        field: string, query_vector: arrayOf(number), k: number, num_candidates: number, similarity: number, visit_percentage: number,
        rescore_vector: optionObject('rescore_vector', { oversample: number }),
        filter,
        query_vector_builder: { refuse: 'model-query', why: 'query_vector_builder calls a model the guard cannot check.' },
      },
      'query-option-not-allowed',
    );
    return withToken(options, pointer);
  }
  // The k-NN plugin reads `filter` as ONE query object (KNNQueryBuilderParser: declareObject), never an array:
  // the token filter and the user's filter are ANDed in a bool.
  const oneFilter = (v: JsonValue, at: string): JsonValue => oneQuery(expectObject(v, at, 'filter'), at, context, depth);
  return fieldKeyed('knn', {}, (value, at) => {
    const options = walkObject(
      value,
      at,
      'knn',
      {
        ...NAME_AND_BOOST,
        vector: arrayOf(number), k: number, max_distance: number, min_score: number, expand_nested_docs: boolean,
        method_parameters: optionObject('method_parameters', { ef_search: number, nprobes: number }),
        rescore: (v, p) => (typeof v === 'boolean' ? v : optionObject('rescore', { oversample_factor: number })(v, p)),
        filter: oneFilter,
      },
      'query-option-not-allowed',
    );
    if (getOwn(options, 'filter') === undefined) setOwn(options, 'filter', oneQuery(undefined, childPointer(at, 'filter'), context, depth));
    return options;
  })(source, pointer);
};

/**
 * The token filter ANDed with an optional user filter as one query object:
 * `T` alone, or `{ bool: { filter: [T, user] } }`. A `bool` holding only a
 * `filter` list that starts with `T` is this function's own output from an
 * earlier pass: its list is taken as the user's, so guarding twice adds
 * nothing.
 */
function oneQuery(user: JsonObject | undefined, pointer: string, context: WalkContext, depth: number): JsonValue {
  const bool = user === undefined || Object.keys(user).length !== 1 ? undefined : getOwn(user, 'bool');
  const list = isJsonObject(bool) && Object.keys(bool).length === 1 ? getOwn(bool, 'filter') : undefined;
  const ours = Array.isArray(list) && list.length > 0 && jsonEqual(list[0], context.token);
  const parts = ours ? injectTokenFilter(list, childPointer(childPointer(pointer, 'bool'), 'filter'), context, depth) : injectTokenFilter(user, pointer, context, depth);
  return parts.length === 1 ? (parts[0] as JsonValue) : singleKey('bool', singleKey('filter', parts));
}

function spanWalker(what: string, spec: (context: WalkContext, depth: number) => KeyRules): ClauseWalker {
  return compound(what, (context, depth) => ({ ...NAME_AND_BOOST, ...spec(context, depth) }));
}

/** Compound clauses: those that hold other clauses. */
const COMPOUND_CLAUSES: Readonly<Record<string, ClauseWalker>> = {
  bool: walkBool,
  // ConstantScoreQueryBuilder.fromXContent
  constant_score: compound('constant_score', (context, depth) => ({ ...NAME_AND_BOOST, filter: child(context, depth) })),
  // DisMaxQueryBuilder.fromXContent
  dis_max: compound('dis_max', (context, depth) => ({
    ...NAME_AND_BOOST,
    tie_breaker: number,
    queries: (v: JsonValue, at: string) => expectArray(v, at, 'queries').map((item, i) => context.walkers.query(item, childPointer(at, i), context, depth + 1)),
  })),
  // BoostingQueryBuilder.fromXContent
  boosting: compound('boosting', (context, depth) => ({ ...NAME_AND_BOOST, negative_boost: number, positive: child(context, depth), negative: child(context, depth) })),
  // PinnedQueryBuilder.fromXContent (Elasticsearch)
  pinned: compound('pinned', (context, depth) => ({
    ...NAME_AND_BOOST,
    ids: arrayOf(scalar),
    docs: arrayOf(optionObject('A pinned document', { _index: string, _id: string })),
    organic: child(context, depth),
  })),
  nested: walkNested,
  function_score: walkFunctionScore,
  knn: walkKnnClause,
  // SpanNearQueryBuilder, SpanOrQueryBuilder, SpanNotQueryBuilder, SpanFirstQueryBuilder,
  // SpanContainingQueryBuilder, SpanWithinQueryBuilder, FieldMaskingSpanQueryBuilder.fromXContent
  span_near: spanWalker('span_near', (c, d) => ({ clauses: arrayOf(spanChild(c, d)), slop: number, in_order: boolean })),
  span_or: spanWalker('span_or', (c, d) => ({ clauses: arrayOf(spanChild(c, d)) })),
  span_not: spanWalker('span_not', (c, d) => ({ include: spanChild(c, d), exclude: spanChild(c, d), pre: number, post: number, dist: number })),
  span_first: spanWalker('span_first', (c, d) => ({ match: spanChild(c, d), end: number })),
  span_containing: spanWalker('span_containing', (c, d) => ({ big: spanChild(c, d), little: spanChild(c, d) })),
  span_within: spanWalker('span_within', (c, d) => ({ big: spanChild(c, d), little: spanChild(c, d) })),
  field_masking_span: spanWalker('field_masking_span', (c, d) => ({ query: spanChild(c, d), field: string })),
};

/** Every clause type the guard accepts (for docs and tests). */
export const ACCEPTED_CLAUSE_TYPES: readonly string[] = Object.freeze([...Object.keys(LEAF_CLAUSES), ...Object.keys(COMPOUND_CLAUSES)].sort());

/** Every clause type the guard refuses by name (for docs and tests). */
export const REFUSED_CLAUSE_TYPES: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(Object.keys(REFUSED_CLAUSES).map((type) => [type, (REFUSED_CLAUSES[type] as RefusedKey).refuse])),
);

const own = (table: object, key: string): boolean => Object.prototype.hasOwnProperty.call(table, key);

/**
 * Checks one query clause and returns a parsed copy. A clause is an object
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
  const body = clause[type] as JsonValue;
  if (own(REFUSED_CLAUSES, type)) {
    const refused = REFUSED_CLAUSES[type] as RefusedKey;
    refuse(refused.refuse, refused.why, { pointer: at });
  }
  if (own(LEAF_CLAUSES, type)) return singleKey(type, (LEAF_CLAUSES[type] as Kind)(body, at));
  if (own(COMPOUND_CLAUSES, type)) return singleKey(type, (COMPOUND_CLAUSES[type] as ClauseWalker)(body, at, context, depth));
  return refuse('query-type-not-allowed', `The query type "${shown(type)}" is not on the guard's allowlist.`, { pointer: at });
}

/** A key rule that walks a query-valued key (`post_filter`, `filter`, `rescore_query` ...) as a top clause. */
export function queryKey(context: WalkContext): Kind {
  return (value, pointer) => context.walkers.query(value, pointer, context, 0);
}

