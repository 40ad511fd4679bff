/**
 * Highlighting decorates hits already matched; `highlight_query` (top level
 * and per field) is still a query and is walked like any other, so nothing
 * refused elsewhere (a terms lookup, say) can hide in it. Every option is
 * parsed with its kind (OpenSearch `HighlightBuilder.fromXContent`,
 * `AbstractHighlighterBuilder`).
 *
 * @packageDocumentation
 */
import type { JsonValue } from './json-value.js';
import { isJsonObject } from './json-value.js';
import type { Kind } from './json-kinds.js';
import { boolean, number, oneOf, oneOrArrayOf, string } from './json-kinds.js';
import { atMostCap } from './allocation-caps.js';
import { childPointer } from './pointer.js';
import { refuse } from './refusal.js';
import type { KeyRules } from './object-rules.js';
import { walkObject } from './object-rules.js';
import type { WalkContext } from './walk-context.js';
import { memo } from './walk-context.js';

const strings = oneOrArrayOf(string);

/**
 * The highlighter. `fvh` flattens multi-term queries by rewriting them to the
 * top 1024 terms of the whole index (Lucene `FieldQuery.flatten`), so which
 * words of a visible hit are highlighted can depend on hidden terms;
 * `unified` and `plain` read only the hit itself.
 */
const highlighterType: Kind = (value, pointer) =>
  value === 'fvh'
    ? refuse('term-dictionary-oracle', 'The fvh highlighter expands multi-term queries to the top terms of the whole index; use unified or plain.', { pointer })
    : oneOf('unified', 'plain')(value, pointer);

/**
 * Options both levels take: `AbstractHighlighterBuilder.setupParser`
 * (OpenSearch 2.19 and Elasticsearch 8). Kinds as its `ObjectParser`
 * declarations read them: `declareString` a string, `declareInt` a number
 * (or numeric string), `declareBoolean` a boolean, `declareStringArray` a
 * string or an array of strings. The offset limit is `max_analyzer_offset`
 * in OpenSearch and `max_analyzed_offset` in Elasticsearch; each engine
 * refuses the other's name itself, so both are accepted as numbers.
 * `number_of_fragments` is capped (the plain highlighter preallocates a
 * queue of that size); `fragment_size` and `no_match_size` are thresholds
 * bounded by the field's text (dashboards send `fragment_size: 2147483647`),
 * and `phrase_limit` / `boundary_max_scan` are read only by the refused `fvh`.
 */
const COMMON_OPTIONS: KeyRules = {
  type: highlighterType, pre_tags: strings, post_tags: strings, require_field_match: boolean,
  boundary_chars: string, boundary_max_scan: number, boundary_scanner: oneOf('chars', 'sentence', 'word'), boundary_scanner_locale: string,
  fragment_size: number, number_of_fragments: atMostCap('highlightFragments', 'number_of_fragments'), fragmenter: oneOf('simple', 'span'), order: oneOf('score', 'none'), no_match_size: number,
  phrase_limit: number, force_source: boolean, highlight_filter: boolean, max_analyzer_offset: number, max_analyzed_offset: number,
};

/** `HighlightBuilder.PARSER` adds, at the top level only: `tags_schema`, `encoder`, `fields`. */
const TOP_ONLY: KeyRules = { tags_schema: oneOf('styled', 'default'), encoder: oneOf('default', 'html') };

/** `HighlightBuilder.Field.PARSER` adds, per field only: `fragment_offset`, `matched_fields`. */
const FIELD_ONLY: KeyRules = { fragment_offset: number, matched_fields: strings };

function queryAndOptions(context: WalkContext): KeyRules {
  return memo(context, 'highlight', () => ({
    ...COMMON_OPTIONS,
    highlight_query: (v: JsonValue, at: string) => context.walkers.query(v, at, context, 0),
    // A map handed to the highlighter implementation (custom highlighters read anything from it).
    options: { refuse: 'highlight-option-not-allowed', why: 'Custom highlighter options are plugin-defined.' },
  }));
}

function walkFields(value: JsonValue, pointer: string, context: WalkContext): JsonValue {
  const rules = memo(context, 'highlight-field', () => ({ ...queryAndOptions(context), ...FIELD_ONLY }));
  const perField = (spec: JsonValue, at: string): JsonValue => walkObject(spec, at, 'A highlight field', rules, 'highlight-option-not-allowed');
  // `fields` is an object of field → options, or an array of such one-key objects (HighlightBuilder.PARSER's
  // declareNamedObjects, which requires one key per array item).
  const one = (item: JsonValue, at: string): JsonValue => walkObject(item, at, 'highlight.fields', {}, 'malformed', (_field, spec, p) => perField(spec, p));
  if (!Array.isArray(value)) return one(value, pointer);
  return value.map((item, i) => {
    const at = childPointer(pointer, i);
    if (!isJsonObject(item) || Object.keys(item).length !== 1) return refuse('malformed', 'Each item of a highlight.fields array must be an object with exactly one field.', { pointer: at });
    return one(item, at);
  });
}

/** Walks a `highlight` object, including every `highlight_query`. */
export function walkHighlight(value: JsonValue, pointer: string, context: WalkContext): JsonValue {
  const rules = memo(context, 'highlight-top', () => ({ ...queryAndOptions(context), ...TOP_ONLY, fields: (v: JsonValue, at: string) => walkFields(v, at, context) }));
  return walkObject(value, pointer, 'highlight', rules, 'highlight-option-not-allowed');
}
