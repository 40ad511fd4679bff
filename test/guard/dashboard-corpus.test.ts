/**
 * Real dashboard requests: every request body Kibana 7.x/8.x and OpenSearch
 * Dashboards 2.x send for Discover, Visualize, Lens, TSVB, the filter bar,
 * auto-refresh and value suggestions (the corpus in `dashboard-requests/`,
 * provenance in its README) must be accepted by the guard under a token, and
 * the guarded request must still be sound: the token filter is a conjunct of
 * the top-level query of every search in it, and nothing in the body computes
 * hits, totals or buckets from documents outside that query.
 *
 * A refusal fails the request's own test with the guard's reason and locator,
 * so the list of failures is the list of dashboard features the guard breaks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { guardSearchRequest, toElasticsearchQuery, toPredicate, UnsafeRequestError } from '../../src/index.js';
import type { AccessExpression, FieldTypes, GuardedSearchRequest, GuardOptions } from '../../src/index.js';
import { evaluateGuardedRequest } from '../support/search-evaluator.js';
import type { EvalDoc } from '../support/search-evaluator.js';
import { UnsupportedQueryError } from '../support/reference-evaluator/errors.js';

type Json = unknown;
type Obj = Record<string, Json>;

const isObj = (value: Json): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

interface CorpusEntry {
  readonly name: string;
  readonly source: { readonly product: string; readonly app: string; readonly repository: string; readonly paths: readonly string[]; readonly licence: string; readonly derivation: string };
  readonly request: { readonly method: string; readonly path: string; readonly params?: Readonly<Record<string, string>>; readonly body: Json };
}

const corpusDir = fileURLToPath(new URL('./dashboard-requests/', import.meta.url));

function readCorpus(): CorpusEntry[] {
  return readdirSync(corpusDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ name: file.replace(/\.json$/, ''), ...(JSON.parse(readFileSync(`${corpusDir}${file}`, 'utf8')) as Omit<CorpusEntry, 'name'>) }));
}

const corpus = readCorpus();

/** The log fields the corpus uses; `organization.id` carries the token. */
const FIELDS: FieldTypes = {
  'organization.id': { type: 'keyword' },
  '@timestamp': { type: 'date' },
  'host.name': { type: 'keyword' },
  'service.name': { type: 'keyword' },
  'log.level': { type: 'keyword' },
  'user.name': { type: 'keyword' },
  'http.response.status_code': { type: 'long' },
  'http.response.bytes': { type: 'long' },
  'event.duration': { type: 'long' },
  message: { type: 'text' },
  'error.message': { type: 'text' },
};

/** A one-term token and a compound one, so that the filter is found wherever it is nested. */
const ONE_TENANT: AccessExpression = { kind: 'term', field: 'organization.id', value: 'acme' };
const TOKENS: ReadonlyArray<readonly [string, AccessExpression]> = [
  ['one tenant', ONE_TENANT],
  [
    'tenant and services',
    {
      kind: 'and',
      children: [
        { kind: 'term', field: 'organization.id', value: 'acme' },
        { kind: 'terms', field: 'service.name', values: ['api', 'billing'] },
      ],
    },
  ],
];

/**
 * The host's options: the token's index pattern, the field types, and an
 * async-search hook (Kibana 8 searches through `_async_search`), which only
 * knows ids the host saw; submitting needs the hook, not an id.
 */
const issuedAsyncIds = new Set<string>();
const OPTIONS: GuardOptions = { indices: ['logs-*'], fields: FIELDS, bindings: { checkAsyncSearchId: (id) => issuedAsyncIds.has(id) } };

/** A small index the search evaluator answers over: two tenants, the corpus' fields. */
const DOCS: EvalDoc[] = ['acme', 'globex'].flatMap((tenant, t) =>
  ['api', 'billing', 'web'].map((service, s) => ({
    _id: `${tenant}-${service}`,
    _source: {
      'organization.id': tenant,
      '@timestamp': `2024-05-01T${String(10 + s).padStart(2, '0')}:00:00.000Z`,
      host: { name: `web-0${s + 1}` },
      service: { name: service },
      log: { level: s === 0 ? 'error' : 'info' },
      user: { name: `u${t}${s}` },
      http: { response: { status_code: 200 + 150 * s, bytes: 1000 * (s + 1) } },
      event: { duration: 2000 * (t + 1) },
      message: 'connection timed out',
    },
  })),
);

// ---- Structural soundness --------------------------------------------------

/**
 * Aggregations whose buckets and values the engine computes from the documents
 * the top-level query matched (the query's collector feeds them), so the token
 * filter constrains them. Everything else is reported: `global`, `children`,
 * `parent`, `significant_*` (background from the whole index), `terms`-like
 * aggregations with `min_doc_count: 0` (terms of any document), scripts.
 */
const SCOPED_BUCKETS = new Set([
  'terms', 'multi_terms', 'rare_terms', 'histogram', 'date_histogram', 'auto_date_histogram', 'variable_width_histogram', 'range', 'date_range',
  'ip_range', 'filter', 'filters', 'adjacency_matrix', 'missing', 'nested', 'reverse_nested', 'sampler', 'diversified_sampler', 'random_sampler',
  'composite', 'geohash_grid', 'geotile_grid',
]);
const SCOPED_METRICS = new Set([
  'avg', 'sum', 'min', 'max', 'value_count', 'stats', 'extended_stats', 'cardinality', 'percentiles', 'percentile_ranks', 'median_absolute_deviation',
  'weighted_avg', 'geo_bounds', 'geo_centroid', 'top_hits', 'top_metrics', 'boxplot', 'string_stats',
]);
/** Pipelines read only the buckets of their own request. */
const PIPELINES = new Set([
  'avg_bucket', 'sum_bucket', 'min_bucket', 'max_bucket', 'stats_bucket', 'extended_stats_bucket', 'percentiles_bucket', 'derivative', 'cumulative_sum',
  'cumulative_cardinality', 'serial_diff', 'bucket_sort', 'bucket_script', 'bucket_selector', 'moving_fn',
]);
const TERMS_LIKE = new Set(['terms', 'multi_terms']);

/** Body keys that only shape or narrow what the query matched. */
const SCOPED_BODY_KEYS = new Set([
  'query', 'post_filter', 'aggs', 'aggregations', 'size', 'from', 'sort', 'search_after', 'highlight', '_source', 'fields', 'docvalue_fields', 'stored_fields',
  'version', 'seq_no_primary_term', 'track_total_hits', 'track_scores', 'timeout', 'terminate_after', 'min_score', 'collapse', 'rescore', 'indices_boost',
  'stats', 'slice',
]);

function checkAggregations(aggs: Json, where: string, problems: string[]): void {
  if (!isObj(aggs)) {
    problems.push(`${where}: aggregations are not an object`);
    return;
  }
  for (const [name, definition] of Object.entries(aggs)) {
    const at = `${where}/${name}`;
    if (!isObj(definition)) {
      problems.push(`${at}: not an object`);
      continue;
    }
    for (const [type, body] of Object.entries(definition)) {
      if (type === 'aggs' || type === 'aggregations') checkAggregations(body, at, problems);
      else if (type === 'meta') continue;
      else if (PIPELINES.has(type)) continue;
      else if (SCOPED_METRICS.has(type) || SCOPED_BUCKETS.has(type)) {
        if (isObj(body) && body['script'] !== undefined && !PIPELINES.has(type)) problems.push(`${at}/${type}: runs a script over documents`);
        if (TERMS_LIKE.has(type) && isObj(body) && body['min_doc_count'] !== undefined && !(Number(body['min_doc_count']) >= 1)) {
          problems.push(`${at}/${type}: min_doc_count 0 lists terms of documents outside the query`);
        }
      } else problems.push(`${at}/${type}: not an aggregation computed from the query's documents`);
    }
  }
}

function conjunctsOf(query: Json): Json[] {
  // `{ bool: { filter, must, must_not } }` with no `should`: its filter and must clauses are all required.
  if (!isObj(query) || !isObj(query['bool'])) return [];
  const bool = query['bool'];
  if (Object.keys(bool).some((key) => !['filter', 'must', 'must_not'].includes(key))) return [];
  const list = (value: Json): Json[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
  return [...list(bool['filter']), ...list(bool['must'])];
}

/** What makes one guarded search body unsound; empty when the token constrains everything it returns. */
function soundnessProblems(body: Json, token: Json, params: Readonly<Record<string, string>>): string[] {
  if (!isObj(body)) return ['the body is not an object'];
  const problems: string[] = [];
  if (params['q'] !== undefined) problems.push('URL parameter q replaces the query');
  const tokenText = JSON.stringify(token);
  if (!conjunctsOf(body['query']).some((clause) => JSON.stringify(clause) === tokenText)) {
    problems.push(`the top-level query does not have the token filter as a required clause: ${JSON.stringify(body['query']).slice(0, 300)}`);
  }
  for (const [key, value] of Object.entries(body)) {
    if (key === 'script_fields' || key === 'runtime_mappings') {
      if (!(isObj(value) && Object.keys(value).length === 0)) problems.push(`${key} is not empty`);
    } else if (key === 'explain' || key === 'profile') {
      if (value !== false) problems.push(`${key} reports on the query itself`);
    } else if (!SCOPED_BODY_KEYS.has(key)) problems.push(`body key ${key} is not known to stay within the query`);
  }
  const aggs = body['aggs'] ?? body['aggregations'];
  if (aggs !== undefined) checkAggregations(aggs, 'aggs', problems);
  return problems;
}

/** The search bodies of a guarded request: one, or one per `_msearch` item. */
function searchBodies(guarded: GuardedSearchRequest): Json[] {
  if (guarded.endpoint !== 'msearch') return [guarded.body];
  const lines = String(guarded.body)
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Json);
  return lines.filter((_line, i) => i % 2 === 1);
}

/** The default date format of a `date` field: a range `format` naming one of these parses the corpus' values the same way. */
const DEFAULT_DATE_FORMATS = new Set(['strict_date_optional_time', 'epoch_millis']);

/**
 * The guarded request as the search evaluator can read it, with the same
 * meaning: empty `script_fields`/`runtime_mappings` change nothing (the
 * structural check asserts they are empty) but the evaluator models them as
 * escapes; a range `format` that is part of the default date format is left
 * out (the evaluator does not model `format`).
 */
function forEvaluator(guarded: GuardedSearchRequest): GuardedSearchRequest {
  const rewrite = (node: Json, parent: string | undefined): Json => {
    if (Array.isArray(node)) return node.map((item) => rewrite(item, undefined));
    if (!isObj(node)) return node;
    const out: Obj = {};
    for (const [key, value] of Object.entries(node)) {
      if (parent === 'range-field' && key === 'format' && typeof value === 'string' && DEFAULT_DATE_FORMATS.has(value)) continue;
      out[key] = rewrite(value, parent === 'range' ? 'range-field' : key === 'range' ? 'range' : undefined);
    }
    return out;
  };
  const strip = (body: Json): Json => {
    if (!isObj(body)) return body;
    const out: Obj = {};
    for (const [key, value] of Object.entries(body)) {
      if ((key === 'script_fields' || key === 'runtime_mappings') && isObj(value) && Object.keys(value).length === 0) continue;
      out[key] = key === 'query' || key === 'post_filter' ? rewrite(value, undefined) : value;
    }
    return out;
  };
  if (guarded.endpoint !== 'msearch') return { ...guarded, body: strip(guarded.body) as Obj };
  const lines = String(guarded.body).split('\n').filter((line) => line.length > 0);
  const text = lines.map((line, i) => (i % 2 === 1 ? JSON.stringify(strip(JSON.parse(line) as Json)) : line)).join('\n');
  return { ...guarded, body: `${text}\n` };
}

// ---- The test ----------------------------------------------------------------

const outcomes = new Map<string, string>();
let evaluated = 0;
let unmodelledRuns = 0;

function describeRefusal(error: UnsafeRequestError): string {
  const where = error.context.pointer ?? error.context.parameter ?? error.context.path ?? error.context.part ?? '';
  return `${error.reason} at ${String(where)}`;
}

type MutableRequest = { method: string; path: string; params: Record<string, string>; body: Json };

/** Removes what `pointer` (`/a/0/b`, RFC 6901) names; false when it names nothing removable. */
function removeAt(root: Json, pointer: string): boolean {
  const steps = pointer.split('/').slice(1).map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = steps.pop();
  if (last === undefined) return false;
  let node = root;
  for (const step of steps) {
    if (Array.isArray(node)) node = node[Number(step)];
    else if (isObj(node)) node = node[step];
    else return false;
  }
  if (isObj(node) && last in node) return delete node[last];
  if (Array.isArray(node) && Number(last) < node.length) return node.splice(Number(last), 1).length === 1;
  return false;
}

/**
 * Every reason today's guard has to refuse a request, not just the first: after
 * each refusal, the part it names (a body pointer, a URL parameter, a trailing
 * slash) is taken out of a copy and the copy guarded again. Diagnostic only:
 * the test itself fails on the first refusal.
 */
function allRefusals(request: CorpusEntry['request'], expression: AccessExpression): string[] {
  const body: Json = request.path.endsWith('/_msearch') || request.path.endsWith('/_msearch/')
    ? String(request.body).split('\n').filter((line) => line.length > 0).map((line) => JSON.parse(line) as Json)
    : structuredClone(request.body);
  const copy: MutableRequest = { method: request.method, path: request.path, params: { ...(request.params ?? {}) }, body };
  const reasons: string[] = [];
  for (let round = 0; round < 20; round += 1) {
    try {
      guardSearchRequest(copy, expression, OPTIONS);
      return reasons;
    } catch (error) {
      if (!(error instanceof UnsafeRequestError)) throw error;
      reasons.push(describeRefusal(error));
      const { pointer, parameter } = error.context;
      if (typeof pointer === 'string' && pointer !== '' && removeAt(copy.body, pointer)) continue;
      if (typeof parameter === 'string' && parameter in copy.params) {
        delete copy.params[parameter];
        continue;
      }
      if (copy.path.endsWith('/')) {
        copy.path = copy.path.replace(/\/+$/, '');
        continue;
      }
      return [...reasons, '(cannot take that part out to look further)'];
    }
  }
  return reasons;
}

describe('real dashboard requests', () => {
  afterAll(() => {
    const refused = [...outcomes].filter(([, outcome]) => outcome !== 'accepted and sound');
    const lines = [`\n[dashboard corpus] ${outcomes.size} requests checked, ${outcomes.size - refused.length} accepted and sound, ${refused.length} not`, ...refused.map(([name, outcome]) => `  ${name}: ${outcome}`), `  search-evaluator searches that confirmed soundness: ${evaluated}; requests it could not model: ${unmodelledRuns}`];
    process.stdout.write(`${lines.join('\n')}\n`);
  });

  it('holds 25 to 40 requests, each with its provenance', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(25);
    expect(corpus.length).toBeLessThanOrEqual(40);
    for (const entry of corpus) {
      expect(entry.source.repository, entry.name).toMatch(/^(elastic\/kibana|opensearch-project\/OpenSearch-Dashboards)$/);
      expect(entry.source.paths.length, entry.name).toBeGreaterThan(0);
      expect(entry.source.derivation.length, entry.name).toBeGreaterThan(20);
      expect(entry.source.licence.length, entry.name).toBeGreaterThan(0);
      expect(['GET', 'POST'], entry.name).toContain(entry.request.method);
    }
    // "Kibana 7.17" -> "Kibana 7": every major version the corpus is meant to cover is there.
    const products = new Set(corpus.map((entry) => entry.source.product.replace(/ (\d+)[\d.x]*$/, ' $1')));
    expect([...products].sort()).toEqual(expect.arrayContaining(['Kibana 7', 'Kibana 8', 'OpenSearch Dashboards 2']));
  });

  it('the soundness check is not blind: it flags the unguarded bodies and the known escapes', () => {
    const token = toElasticsearchQuery(ONE_TENANT, { fields: FIELDS });
    for (const entry of corpus) {
      const bodies = typeof entry.request.body === 'string' ? searchBodies({ endpoint: 'msearch', body: entry.request.body } as GuardedSearchRequest) : [entry.request.body];
      for (const body of bodies) expect(soundnessProblems(body, token, {}).length, entry.name).toBeGreaterThan(0);
    }
    const guardedShape = { query: { bool: { filter: [token], must: [{ match_all: {} }] } } };
    expect(soundnessProblems(guardedShape, token, {})).toEqual([]);
    const escapes: Obj[] = [
      { ...guardedShape, aggs: { all: { global: {} } } },
      { ...guardedShape, aggs: { t: { terms: { field: 'host.name', min_doc_count: 0 } } } },
      { ...guardedShape, aggs: { t: { significant_terms: { field: 'host.name' } } } },
      { ...guardedShape, runtime_mappings: { 'organization.id': { type: 'keyword', script: 'emit("acme")' } } },
      { ...guardedShape, script_fields: { x: { script: '1' } } },
      { query: { bool: { should: [token, { match_all: {} }] } } },
      { ...guardedShape, suggest: { s: { text: 'a', term: { field: 'message' } } } },
      { ...guardedShape, knn: { field: 'v', query_vector: [1], k: 1, num_candidates: 1 } },
    ];
    for (const body of escapes) expect(soundnessProblems(body, token, {}).length, JSON.stringify(body)).toBeGreaterThan(0);
    expect(soundnessProblems(guardedShape, token, { q: '*' }).length).toBeGreaterThan(0);
  });

  it.each(corpus.map((entry) => [entry.name, entry] as const))('%s is accepted and still sound', (name, entry) => {
    for (const [tokenName, expression] of TOKENS) {
      let guarded: GuardedSearchRequest;
      try {
        guarded = guardSearchRequest(entry.request, expression, OPTIONS);
      } catch (error) {
        if (!(error instanceof UnsafeRequestError)) throw error;
        const outcome = `refused: ${allRefusals(entry.request, expression).join('; then ')}`;
        outcomes.set(name, outcome);
        throw new Error(`${name} (${entry.source.product}, ${entry.source.app}) ${outcome}: ${error.message}`);
      }
      const token = toElasticsearchQuery(expression, { fields: FIELDS });
      const problems = searchBodies(guarded).flatMap((body, i) => soundnessProblems(body, token, guarded.params).map((p) => `search ${i}: ${p}`));
      if (problems.length > 0) outcomes.set(name, `accepted but not shown sound: ${problems.join('; ')}`);
      expect(problems, `${name} under token "${tokenName}"`).toEqual([]);

      // The search evaluator, where it models every part, confirms it on documents of two tenants.
      const allowed = toPredicate(expression, { fields: FIELDS });
      const visible = new Set(DOCS.filter((doc) => allowed(doc._source)).map((doc) => doc._id));
      const leaks: string[] = [];
      try {
        for (const outcome of evaluateGuardedRequest(forEvaluator(guarded), DOCS, FIELDS)) {
          if (!outcome.failed) evaluated += 1;
          for (const { where, ids } of outcome.revealed) leaks.push(...[...ids].filter((id) => !visible.has(id)).map((id) => `${where} reveals ${id}`));
        }
      } catch (error) {
        // Parts the evaluator does not model (random_sampler, ...): the structural check above stands alone.
        const unmodelled = error instanceof UnsupportedQueryError || (error instanceof Error && error.message.startsWith('search evaluator: unmodelled'));
        if (!unmodelled) throw error;
        unmodelledRuns += 1;
      }
      if (leaks.length > 0) outcomes.set(name, `accepted but the search evaluator sees other documents: ${leaks.slice(0, 5).join('; ')}`);
      expect(leaks, `${name} under token "${tokenName}"`).toEqual([]);
    }
    outcomes.set(name, 'accepted and sound');
  });
});
