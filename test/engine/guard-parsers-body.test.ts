/**
 * What the engines' own parsers do with the search-body forms the guard
 * changed its reading of (sort, highlight, `indices_boost`): each form is sent
 * unguarded to the node, and the guard's verdict is checked against what the
 * node did with it. A form the node does not read the way the guard used to
 * (a key that is no parameter there, so the node takes it for something else
 * or fails) is refused by the guard now.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardSearchRequest } from '../../src/index.js';
import { UnsafeRequestError } from '../../src/errors.js';
import type { AccessExpression } from '../../src/index.js';
import { engineIdentity } from './engine.js';
import { createIndex, engine } from './plain-rest.js';
import { AGGREGATION_EXAMPLES, AGGREGATION_REFUSALS, EXAMPLE_PROPERTIES, runnableAggs } from '../guard/engine-parsers-body-examples.js';

const visible = 'guard-parsers-body-a';
const other = 'guard-parsers-body-other';
const missing = 'guard-parsers-body-missing-4c1f';
const TOKEN: AccessExpression = { kind: 'term', field: 'tenant', value: 'acme' };
const OPTIONS = { indices: [visible], fields: { tenant: { type: 'keyword' } } } as const;

const PROPERTIES = { tenant: { type: 'keyword' }, code: { type: 'long' }, loc: { type: 'geo_point' }, msg: { type: 'text' } };

beforeAll(async () => {
  await createIndex(visible, PROPERTIES, [
    { tenant: 'acme', code: 1, loc: [0, 0], msg: 'hello world' },
    { tenant: 'acme', code: 2, loc: [1, 1], msg: 'hello there' },
  ]);
  await createIndex(other, PROPERTIES, [{ tenant: 'other', code: 3, loc: [2, 2], msg: 'secret' }]);
  await engine(`/${missing}`, { method: 'DELETE' });
}, 120_000);

async function search(body: unknown, index = visible): Promise<{ status: number; body: unknown }> {
  return engine(`/${index}/_search`, { method: 'POST', body: JSON.stringify(body) });
}

function guardReason(body: unknown): string | undefined {
  try {
    guardSearchRequest({ method: 'POST', path: `/${visible}/_search`, body }, TOKEN, OPTIONS);
    return undefined;
  } catch (error) {
    if (error instanceof UnsafeRequestError) return error.reason;
    throw error;
  }
}

describe(`sort and highlight parameters the node does not read as parameters (${engineIdentity().name})`, () => {
  it.each([
    ['_geo_distance "coerce" (no parameter since 7.0: read as a second field)', { sort: [{ _geo_distance: { loc: [0, 0], coerce: true } }] }],
    ['_geo_distance "ignore_malformed" (no parameter since 7.0)', { sort: [{ _geo_distance: { loc: [0, 0], ignore_malformed: true } }] }],
    ['_score with "mode" (ScoreSortBuilder reads order only)', { sort: [{ _score: { order: 'desc', mode: 'max' } }] }],
    ['_score with "missing"', { sort: [{ _score: { missing: '_last' } }] }],
    ['highlight "max_fragment_length" (no highlighter parameter)', { query: { match: { msg: 'hello' } }, highlight: { fields: { msg: { max_fragment_length: 10 } } } }],
    ['indices_boost with a string boost in the array form (IndexBoost wants a number token)', { indices_boost: [{ [visible]: '2' }] }],
    ['indices_boost with two indices in one array item', { indices_boost: [{ [visible]: 2, [other]: 1 }] }],
  ])('%s: the node refuses it, and so does the guard', async (_name, body) => {
    const answer = await search(body);
    expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBeGreaterThanOrEqual(400);
    expect(guardReason(body)).toBeDefined();
  });

  it('the forms the guard accepts run on the node', async () => {
    const body = {
      query: { match: { msg: 'hello' } },
      sort: [{ _geo_distance: { loc: [0, 0], order: 'asc', unit: 'km', mode: 'min', distance_type: 'arc', ignore_unmapped: true } }, { _score: { order: 'desc' } }, { code: { order: 'asc', mode: 'min', missing: '_last', unmapped_type: 'long' } }],
      highlight: { pre_tags: ['<b>'], post_tags: ['</b>'], encoder: 'html', fields: { msg: { fragment_size: 50, number_of_fragments: 1, fragment_offset: 0, type: 'unified' } } },
    };
    expect(guardReason(body)).toBeUndefined();
    const answer = await search(body);
    expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(200);
  });
});

describe(`seq_no_primary_term: false (${engineIdentity().name})`, () => {
  it('is accepted by the guard and the node answers without sequence numbers', async () => {
    const body = { seq_no_primary_term: false, query: { match_all: {} } };
    expect(guardReason(body)).toBeUndefined();
    const answer = await search(body);
    expect(answer.status).toBe(200);
    const hits = (answer.body as { hits: { hits: Record<string, unknown>[] } }).hits.hits;
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(hit).not.toHaveProperty('_seq_no');
  });
});

describe(`indices_boost names indices the node resolves against the whole cluster (${engineIdentity().name})`, () => {
  it('a name that exists nowhere fails the search; the name of an index the token cannot read does not: an existence oracle', async () => {
    const unknownName = await search({ indices_boost: [{ [missing]: 2 }] });
    const otherName = await search({ indices_boost: [{ [other]: 2 }] });
    expect(otherName.status).toBe(200);
    expect(unknownName.status).toBeGreaterThanOrEqual(400);
    expect(guardReason({ indices_boost: [{ [other]: 2 }] })).toBe('indices-boost');
    expect(guardReason({ indices_boost: { [other]: 2 } })).toBe('indices-boost');
  });
});

describe(`every aggregation example the guard accepts is parsed by the node (${engineIdentity().name})`, () => {
  const index = 'guard-parsers-body-aggs';
  // The embedded nodes load few modules: an aggregation type or script language that lives in
  // a module the node lacks is refused by the node itself (no leak either way), and counted.
  const MODULE_ABSENT = /Unknown aggregation type \[|script_lang not supported \[expression\]/;
  const absent: string[] = [];
  let parsed = 0;

  afterAll(() => {
    console.info(`[${engineIdentity().name}] aggregation examples parsed and run: ${parsed}; refused by the node for a missing module: ${absent.length} (${absent.join(', ')})`);
    expect(parsed).toBeGreaterThan(20);
  });

  beforeAll(async () => {
    await createIndex(index, EXAMPLE_PROPERTIES, [
      { tenant: 'acme', service: 'a', a: 'x', b: 'y', code: 5, w: 1, ts: '2020-09-13T12:00:00Z', loc: [10, 10], ip: '10.0.0.1', msg: 'hello', items: [{ sku: 's1' }] },
      { tenant: 'acme', service: 'b', a: 'x', b: 'z', code: 15, w: 2, ts: '2020-09-14T12:00:00Z', loc: [11, 11], ip: '10.0.0.9', msg: 'world', items: [{ sku: 's2' }] },
    ]);
  }, 120_000);

  async function runGuarded(type: string, body: Record<string, unknown>): Promise<{ status: number; text: string }> {
    const request = { size: 0, aggs: runnableAggs(type, body) };
    const guarded = guardSearchRequest({ method: 'POST', path: `/${index}/_search`, body: request }, TOKEN, { indices: [index], fields: { tenant: { type: 'keyword' } } });
    const answer = await engine(`${guarded.path}?expand_wildcards=open`, { method: 'POST', body: JSON.stringify(guarded.body) });
    return { status: answer.status, text: JSON.stringify(answer.body) };
  }

  /** The composite example without its geotile_grid source (and that source's `after` key). */
  function withoutGeotile(body: Record<string, unknown>): Record<string, unknown> {
    const sources = (body['sources'] as Record<string, Record<string, unknown>>[]).filter((source) => !Object.values(source).some((spec) => 'geotile_grid' in spec));
    const names = new Set(sources.flatMap((source) => Object.keys(source)));
    const after = Object.fromEntries(Object.entries(body['after'] as Record<string, unknown>).filter(([name]) => names.has(name)));
    return { ...body, sources, after };
  }

  it.each(Object.entries(AGGREGATION_EXAMPLES))('%s', async (type, { body }) => {
    let { status, text } = await runGuarded(type, body);
    // OpenSearch keeps the geotile_grid composite source in its geo module: run the other sources and options there.
    if (type === 'composite' && status !== 200 && /invalid source type: geotile_grid/.test(text)) ({ status, text } = await runGuarded(type, withoutGeotile(body)));
    if (status !== 200 && MODULE_ABSENT.test(text)) {
      absent.push(type);
      return;
    }
    expect(status, text.slice(0, 400)).toBe(200);
    parsed += 1;
  });
});

describe(`aggregation forms the guard refuses, sent unguarded (${engineIdentity().name})`, () => {
  // The index the examples above created (describes run in file order).
  const index = 'guard-parsers-body-aggs';
  const MODULE_ABSENT = /Unknown aggregation type \[|script_lang not supported \[expression\]/;
  const absent: string[] = [];
  let checked = 0;

  afterAll(() => {
    console.info(`[${engineIdentity().name}] refused aggregation forms checked on the node: ${checked}; refused by the node for a missing module: ${absent.length} (${absent.join(', ')})`);
    expect(checked).toBeGreaterThan(12);
  });

  it.each(AGGREGATION_REFUSALS.map((r) => [r.name, r] as const))('%s', async (_name, { aggregation, reason, inside, nodeFails }) => {
    const [type] = Object.keys(aggregation) as [string];
    const request = { size: 0, aggs: runnableAggs(type, aggregation[type] as Record<string, unknown>) };
    const answer = await engine(`/${index}/_search`, { method: 'POST', body: JSON.stringify(request) });
    const text = JSON.stringify(answer.body);
    if (answer.status !== 200 && MODULE_ABSENT.test(text)) {
      absent.push(type);
    } else {
      // The product named fails on it; the other reads it (the guard follows the stricter one); `none`: both run it.
      const fails = nodeFails === 'all' || nodeFails === engineIdentity().product;
      if (fails) expect(answer.status, text.slice(0, 400)).toBeGreaterThanOrEqual(400);
      else expect(answer.status, text.slice(0, 400)).toBe(200);
      checked += 1;
    }
    let refusal: UnsafeRequestError | undefined;
    try {
      guardSearchRequest({ method: 'POST', path: `/${index}/_search`, body: request }, TOKEN, { indices: [index], fields: { tenant: { type: 'keyword' } } });
    } catch (error) {
      if (error instanceof UnsafeRequestError) refusal = error;
      else throw error;
    }
    expect(refusal?.reason).toBe(reason);
    expect(String(refusal?.context['pointer'])).toContain(`/a${inside}`);
  });
});

describe(`a composite source holding two names (${engineIdentity().name})`, () => {
  it('the node never reads the second name as a source (it fails, or keys buckets by the first only); the guard refuses it', async () => {
    const body = { size: 0, aggs: { c: { composite: { sources: [{ s: { terms: { field: 'tenant' } }, t: { terms: { field: 'msg' } } }] } } } };
    const answer = await search(body);
    if (answer.status === 200) {
      const buckets = (answer.body as { aggregations: { c: { buckets: { key: Record<string, unknown> }[] } } }).aggregations.c.buckets;
      for (const bucket of buckets) expect(Object.keys(bucket.key)).toEqual(['s']);
    } else {
      expect(answer.status).toBeGreaterThanOrEqual(400);
    }
    expect(guardReason(body)).toBe('malformed');
  });
});
