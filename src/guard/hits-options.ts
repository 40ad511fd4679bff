/**
 * Options of the hit lists inside a search: `inner_hits` (nested queries,
 * collapse) and `top_hits` aggregations. They return documents already in
 * the query's scope, but carry sorts, highlights and scripts to check.
 *
 * @packageDocumentation
 */
import type { JsonValue } from './json-value.js';
import type { KeyRules } from './object-rules.js';
import { copyKeys, oneOrMany, onlyFalse, walkObject } from './object-rules.js';
import { walkHighlight } from './highlight-walker.js';
import { walkSort } from './sort-walker.js';
import type { WalkContext } from './walk-context.js';

/** Rules shared by `inner_hits` and `top_hits`. */
export function hitsOptionRules(context: WalkContext): KeyRules {
  return {
    ...copyKeys('size', 'from', '_source', 'docvalue_fields', 'stored_fields', 'fields', 'version', 'seq_no_primary_term', 'track_scores'),
    sort: (v, at) => walkSort(v, at, context),
    highlight: (v, at) => walkHighlight(v, at, context),
    explain: onlyFalse('explain', 'explain output includes the token filter.'),
    script_fields: { refuse: 'script', why: 'script_fields run scripts.' },
  };
}

/** Walks an `inner_hits` object (or, for collapse, an array of them). */
export function walkInnerHits(value: JsonValue, pointer: string, context: WalkContext): JsonValue {
  const one = (item: JsonValue, at: string): JsonValue =>
    walkObject(
      item,
      at,
      'inner_hits',
      { ...hitsOptionRules(context), name: 'copy', ignore_unmapped: 'copy', collapse: { refuse: 'inner-hits-collapse', why: 'Collapse inside inner_hits is not supported by the guard.' } },
      'inner-hits-option-not-allowed',
    );
  return oneOrMany(value, pointer, one);
}
