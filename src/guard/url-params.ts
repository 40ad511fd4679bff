/**
 * URL parameter allowlists, per endpoint. Elasticsearch applies some URL
 * parameters after the body (`q` replaces the query outright), so anything
 * not listed here is refused.
 *
 * @packageDocumentation
 */
import type { GuardedEndpoint, SearchRequestParamValue } from './types.js';
import { refuse, shown } from './refusal.js';

// What the engines read from the URL: RestSearchAction.parseSearchRequest / parseSearchSource (OpenSearch 2.19,
// Elasticsearch 8), RestCountAction, RestMultiSearchAction, RestSearchScrollAction, IndicesOptions.fromRequest, and the
// response parameters every handler accepts. Anything else the engines read (`stats`, `streaming_mode`,
// `force_synthetic_source` ...) is refused by omission.
const COMMON = ['filter_path', 'pretty', 'human', 'error_trace', 'format'];
const INDICES_OPTIONS = ['ignore_unavailable', 'allow_no_indices', 'expand_wildcards', 'ignore_throttled'];
const SEARCH = [
  ...COMMON,
  ...INDICES_OPTIONS,
  'size', 'from', 'sort', '_source', '_source_includes', '_source_excludes', 'stored_fields', 'docvalue_fields', 'track_total_hits',
  'track_scores', 'timeout', 'terminate_after', 'rest_total_hits_as_int', 'typed_keys', 'request_cache', 'batched_reduce_size',
  'max_concurrent_shard_requests', 'allow_partial_search_results', 'version', 'search_type', 'routing', 'preference',
  'include_named_queries_score', 'scroll',
  // Harmless execution options dashboards and clients send: OpenSearch (`RestSearchAction`) and Elasticsearch.
  'cancel_after_time_interval', 'phase_took', 'pre_filter_shard_size', 'ccs_minimize_roundtrips', 'enable_fields_emulation',
  'min_compatible_shard_node',
];

/** URL parameters refused by name, with the reason; everything else unlisted is `url-param-not-allowed`. */
const REFUSED: Readonly<Record<string, readonly [string, string]>> = {
  q: ['url-query', 'The URL q parameter replaces the body query, token filter included.'],
  df: ['url-query', 'df only applies to the URL q parameter.'],
  analyzer: ['url-query', 'analyzer only applies to the URL q parameter.'],
  analyze_wildcard: ['url-query', 'analyze_wildcard only applies to the URL q parameter.'],
  default_operator: ['url-query', 'default_operator only applies to the URL q parameter.'],
  lenient: ['url-query', 'lenient only applies to the URL q parameter.'],
  suggest_field: ['suggest', 'URL suggesters read the whole term dictionary.'],
  suggest_text: ['suggest', 'URL suggesters read the whole term dictionary.'],
  suggest_mode: ['suggest', 'URL suggesters read the whole term dictionary.'],
  suggest_size: ['suggest', 'URL suggesters read the whole term dictionary.'],
  search_pipeline: ['search-pipeline', 'Search pipelines rewrite the query after the guard.'],
  explain: ['explain', 'explain output includes the token filter.'],
  verbose_pipeline: ['search-pipeline', 'verbose_pipeline reports what search pipelines did.'],
  seq_no_primary_term: ['sequence-numbers', 'Sequence numbers count every write to the shard, hidden documents included.'],
};

const ALLOWED: Readonly<Record<GuardedEndpoint, readonly string[]>> = {
  search: SEARCH,
  'async-search-submit': [...SEARCH.filter((p) => p !== 'scroll'), 'wait_for_completion_timeout', 'keep_on_completion', 'keep_alive'],
  count: [...COMMON, ...INDICES_OPTIONS, 'min_score', 'routing', 'preference', 'terminate_after'],
  msearch: [
    ...COMMON, ...INDICES_OPTIONS, 'max_concurrent_searches', 'max_concurrent_shard_requests', 'rest_total_hits_as_int', 'typed_keys', 'search_type',
    'pre_filter_shard_size', 'ccs_minimize_roundtrips', 'cancel_after_time_interval', 'phase_took',
  ],
  scroll: [...COMMON, 'scroll', 'scroll_id', 'rest_total_hits_as_int'],
  'async-search-get': [...COMMON, 'wait_for_completion_timeout', 'keep_alive', 'typed_keys', 'rest_total_hits_as_int'],
};

/**
 * Checks every URL parameter against the endpoint's allowlist and returns
 * them as strings. `expand_wildcards` may only be `open`; `search_type` only
 * the two documented values.
 */
export function checkParams(params: unknown, endpoint: GuardedEndpoint): Record<string, string> {
  const out: Record<string, string> = {};
  if (params === undefined) return out;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    return refuse('url-param-invalid', 'params must be an object of parameter names to values.', { part: 'params' });
  }
  const proto: unknown = Object.getPrototypeOf(params);
  if (proto !== Object.prototype && proto !== null) return refuse('url-param-invalid', 'params must be a plain object.', { part: 'params' });
  for (const name of Object.keys(params)) {
    const descriptor = Object.getOwnPropertyDescriptor(params, name);
    const value: unknown = descriptor !== undefined && 'value' in descriptor ? descriptor.value : undefined;
    if (Object.prototype.hasOwnProperty.call(REFUSED, name)) {
      const [reason, why] = REFUSED[name] as readonly [string, string];
      refuse(reason, why, { parameter: name });
    }
    if (!(ALLOWED[endpoint] as readonly string[]).includes(name)) {
      refuse('url-param-not-allowed', `The URL parameter "${shown(name)}" is not on the guard's allowlist for this endpoint.`, { parameter: name });
    }
    if (!isParamValue(value)) refuse('url-param-invalid', `The URL parameter "${shown(name)}" must be a string, number or boolean.`, { parameter: name });
    const text = String(value);
    // A shard counter named in any parameter (sort, docvalue_fields, stored_fields) counts hidden writes.
    if (/_seq_no|_primary_term/.test(text)) refuse('sequence-numbers', 'Sequence numbers count every write to the shard, hidden documents included.', { parameter: name });
    if (name === 'expand_wildcards' && text !== 'open') {
      refuse('expand-wildcards', 'expand_wildcards is pinned to "open" (no hidden or closed indices).', { parameter: name });
    }
    if (name === 'search_type' && text !== 'query_then_fetch' && text !== 'dfs_query_then_fetch') {
      refuse('url-param-invalid', 'search_type must be query_then_fetch or dfs_query_then_fetch.', { parameter: name });
    }
    Object.defineProperty(out, name, { value: text, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function isParamValue(value: unknown): value is SearchRequestParamValue {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}
