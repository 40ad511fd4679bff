/**
 * `_msearch`: NDJSON of header/body pairs. Every header is checked (its
 * `index` is an index expression like the path's) and every body is guarded
 * like a `_search` body. The output is canonical NDJSON the guard wrote
 * itself, so the engine parses exactly what was checked.
 *
 * @packageDocumentation
 */
import type { JsonObject, JsonValue } from './json-value.js';
import { getOwn, setOwn } from './json-value.js';
import type { JsonBudget } from './read-json.js';
import { parseJsonText, readJson } from './read-json.js';
import { boolean, oneOrArrayOf, string } from './json-kinds.js';
import type { KeyRules } from './object-rules.js';
import { expectObject, walkObject } from './object-rules.js';
import { childPointer } from './pointer.js';
import { refuse } from './refusal.js';

/** One header/body pair, as read. */
export interface MsearchItem {
  readonly header: JsonObject;
  readonly body: JsonValue;
  /** JSON pointer prefix of this pair: `/<line of the header>`. */
  readonly pointer: string;
  /** Pointer of the body line. */
  readonly bodyPointer: string;
}

/**
 * Reads `_msearch` lines from NDJSON text or from an array alternating
 * header and body objects. Pointers are `/<line number>` from 0.
 */
export function readMsearchLines(body: unknown, budget: JsonBudget): JsonValue[] {
  if (typeof body === 'string') {
    const text = body.endsWith('\n') ? body.slice(0, -1) : body;
    if (text.length === 0) return [];
    // Lines are split on \n only, as the engine does; a blank line is ambiguous, so refused.
    return text.split('\n').map((line, i) => {
      if (line.trim().length === 0) refuse('msearch-malformed', 'An _msearch body has a blank line.', { pointer: `/${i}` });
      return parseJsonText(line, `/${i}`, budget);
    });
  }
  if (Array.isArray(body)) {
    const lines = readJson(body, '', budget);
    return lines as JsonValue[];
  }
  return refuse('msearch-malformed', 'An _msearch body must be NDJSON text or an array of header and body objects.', { pointer: '' });
}

/**
 * MultiSearchRequest.readMultiLineFormat (OpenSearch 2.19; Elasticsearch 8
 * the same without the OpenSearch-only `cancel_after_time_interval` and
 * `phase_took`): the header keys and their kinds (`nodeStringArrayValue`,
 * `nodeStringValue`, `nodeBooleanValue`, `nodeTimeValue`). The engines also
 * read camelCase spellings (`searchType`, `requestCache`,
 * `expandWildcards`, `ignoreUnavailable`, `allowNoIndices`,
 * `ignoreThrottled`, `cancelAfterTimeInterval`, `ccsMinimizeRoundtrips`) and
 * `indices` for `index`: those are refused, so `expand_wildcards` cannot be
 * set around the pinned value under another name.
 */
const HEADER_KEYS: KeyRules = {
  index: oneOrArrayOf(string),
  search_type: string,
  // nodeStringValue: dashboards send a number (a session timestamp); it is read as its text.
  preference: (value, pointer) => (typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : string(value, pointer)),
  routing: string,
  request_cache: boolean,
  allow_no_indices: boolean,
  ignore_unavailable: boolean,
  expand_wildcards: string,
  ignore_throttled: boolean,
  allow_partial_search_results: boolean,
  cancel_after_time_interval: string,
  phase_took: boolean,
};

/** Pairs up lines into header/body items, checking every header's keys. */
export function pairMsearchLines(lines: readonly JsonValue[], maxSearches: number): MsearchItem[] {
  if (lines.length === 0) refuse('msearch-malformed', 'An _msearch body must have at least one search.', { pointer: '' });
  if (lines.length % 2 !== 0) refuse('msearch-malformed', 'An _msearch body must have a body line after every header line.', { pointer: `/${lines.length - 1}` });
  if (lines.length / 2 > maxSearches) refuse('too-many-searches', `An _msearch body has more than ${maxSearches} searches.`, { pointer: '', limit: maxSearches });
  const items: MsearchItem[] = [];
  for (let i = 0; i < lines.length; i += 2) {
    const pointer = `/${i}`;
    const header = walkObject(expectObject(lines[i], pointer, 'An _msearch header'), pointer, 'An _msearch header', HEADER_KEYS, 'msearch-header-not-allowed');
    const expand = getOwn(header, 'expand_wildcards');
    if (expand !== undefined && expand !== 'open') {
      refuse('expand-wildcards', 'expand_wildcards is pinned to "open" (no hidden or closed indices).', { pointer: childPointer(pointer, 'expand_wildcards') });
    }
    const searchType = getOwn(header, 'search_type');
    if (searchType !== undefined && searchType !== 'query_then_fetch' && searchType !== 'dfs_query_then_fetch') {
      refuse('msearch-header-not-allowed', 'search_type must be query_then_fetch or dfs_query_then_fetch.', { pointer: childPointer(pointer, 'search_type') });
    }
    items.push({ header, body: lines[i + 1] as JsonValue, pointer, bodyPointer: `/${i + 1}` });
  }
  return items;
}

/** The header's `index` as one comma-separated expression (the engine accepts a string or an array). */
export function headerIndexExpression(header: JsonObject, pointer: string): string | undefined {
  const index = getOwn(header, 'index');
  if (index === undefined) return undefined;
  if (typeof index === 'string') return index;
  if (Array.isArray(index) && index.length > 0 && index.every((i): i is string => typeof i === 'string')) return index.join(',');
  return refuse('index-invalid', 'An _msearch header index must be a string or a non-empty array of strings.', { pointer: childPointer(pointer, 'index') });
}

/** A new header with the checked index expression and the pinned `expand_wildcards`. */
export function guardedHeader(header: JsonObject, indices: readonly string[]): JsonObject {
  const out: JsonObject = {};
  setOwn(out, 'index', indices.join(','));
  for (const key of Object.keys(header)) {
    if (key !== 'index' && key !== 'expand_wildcards') setOwn(out, key, header[key] as JsonValue);
  }
  setOwn(out, 'expand_wildcards', 'open');
  return out;
}

/**
 * `JSON.stringify(guardedHeader(header, indices))` for the `expression`
 * `indices.join(',')`: written from a template, without the object, when
 * the header holds no key but `index` and `expand_wildcards` (most do).
 */
export function guardedHeaderText(header: JsonObject, indices: readonly string[], expression: string): string {
  const keys = Object.keys(header);
  for (let i = 0; i < keys.length; i += 1) {
    if (keys[i] !== 'index' && keys[i] !== 'expand_wildcards') return JSON.stringify(guardedHeader(header, indices));
  }
  return `{"index":${JSON.stringify(expression)},"expand_wildcards":"open"}`;
}
