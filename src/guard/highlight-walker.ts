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
import type { Kind } from './json-kinds.js';
import { boolean, number, oneOf, oneOrArrayOf, string, stringOrNumber } from './json-kinds.js';
import { refuse } from './refusal.js';
import type { KeyRules } from './object-rules.js';
import { oneOrMany, walkObject } from './object-rules.js';
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

const HIGHLIGHT_OPTIONS: KeyRules = {
  type: highlighterType, pre_tags: strings, post_tags: strings, tags_schema: string, encoder: string, require_field_match: boolean,
  boundary_chars: string, boundary_max_scan: number, boundary_scanner: string, boundary_scanner_locale: string, fragment_size: number,
  number_of_fragments: number, fragmenter: string, fragment_offset: number, order: string, no_match_size: number, phrase_limit: number,
  max_analyzed_offset: number, force_source: boolean, matched_fields: strings, max_fragment_length: number, highlight_filter: boolean,
  max_analyzer_offset: stringOrNumber,
};

function optionRules(context: WalkContext): KeyRules {
  return memo(context, 'highlight', () => ({
    ...HIGHLIGHT_OPTIONS,
    highlight_query: (v, at) => context.walkers.query(v, at, context, 0),
    options: { refuse: 'highlight-option-not-allowed', why: 'Custom highlighter options are plugin-defined.' },
  }));
}

function walkFields(value: JsonValue, pointer: string, context: WalkContext): JsonValue {
  const perField = (spec: JsonValue, at: string): JsonValue => walkObject(spec, at, 'A highlight field', optionRules(context), 'highlight-option-not-allowed');
  // `fields` is an object of field → options, or an array of such one-key objects.
  return oneOrMany(value, pointer, (item, at) => walkObject(item, at, 'highlight.fields', {}, 'malformed', (_field, spec, p) => perField(spec, p)));
}

/** Walks a `highlight` object, including every `highlight_query`. */
export function walkHighlight(value: JsonValue, pointer: string, context: WalkContext): JsonValue {
  const rules = memo(context, 'highlight-top', () => ({ ...optionRules(context), fields: (v: JsonValue, at: string) => walkFields(v, at, context) }));
  return walkObject(value, pointer, 'highlight', rules, 'highlight-option-not-allowed');
}
