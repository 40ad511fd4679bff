/**
 * The leak oracle of the hostile-request test for the clauses of modules the
 * OpenSearch nodes load: `percolate` (inline documents) and `parent_id`. Each
 * request runs guarded on a full index (the token's documents plus hidden
 * ones: stored percolator queries, children of visible parents, a hidden
 * parent) and as the user sent it on an index holding only the token's
 * documents; the two responses must be equal and the guarded one must show no
 * hidden marker. Elasticsearch's node has neither module (not on Maven): there
 * the node must refuse both clauses as unknown.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { guardSearchRequest } from '../../src/index.js';
import type { AccessExpression } from '../../src/index.js';
import { engineIdentity } from './engine.js';
import { normalizeResponse } from './guard-hostile-compare.js';
import { leakedMarkers } from './guard-hostile-data.js';
import { engine } from './plain-rest.js';

const FULL = 'modules-full';
const ALLOWED = 'modules-allowed';
const TOKEN: AccessExpression = { kind: 'term', field: 'tenant', value: 'acme' };
const opensearch = engineIdentity().product === 'opensearch';

const MAPPINGS = {
  properties: {
    tenant: { type: 'keyword' },
    msg: { type: 'text' },
    num: { type: 'long' },
    secret: { type: 'keyword' },
    q: { type: 'percolator' },
    rel: { type: 'join', relations: { question: ['answer', 'comment'] } },
  },
};

interface Doc {
  readonly id: string;
  readonly routing?: string;
  readonly source: Record<string, unknown>;
}

/** Stored queries, parents and children of the token's tenant. */
const VISIBLE: readonly Doc[] = [
  { id: 'pq-alpha', source: { tenant: 'acme', num: 1, q: { match: { msg: 'alpha' } } } },
  { id: 'pq-all', source: { tenant: 'acme', num: 2, q: { match_all: {} } } },
  { id: 'pq-beta', source: { tenant: 'acme', num: 3, q: { term: { msg: 'beta' } } } },
  { id: 'p1', source: { tenant: 'acme', num: 4, msg: 'question one', rel: 'question' } },
  { id: 'c1', routing: 'p1', source: { tenant: 'acme', num: 5, msg: 'answer one', rel: { name: 'answer', parent: 'p1' } } },
  { id: 'c2', routing: 'p1', source: { tenant: 'acme', num: 6, msg: 'comment one', rel: { name: 'comment', parent: 'p1' } } },
  // A visible child of a hidden parent: its own document names the parent's id.
  { id: 'c3', routing: 'hidmark-p2', source: { tenant: 'acme', num: 7, msg: 'answer two', rel: { name: 'answer', parent: 'hidmark-p2' } } },
];

/** Another tenant's documents in the same index: ids and values are markers. */
const HIDDEN: readonly Doc[] = [
  { id: 'hidmark-pq-alpha', source: { tenant: 'hidden', num: 7_770_001, secret: 'hidmark-secret-1', q: { match: { msg: 'alpha' } } } },
  { id: 'hidmark-pq-all', source: { tenant: 'hidden', num: 7_770_002, secret: 'hidmark-secret-2', q: { match_all: {} } } },
  { id: 'hidmark-p2', source: { tenant: 'hidden', num: 7_770_003, msg: 'hidmarkquestion', rel: 'question' } },
  { id: 'hidmark-c9', routing: 'p1', source: { tenant: 'hidden', num: 7_770_004, secret: 'hidmark-secret-3', rel: { name: 'answer', parent: 'p1' } } },
  { id: 'hidmark-c8', routing: 'hidmark-p2', source: { tenant: 'hidden', num: 7_770_005, rel: { name: 'answer', parent: 'hidmark-p2' } } },
];

async function load(index: string, docs: readonly Doc[]): Promise<void> {
  await engine(`/${index}`, { method: 'DELETE' });
  const created = await engine(`/${index}`, { method: 'PUT', body: JSON.stringify({ settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: MAPPINGS }) });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const bulk = docs.map((doc) => `${JSON.stringify({ index: { _index: index, _id: doc.id, ...(doc.routing === undefined ? {} : { routing: doc.routing }) } })}\n${JSON.stringify(doc.source)}\n`).join('');
  const loaded = await engine('/_bulk?refresh=true', { method: 'POST', body: bulk, headers: { 'content-type': 'application/x-ndjson' } });
  expect((loaded.body as { errors: boolean }).errors, JSON.stringify(loaded.body).slice(0, 400)).toBe(false);
}

const SORT = [{ num: 'asc' }];
const PERCOLATE = { percolate: { field: 'q', document: { msg: 'alpha beta' } } };
const PERCOLATE_MANY = { percolate: { field: 'q', documents: [{ msg: 'alpha' }, { msg: 'gamma' }] } };
const CHILDREN_OF_P1 = { parent_id: { type: 'answer', id: 'p1' } };
const CHILDREN_OF_HIDDEN = { parent_id: { type: 'answer', id: 'hidmark-p2' } };

/** User requests: each clause in the query, a filter, post_filter, an aggregation filter and a count. */
const REQUESTS: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  ['percolate an inline document', { size: 50, sort: SORT, query: PERCOLATE }],
  ['percolate two documents', { size: 50, sort: SORT, query: PERCOLATE_MANY }],
  ['percolate in bool.filter', { size: 50, sort: SORT, query: { bool: { filter: [PERCOLATE] } } }],
  ['percolate in post_filter', { size: 50, sort: SORT, post_filter: PERCOLATE }],
  ['percolate in a filter aggregation', { size: 0, aggs: { f: { filter: PERCOLATE, aggs: { n: { max: { field: 'num' } } } } } }],
  ['parent_id of a visible parent', { size: 50, sort: SORT, query: CHILDREN_OF_P1 }],
  ['parent_id of a hidden parent', { size: 50, sort: SORT, query: CHILDREN_OF_HIDDEN }],
  ['parent_id in bool.should', { size: 50, sort: SORT, query: { bool: { should: [CHILDREN_OF_P1, CHILDREN_OF_HIDDEN] } } }],
  ['parent_id in a filters aggregation', { size: 0, aggs: { f: { filters: { filters: { p1: CHILDREN_OF_P1, p2: CHILDREN_OF_HIDDEN } } } } }],
  ['parent_id of the comment relation', { size: 50, sort: SORT, query: { parent_id: { type: 'comment', id: 'p1' } } }],
];

async function run(index: string, body: unknown): Promise<{ status: number; body: unknown }> {
  return engine(`/${index}/_search?expand_wildcards=open`, { method: 'POST', body: JSON.stringify(body) });
}

/** The request as the guard forwards it, run on the full index. */
async function guarded(body: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const request = guardSearchRequest({ method: 'POST', path: `/${FULL}/_search`, body }, TOKEN, { indices: [FULL], fields: { tenant: { type: 'keyword' } } });
  return engine(`${request.path}?expand_wildcards=open`, { method: 'POST', body: JSON.stringify(request.body) });
}

const shape = (answer: { status: number; body: unknown }, swapFrom?: string): string =>
  JSON.stringify({ status: answer.status, response: normalizeResponse(JSON.parse(swapFrom === undefined ? JSON.stringify(answer.body) : JSON.stringify(answer.body).split(swapFrom).join(FULL))) });

// Both engines get the same file, each its own branch: a skipped test would fail the CI run.
if (opensearch) {
  describe(`percolate and parent_id under the token filter (${engineIdentity().name})`, () => {
    beforeAll(async () => {
      await load(FULL, [...VISIBLE, ...HIDDEN]);
      await load(ALLOWED, VISIBLE);
    }, 120_000);

    it('the comparison sees the hidden documents an unguarded request returns (the oracle is not blind)', async () => {
      for (const [name, body] of REQUESTS.filter(([name]) => !name.includes('comment'))) {
        const full = await run(FULL, body);
        const allowed = await run(ALLOWED, body);
        expect(full.status, name).toBe(200);
        expect(shape(full), `${name}: the full index answers otherwise`).not.toBe(shape(allowed, ALLOWED));
      }
    });

    it.each(REQUESTS)('%s: the guarded answer is the allowed documents\' answer and shows no marker', async (_name, body) => {
      const got = await guarded(body);
      const want = await run(ALLOWED, body);
      expect(got.status, JSON.stringify(got.body).slice(0, 300)).toBe(200);
      expect(leakedMarkers(JSON.stringify(got.body), JSON.stringify(body))).toEqual([]);
      expect(shape(got)).toBe(shape(want, ALLOWED));
    });
  });
} else {
  describe(`percolate and parent_id on a node without their modules (${engineIdentity().name})`, () => {
    beforeAll(async () => {
      await engine(`/${FULL}`, { method: 'DELETE' });
      const created = await engine(`/${FULL}`, { method: 'PUT', body: JSON.stringify({ mappings: { properties: { tenant: { type: 'keyword' }, num: { type: 'long' } } } }) });
      expect(created.status).toBe(200);
    });

    it.each(REQUESTS)('%s: the node refuses the clause as unknown (no module, so nothing to leak)', async (_name, body) => {
      const got = await guarded(body);
      expect(got.status).toBe(400);
      expect(JSON.stringify(got.body)).toMatch(/unknown query \[(percolate|parent_id)\]/);
    });
  });
}
