/**
 * Highlighting decorates hits already matched; `highlight_query` (top level
 * and per field) is still a query and is walked like any other, so nothing
 * refused elsewhere (a terms lookup, say) can hide in it.
 *
 * @packageDocumentation
 */
import type { JsonValue } from './json-value.js';
import type { KeyRules } from './object-rules.js';
import { copyKeys, oneOrMany, walkObject } from './object-rules.js';
import { queryKey } from './query-walker.js';
import type { WalkContext } from './walk-context.js';

const HIGHLIGHT_OPTIONS = copyKeys(
  'type', 'pre_tags', 'post_tags', 'tags_schema', 'encoder', 'require_field_match', 'boundary_chars', 'boundary_max_scan', 'boundary_scanner',
  'boundary_scanner_locale', 'fragment_size', 'number_of_fragments', 'fragmenter', 'fragment_offset', 'order', 'no_match_size', 'phrase_limit',
  'max_analyzed_offset', 'force_source', 'matched_fields', 'max_fragment_length', 'highlight_filter',
);

function optionRules(context: WalkContext): KeyRules {
  return {
    ...HIGHLIGHT_OPTIONS,
    highlight_query: queryKey(context),
    options: { refuse: 'highlight-option-not-allowed', why: 'Custom highlighter options are plugin-defined.' },
  };
}

function walkFields(value: JsonValue, pointer: string, context: WalkContext): JsonValue {
  const perField = (spec: JsonValue, at: string): JsonValue => walkObject(spec, at, 'A highlight field', optionRules(context), 'highlight-option-not-allowed');
  // `fields` is an object of field → options, or an array of such one-key objects.
  return oneOrMany(value, pointer, (item, at) => walkObject(item, at, 'highlight.fields', {}, 'malformed', (_field, spec, p) => perField(spec, p)));
}

/** Walks a `highlight` object, including every `highlight_query`. */
export function walkHighlight(value: JsonValue, pointer: string, context: WalkContext): JsonValue {
  return walkObject(
    value,
    pointer,
    'highlight',
    { ...optionRules(context), fields: (v, at) => walkFields(v, at, context) },
    'highlight-option-not-allowed',
  );
}
