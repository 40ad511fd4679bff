/**
 * Evaluates a whole (guarded) search request over documents: which documents
 * the response can reveal, in hits and in every aggregation bucket. Queries
 * go to F's reference evaluator; this file models everything around them
 * (query/post_filter/knn composition, aggregations at any depth, nested
 * contexts), including the features the guard must refuse, which are modelled
 * as what they are (an escape), so that a guard accepting one shows up as a
 * soundness failure instead of passing unnoticed.
 *
 * Over-approximations (always towards revealing more, never less):
 * - `knn` (top level and clause) matches every document its filter matches;
 * - `min_score`, `terminate_after`, `size`, `sampler` are ignored;
 * - query clauses the reference evaluator does not model are replaced by a
 *   pseudo-random (but deterministic) subset of the documents: soundness of
 *   the wrapper cannot depend on what the user's query matches.
 * Unknown top-level keys and aggregation types throw: never a silent answer.
 */
import { evaluateOnDocs, ReferenceQueryError } from './reference-evaluator.js';
import type { FieldTypes } from '../../src/access/mapping/field-types.js';

/** A document of the tiny index. */
export interface EvalDoc {
  readonly _id: string;
  readonly _source: Record<string, unknown>;
}

/** One place in the response and the root documents whose content reaches it. */
export interface Revealed {
  /** `hits`, `count`, `aggs/<name>/<bucket>/...`, `knn` ... */
  readonly where: string;
  readonly ids: ReadonlySet<string>;
}

/** What one search reveals. */
export interface SearchOutcome {
  /** Ids of the top-level hits (query ∪ knn, then post_filter). */
  readonly hits: ReadonlySet<string>;
  /** Every place documents reach the response: hits, counts, buckets, metrics, inner hits. */
  readonly revealed: readonly Revealed[];
  /** The evaluator's query oracle refused a clause (the engine would fail the search): nothing is revealed. */
  readonly failed: boolean;
}

type Json = unknown;
type Obj = Record<string, Json>;

function isObj(value: Json): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(value: Obj, key: string): Json {
  return Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

function list(value: Json): Json[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** FNV-1a, for deterministic pseudo-random clause answers. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Clause types the reference evaluator answers itself. */
const REFERENCE_LEAVES = new Set(['term', 'terms', 'match_all', 'match_none', 'exists', 'ids', 'range', 'prefix']);

/**
 * Rewrites a query into one the reference evaluator answers: compound clauses
 * are kept, modelled leaves kept, others replaced by a deterministic subset.
 */
function prepare(query: Json, docIds: readonly string[]): Json {
  if (!isObj(query)) throw new Error(`search evaluator: a query clause must be an object, got ${JSON.stringify(query)}`);
  const [type] = Object.keys(query);
  if (type === undefined) throw new Error('search evaluator: empty query clause');
  const body = query[type];
  const b = isObj(body) ? body : {};
  const sub = (q: Json): Json => prepare(q, docIds);
  switch (type) {
    case 'bool': {
      const out: Obj = {};
      for (const key of ['must', 'filter', 'should', 'must_not']) {
        if (own(b, key) !== undefined) out[key] = list(own(b, key)).map(sub);
      }
      if (own(b, 'minimum_should_match') !== undefined) out['minimum_should_match'] = own(b, 'minimum_should_match');
      return { bool: out };
    }
    case 'constant_score':
      return { constant_score: { filter: sub(own(b, 'filter')) } };
    case 'dis_max':
      return { dis_max: { queries: list(own(b, 'queries')).map(sub) } };
    case 'boosting':
      // negative only lowers scores
      return sub(own(b, 'positive'));
    case 'nested':
      return { nested: { path: own(b, 'path'), query: sub(own(b, 'query')) } };
    case 'function_score':
      return sub(own(b, 'query') ?? { match_all: {} });
    case 'knn':
      return { bool: { filter: list(own(b, 'filter')).map(sub) } };
    case 'pinned': {
      const ids = [...list(own(b, 'ids')), ...list(own(b, 'docs')).map((d) => (isObj(d) ? own(d, '_id') : d))];
      return { bool: { should: [{ ids: { values: ids } }, sub(own(b, 'organic'))], minimum_should_match: 1 } };
    }
    default: {
      if (REFERENCE_LEAVES.has(type)) return query;
      const seed = hash(JSON.stringify(query));
      return { ids: { values: docIds.filter((id) => (hash(`${seed}:${id}`) & 1) === 1) } };
    }
  }
}

/** The oracle answered like a shard failure. */
class QueryFailed extends Error {}

function matching(query: Json, docs: readonly EvalDoc[], fields: FieldTypes | undefined): Set<string> {
  const prepared = prepare(query, docs.map((d) => d._id));
  try {
    return new Set(evaluateOnDocs(prepared, docs as EvalDoc[], fields));
  } catch (error) {
    // A query the engine would fail on (a shard failure): the search reveals nothing. Anything
    // else (an unsupported clause) is a gap in this evaluator and must surface.
    if (error instanceof ReferenceQueryError) throw new QueryFailed(error.message);
    throw error;
  }
}

/** An aggregation context entry: a root document, or a nested object inside one. */
interface Entry {
  readonly rootId: string;
  readonly root: Record<string, unknown>;
  /** What queries and values see: the root source, or a nested object re-wrapped at its full path. */
  readonly source: Record<string, unknown>;
}

function flatten(value: Json, prefix: string, out: Map<string, Json[]>): void {
  if (Array.isArray(value)) {
    for (const item of value) flatten(item, prefix, out);
  } else if (isObj(value)) {
    for (const key of Object.keys(value)) flatten(value[key], prefix === '' ? key : `${prefix}.${key}`, out);
  } else {
    const values = out.get(prefix) ?? [];
    values.push(value);
    out.set(prefix, values);
  }
}

function valuesAt(source: Record<string, unknown>, field: string): Json[] {
  const flat = new Map<string, Json[]>();
  flatten(source, '', flat);
  return (flat.get(field) ?? []).filter((v) => v !== null);
}

/** Objects at `path` (dotted), arrays flattened. */
function objectsAt(value: Json, path: readonly string[]): Obj[] {
  if (Array.isArray(value)) return value.flatMap((v) => objectsAt(v, path));
  if (!isObj(value)) return [];
  if (path.length === 0) return [value];
  const results: Obj[] = [];
  // A dotted key may spell several segments at once.
  for (let n = 1; n <= path.length; n += 1) {
    const key = path.slice(0, n).join('.');
    if (Object.prototype.hasOwnProperty.call(value, key)) results.push(...objectsAt(value[key], path.slice(n)));
  }
  return results;
}

function wrapAt(path: readonly string[], value: Obj): Record<string, unknown> {
  return path.reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), value);
}

interface Evaluation {
  readonly docs: readonly EvalDoc[];
  readonly fields: FieldTypes | undefined;
  readonly revealed: Revealed[];
}

function reveal(evaluation: Evaluation, where: string, entries: readonly Entry[]): void {
  evaluation.revealed.push({ where, ids: new Set(entries.map((e) => e.rootId)) });
}

function filterEntries(query: Json, entries: readonly Entry[], evaluation: Evaluation): Entry[] {
  const pseudo = entries.map((e, i) => ({ _id: String(i), _source: e.source }));
  const ids = matching(query, pseudo, evaluation.fields);
  return entries.filter((_e, i) => ids.has(String(i)));
}

function allEntries(docs: readonly EvalDoc[]): Entry[] {
  return docs.map((d) => ({ rootId: d._id, root: d._source, source: d._source }));
}

function groupBy(entries: readonly Entry[], keysOf: (entry: Entry) => string[]): Map<string, Entry[]> {
  const groups = new Map<string, Entry[]>();
  for (const entry of entries) {
    for (const key of new Set(keysOf(entry))) {
      const group = groups.get(key) ?? [];
      group.push(entry);
      groups.set(key, group);
    }
  }
  return groups;
}

const key = (v: Json): string => JSON.stringify(v);

const METRICS = new Set([
  'avg', 'sum', 'min', 'max', 'value_count', 'stats', 'extended_stats', 'cardinality', 'percentiles', 'percentile_ranks',
  'median_absolute_deviation', 'geo_bounds', 'geo_centroid', 'weighted_avg', 'top_metrics', 'scripted_metric', 'boxplot', 'string_stats',
]);
const PIPELINES = new Set([
  'avg_bucket', 'sum_bucket', 'min_bucket', 'max_bucket', 'stats_bucket', 'extended_stats_bucket', 'percentiles_bucket', 'derivative',
  'cumulative_sum', 'serial_diff', 'bucket_sort', 'bucket_script', 'bucket_selector', 'moving_fn',
]);
const VALUE_GROUPING = new Set([
  'rare_terms', 'histogram', 'date_histogram', 'auto_date_histogram', 'variable_width_histogram', 'range', 'date_range', 'ip_range',
  'geohash_grid', 'geotile_grid',
]);

function minDocCountZero(body: Obj): boolean {
  const m = own(body, 'min_doc_count');
  return m !== undefined && !(Number(m) >= 1);
}

/** Buckets of one aggregation over `entries`, each with its entries. */
function buckets(type: string, body: Obj, entries: readonly Entry[], evaluation: Evaluation, where: string): Map<string, Entry[]> {
  const field = typeof own(body, 'field') === 'string' ? (own(body, 'field') as string) : '';
  const whole = allEntries(evaluation.docs);
  switch (type) {
    case 'terms':
    case 'significant_terms':
    case 'significant_text': {
      const groups = groupBy(entries, (e) => valuesAt(e.source, field).map(key));
      const missing = own(body, 'missing');
      if (missing !== undefined) {
        const without = entries.filter((e) => valuesAt(e.source, field).length === 0);
        if (without.length > 0) groups.set(key(missing), [...(groups.get(key(missing)) ?? []), ...without]);
      }
      const background = type !== 'terms' || minDocCountZero(body);
      if (background) {
        // Background counts / zero-count terms come from the whole index.
        for (const [term, docs] of groupBy(whole, (e) => valuesAt(e.source, field).map(key))) {
          if (type === 'terms' && groups.has(term)) continue;
          evaluation.revealed.push({ where: `${where}/${term}/background`, ids: new Set(docs.map((d) => d.rootId)) });
          if (!groups.has(term)) groups.set(term, []);
        }
      }
      return groups;
    }
    case 'multi_terms': {
      const sources = list(own(body, 'terms')).map((t) => (isObj(t) && typeof own(t, 'field') === 'string' ? (own(t, 'field') as string) : ''));
      if (minDocCountZero(body)) reveal(evaluation, `${where}/background`, whole);
      return groupBy(entries, (e) => {
        const perField = sources.map((f) => valuesAt(e.source, f).map(key));
        if (perField.some((v) => v.length === 0)) return [];
        return perField.reduce<string[]>((acc, vs) => acc.flatMap((a) => vs.map((v) => `${a}|${v}`)), ['']);
      });
    }
    case 'composite': {
      const sources = list(own(body, 'sources')).map((s) => {
        const [name] = isObj(s) ? Object.keys(s) : [];
        const spec = isObj(s) && name !== undefined && isObj(s[name]) ? (s[name] as Obj) : {};
        const [kind] = Object.keys(spec);
        const options = kind !== undefined && isObj(spec[kind]) ? (spec[kind] as Obj) : {};
        return { field: typeof own(options, 'field') === 'string' ? (own(options, 'field') as string) : '', missingBucket: own(options, 'missing_bucket') === true };
      });
      return groupBy(entries, (e) => {
        const perField = sources.map((s) => {
          const vs = valuesAt(e.source, s.field).map(key);
          return vs.length === 0 && s.missingBucket ? ['null'] : vs;
        });
        if (perField.some((v) => v.length === 0)) return [];
        return perField.reduce<string[]>((acc, vs) => acc.flatMap((a) => vs.map((v) => `${a}|${v}`)), ['']);
      });
    }
    case 'missing':
      return new Map([['missing', entries.filter((e) => valuesAt(e.source, field).length === 0)]]);
    case 'filter':
      return new Map([['filter', filterEntries(body, entries, evaluation)]]);
    case 'filters': {
      const filters = own(body, 'filters');
      const named: [string, Json][] = Array.isArray(filters) ? filters.map((f, i) => [String(i), f]) : isObj(filters) ? Object.entries(filters) : [];
      const out = new Map(named.map(([name, q]) => [name, filterEntries(q, entries, evaluation)] as const));
      if (own(body, 'other_bucket') === true || own(body, 'other_bucket_key') !== undefined) {
        const inSome = new Set([...out.values()].flat());
        out.set('_other_', entries.filter((e) => !inSome.has(e)));
      }
      return out;
    }
    case 'adjacency_matrix': {
      const filters = own(body, 'filters');
      const named = isObj(filters) ? Object.entries(filters).map(([n, q]) => [n, filterEntries(q, entries, evaluation)] as const) : [];
      const out = new Map<string, Entry[]>(named);
      for (const [a, ea] of named) for (const [b, eb] of named) if (a < b) out.set(`${a}&${b}`, ea.filter((e) => eb.includes(e)));
      return out;
    }
    case 'nested': {
      const path = String(own(body, 'path') ?? '').split('.');
      const inner = entries.flatMap((e) => objectsAt(e.root, path).map((o) => ({ rootId: e.rootId, root: e.root, source: wrapAt(path, o) })));
      return new Map([['nested', inner]]);
    }
    case 'reverse_nested': {
      const seen = new Set<string>();
      const roots = entries.filter((e) => (seen.has(e.rootId) ? false : (seen.add(e.rootId), true)));
      return new Map([['reverse_nested', roots.map((e) => ({ rootId: e.rootId, root: e.root, source: e.root }))]]);
    }
    case 'sampler':
    case 'diversified_sampler':
      return new Map([[type, [...entries]]]);
    case 'global':
    case 'children':
    case 'parent':
      // These find their documents without the query.
      return new Map([[type, whole]]);
    default:
      if (VALUE_GROUPING.has(type)) return groupBy(entries, (e) => valuesAt(e.source, field).map(key));
      throw new Error(`search evaluator: unmodelled bucket aggregation "${type}" at ${where}`);
  }
}

function evaluateAggs(aggs: Json, entries: readonly Entry[], evaluation: Evaluation, where: string): void {
  if (!isObj(aggs)) throw new Error(`search evaluator: aggs at ${where} is not an object`);
  for (const name of Object.keys(aggs)) {
    const definition = aggs[name];
    if (!isObj(definition)) throw new Error(`search evaluator: aggregation ${where}/${name} is not an object`);
    const type = Object.keys(definition).find((k) => k !== 'aggs' && k !== 'aggregations' && k !== 'meta');
    if (type === undefined) throw new Error(`search evaluator: aggregation ${where}/${name} has no type`);
    const body = isObj(definition[type]) ? (definition[type] as Obj) : {};
    const at = `${where}/${name}`;
    const sub = own(definition, 'aggs') ?? own(definition, 'aggregations');
    if (METRICS.has(type)) {
      const fieldName = own(body, 'field');
      reveal(evaluation, at, typeof fieldName === 'string' ? entries.filter((e) => valuesAt(e.source, fieldName).length > 0) : entries);
      continue;
    }
    if (type === 'top_hits') {
      reveal(evaluation, at, entries);
      continue;
    }
    if (PIPELINES.has(type)) continue;
    for (const [bucket, bucketEntries] of buckets(type, body, entries, evaluation, at)) {
      reveal(evaluation, `${at}/${bucket}`, bucketEntries);
      if (sub !== undefined) evaluateAggs(sub, bucketEntries, evaluation, `${at}/${bucket}`);
    }
  }
}

const HARMLESS_BODY_KEYS = new Set([
  'size', 'from', 'timeout', 'terminate_after', 'track_total_hits', 'track_scores', 'min_score', 'version', 'seq_no_primary_term', 'search_after',
  'slice', 'indices_boost', 'stored_fields', 'docvalue_fields', 'fields', '_source', 'stats', 'sort', 'highlight', 'rescore', 'explain', 'profile',
]);

/**
 * Evaluates one search body over `docs`. `params` are the URL parameters
 * (a `q` there replaces the query, as in the engine).
 */
export function evaluateSearch(body: Obj, docs: readonly EvalDoc[], fields?: FieldTypes, params: Readonly<Record<string, string>> = {}): SearchOutcome {
  const evaluation: Evaluation = { docs, fields, revealed: [] };
  try {
    const ids = docs.map((d) => d._id);
    let matched: Set<string> = own(body, 'query') === undefined ? new Set(ids) : matching(own(body, 'query'), docs, fields);
    if (params['q'] !== undefined) matched = new Set(ids);
    for (const key of Object.keys(body)) {
      if (key === 'query' || key === 'post_filter' || key === 'aggs' || key === 'aggregations' || key === 'knn' || key === 'collapse') continue;
      if (key === 'runtime_mappings' || key === 'derived' || key === 'search_pipeline' || key === 'retriever' || key === 'rank' || key === 'sub_searches') {
        // These can redefine or bypass the query: model as "everything".
        matched = new Set(ids);
        continue;
      }
      if (key === 'suggest') {
        reveal(evaluation, 'suggest', allEntries(docs));
        continue;
      }
      if (!HARMLESS_BODY_KEYS.has(key)) throw new Error(`search evaluator: unmodelled body key "${key}"`);
      if ((key === 'profile' || key === 'explain') && own(body, key) !== false) reveal(evaluation, key, allEntries(docs));
    }
    for (const knn of list(own(body, 'knn'))) {
      // Top-level knn is OR-ed with the query.
      const filter = isObj(knn) ? list(own(knn, 'filter')) : [];
      for (const id of matching({ bool: { filter } }, docs, fields)) matched.add(id);
    }
    const inScope = docs.filter((d) => matched.has(d._id));
    const scopeEntries = allEntries(inScope);
    reveal(evaluation, 'total', scopeEntries);
    const postFilter = own(body, 'post_filter');
    const hitIds = postFilter === undefined ? matched : new Set([...matching(postFilter, inScope, fields)]);
    const hitEntries = scopeEntries.filter((e) => hitIds.has(e.rootId));
    reveal(evaluation, 'hits', hitEntries);
    const collapse = own(body, 'collapse');
    if (isObj(collapse) && own(collapse, 'inner_hits') !== undefined) {
      // Expanded with the request's own query: only groups of documents already matched.
      reveal(evaluation, 'collapse/inner_hits', hitEntries);
    }
    const aggs = own(body, 'aggs') ?? own(body, 'aggregations');
    if (aggs !== undefined) evaluateAggs(aggs, scopeEntries, evaluation, 'aggs');
    return { hits: hitIds, revealed: evaluation.revealed, failed: false };
  } catch (error) {
    if (error instanceof QueryFailed) return { hits: new Set(), revealed: [], failed: true };
    throw error;
  }
}

/** A guarded request, as `guardSearchRequest` returns it (only the parts this evaluator reads). */
export interface EvaluableRequest {
  readonly endpoint: string;
  readonly params: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/**
 * Evaluates a guarded request: one outcome per search (`_msearch` has one per
 * item; `_count` reveals the count's documents only).
 */
export function evaluateGuardedRequest(request: EvaluableRequest, docs: readonly EvalDoc[], fields?: FieldTypes): SearchOutcome[] {
  switch (request.endpoint) {
    case 'search':
    case 'async-search-submit':
      return [evaluateSearch(request.body as Obj, docs, fields, request.params)];
    case 'count': {
      const outcome = evaluateSearch(request.body as Obj, docs, fields, request.params);
      return [{ ...outcome, revealed: outcome.revealed.filter((r) => r.where === 'total') }];
    }
    case 'msearch': {
      const lines = String(request.body).split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as Obj);
      const outcomes: SearchOutcome[] = [];
      for (let i = 0; i < lines.length; i += 2) outcomes.push(evaluateSearch(lines[i + 1] as Obj, docs, fields, request.params));
      return outcomes;
    }
    default:
      throw new Error(`search evaluator: unmodelled endpoint ${request.endpoint}`);
  }
}
