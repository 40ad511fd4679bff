/**
 * The request guard against a hostile grammar, on the real engine. For every
 * generated request the guard accepts, the guarded request runs on the full
 * index (the token's documents plus hidden ones) and the user's request runs
 * on an index holding only the token's documents. It leaks when:
 *
 * - the two responses differ (hit ids, totals, buckets, hit contents, error
 *   status and types; scores and timings are left out, scores being the
 *   documented exception);
 * - the guarded response, error bodies included, carries a marker value of a
 *   hidden document or of the other tenant's index that the request did not
 *   carry itself;
 * - the guarded body still names another index (a lookup reads it with the
 *   service's rights, whatever the response shows);
 * - a histogram in it would build more than 10,000 buckets: such a request is
 *   counted and never sent, because the engine builds every empty bucket
 *   before `search.max_buckets` applies and the node runs out of memory.
 *
 * Accepted, refused and leaking requests are counted and printed per class;
 * one leak fails the test.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@opensearch-project/opensearch';
import { fieldTypesFromMapping, guardSearchRequest, UnsafeRequestError } from '../../src/index.js';
import type { AccessExpression, FieldTypes, GuardedSearchRequest } from '../../src/index.js';
import { bulkIndex, engineClient, getMapping, recreateIndex, engineIdentity } from './engine.js';
import { largestHistogram, normalizeResponse } from './guard-hostile-compare.js';
import type { DataRanges } from './guard-hostile-compare.js';
import {
  ALLOWED_DOCUMENTS,
  ALLOWED_INDEX,
  FULL_INDEX,
  HIDDEN_DOCUMENTS,
  leakedMarkers,
  MAPPINGS,
  OTHER_DOCUMENTS,
  OTHER_INDEX,
  OTHER_MAPPINGS,
  SETTINGS,
  TOKEN_TENANT,
} from './guard-hostile-data.js';
import { HOSTILE_CLASSES, hostileRequestArbitraries } from './guard-hostile-requests.js';
import type { HostileClass, HostileRequest } from './guard-hostile-requests.js';
import { engineSeed, recordSummary } from './run-summary.js';

type Json = unknown;
type Obj = Record<string, Json>;

const isObj = (value: Json): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Requests generated per class: about 2 s of engine time per 100 on the 2-core machine. */
const REQUESTS_PER_CLASS = 100;
/** The bucket limit the guard must enforce for `min_doc_count: 0` histograms. */
const BUCKET_LIMIT = 10_000;

const TOKEN: AccessExpression = { kind: 'term', field: 'tenant', value: TOKEN_TENANT };

/** The visible documents' ranges of `num` and `ts`: empty histogram buckets span at least these. */
const RANGES: DataRanges = {
  num: [1, ALLOWED_DOCUMENTS.length],
  ts: [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1) + (ALLOWED_DOCUMENTS.length - 1) * 3_600_000],
};

interface RestResponse {
  readonly status: number;
  readonly body: Json;
}

/** A plain REST call; an engine error is an answer (its body is checked too), not an exception. */
async function rest(client: Client, method: string, path: string, params: Readonly<Record<string, string>>, body: Json): Promise<RestResponse> {
  const ndjson = typeof body === 'string';
  try {
    const response = await client.transport.request(
      { method, path, querystring: { ...params }, ...(body === undefined ? {} : ndjson ? { bulkBody: body } : { body: body as Obj }) },
      ndjson ? { headers: { 'content-type': 'application/x-ndjson' } } : {},
    );
    return { status: response.statusCode ?? 200, body: response.body as Json };
  } catch (error) {
    const meta = (error as { meta?: { statusCode?: number; body?: Json } }).meta;
    if (meta?.statusCode === undefined) throw error;
    return { status: meta.statusCode, body: meta.body };
  }
}

/** The user's request, aimed at the allowed-only index: the same request the token's documents alone would answer. */
function referenceOf(request: HostileRequest): { path: string; body: Json } {
  const swap = (text: string): string => text.split(FULL_INDEX).join(ALLOWED_INDEX);
  const path = swap(request.path);
  if (typeof request.body !== 'string') return { path: path === '/_search' ? `/${ALLOWED_INDEX}/_search` : path, body: JSON.parse(swap(JSON.stringify(request.body))) as Json };
  // _msearch: a header without an index reads the path's index, or (without one) the guard's scope.
  const lines = swap(request.body).split('\n').filter((line) => line.length > 0);
  const scoped = lines.map((line, i) => {
    if (i % 2 === 1 || path !== '/_msearch') return line;
    const header = JSON.parse(line) as Obj;
    return JSON.stringify(header['index'] === undefined ? { ...header, index: ALLOWED_INDEX } : header);
  });
  return { path, body: `${scoped.join('\n')}\n` };
}

function searchBodiesOf(guarded: GuardedSearchRequest): Json[] {
  if (guarded.endpoint !== 'msearch') return [guarded.body];
  return String(guarded.body)
    .split('\n')
    .filter((line) => line.length > 0)
    .filter((_line, i) => i % 2 === 1)
    .map((line) => JSON.parse(line) as Json);
}

function normalized(response: RestResponse, fromAllowed: boolean): Json {
  const text = JSON.stringify(response.body);
  const body = JSON.parse(fromAllowed ? text.split(ALLOWED_INDEX).join(FULL_INDEX) : text) as Json;
  if (isObj(body) && Array.isArray(body['responses'])) return { status: response.status, responses: body['responses'].map(normalizeResponse) };
  return { status: response.status, response: normalizeResponse(body) };
}

type LeakKind = 'differs' | 'marker' | 'other-index' | 'lookup' | 'unbounded-buckets';

interface ClassCounts {
  generated: number;
  accepted: number;
  refused: number;
  engineErrors: number;
  /** Accepted requests with at least one leak. */
  leaking: number;
  leaks: Record<LeakKind, number>;
  refusals: Map<string, number>;
}

const newCounts = (): ClassCounts => ({ generated: 0, accepted: 0, refused: 0, engineErrors: 0, leaking: 0, leaks: { differs: 0, marker: 0, 'other-index': 0, lookup: 0, 'unbounded-buckets': 0 }, refusals: new Map() });

function hasError(response: RestResponse): boolean {
  if (response.status >= 400) return true;
  const body = response.body;
  return isObj(body) && Array.isArray(body['responses']) && body['responses'].some((item) => isObj(item) && item['error'] !== undefined);
}

interface Verdict {
  readonly leaks: ReadonlyArray<{ readonly kind: LeakKind; readonly detail: string }>;
  readonly engineError: boolean;
  readonly queries: number;
}

/** Runs a guarded request and its allowed-only reference, and says how it leaks, if it does. */
async function judge(client: Client, request: HostileRequest, guarded: GuardedSearchRequest): Promise<Verdict> {
  const leaks: Array<{ kind: LeakKind; detail: string }> = [];
  const guardedText = JSON.stringify(guarded.body);
  const namesOther = guarded.indices.some((index) => index !== FULL_INDEX) || guardedText.includes(OTHER_INDEX) || guardedText.includes(ALLOWED_INDEX);
  if (namesOther) leaks.push({ kind: 'other-index', detail: `guarded indices ${JSON.stringify(guarded.indices)}; the body names ${guardedText.includes(OTHER_INDEX) ? OTHER_INDEX : 'another index'}` });
  const lookups = lookupsIn(guarded.body);
  if (lookups.length > 0) leaks.push({ kind: 'lookup', detail: `the guarded body still reads documents by id: ${lookups.slice(0, 2).join('; ')}` });
  const buckets = Math.max(0, ...searchBodiesOf(guarded).map((body) => (isObj(body) ? largestHistogram(body['aggs'] ?? body['aggregations'], RANGES) : 0)));
  if (buckets > BUCKET_LIMIT) {
    leaks.push({ kind: 'unbounded-buckets', detail: `a histogram would build ${buckets} buckets (not sent)` });
    return { leaks, engineError: false, queries: 0 };
  }
  const reference = referenceOf(request);
  const [got, want] = await Promise.all([
    rest(client, guarded.method, guarded.path, guarded.params, guarded.body),
    rest(client, 'POST', reference.path, {}, reference.body),
  ]);
  const markers = leakedMarkers(JSON.stringify(got.body), typeof request.body === 'string' ? request.body : JSON.stringify(request.body));
  if (markers.length > 0) leaks.push({ kind: 'marker', detail: `the response shows ${markers.slice(0, 5).join(', ')}: ${JSON.stringify(got.body).slice(0, 400)}` });
  const gotShape = JSON.stringify(normalized(got, false));
  const wantShape = JSON.stringify(normalized(want, true));
  if (gotShape !== wantShape) leaks.push({ kind: 'differs', detail: `guarded ${gotShape.slice(0, 500)}\n      allowed-only ${wantShape.slice(0, 500)}` });
  return { leaks, engineError: hasError(got), queries: 2 };
}

/**
 * Lookups left in a guarded body: objects with `index`, `id` and `path` (a
 * terms lookup, an `indexed_shape`), or `indexed_shape`/`like` documents by
 * id. Each reads a document of the caller's choosing with the service's
 * rights, hidden or in another index, whatever the response then shows.
 */
function lookupsIn(body: Json): string[] {
  const found: string[] = [];
  const visit = (node: Json, key: string): void => {
    if (Array.isArray(node)) node.forEach((item) => visit(item, key));
    if (!isObj(node)) return;
    const byId = (node['index'] !== undefined && node['id'] !== undefined) || (node['_index'] !== undefined && node['_id'] !== undefined);
    // more_like_this `like`/`unlike` items naming a document read its terms, even in the searched index.
    const likeDocument = (key === 'like' || key === 'unlike') && node['_id'] !== undefined;
    if (byId || likeDocument) found.push(JSON.stringify(node).slice(0, 200));
    for (const [childKey, child] of Object.entries(node)) visit(child, childKey);
  };
  const bodies = typeof body === 'string' ? body.split('\n').filter((line) => line.length > 0).map((line) => JSON.parse(line) as Json).filter((_l, i) => i % 2 === 1) : [body];
  bodies.forEach((item) => visit(item, ''));
  return found;
}

/**
 * What a naive guard would forward: the user's body with only its `query`
 * wrapped in the token filter. Used to show that the comparison sees the
 * leaks the hostile grammar is made of.
 */
function naivelyWrapped(body: Obj): GuardedSearchRequest {
  const query = { bool: { filter: [{ term: { tenant: { value: TOKEN_TENANT } } }], must: [body['query'] ?? { match_all: {} }] } };
  return { method: 'POST', path: `/${FULL_INDEX}/_search`, params: {}, body: { ...body, query }, endpoint: 'search', indices: [FULL_INDEX] };
}

describe('guardSearchRequest against a hostile grammar on the real engine', () => {
  const started = Date.now();
  const seed = engineSeed() + 9;
  let client: Client;
  let fields: FieldTypes;

  beforeAll(async () => {
    client = engineClient();
    await recreateIndex(client, FULL_INDEX, { settings: SETTINGS, mappings: MAPPINGS });
    await recreateIndex(client, ALLOWED_INDEX, { settings: SETTINGS, mappings: MAPPINGS });
    await recreateIndex(client, OTHER_INDEX, { settings: SETTINGS, mappings: OTHER_MAPPINGS });
    const loads = await Promise.all([
      bulkIndex(client, FULL_INDEX, [...ALLOWED_DOCUMENTS, ...HIDDEN_DOCUMENTS] as never),
      bulkIndex(client, ALLOWED_INDEX, ALLOWED_DOCUMENTS as never),
      bulkIndex(client, OTHER_INDEX, OTHER_DOCUMENTS as never),
    ]);
    for (const load of loads) expect(load.rejected, 'every fixture document must be indexed').toEqual([]);
    fields = fieldTypesFromMapping(await getMapping(client, FULL_INDEX), { engine: engineIdentity().product });
  });

  afterAll(async () => {
    await client.indices.delete({ index: [FULL_INDEX, ALLOWED_INDEX, OTHER_INDEX].join(','), ignore_unavailable: true });
  });

  it('the comparison sees what a naive query wrapper lets through (the oracle is not blind)', async () => {
    const sort = [{ num: 'asc' }];
    const cases: ReadonlyArray<readonly [string, Obj]> = [
      ['lookup of a hidden value into a long field', { size: 50, sort, post_filter: { terms: { num: { index: FULL_INDEX, id: 'hidmark-id-1', path: 'secret' } } } }],
      ['lookup into the other index', { size: 50, sort, post_filter: { terms: { num: { index: OTHER_INDEX, id: 'o0', path: 'apikey' } } } }],
      ['lookup of a hidden value shared with visible documents', { size: 50, sort, query: { terms: { code: { index: FULL_INDEX, id: 'hidmark-id-0', path: 'code' } } } }],
      ['terms with min_doc_count 0', { size: 0, aggs: { t: { terms: { field: 'code', min_doc_count: 0, size: 100 } } } }],
      ['fuzzy with one expansion', { size: 50, sort, query: { fuzzy: { message: { value: 'securx', fuzziness: 1, max_expansions: 1 } } } }],
      ['prefix rewritten to the top term', { size: 50, sort, query: { prefix: { message: { value: 'sec', rewrite: 'top_terms_1' } } } }],
      ['more_like_this min_doc_freq', { size: 50, sort, query: { more_like_this: { fields: ['message'], like: 'alpha secure second', min_term_freq: 1, min_doc_freq: 20, max_query_terms: 3 } } }],
    ];
    const missed: string[] = [];
    for (const [name, body] of cases) {
      const verdict = await judge(client, { cls: 'lookup', label: name, method: 'POST', path: `/${FULL_INDEX}/_search`, body }, naivelyWrapped(body));
      if (verdict.leaks.length === 0) missed.push(name);
    }
    expect(missed, 'naive requests whose leak the comparison did not see').toEqual([]);
  });

  it('no accepted request differs from the allowed documents alone, shows a marker, names another index or builds unbounded buckets', async () => {
    const counts = new Map<HostileClass, ClassCounts>(HOSTILE_CLASSES.map((cls) => [cls, newCounts()]));
    const samples = new Map<string, string[]>();
    let queries = 0;
    const options = { indices: [FULL_INDEX], fields };

    for (const cls of HOSTILE_CLASSES) {
      const count = counts.get(cls) ?? newCounts();
      const requests = fc.sample(hostileRequestArbitraries[cls], { seed: seed + HOSTILE_CLASSES.indexOf(cls), numRuns: REQUESTS_PER_CLASS });
      for (const request of requests) {
        count.generated += 1;
        let guarded: GuardedSearchRequest;
        try {
          guarded = guardSearchRequest({ method: request.method, path: request.path, body: request.body }, TOKEN, options);
        } catch (error) {
          if (!(error instanceof UnsafeRequestError)) throw error;
          count.refused += 1;
          count.refusals.set(error.reason, (count.refusals.get(error.reason) ?? 0) + 1);
          continue;
        }
        count.accepted += 1;
        const verdict = await judge(client, request, guarded);
        queries += verdict.queries;
        if (verdict.engineError) count.engineErrors += 1;
        if (verdict.leaks.length > 0) count.leaking += 1;
        for (const { kind, detail } of verdict.leaks) {
          count.leaks[kind] += 1;
          const key = `${cls}/${kind}`;
          const list = samples.get(key) ?? [];
          if (list.length < 4) list.push(`${request.label}: ${detail}\n      request: ${(typeof request.body === 'string' ? request.body : JSON.stringify(request.body)).slice(0, 600)}`);
          samples.set(key, list);
        }
      }
    }

    const leaks = [...counts.values()].reduce((sum, c) => sum + c.leaking, 0);
    const table = [...counts].map(
      ([cls, c]) =>
        `${cls}: generated ${c.generated}, accepted ${c.accepted}, refused ${c.refused}, engine errors ${c.engineErrors}, leaking ${c.leaking} ${JSON.stringify(c.leaks)}; refusals ${JSON.stringify(Object.fromEntries(c.refusals))}`,
    );
    recordSummary({
      name: 'guard-hostile',
      seed,
      documents: ALLOWED_DOCUMENTS.length + HIDDEN_DOCUMENTS.length + OTHER_DOCUMENTS.length,
      documentsRejectedByEngine: 0,
      filterSets: 1,
      queries,
      disagreements: leaks,
      seconds: (Date.now() - started) / 1000,
      notes: table,
    });
    for (const [key, list] of samples) process.stdout.write(`\n[guard-hostile] ${key}:\n${list.map((line) => `  - ${line}`).join('\n')}\n`);
    // The grammar must reach the engine: a guard that refused everything would pass vacuously.
    const accepted = [...counts.values()].reduce((sum, c) => sum + c.accepted, 0);
    expect(accepted, 'accepted hostile requests (the comparison must run)').toBeGreaterThan(0);
    expect(leaks, `leaking accepted requests per class:\n${table.join('\n')}`).toBe(0);
  });
});
