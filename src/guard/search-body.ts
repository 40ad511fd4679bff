/**
 * The search body walker: top-level keys on an allowlist, every query-bearing
 * part walked, and the query composed with the token's filter.
 *
 * @packageDocumentation
 */
import type { JsonObject, JsonValue } from './json-value.js';
import { getOwn, setOwn } from './json-value.js';
import { walkAggregations } from './aggregation-walker.js';
import { composeQuery } from './compose.js';
import { walkHighlight } from './highlight-walker.js';
import { walkInnerHits } from './hits-options.js';
import type { KeyRules, RefusedKey } from './object-rules.js';
import { copyKeys, expectString, oneOrMany, onlyFalse, walkObject } from './object-rules.js';
import { childPointer } from './pointer.js';
import { queryKey } from './query-walker.js';
import { refuse } from './refusal.js';
import { walkSort } from './sort-walker.js';
import { injectTokenFilter } from './token-filter-injection.js';
import type { WalkContext } from './walk-context.js';

function refused(reason: string, why: string): RefusedKey {
  return { refuse: reason, why };
}

/** Top-level keys refused outright; each escapes or leaks around the query wrapper. */
const REFUSED_BODY_KEYS: KeyRules = {
  runtime_mappings: refused('runtime-mappings', 'Runtime fields take precedence over mapped fields and can redefine the fields the token filters on.'),
  derived: refused('derived-fields', 'Derived fields can shadow mapped fields the token filters on.'),
  search_pipeline: refused('search-pipeline', 'Search pipelines rewrite the query after the guard.'),
  suggest: refused('suggest', 'Suggesters read the whole term dictionary, hidden documents included.'),
  retriever: refused('retriever', 'Retrievers run their own queries outside the wrapped query.'),
  rank: refused('rank', 'rank (RRF) combines sub-searches that are not wrapped.'),
  sub_searches: refused('sub-searches', 'Sub-searches are not wrapped.'),
  ext: refused('ext', 'ext sections are plugin-defined.'),
  script_fields: refused('script', 'script_fields run scripts.'),
  profile: onlyFalse('profile', 'profile echoes the token filter and counts over all documents.'),
  explain: onlyFalse('explain', 'explain output includes the token filter.'),
};

function walkRescore(value: JsonValue, pointer: string, context: WalkContext): JsonValue {
  return oneOrMany(value, pointer, (item, at) =>
    walkObject(
      item,
      at,
      'A rescore',
      {
        window_size: 'copy',
        query: (q, p) =>
          walkObject(
            q,
            p,
            'rescore.query',
            { ...copyKeys('query_weight', 'rescore_query_weight', 'score_mode'), rescore_query: queryKey(context) },
            'rescore-option-not-allowed',
          ),
      },
      'rescorer-not-allowed',
    ),
  );
}

function walkCollapse(value: JsonValue, pointer: string, context: WalkContext): JsonValue {
  return walkObject(
    value,
    pointer,
    'collapse',
    { ...copyKeys('field', 'max_concurrent_group_searches'), inner_hits: (v, at) => walkInnerHits(v, at, context) },
    'collapse-option-not-allowed',
  );
}

function walkTopLevelKnn(value: JsonValue, pointer: string, context: WalkContext): JsonValue {
  const one = (item: JsonValue, at: string): JsonValue => {
    const walked = walkObject(
      item,
      at,
      'knn',
      {
        ...copyKeys('field', 'query_vector', 'k', 'num_candidates', 'similarity', 'boost', '_name', 'rescore_vector', 'visit_percentage'),
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
  const pit = walkObject(value, pointer, 'pit', copyKeys('id', 'keep_alive'), 'pit-option-not-allowed');
  const id = expectString(getOwn(pit, 'id'), childPointer(pointer, 'id'), 'pit.id');
  const check = context.bindings.checkPitId;
  if (check === undefined || check(id) !== true) {
    refuse('pit-not-bound', 'This point-in-time id is not bound to the token.', { pointer: childPointer(pointer, 'id') });
  }
  return pit;
}

function searchRules(context: WalkContext): KeyRules {
  return {
    ...REFUSED_BODY_KEYS,
    ...copyKeys('size', 'from', 'timeout', 'terminate_after', 'track_total_hits', 'track_scores', 'min_score', 'version', 'seq_no_primary_term',
      'search_after', 'slice', 'indices_boost', 'stored_fields', 'docvalue_fields', 'fields', '_source', 'stats'),
    post_filter: queryKey(context),
    aggs: (v, at) => walkAggregations(v, at, context, 1),
    aggregations: (v, at) => walkAggregations(v, at, context, 1),
    sort: (v, at) => walkSort(v, at, context),
    highlight: (v, at) => walkHighlight(v, at, context),
    rescore: (v, at) => walkRescore(v, at, context),
    collapse: (v, at) => walkCollapse(v, at, context),
    knn: (v, at) => walkTopLevelKnn(v, at, context),
    pit: (v, at) => checkPit(v, at, context),
  };
}

/** What the body walker found besides the checked body. */
export interface WalkedBody {
  readonly body: JsonObject;
  /** True when the body searches a point in time (then the path must name no index). */
  readonly usesPit: boolean;
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
  const source = value ?? {};
  const rules: KeyRules = kind === 'search' ? searchRules(context) : {};
  const rest = walkObject(source, pointer, kind === 'search' ? 'A search body' : 'A count body', { ...rules, query: 'copy' }, 'body-key-not-allowed');
  if (getOwn(rest, 'aggs') !== undefined && getOwn(rest, 'aggregations') !== undefined) {
    refuse('malformed', 'A body has both aggs and aggregations.', { pointer: childPointer(pointer, 'aggregations') });
  }
  const body: JsonObject = {};
  setOwn(body, 'query', composeQuery(getOwn(rest, 'query'), childPointer(pointer, 'query'), context));
  for (const key of Object.keys(rest)) {
    if (key !== 'query') setOwn(body, key, rest[key] as JsonValue);
  }
  return { body, usesPit: getOwn(rest, 'pit') !== undefined };
}
