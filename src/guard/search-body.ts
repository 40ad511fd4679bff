/**
 * The search body walker: top-level keys on an allowlist, every query-bearing
 * part walked, and the query composed with the token's filter.
 *
 * @packageDocumentation
 */
import type { JsonObject, JsonValue } from './json-value.js';
import { getOwn, isJsonObject, setOwn } from './json-value.js';
import type { Kind } from './json-kinds.js';
import { arrayOf, boolean, mapOf, number, oneOf, oneOrArrayOf, scalar, string, stringOrNumber } from './json-kinds.js';
import { composedQuery, composedQueryText, userQuery } from './compose.js';
import { emptyScriptFields, fieldAndFormatList, sourceFilter } from './hits-options.js';
import type { KeyRules, RefusedKey } from './object-rules.js';
import { expectString, oneOrMany, onlyFalse, walkObject } from './object-rules.js';
import { childPointer, renderPointer } from './pointer.js';
import { refuse } from './refusal.js';
import { injectTokenFilter } from './token-filter-injection.js';
import type { WalkContext } from './walk-context.js';
import { memo } from './walk-context.js';

function refused(reason: string, why: string): RefusedKey {
  return { refuse: reason, why };
}

/**
 * `runtime_mappings`: only the empty object (Kibana Discover sends it).
 * Runtime fields take precedence over mapped fields and could redefine the
 * fields the token filters on.
 */
const emptyRuntimeMappings: Kind = (value, pointer) =>
  isJsonObject(value) && Object.keys(value).length === 0
    ? {}
    : refuse('runtime-mappings', 'Runtime fields take precedence over mapped fields and can redefine the fields the token filters on.', { pointer });

/** Top-level keys refused outright; each escapes or leaks around the query wrapper. */
const REFUSED_BODY_KEYS: KeyRules = {
  derived: refused('derived-fields', 'Derived fields can shadow mapped fields the token filters on.'),
  search_pipeline: refused('search-pipeline', 'Search pipelines rewrite the query after the guard.'),
  suggest: refused('suggest', 'Suggesters read the whole term dictionary, hidden documents included.'),
  retriever: refused('retriever', 'Retrievers run their own queries outside the wrapped query.'),
  rank: refused('rank', 'rank (RRF) combines sub-searches that are not wrapped.'),
  sub_searches: refused('sub-searches', 'Sub-searches are not wrapped.'),
  ext: refused('ext', 'ext sections are plugin-defined.'),
  profile: onlyFalse('profile', 'profile echoes the token filter and counts over all documents.'),
  explain: onlyFalse('explain', 'explain output includes the token filter.'),
  // TransportSearchAction.resolveIndexBoosts resolves every name against the whole cluster with the
  // request's indices options: a name that exists nowhere fails the search, an existing one does not.
  indices_boost: refused('indices-boost', 'indices_boost names indices the engine resolves against the whole cluster: whether the search fails tells which indices exist.'),
  // OpenSearch only: reports what search pipelines did (SearchSourceBuilder.VERBOSE_SEARCH_PIPELINE).
  verbose_pipeline: refused('search-pipeline', 'verbose_pipeline reports what search pipelines did.'),
};

// SearchSourceBuilder.parseXContent / RescorerBuilder.parseFromXContent / QueryRescorerBuilder.fromXContent
function walkRescore(value: JsonValue, pointer: string, context: WalkContext): JsonValue {
  return oneOrMany(value, pointer, (item, at) =>
    walkObject(
      item,
      at,
      'A rescore',
      {
        window_size: number,
        query: (q, p) =>
          walkObject(
            q,
            p,
            'rescore.query',
            { query_weight: number, rescore_query_weight: number, score_mode: string, rescore_query: (v, r) => context.walkers.query(v, r, context, 0) },
            'rescore-option-not-allowed',
          ),
      },
      'rescorer-not-allowed',
    ),
  );
}

// CollapseBuilder.fromXContent
function walkCollapse(value: JsonValue, pointer: string, context: WalkContext): JsonValue {
  return walkObject(
    value,
    pointer,
    'collapse',
    { field: string, max_concurrent_group_searches: number, inner_hits: (v, at) => context.walkers.innerHits(v, at, context) },
    'collapse-option-not-allowed',
  );
}

// KnnSearchBuilder (Elasticsearch top-level knn)
function walkTopLevelKnn(value: JsonValue, pointer: string, context: WalkContext): JsonValue {
  const one = (item: JsonValue, at: string): JsonValue => {
    const walked = walkObject(
      item,
      at,
      'knn',
      {
        field: string, query_vector: arrayOf(number), k: number, num_candidates: number, similarity: number, boost: number, _name: string,
        visit_percentage: number,
        rescore_vector: (v, p) => walkObject(v, p, 'rescore_vector', { oversample: number }, 'knn-option-not-allowed'),
        filter: (v, p) => injectTokenFilter(v, p, context, 0),
        query_vector_builder: refused('model-query', 'query_vector_builder calls a model the guard cannot check.'),
        inner_hits: refused('knn-inner-hits', 'inner_hits on a top-level knn is not supported by the guard.'),
      },
      'knn-option-not-allowed',
    );
    // Top-level knn is OR-ed with the query: without a filter it would search every document.
    if (getOwn(walked, 'filter') === undefined) setOwn(walked, 'filter', injectTokenFilter(undefined, childPointer(at, 'filter'), context, 0));
    return walked;
  };
  return oneOrMany(value, pointer, one);
}

function checkPit(value: JsonValue, pointer: string, context: WalkContext): JsonValue {
  const pit = walkObject(value, pointer, 'pit', { id: string, keep_alive: string }, 'pit-option-not-allowed');
  const id = expectString(getOwn(pit, 'id'), childPointer(pointer, 'id'), 'pit.id');
  const check = context.bindings.checkPitId;
  if (check === undefined || check(id) !== true) {
    refuse('pit-not-bound', 'This point-in-time id is not bound to the token.', { pointer: childPointer(pointer, 'id') });
  }
  return pit;
}

const trackTotalHits: Kind = (value, pointer) => (typeof value === 'boolean' ? value : number(value, pointer));

// SearchSourceBuilder.parseXContent: the keys and kinds of a search body.
function searchRules(context: WalkContext): KeyRules {
  return {
    ...REFUSED_BODY_KEYS,
    size: number,
    from: number,
    timeout: string,
    terminate_after: number,
    track_total_hits: trackTotalHits,
    track_scores: boolean,
    min_score: number,
    version: boolean,
    seq_no_primary_term: onlyFalse('sequence-numbers', 'Sequence numbers count every write to the shard, hidden documents included.'),
    search_after: arrayOf((v, p) => (v === null ? null : scalar(v, p))),
    slice: (v, p) => walkObject(v, p, 'slice', { id: number, max: number, field: string }, 'body-key-not-allowed'),
    stored_fields: oneOrArrayOf(string),
    docvalue_fields: fieldAndFormatList,
    fields: fieldAndFormatList,
    _source: sourceFilter,
    stats: arrayOf(string),
    script_fields: emptyScriptFields,
    runtime_mappings: emptyRuntimeMappings,
    post_filter: (v, at) => context.walkers.query(v, at, context, 0),
    aggs: (v, at) => context.walkers.aggregations(v, at, context, 1),
    aggregations: (v, at) => context.walkers.aggregations(v, at, context, 1),
    sort: (v, at) => context.walkers.sort(v, at, context),
    highlight: (v, at) => context.walkers.highlight(v, at, context),
    rescore: (v, at) => walkRescore(v, at, context),
    collapse: (v, at) => walkCollapse(v, at, context),
    knn: (v, at) => walkTopLevelKnn(v, at, context),
    pit: (v, at) => checkPit(v, at, context),
  };
}

/** The search rules of `context`, built once per context (an `_msearch` reuses one for all its searches). */
function searchRulesOf(context: WalkContext): KeyRules {
  return memo(context, 'search', () => ({ ...searchRules(context), query: (v: JsonValue) => v /* parsed by userQuery below */ }));
}

/** `_count` bodies: the query only (`RestCountAction`). */
const COUNT_RULES: KeyRules = { query: (v) => v /* parsed by userQuery below */ };

/** What the body walker found besides the checked body. */
export interface WalkedBody {
  readonly body: JsonObject;
  /** True when the body searches a point in time (then the path must name no index). */
  readonly usesPit: boolean;
}

// `_seq_no` and `_primary_term` count every write to the shard, hidden documents included: as a
// field anywhere (a range, a sort, docvalue_fields, an aggregation, query_string text) they select or
// show by that count.
const SEQ_NO_OPTION = 'seq_no_primary_term';

/** True when `text` names a shard counter (what `/_seq_no|_primary_term/` tests, without the regex engine). */
function namesShardCounter(text: string): boolean {
  return text.indexOf('_seq_no') !== -1 || text.indexOf('_primary_term') !== -1;
}

/** The first path (as segments) to a key or string value naming a shard counter, or `undefined`; no allocation per value. */
function shardCounterPath(value: JsonValue, path: (string | number)[]): (string | number)[] | undefined {
  if (typeof value === 'string') return namesShardCounter(value) ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      if (shardCounterPath(value[i] as JsonValue, path) !== undefined) return path;
      path.pop();
    }
    return undefined;
  }
  // for-in lists the keys without allocating a key list (V8 reuses the shape's enum cache); it also
  // lists enumerable keys a polluted prototype would add, which only makes the scan stricter.
  for (const key in value) {
    path.push(key);
    // `seq_no_primary_term` is the option (its rule accepts only false), not a counter field.
    if ((namesShardCounter(key) && key !== SEQ_NO_OPTION) || shardCounterPath(value[key] as JsonValue, path) !== undefined) return path;
    path.pop();
  }
  return undefined;
}

/** Refuses any key or string value naming a shard counter, anywhere in the walked body. */
function refuseShardCounters(root: JsonValue, pointer: string): void {
  // The path is kept as segments and turned into a pointer only when refusing.
  const path = shardCounterPath(root, []);
  if (path !== undefined) {
    refuse('sequence-numbers', 'Sequence numbers count every write to the shard, hidden documents included.', { pointer: renderPointer(pointer, path) });
  }
}

/** The checked body without its query: the user query still to be composed with the token's filter. */
function walkBodyParts(value: JsonValue | undefined, pointer: string, context: WalkContext, kind: 'search' | 'count'): { rest: JsonObject; user: JsonObject } {
  const source = value ?? {};
  const rules: KeyRules = kind === 'search' ? searchRulesOf(context) : COUNT_RULES;
  const rest = walkObject(source, pointer, kind === 'search' ? 'A search body' : 'A count body', rules, 'body-key-not-allowed');
  if (getOwn(rest, 'aggs') !== undefined && getOwn(rest, 'aggregations') !== undefined) {
    refuse('malformed', 'A body has both aggs and aggregations.', { pointer: childPointer(pointer, 'aggregations') });
  }
  refuseShardCounters(rest, pointer);
  return { rest, user: userQuery(getOwn(rest, 'query'), childPointer(pointer, 'query'), context) };
}

/** `rest` without its `query`, behind `query` set to `query` (so that key comes first). */
function withQueryFirst(rest: JsonObject, query: JsonValue): JsonObject {
  const body: JsonObject = {};
  setOwn(body, 'query', query);
  const keys = Object.keys(rest);
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    if (key !== 'query') setOwn(body, key, rest[key] as JsonValue);
  }
  return body;
}

/**
 * Checks a `_search` (`kind: 'search'`) or `_count` (`kind: 'count'`) body
 * and returns the guarded copy with `query` first.
 *
 * @example
 * ```ts
 * // { query: { match: { msg: 'x' } }, size: 5 }
 * // → { query: { bool: { filter: [T], must: [{ match: { msg: 'x' } }] } }, size: 5 }
 * ```
 */
export function walkSearchBody(value: JsonValue | undefined, pointer: string, context: WalkContext, kind: 'search' | 'count'): WalkedBody {
  const { rest, user } = walkBodyParts(value, pointer, context, kind);
  const body = withQueryFirst(rest, composedQuery(user, context));
  return { body, usesPit: getOwn(rest, 'pit') !== undefined };
}

/** The text of a search body the guard writes itself (an `_msearch` line), and whether it searches a point in time. */
export interface WalkedBodyText {
  readonly text: string;
  readonly usesPit: boolean;
}

/**
 * {@link walkSearchBody} for a `_search` body, returning `JSON.stringify` of
 * the guarded body (byte for byte) instead of the body: the token's filter
 * is spliced in as `tokenText` (`JSON.stringify(context.token)`, written
 * once per request) instead of being copied into every search and written
 * again, and no wrapper objects are built.
 */
export function walkSearchBodyText(value: JsonValue | undefined, pointer: string, context: WalkContext, tokenText: string): WalkedBodyText {
  const { rest, user } = walkBodyParts(value, pointer, context, 'search');
  const usesPit = getOwn(rest, 'pit') !== undefined;
  // `query` is first, with a placeholder written as `0`: the text after it is the rest of the body.
  const text = JSON.stringify(withQueryFirst(rest, 0));
  const head = '{"query":0';
  if (!text.startsWith(head)) {
    // Unreachable (no allowed top-level key is an array index, which would come first): write it whole.
    return { text: JSON.stringify(withQueryFirst(rest, composedQuery(user, context))), usesPit };
  }
  return { text: `{"query":${composedQueryText(tokenText, user)}${text.slice(head.length)}`, usesPit };
}
