/**
 * Options of the hit lists inside a search: `inner_hits` (nested queries,
 * collapse) and `top_hits` aggregations, and the hit options they share
 * with the search body (`_source`, `docvalue_fields` ...). They return
 * documents already in the query's scope, but carry sorts, highlights and
 * scripts to check (OpenSearch `InnerHitBuilder.fromXContent`,
 * `TopHitsAggregationBuilder.parse`).
 *
 * @packageDocumentation
 */
import type { JsonValue } from './json-value.js';
import { isJsonObject } from './json-value.js';
import type { Kind } from './json-kinds.js';
import { arrayOf, boolean, number, oneOrArrayOf, string } from './json-kinds.js';
import type { KeyRules } from './object-rules.js';
import { oneOrMany, onlyFalse, walkObject } from './object-rules.js';
import { refuse } from './refusal.js';
import type { WalkContext } from './walk-context.js';
import { memo } from './walk-context.js';

const strings = oneOrArrayOf(string);

/** `_source`: `true`/`false`, a pattern, patterns, or `{ includes, excludes }` (`FetchSourceContext.fromXContent`). */
export const sourceFilter: Kind = (value, pointer) => {
  if (typeof value === 'boolean') return value;
  if (isJsonObject(value)) {
    return walkObject(value, pointer, '_source', { includes: strings, excludes: strings, include: strings, exclude: strings }, 'malformed');
  }
  return strings(value, pointer);
};

/** `docvalue_fields` / `fields`: names, or `{ field, format, include_unmapped }` (`FieldAndFormat.fromXContent`). */
export const fieldAndFormatList: Kind = arrayOf((value, pointer) =>
  typeof value === 'string' ? value : walkObject(value, pointer, 'A field and format', { field: string, format: string, include_unmapped: boolean }, 'malformed'),
);

/** `script_fields`: only the empty object (dashboards send it); any script is refused. */
export const emptyScriptFields: Kind = (value, pointer) =>
  isJsonObject(value) && Object.keys(value).length === 0 ? {} : refuse('script', 'script_fields run scripts.', { pointer });

/**
 * Rules shared by `inner_hits` and `top_hits`: the keys both
 * `InnerHitBuilder.PARSER` and `TopHitsAggregationBuilder.parse` read
 * (OpenSearch 2.19 and Elasticsearch 8), with the kinds they read.
 */
export function hitsOptionRules(context: WalkContext): KeyRules {
  return memo(context, 'hits', () => ({
    size: number,
    from: number,
    _source: sourceFilter,
    docvalue_fields: fieldAndFormatList,
    stored_fields: strings,
    fields: fieldAndFormatList,
    version: boolean,
    seq_no_primary_term: onlyFalse('sequence-numbers', 'Sequence numbers count every write to the shard, hidden documents included.'),
    track_scores: boolean,
    sort: (v, at) => context.walkers.sort(v, at, context),
    highlight: (v, at) => context.walkers.highlight(v, at, context),
    explain: onlyFalse('explain', 'explain output includes the token filter.'),
    script_fields: emptyScriptFields,
  }));
}

/** Walks an `inner_hits` object (or, for collapse, an array of them): the shared rules plus `InnerHitBuilder.PARSER`'s `name`, `ignore_unmapped`. */
export function walkInnerHits(value: JsonValue, pointer: string, context: WalkContext): JsonValue {
  const rules = memo(context, 'inner-hits', () => ({
    ...hitsOptionRules(context),
    name: string,
    ignore_unmapped: boolean,
    collapse: { refuse: 'inner-hits-collapse', why: 'Collapse inside inner_hits is not supported by the guard.' },
  }));
  const one = (item: JsonValue, at: string): JsonValue => walkObject(item, at, 'inner_hits', rules, 'inner-hits-option-not-allowed');
  return oneOrMany(value, pointer, one);
}
