/**
 * Attacks on the request guard, settled on the real engine. Each request
 * below is accepted by `guardSearchRequest`; the guarded request runs on an
 * index holding the token's documents and hidden ones, and the user's
 * request runs on an index holding the token's documents only. A sound
 * guard makes the two answer the same hits (scores aside) and keeps the
 * engine's work within what the guard computed.
 *
 * - Fuzzy syntax smuggled past the `query_string` / `simple_query_string`
 *   text check: a fuzzy term keeps at most 50 expansions of the whole index
 *   (Lucene `FuzzyQuery` default `TopTermsBlendedFreqScoringRewrite(50)`), so
 *   52 hidden terms one edit away push a visible term two edits away out.
 * - `date_histogram` bounds written as digits: the guard reads `"2000"` as
 *   2000 ms, the engine's default date format `strict_date_optional_time`
 *   reads it as the year 2000, so the bucket count the guard bounded is not
 *   the one the engine builds.
 * - Shard statistics: `_shards.skipped` tells which shards the can-match
 *   phase skipped, decided from each shard's min/max of a field over every
 *   document, hidden ones included; Lucene doc ids (`_doc` sort values) and
 *   `_seq_no` count the hidden documents indexed before a visible one.
 *
 * Also pinned: multi-term forms the guard accepts (constant-score prefix,
 * wildcard, regexp, their `query_string` syntax, `match_bool_prefix`) match
 * every expanded term, so hidden terms change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@opensearch-project/opensearch';
import { fieldTypesFromMapping, guardSearchRequest, sanitizeEngineResponse, UnsafeRequestError } from '../../src/index.js';
import type { AccessExpression, FieldTypes, GuardedSearchRequest } from '../../src/index.js';
import { bulkIndex, engineClient, getMapping, recreateIndex } from './engine.js';

const FULL = 'gattack-full';
const ALLOWED = 'gattack-allowed';
const TOKEN: AccessExpression = { kind: 'term', field: 'tenant', value: 'acme' };
const SETTINGS = { number_of_shards: 1, number_of_replicas: 0 };
const MAPPINGS = { properties: { tenant: { type: 'keyword' }, message: { type: 'text' }, ts: { type: 'date' }, num: { type: 'long' } } };

/** The token's documents: `qqqqxx` is two edits from `qqqqqq`. */
const VISIBLE = [
  { id: 'v0', source: { tenant: 'acme', message: 'qqqqxx visible', ts: '2024-01-01T00:00:00Z', num: 1 } },
  { id: 'v1', source: { tenant: 'acme', message: 'alpha visible', ts: '2024-01-02T00:00:00Z', num: 2 } },
];

/** 52 hidden terms one edit from `qqqqqq`: more than the 50 expansions a fuzzy term keeps. */
const HIDDEN_TERMS = [
  ...'abcdefghijklmnoprstuvwxyz'.split('').flatMap((letter) => [`qqqqq${letter}`, `${letter}qqqqq`]),
  'qqqqqqq',
  'qqqqq',
];
const HIDDEN = HIDDEN_TERMS.map((term, i) => ({ id: `h${i}`, source: { tenant: 'other', message: term, ts: '2024-01-03T00:00:00Z', num: 100 + i } }));

/** A visible document indexed after the hidden ones: its doc id and sequence number count them. */
const LATE = { id: 'v2', source: { tenant: 'acme', message: 'beta visible', ts: '2024-01-04T00:00:00Z', num: 3 } };

/** A two-shard index: visible documents on one shard, a hidden document with a marker value on the other. */
const SHARDED = 'gattack-sharded';
const HIDDEN_MARKER = 777_001;

type Obj = Record<string, unknown>;

async function search(client: Client, path: string, params: Readonly<Record<string, string>>, body: unknown): Promise<{ status: number; body: Obj }> {
  try {
    const response = await client.transport.request({ method: 'POST', path, querystring: { ...params }, body: body as Obj });
    return { status: response.statusCode ?? 200, body: response.body as Obj };
  } catch (error) {
    const meta = (error as { meta?: { statusCode?: number; body?: Obj } }).meta;
    if (meta?.statusCode === undefined) throw error;
    return { status: meta.statusCode, body: meta.body ?? {} };
  }
}

function idsOf(response: { status: number; body: Obj }): string[] | string {
  if (response.status !== 200) return `error ${response.status}`;
  const hits = (response.body['hits'] as { hits: Array<{ _id: string }> }).hits;
  return hits.map((hit) => hit._id).sort();
}

/** The indexes' field types (both have MAPPINGS), read from the engine once the indexes exist. */
let fields: FieldTypes | undefined;

function guarded(body: Obj, index = FULL, params: Record<string, string> = {}): GuardedSearchRequest {
  return guardSearchRequest({ method: 'POST', path: `/${index}/_search`, params, body }, TOKEN, { indices: [index], ...(fields === undefined ? {} : { fields }) });
}

/** The guarded request, or `undefined` when the guard refuses it (a refusal is sound). */
function guardedOrRefused(body: Obj): GuardedSearchRequest | undefined {
  try {
    return guarded(body);
  } catch (error) {
    if (error instanceof UnsafeRequestError) return undefined;
    throw error;
  }
}

/** Two routing values that land on different shards of `index` (`_search_shards`). */
async function routingsOnTwoShards(client: Client, index: string): Promise<[string, string]> {
  const byShard = new Map<number, string>();
  for (let i = 0; byShard.size < 2 && i < 100; i += 1) {
    const response = await client.transport.request({ method: 'GET', path: `/${index}/_search_shards`, querystring: { routing: `r${i}` } });
    const shard = ((response.body as { shards: Array<Array<{ shard: number }>> }).shards[0] ?? [])[0]?.shard;
    if (shard !== undefined && !byShard.has(shard)) byShard.set(shard, `r${i}`);
  }
  const routings = [...byShard.values()];
  if (routings.length < 2) throw new Error('no two routings on different shards');
  return [routings[0] as string, routings[1] as string];
}

/** What a response says about the hits besides scores and timings: ids, sort values, sequence numbers, aggregations, shard counts. */
function visibleShape(body: Obj): unknown {
  const safe = sanitizeEngineResponse(body) as Obj;
  const hits = ((safe['hits'] as { hits?: Array<Obj> } | undefined)?.hits ?? []).map((hit) => ({ id: hit['_id'], sort: hit['sort'], seqNo: hit['_seq_no'] }));
  return { hits, aggregations: safe['aggregations'], shards: safe['_shards'] };
}

describe('guard attacks on the real engine', () => {
  let client: Client;

  beforeAll(async () => {
    client = engineClient();
    await recreateIndex(client, FULL, { settings: SETTINGS, mappings: MAPPINGS });
    await recreateIndex(client, ALLOWED, { settings: SETTINGS, mappings: MAPPINGS });
    // Sequentially, in this order: the late visible document comes after the hidden ones.
    for (const [index, documents] of [[FULL, [...VISIBLE, ...HIDDEN]], [FULL, [LATE]], [ALLOWED, [...VISIBLE, LATE]]] as const) {
      expect((await bulkIndex(client, index, documents)).rejected).toEqual([]);
    }
    await recreateIndex(client, SHARDED, { settings: { number_of_shards: 2, number_of_replicas: 0 }, mappings: MAPPINGS });
    const [visibleRouting, hiddenRouting] = await routingsOnTwoShards(client, SHARDED);
    const lines = [
      ...VISIBLE.map((doc) => [{ index: { _index: SHARDED, _id: doc.id, routing: visibleRouting } }, doc.source]),
      [{ index: { _index: SHARDED, _id: 'hx', routing: hiddenRouting } }, { tenant: 'other', message: 'hidden', num: HIDDEN_MARKER }],
    ];
    fields = fieldTypesFromMapping(await getMapping(client, FULL));
    await client.transport.request({ method: 'POST', path: '/_bulk', querystring: { refresh: 'true' }, bulkBody: lines.map((l) => `${JSON.stringify(l[0])}\n${JSON.stringify(l[1])}\n`).join('') });
  });

  afterAll(async () => {
    await client.indices.delete({ index: `${FULL},${ALLOWED},${SHARDED}`, ignore_unavailable: true });
  });

  it('the fixture is an oracle: a plain fuzzy term loses the visible document to hidden terms', async () => {
    // What the guard refuses (`fuzzy`) shows the effect the smuggled syntax below relies on.
    const body = { size: 10, query: { bool: { filter: [{ term: { tenant: 'acme' } }], must: [{ fuzzy: { message: { value: 'qqqqqq', fuzziness: 2 } } }] } } };
    const full = idsOf(await search(client, `/${FULL}/_search`, {}, body));
    const allowed = idsOf(await search(client, `/${ALLOWED}/_search`, {}, body));
    expect(allowed).toEqual(['v0']);
    expect(full).toEqual([]);
  });

  const smuggled: ReadonlyArray<readonly [string, Obj]> = [
    ['query_string: a quote inside a field regexp hides the fuzzy term that follows', { query_string: { query: 'message:/x"/ OR message:qqqqqq~2' } }],
    ['simple_query_string: an unterminated quote hides a fuzzy term', { simple_query_string: { query: '"qqqqqq~2', fields: ['message'] } }],
    ['simple_query_string: a stray quote before a fuzzy term', { simple_query_string: { query: 'a" qqqqqq~2', fields: ['message'] } }],
  ];
  for (const [name, query] of smuggled) {
    it(`no term-dictionary oracle through ${name}`, async () => {
      const body = { size: 10, query };
      const request = guardedOrRefused(body);
      if (request === undefined) return; // refused: sound
      const got = idsOf(await search(client, request.path, request.params, request.body));
      const want = idsOf(await search(client, `/${ALLOWED}/_search`, {}, body));
      expect(got, 'the guarded request answers as the token documents alone would').toEqual(want);
    });
  }

  it('the date_histogram buckets the engine builds stay within what the guard bounded (digit bounds)', async () => {
    // The guard reads "2000".."2001" as 2000..2001 ms: at most 2 one-day buckets.
    const body = { size: 0, aggs: { h: { date_histogram: { field: 'ts', fixed_interval: '1d', extended_bounds: { min: '2000', max: '2001' } } } } };
    const request = guardedOrRefused(body);
    if (request === undefined) return; // refused: sound
    const response = await search(client, request.path, request.params, request.body);
    expect(response.status).toBe(200);
    const buckets = ((response.body['aggregations'] as Obj)['h'] as { buckets: unknown[] }).buckets;
    // The engine reads the bounds as the years 2000 and 2001: 367 empty buckets. With "1000".."9999" and 1ms the
    // guard computes 9,001 buckets and accepts; the engine would try to build about 2.8e14.
    expect(buckets.length, 'buckets built by the engine').toBeLessThanOrEqual(2);
  });

  const constantScore: ReadonlyArray<readonly [string, Obj]> = [
    ['prefix', { prefix: { message: 'qqqq' } }],
    ['wildcard', { wildcard: { message: 'qqqq*' } }],
    ['regexp', { regexp: { message: 'qqqq.*' } }],
    ['query_string prefix', { query_string: { query: 'qqqq*', default_field: 'message' } }],
    ['query_string regexp', { query_string: { query: '/qqqq.*/', default_field: 'message' } }],
    ['simple_query_string prefix', { simple_query_string: { query: 'qqqq*', fields: ['message'] } }],
    ['match_bool_prefix', { match_bool_prefix: { message: 'qqqq' } }],
    ['multi_match bool_prefix', { multi_match: { query: 'qqqq', type: 'bool_prefix', fields: ['message'] } }],
  ];
  for (const [name, query] of constantScore) {
    it(`${name}: accepted, and hidden terms sharing the prefix change nothing`, async () => {
      const body = { size: 10, query };
      const request = guarded(body);
      const got = idsOf(await search(client, request.path, request.params, request.body));
      const want = idsOf(await search(client, `/${ALLOWED}/_search`, {}, body));
      expect(want).toEqual(['v0']);
      expect(got).toEqual(want);
    });
  }

  const counters: ReadonlyArray<readonly [string, Obj]> = [
    ['seq_no_primary_term', { size: 10, sort: [{ num: 'asc' }], seq_no_primary_term: true }],
    ['a max aggregation on _seq_no', { size: 0, aggs: { m: { max: { field: '_seq_no' } } } }],
    ['a range query on _seq_no', { size: 10, sort: [{ num: 'asc' }], query: { range: { _seq_no: { gte: 50 } } } }],
  ];
  for (const [name, body] of counters) {
    it(`no count of hidden documents through ${name}`, async () => {
      const request = guardedOrRefused(body);
      if (request === undefined) return; // refused: sound
      const got = await search(client, request.path, request.params, request.body);
      const want = await search(client, `/${ALLOWED}/_search`, {}, body);
      expect(got.status).toBe(200);
      expect(visibleShape(got.body), 'the guarded response shows what the token documents alone would').toEqual(visibleShape(want.body));
    });
  }

  for (const [name, params, extra] of [
    ['pre_filter_shard_size=1', { pre_filter_shard_size: '1' }, {}],
    ['a primary field sort', {}, { sort: [{ num: 'asc' }] }],
  ] as const) {
    it(`_shards.skipped is no oracle on hidden values (can-match phase through ${name})`, async () => {
      // Two requests that differ only in a threshold no visible document reaches: their answers must not differ.
      const answer = async (threshold: number): Promise<unknown> => {
        const body = { size: 10, ...extra, query: { bool: { should: [{ range: { num: { lte: 2 } } }, { range: { num: { gte: threshold } } }] } } };
        const request = guarded(body, SHARDED, { ...params });
        const response = await search(client, request.path, request.params, request.body);
        expect(response.status).toBe(200);
        return visibleShape(response.body);
      };
      const below = await answer(HIDDEN_MARKER - 1);
      const above = await answer(HIDDEN_MARKER + 1);
      expect(below, 'a hidden value decides the answer').toEqual(above);
    });
  }
});
