/**
 * What the engines' own parsers do with the search-body forms the guard
 * changed its reading of (sort, highlight, `indices_boost`): each form is sent
 * unguarded to the node, and the guard's verdict is checked against what the
 * node did with it. A form the node does not read the way the guard used to
 * (a key that is no parameter there, so the node takes it for something else
 * or fails) is refused by the guard now.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GUARD_LIMITS, guardSearchRequest } from '../../src/index.js';
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

/**
 * The aggregation types a node may refuse for a module it does not load (the node refuses them itself: no leak
 * either way); every other example must run. OpenSearch loads the geo module (geohash_grid, geotile_grid,
 * geo_bounds, the composite geotile_grid source) and lang-expression (the `expression` scripts of bucket_script
 * and bucket_selector), and lacks Elasticsearch's random_sampler and top_metrics. Elasticsearch's node has none
 * of the modules that are not on Maven: the aggregations module (adjacency_matrix, auto_date_histogram,
 * derivative, bucket_selector, bucket_sort, bucket_script), X-Pack analytics (multi_terms, top_metrics),
 * lang-expression.
 */
const MAY_LACK: Readonly<Record<'opensearch' | 'elasticsearch', readonly string[]>> = {
  opensearch: ['random_sampler', 'top_metrics'],
  elasticsearch: ['adjacency_matrix', 'auto_date_histogram', 'derivative', 'bucket_selector', 'bucket_sort', 'bucket_script', 'multi_terms', 'top_metrics'],
};
const MODULE_ABSENT = /Unknown aggregation type \[|script_lang not supported \[expression\]/;

describe(`every aggregation example the guard accepts is parsed by the node (${engineIdentity().name})`, () => {
  const index = 'guard-parsers-body-aggs';
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

  it.each(Object.entries(AGGREGATION_EXAMPLES))('%s', async (type, { body }) => {
    const { status, text } = await runGuarded(type, body);
    if (status !== 200 && MODULE_ABSENT.test(text)) {
      expect(MAY_LACK[engineIdentity().product], `${type} is refused for a missing module: ${text.slice(0, 200)}`).toContain(type);
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
      expect(MAY_LACK[engineIdentity().product], `${type} is refused for a missing module: ${text.slice(0, 200)}`).toContain(type);
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

describe(`adjacency_matrix filter count against the node's limit (${engineIdentity().name})`, () => {
  // The index the examples above created (describes run in file order).
  const index = 'guard-parsers-body-aggs';
  const limit = DEFAULT_GUARD_LIMITS.maxAdjacencyMatrixFilters;
  const matrix = (n: number) => ({ size: 0, aggs: { m: { adjacency_matrix: { filters: Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, { term: { code: i } }])) } } } });

  it('the guard\'s default is the stricter engine\'s: OpenSearch\'s index.max_adjacency_matrix_filters, below Elasticsearch\'s clause count', async () => {
    if (engineIdentity().product === 'opensearch') {
      const settings = await engine(`/${index}/_settings?include_defaults=true&flat_settings=true`);
      expect((settings.body as Record<string, { defaults: Record<string, string> }>)[index]?.defaults['index.max_adjacency_matrix_filters']).toBe(String(limit));
    } else {
      // AdjacencyMatrixAggregationBuilder.doBuild (aggregations module): IndexSearcher.getMaxClauseCount(), at least 1024.
      const settings = await engine('/_cluster/settings?include_defaults=true&flat_settings=true');
      expect(Number((settings.body as { defaults: Record<string, string> }).defaults['indices.query.bool.max_clause_count'])).toBeGreaterThanOrEqual(limit);
    }
  });

  it(`${limit} filters run and pass the guard; ${limit + 1} fail on OpenSearch and are refused by the guard`, async () => {
    const guardedAt = (n: number) => guardSearchRequest({ method: 'POST', path: `/${index}/_search`, body: matrix(n) }, TOKEN, { indices: [index], fields: { tenant: { type: 'keyword' } } });
    expect(() => guardedAt(limit)).not.toThrow();
    expect(() => guardedAt(limit + 1)).toThrow(expect.objectContaining({ reason: 'too-many-buckets' }));
    const atLimit = await search(matrix(limit), index);
    const above = await search(matrix(limit + 1), index);
    if (engineIdentity().product === 'opensearch') {
      expect(atLimit.status, JSON.stringify(atLimit.body).slice(0, 300)).toBe(200);
      expect(above.status).toBe(400);
      expect(JSON.stringify(above.body)).toMatch(/Number of filters is too large/);
    } else {
      // The aggregations module is not on Maven: the node lacks the type (listed in MAY_LACK).
      for (const answer of [atLimit, above]) expect(JSON.stringify(answer.body)).toMatch(/Unknown aggregation type \[adjacency_matrix\]/);
    }
  });
});

describe(`adjacency_matrix nested in adjacency_matrix (${engineIdentity().name})`, () => {
  const index = 'guard-parsers-body-aggs';
  const filters = (n: number, prefix: string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, { term: { code: i } }]));
  const nested = (outer: number, inner: number) => ({
    size: 0,
    aggs: { outer: { adjacency_matrix: { filters: filters(outer, 'f') }, aggs: { inner: { adjacency_matrix: { filters: filters(inner, 'g') } } } } },
  });
  const guardedAt = (outer: number, inner: number) =>
    guardSearchRequest({ method: 'POST', path: `/${index}/_search`, body: nested(outer, inner) }, TOKEN, { indices: [index], fields: { tenant: { type: 'keyword' } } });

  it('the widest nested form the guard accepts (4 x 100 filters, 50,500 buckets) runs on the node; 100 x 100, which ran OpenSearch out of memory, is refused', async () => {
    // Never sent to the node: 5,050 x 5,050 buckets took the whole heap (found by a hostile probe).
    expect(() => guardedAt(100, 100)).toThrow(expect.objectContaining({ reason: 'too-many-buckets' }));
    expect(() => guardedAt(5, 100)).toThrow(expect.objectContaining({ reason: 'too-many-buckets' }));
    const guarded = guardedAt(4, 100);
    const answer = await engine(`${guarded.path}?expand_wildcards=open`, { method: 'POST', body: JSON.stringify(guarded.body) });
    if (engineIdentity().product === 'opensearch') {
      expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(200);
    } else {
      expect(JSON.stringify(answer.body)).toMatch(/Unknown aggregation type \[adjacency_matrix\]/);
    }
  });
});

describe(`buckets made regardless of the data, under a bucket aggregation (${engineIdentity().name})`, () => {
  const index = 'guard-parsers-body-aggs';
  const guardedAt = (parent: Record<string, unknown>, child: Record<string, unknown>) =>
    guardSearchRequest({ method: 'POST', path: `/${index}/_search`, body: { size: 0, aggs: { p: { ...parent, aggs: { c: child } } } } }, TOKEN, {
      indices: [index],
      fields: { tenant: { type: 'keyword' } },
    });
  const histogram = (max: number) => ({ histogram: { field: 'code', interval: 1, min_doc_count: 0, extended_bounds: { min: 0, max } } });
  const matrix = (n: number) => ({ adjacency_matrix: { filters: Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, { term: { tenant: 'acme' } }])) } });

  it('the widest forms the guard accepts under terms run on the node; wider ones, which kept OpenSearch busy for minutes, are refused', async () => {
    // Never sent: under terms of 20,000 buckets (on an index of 40,000 distinct values), 1,000 empty histogram buckets
    // each did not answer within 150 s, and 30 adjacency_matrix filters each (465 buckets) within 300 s.
    expect(() => guardedAt({ terms: { field: 'service', size: 20_000 } }, histogram(998))).toThrow(expect.objectContaining({ reason: 'too-many-buckets' }));
    expect(() => guardedAt({ terms: { field: 'service', size: 20_000, collect_mode: 'depth_first' } }, matrix(30))).toThrow(expect.objectContaining({ reason: 'too-many-buckets' }));
    const opensearch = engineIdentity().product === 'opensearch';
    for (const guarded of [guardedAt({ terms: { field: 'service' } }, histogram(2619)), guardedAt({ terms: { field: 'service' } }, matrix(71))]) {
      const answer = await engine(`${guarded.path}?expand_wildcards=open`, { method: 'POST', body: JSON.stringify(guarded.body) });
      const text = JSON.stringify(answer.body);
      if (!opensearch && /Unknown aggregation type \[adjacency_matrix\]/.test(text)) continue; // not on Maven for Elasticsearch (MAY_LACK)
      expect(answer.status, text.slice(0, 300)).toBe(200);
      const buckets = (answer.body as { aggregations: { p: { buckets: { c: { buckets: unknown[] } }[] } } }).aggregations.p.buckets;
      // Both documents are acme's, one per service: two terms buckets, each with its own sub-aggregation.
      expect(buckets).toHaveLength(2);
      for (const bucket of buckets) expect(bucket.c.buckets.length).toBeGreaterThan(0);
    }
  });

  it('any histogram runs under terms of the widest accepted shard size (1,024); wider ones, which ran OpenSearch out of memory, are refused', async () => {
    // Never sent: on an index of 40,000 services with two documents each, a histogram, date_histogram or
    // auto_date_histogram of two buckets per parent under terms of size 10,000 (15,010 shard buckets) ran the
    // 1 GB OpenSearch 2.19 node out of memory: each parent's result list is sized for all the histogram's
    // buckets on the shard (BucketsAggregator.buildAggregationsForVariableBuckets). Size 6,000 failed cleanly.
    const children = {
      histogram: { histogram: { field: 'code', interval: 1, min_doc_count: 1 } },
      date_histogram: { date_histogram: { field: 'ts', calendar_interval: 'year', min_doc_count: 1 } },
      auto_date_histogram: { auto_date_histogram: { field: 'ts', buckets: 2 } },
    };
    // The engines coerce a numeric string size: "1" keeps one of the two services, so the guard counts it as a number.
    const coerced = await engine(`/${index}/_search`, { method: 'POST', body: JSON.stringify({ size: 0, aggs: { p: { terms: { field: 'service', size: '1' } } } }) });
    expect(coerced.status, JSON.stringify(coerced.body).slice(0, 300)).toBe(200);
    expect((coerced.body as { aggregations: { p: { buckets: unknown[] } } }).aggregations.p.buckets).toHaveLength(1);
    for (const child of Object.values(children)) {
      expect(() => guardedAt({ terms: { field: 'service', size: 10_000 } }, child)).toThrow(expect.objectContaining({ reason: 'too-many-buckets' }));
      expect(() => guardedAt({ terms: { field: 'service', size: '10000' } }, child)).toThrow(expect.objectContaining({ reason: 'too-many-buckets' }));
      const guarded = guardedAt({ terms: { field: 'service', size: 676 } }, child);
      const answer = await engine(`${guarded.path}?expand_wildcards=open`, { method: 'POST', body: JSON.stringify(guarded.body) });
      const text = JSON.stringify(answer.body);
      // Elasticsearch keeps auto_date_histogram in its aggregations module, not on Maven (MAY_LACK).
      if (engineIdentity().product !== 'opensearch' && /Unknown aggregation type \[auto_date_histogram\]/.test(text)) continue;
      expect(answer.status, text.slice(0, 300)).toBe(200);
      const buckets = (answer.body as { aggregations: { p: { buckets: { doc_count: number; c: { buckets: { doc_count: number }[] } }[] } } }).aggregations.p.buckets;
      // Both documents are acme's, one per service: two terms buckets, each histogram holding that one document.
      expect(buckets).toHaveLength(2);
      for (const bucket of buckets) expect(bucket.c.buckets.reduce((sum, b) => sum + b.doc_count, 0)).toBe(1);
    }
  });
});

describe(`geo grid and geo_bounds aggregations under the token filter (${engineIdentity().name})`, () => {
  const index = 'guard-parsers-body-geo';
  const opensearch = engineIdentity().product === 'opensearch';
  // OpenSearch's geo module also reads geo_shape fields; Elasticsearch keeps geo_shape in X-Pack (not loaded).
  const properties = { tenant: { type: 'keyword' }, loc: { type: 'geo_point' }, ...(opensearch ? { area: { type: 'geo_shape' } } : {}) };
  const doc = (tenant: string, lon: number, lat: number) => ({ tenant, loc: { lat, lon }, ...(opensearch ? { area: { type: 'point', coordinates: [lon, lat] } } : {}) });

  beforeAll(async () => {
    await createIndex(index, properties, [doc('acme', 10, 10), doc('acme', 11, 11), doc('other', -60, -40), doc('other', 120, 60)]);
  }, 120_000);

  async function guardedAggs(aggs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const guarded = guardSearchRequest({ method: 'POST', path: `/${index}/_search`, body: { size: 0, aggs } }, TOKEN, { indices: [index], fields: { tenant: { type: 'keyword' } } });
    const answer = await engine(`${guarded.path}?expand_wildcards=open`, { method: 'POST', body: JSON.stringify(guarded.body) });
    expect(answer.status, JSON.stringify(answer.body).slice(0, 400)).toBe(200);
    return (answer.body as { aggregations: Record<string, unknown> }).aggregations;
  }

  it.each(opensearch ? ['loc', 'area'] : ['loc'])('on %s: the buckets and bounds hold the visible points only', async (field) => {
    const aggs = await guardedAggs({
      hash: { geohash_grid: { field, precision: 1 } },
      tile: { geotile_grid: { field, precision: 2 } },
      bounds: { geo_bounds: { field, wrap_longitude: false } },
    });
    const keys = (name: string) => (aggs[name] as { buckets: { key: string; doc_count: number }[] }).buckets.map((b) => `${b.key}:${b.doc_count}`);
    // (10,10) and (11,11) share geohash cell "s" and tile 2/2/1; the hidden points are elsewhere.
    expect(keys('hash')).toEqual(['s:2']);
    expect(keys('tile')).toEqual(['2/2/1:2']);
    const bounds = (aggs['bounds'] as { bounds: { top_left: { lat: number; lon: number }; bottom_right: { lat: number; lon: number } } }).bounds;
    expect(bounds.top_left.lat).toBeCloseTo(11, 3);
    expect(bounds.top_left.lon).toBeCloseTo(10, 3);
    expect(bounds.bottom_right.lat).toBeCloseTo(10, 3);
    expect(bounds.bottom_right.lon).toBeCloseTo(11, 3);
  });
});

describe(`bucket_script and bucket_selector expressions the guard keeps run on the node (${engineIdentity().name})`, () => {
  // The index the examples above created (describes run in file order).
  const index = 'guard-parsers-body-aggs';
  it.each([
    ['a string path read as _value', { bucket_selector: { buckets_path: '_count', script: { source: '_value > 0', lang: 'expression' } } }],
    ['an array path read as _value0, _value1, with a function', { bucket_script: { buckets_path: ['_count', '_count'], script: { source: 'max(_value0, _value1) * 2', lang: 'expression' } } }],
    ['a map path beside a param', { bucket_script: { buckets_path: { total: '_count' }, script: { source: 'total * factor', lang: 'expression', params: { factor: 0.5 } } } }],
  ])('%s', async (_name, aggregation) => {
    const [type] = Object.keys(aggregation) as [string];
    const request = { size: 0, aggs: runnableAggs(type, (aggregation as Record<string, Record<string, unknown>>)[type] as Record<string, unknown>) };
    expect(guardReason(request)).toBeUndefined();
    const answer = await search(request, index);
    const text = JSON.stringify(answer.body);
    if (engineIdentity().product === 'opensearch') expect(answer.status, text.slice(0, 400)).toBe(200);
    // Elasticsearch's node lacks the aggregations module and lang-expression (listed in MAY_LACK).
    else expect(text).toMatch(/Unknown aggregation type \[bucket_(script|selector)\]|script_lang not supported \[expression\]/);
  });
});
