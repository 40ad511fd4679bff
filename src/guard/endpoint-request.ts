/**
 * Per-endpoint guarding once the path, method and parameters are known.
 *
 * @packageDocumentation
 */
import type { ParsedPath } from './endpoint.js';
import { checkIndexExpression, spendNames } from './index-expression.js';
import type { IndexNameBudget } from './index-expression.js';
import type { JsonObject, JsonValue } from './json-value.js';
import { getOwn, isJsonObject, setOwn } from './json-value.js';
import type { GuardLimits } from './limits.js';
import { guardedHeaderText, headerIndexExpression, pairMsearchLines, readMsearchLines } from './msearch.js';
import { string } from './json-kinds.js';
import { expectString, walkObject } from './object-rules.js';
import { childPointer } from './pointer.js';
import type { JsonBudget } from './read-json.js';
import { parseJsonText, readJson, readSafely } from './read-json.js';
import { refuse } from './refusal.js';
import { walkSearchBody, walkSearchBodyText } from './search-body.js';
import type { GuardedSearchRequest, GuardOptions } from './types.js';
import { UnsafeRequestError } from '../errors.js';
import type { WalkContext } from './walk-context.js';
import { WALKERS } from './walker-table.js';

/** Everything the endpoint handlers need. */
export interface EndpointInput {
  readonly parsed: ParsedPath;
  readonly method: 'GET' | 'POST';
  readonly params: Record<string, string>;
  readonly body: unknown;
  readonly token: JsonValue;
  readonly limits: GuardLimits;
  readonly options: GuardOptions;
}

const isRefusal = (error: unknown): boolean => error instanceof UnsafeRequestError;

function budgetOf(limits: GuardLimits): JsonBudget {
  return { bytesLeft: limits.maxBodyBytes, maxBytes: limits.maxBodyBytes, maxDepth: limits.maxJsonDepth };
}

function readBody(body: unknown, limits: GuardLimits): JsonValue | undefined {
  if (body === undefined) return undefined;
  return readSafely(() => (typeof body === 'string' ? parseJsonText(body, '', budgetOf(limits)) : readJson(body, '', budgetOf(limits))), { pointer: '' }, isRefusal);
}

function contextOf(input: EndpointInput): WalkContext {
  return { token: input.token, limits: input.limits, bindings: input.options.bindings ?? {}, walkers: WALKERS, clauses: 0, aggregations: 0, enclosingBuckets: 1, rules: new Map() };
}

function encodeIndices(indices: readonly string[]): string {
  return indices.map((index) => encodeURIComponent(index)).join(',');
}

/** The index expression a request reads: the one it names, else the token's indices. */
function resolveIndices(expression: string | undefined, input: EndpointInput, where: Record<string, string>, budget: IndexNameBudget): string[] {
  const allowed = input.options.indices;
  if (expression === undefined) {
    if (allowed === undefined || allowed.length === 0) {
      return refuse('index-required', 'Without options.indices a request must name its indices.', where);
    }
    return checkIndexExpression(allowed.join(','), allowed, where);
  }
  return checkIndexExpression(expression, allowed, where, budget);
}

/** One budget of index names per request: the path and every `_msearch` header together. */
function nameBudget(limits: GuardLimits): IndexNameBudget {
  return { namesLeft: limits.maxIndexNames, maxNames: limits.maxIndexNames, maxNameBytes: limits.maxIndexNameBytes };
}

function withParam(params: Record<string, string>, name: string, value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(params)) if (key !== name) Object.defineProperty(out, key, { value: params[key], enumerable: true, writable: true, configurable: true });
  Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

function requireHook(hook: unknown, reason: string, message: string, where: Record<string, string>): void {
  if (typeof hook !== 'function') refuse(reason, message, where);
}

function checkBound(check: ((id: string) => boolean) | undefined, id: string, reason: string, where: Record<string, string>): void {
  let bound = false;
  try {
    bound = check !== undefined && check(id) === true;
  } catch {
    // A failing hook must not open the door.
    bound = false;
  }
  if (!bound) refuse(reason, 'This continuation id is not bound to the token.', where);
}

function guardSearchLike(input: EndpointInput, kind: 'search' | 'count'): GuardedSearchRequest {
  const { parsed } = input;
  if (parsed.endpoint === 'async-search-submit') {
    requireHook(input.options.bindings?.checkAsyncSearchId, 'async-search-not-bound', 'Async search needs options.bindings.checkAsyncSearchId.', { path: '/_async_search' });
  }
  if (Object.prototype.hasOwnProperty.call(input.params, 'scroll')) {
    requireHook(input.options.bindings?.checkScrollId, 'scroll-not-bound', 'Opening a scroll needs options.bindings.checkScrollId.', { parameter: 'scroll' });
  }
  const walked = walkSearchBody(readBody(input.body, input.limits), '', contextOf(input), kind);
  const suffix = parsed.endpoint === 'async-search-submit' ? '_async_search' : kind === 'search' ? '_search' : '_count';
  if (walked.usesPit) {
    if (parsed.indexExpression !== undefined) refuse('pit-with-index', 'A point-in-time search must not name indices; the PIT fixes them.', { pointer: '/pit' });
    return { method: 'POST', path: `/${suffix}`, params: input.params, body: walked.body, endpoint: parsed.endpoint, indices: [] };
  }
  const indices = resolveIndices(parsed.indexExpression, input, { parameter: 'path' }, nameBudget(input.limits));
  return {
    method: 'POST',
    path: `/${encodeIndices(indices)}/${suffix}`,
    params: withParam(input.params, 'expand_wildcards', 'open'),
    body: walked.body,
    endpoint: parsed.endpoint,
    indices: [indices.join(',')],
  };
}

function guardMsearch(input: EndpointInput): GuardedSearchRequest {
  const budget = budgetOf(input.limits);
  const lines = readSafely(() => readMsearchLines(input.body, budget), { pointer: '' }, isRefusal);
  const items = pairMsearchLines(lines, input.limits.maxSearches);
  const expressions: string[] = [];
  const names = nameBudget(input.limits);
  const pathIndices = input.parsed.indexExpression === undefined ? undefined : resolveIndices(input.parsed.indexExpression, input, { parameter: 'path' }, names);
  // One context for every item (so the walkers' rule tables are built once), with the counts reset per search.
  const context = contextOf(input);
  // A header expression already checked in this request gives the same items again (the check
  // depends only on the expression and options.indices): its names are spent, its items reused.
  const checked = new Map<string, string[]>();
  // The token's filter is the same in every search: written once and spliced into each body line.
  const tokenText = JSON.stringify(input.token);
  // Each pair is written as soon as it is guarded (its objects die young instead of living through
  // the whole request); one string appended to, which V8 keeps as a rope until it is read.
  let ndjson = '';
  for (let n = 0; n < items.length; n += 1) {
    const item = items[n] as (typeof items)[number];
    context.clauses = 0;
    context.aggregations = 0;
    context.enclosingBuckets = 1;
    const own = headerIndexExpression(item.header, item.pointer);
    let indices: string[];
    if (own === undefined && pathIndices !== undefined) indices = pathIndices;
    else {
      const where = { pointer: childPointer(item.pointer, 'index') };
      const known = own === undefined ? undefined : checked.get(own);
      if (known !== undefined && own !== undefined) {
        spendNames(own, names, where);
        indices = known;
      } else {
        indices = resolveIndices(own, input, where, names);
        if (own !== undefined) checked.set(own, indices);
      }
    }
    const walked = walkSearchBodyText(item.body, item.bodyPointer, context, tokenText);
    if (walked.usesPit) refuse('pit-in-msearch', 'Point-in-time searches are not accepted inside _msearch.', { pointer: childPointer(item.bodyPointer, 'pit') });
    const expression = indices.join(',');
    expressions.push(expression);
    ndjson += `${guardedHeaderText(item.header, indices, expression)}\n${walked.text}\n`;
  }
  const path = pathIndices === undefined ? '/_msearch' : `/${encodeIndices(pathIndices)}/_msearch`;
  return { method: 'POST', path, params: withParam(input.params, 'expand_wildcards', 'open'), body: ndjson, endpoint: 'msearch', indices: expressions };
}

function guardScroll(input: EndpointInput): GuardedSearchRequest {
  const body = readBody(input.body, input.limits);
  const checked = body === undefined ? {} : walkObject(body, '', 'A scroll body', { scroll_id: string, scroll: string }, 'body-key-not-allowed');
  const ids: [string, Record<string, string>][] = [];
  if (input.parsed.id !== undefined) ids.push([input.parsed.id, { parameter: 'path' }]);
  if (input.params['scroll_id'] !== undefined) ids.push([input.params['scroll_id'], { parameter: 'scroll_id' }]);
  const bodyId = getOwn(checked, 'scroll_id');
  if (bodyId !== undefined) ids.push([expectString(bodyId, '/scroll_id', 'scroll_id'), { pointer: '/scroll_id' }]);
  const first = ids[0];
  if (first === undefined) return refuse('scroll-not-bound', 'A scroll continuation needs a scroll_id.', { pointer: '/scroll_id' });
  for (const [id, where] of ids) {
    if (id !== first[0]) refuse('scroll-not-bound', 'A scroll continuation names two different scroll ids.', where);
    checkBound(input.options.bindings?.checkScrollId, id, 'scroll-not-bound', where);
  }
  const out: JsonObject = {};
  setOwn(out, 'scroll_id', first[0]);
  const scroll = getOwn(checked, 'scroll') ?? input.params['scroll'];
  if (scroll !== undefined) setOwn(out, 'scroll', scroll);
  const params: Record<string, string> = {};
  for (const key of Object.keys(input.params)) if (key !== 'scroll_id' && key !== 'scroll') params[key] = input.params[key] as string;
  return { method: 'POST', path: '/_search/scroll', params, body: out, endpoint: 'scroll', indices: [] };
}

function guardAsyncGet(input: EndpointInput): GuardedSearchRequest {
  if (input.method !== 'GET') refuse('method-not-allowed', 'Async search results are read with GET.', { path: '/_async_search' });
  const body = readBody(input.body, input.limits);
  if (body !== undefined && !(isJsonObject(body) && Object.keys(body).length === 0)) {
    refuse('body-key-not-allowed', 'Reading async search results takes no body.', { pointer: '' });
  }
  const id = input.parsed.id as string;
  checkBound(input.options.bindings?.checkAsyncSearchId, id, 'async-search-not-bound', { parameter: 'path' });
  return { method: 'GET', path: `/_async_search/${encodeURIComponent(id)}`, params: input.params, body: undefined, endpoint: 'async-search-get', indices: [] };
}

/** Dispatches on the endpoint. */
export function endpointRequest(input: EndpointInput): GuardedSearchRequest {
  const endpoint = input.parsed.endpoint;
  switch (endpoint) {
    case 'search':
    case 'async-search-submit':
      return guardSearchLike(input, 'search');
    case 'count':
      return guardSearchLike(input, 'count');
    case 'msearch':
      return guardMsearch(input);
    case 'scroll':
      return guardScroll(input);
    case 'async-search-get':
      return guardAsyncGet(input);
    default: {
      const unreachable: never = endpoint;
      return refuse('endpoint-not-allowed', `Unknown endpoint ${String(unreachable)}.`, { part: 'path' });
    }
  }
}

