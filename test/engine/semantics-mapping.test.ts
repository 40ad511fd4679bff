/**
 * Predicate ≡ query on the real node for what the mapping and the index
 * settings decide: `wildcard` fields with and without doc values (the
 * `_source` check, `copy_to`, mixed spellings, numbers printed by Java),
 * `_source` excludes, custom normalizers (one named `lowercase` shadowing
 * the built-in one), `keyword` searched through doc values, a field name
 * with a space, `flat_object` keys and values holding `=`, and an index
 * whose mapping is dynamic (read back after indexing). Field types are read
 * by `fieldTypesFromMapping` from the node's own `GET <index>` response.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Client } from '@opensearch-project/opensearch';
import { compileAccess, fieldTypesFromMapping, toElasticsearchQuery, toPredicate } from '../../src/index.js';
import type { FieldTypes } from '../../src/index.js';
import { isSharedTokenError } from '../../src/errors.js';
import { checkRejections, compareFilterSets, formatDisagreement, formatUnjustified, rejectedPairs } from './compare-filter-sets.js';
import type { FilterSet } from './compare-filter-sets.js';
import { bulkIndex, engineClient, engineIdentity, recreateIndex, searchMany } from './engine.js';
import type { IdentifiedDocument } from './engine.js';
import { filterSetArbitrary } from './filter-set-arbitrary.js';
import { engineSeed, recordSummary } from './run-summary.js';
import { leafText, scalarLeaves, valuesAtPath } from './source-leaves.js';
import type { Json } from './value-pools.js';

const randomDocuments = 600;
const randomFilterSets = 1500;

/** Where a generated value goes and what it can be. */
interface Slot {
  readonly path: string;
  readonly values: readonly Json[];
}

/** One index: its creation body, the value slots of its documents, literal documents, and the filter candidates. */
interface Scenario {
  readonly name: string;
  readonly body: Record<string, unknown>;
  readonly slots: readonly Slot[];
  readonly literal?: readonly Record<string, Json>[];
  /** Fields to filter on, with extra candidate values besides those found in the documents. */
  readonly filters: Readonly<Record<string, readonly string[]>>;
  /** Documents indexed first (dynamic mapping: they decide the types). */
  readonly seed?: readonly Record<string, Json>[];
}

/** Puts `value` at `path` in `doc`, spelled nested (0), dotted (1) or half and half (2); skips a clash. */
function place(doc: Record<string, Json>, path: string, value: Json, spelling: number): void {
  const segments = path.split('.');
  const split = spelling === 0 ? segments.length - 1 : spelling === 1 ? 0 : Math.min(1, segments.length - 1);
  const keys = [...segments.slice(0, split), segments.slice(split).join('.')];
  let node: Record<string, Json> = doc;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === undefined) {
      const child: Record<string, Json> = {};
      node[key] = child;
      node = child;
    } else if (typeof next === 'object' && next !== null && !Array.isArray(next)) node = next as Record<string, Json>;
    else return;
  }
  const last = keys[keys.length - 1] ?? path;
  if (node[last] === undefined) node[last] = value;
}

function documentArbitrary(slots: readonly Slot[]): fc.Arbitrary<Record<string, Json>> {
  const entry = fc.nat(slots.length - 1).chain((index) => {
    const slot = slots[index] as Slot;
    const one = fc.constantFrom(...slot.values);
    const value = fc.oneof({ weight: 6, arbitrary: one }, { weight: 2, arbitrary: fc.array(fc.oneof(one, fc.constant(null)), { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.constant(null) });
    return fc.tuple(fc.constant(slot.path), value, fc.nat(2));
  });
  return fc.array(entry, { minLength: 1, maxLength: 5 }).map((entries) => {
    const doc: Record<string, Json> = {};
    for (const [path, value, spelling] of entries) place(doc, path, value as Json, spelling);
    return doc;
  });
}

function sourcePathsOf(field: string, fields: FieldTypes): readonly string[] {
  return fields[field]?.sourcePaths ?? [field];
}

async function fieldTypesOf(client: Client, index: string): Promise<FieldTypes> {
  const response = await client.indices.get({ index });
  // A GET <index> response carries the settings (normalizers); the engine decides wildcard doc values.
  return fieldTypesFromMapping(response.body, { engine: engineIdentity().product });
}

async function runScenario(client: Client, scenario: Scenario, seed: number): Promise<void> {
  const started = Date.now();
  const index = `semantics-mapping-${scenario.name}`;
  // On an engine without some of these types or filters, those fields are left out (and unmapped on both sides).
  await recreateIndex(client, index, scenario.body);
  const seedDocs = (scenario.seed ?? []).map((source, n) => ({ id: `s${n}`, source }));
  const seeded = await bulkIndex(client, index, seedDocs);
  const random = fc.sample(documentArbitrary(scenario.slots), { seed, numRuns: randomDocuments });
  const before = await fieldTypesOf(client, index);
  const table = new Map<string, string[]>();
  for (const [field, extra] of Object.entries(scenario.filters)) {
    const candidates = new Set(extra);
    for (const doc of [...random, ...(scenario.literal ?? [])]) {
      for (const path of sourcePathsOf(field, before)) {
        for (const leaf of scalarLeaves(valuesAtPath(doc, path))) {
          const text = leafText(leaf);
          if (text !== undefined && text.length <= 40) candidates.add(text);
        }
      }
    }
    table.set(field, [...candidates]);
  }
  const documents: IdentifiedDocument[] = [
    ...random.map((source, n) => ({ id: `r${n}`, source })),
    ...(scenario.literal ?? []).map((source, n) => ({ id: `l${n}`, source })),
  ];
  const bulk = await bulkIndex(client, index, documents);
  const indexed = [...seeded.indexed, ...bulk.indexed];
  // Read after indexing: a dynamic mapping has grown with the documents.
  const fields = await fieldTypesOf(client, index);
  const rejected = rejectedPairs(table, fields);
  const single: FilterSet[] = [...table].flatMap(([field, values]) => values.map((value) => ({ operator: 'AND' as const, filters: [{ field, value }] })));
  const sets = fc.sample(filterSetArbitrary(table), { seed, numRuns: randomFilterSets });
  const report = await compareFilterSets(client, index, indexed, fields, [...single, ...sets]);
  const rejections = await checkRejections(client, index, indexed, fields, rejected, table);
  recordSummary({
    name: `semantics-mapping-${scenario.name}`,
    seed,
    documents: indexed.length,
    documentsRejectedByEngine: bulk.rejected.length + seeded.rejected.length,
    filterSets: report.filterSets,
    queries: report.queries + rejections.queries,
    disagreements: report.disagreements.length + rejections.unjustified.length,
    seconds: (Date.now() - started) / 1000,
    notes: [
      `fields: ${JSON.stringify(Object.fromEntries(Object.keys(scenario.filters).map((field) => [field, fields[field] ?? 'unmapped'])))}`,
      `compiled ${report.compiled}, rejected by the compiler ${report.rejected}; rejected pairs ${rejected.length} (engine error ${rejections.errors}, engine ≠ exact match ${rejections.differences}, unjustified ${rejections.unjustified.length})`,
    ],
  });
  const smallestFirst = [...report.disagreements].sort((a, b) => a.filterSet.filters.length - b.filterSet.filters.length);
  for (const disagreement of smallestFirst.slice(0, 15)) process.stdout.write(`${formatDisagreement(disagreement)}\n`);
  for (const item of rejections.unjustified.slice(0, 15)) process.stdout.write(`${formatUnjustified(item, fields)}\n`);
  expect(indexed.length).toBeGreaterThan(randomDocuments / 3);
  expect(report.compiled).toBeGreaterThan(0);
  expect(report.disagreements.length, 'filter sets where the engine and the predicate differ').toBe(0);
  expect(rejections.unjustified.map((item) => `${item.field}: ${JSON.stringify(item.value)}`), 'rejected values the engine treats as exact match').toEqual([]);
}

const NUMBERS: Json[] = [5, 0.5, 12345678.9, 1e21, -0.25, 1234567.5, 0.001, 1e-4, 1e7 + 0.5, 100, 0];
const STRINGS: Json[] = ['abc', 'xyz', 'ABC', 'a*c', 'a?c', 'Café', '1.0E21', '1.0E2', '0E21', '0.5', '12345678.9', '1.23456789E7', '5', '5.0', 'true', 'a b', 'ab', 'a'];
const MIXED: Json[] = [...NUMBERS, ...STRINGS, true, false];

const wildcard: Scenario = {
  name: 'wildcard',
  body: {
    settings: { number_of_shards: 2, number_of_replicas: 0 },
    // dynamic: false: a field an engine lacks stays unmapped instead of being mapped from the documents.
    mappings: {
      dynamic: false,
      properties: {
        w: { type: 'wildcard' },
        dv: { type: 'wildcard', doc_values: true },
        o: { properties: { w: { type: 'wildcard' } } },
        src: { type: 'keyword', copy_to: ['t', 'tdv'] },
        t: { type: 'wildcard' },
        tdv: { type: 'wildcard', doc_values: true },
        n: { type: 'wildcard', null_value: 'N', ignore_above: 8 },
        kw: { type: 'keyword', fields: { wc: { type: 'wildcard' } } },
        nst: { type: 'nested', properties: { w: { type: 'wildcard' }, dv: { type: 'wildcard', doc_values: true } } },
      },
    },
  },
  slots: [
    { path: 'w', values: MIXED },
    { path: 'dv', values: MIXED },
    { path: 'o.w', values: STRINGS },
    { path: 'src', values: STRINGS },
    { path: 't', values: STRINGS },
    { path: 'tdv', values: STRINGS },
    { path: 'n', values: [...STRINGS, 'N', 'NNNNNNNNN'] },
    { path: 'kw', values: MIXED },
    { path: 'nst.w', values: STRINGS },
    { path: 'nst.dv', values: STRINGS },
  ],
  literal: [
    { o: { w: 'abc' }, 'o.w': 'xyz' },
    { o: { x: 'abc' }, 'o.w': 'xyz' },
    { 'o.w': 'xyz' },
    { t: 'abc' },
    { t: 'abc', src: 'xyz' },
    { w: [1e21, '1.0E2', '0E21'] },
    { w: 12345678.9 },
    { dv: 12345678.9 },
    { n: null },
    { n: [null] },
    { src: 'abc' },
  ],
  filters: {
    w: ['12345678.9', '1.23456789E7', '1.0E21', '1e+21', '0.5', '5', 'abc'],
    dv: ['12345678.9', '1e+21', '5'],
    'o.w': ['abc', 'xyz'],
    t: ['abc'],
    tdv: ['abc'],
    n: ['N', 'NNNNNNNNN'],
    'kw.wc': ['5', '0.5', '12345678.9', '1.23456789E7'],
    'nst.w': ['abc'],
    'nst.dv': ['abc'],
  },
};

const sourceExcludes: Scenario = {
  name: 'source-excludes',
  body: {
    settings: { number_of_shards: 1, number_of_replicas: 0 },
    mappings: { dynamic: false, _source: { excludes: ['hidden'] }, properties: { hidden: { type: 'wildcard' }, dv: { type: 'wildcard', doc_values: true }, k: { type: 'keyword' } } },
  },
  slots: [
    { path: 'hidden', values: STRINGS },
    { path: 'dv', values: MIXED },
    { path: 'k', values: MIXED },
  ],
  filters: { hidden: ['abc'], dv: ['abc'], k: ['abc'] },
};

const NORMALIZED: Json[] = ['٥', '1e+２１', 'a١', 'Café', 'cafe', 'CAFE', 'café', 'Straße', 'STRASSE', 'straße', ' abc ', 'abc', 'ＡＢＣ', 'ｶﾞ', 'ガ', 'ﾊﾟ', 'a1', 'a١', 'ab', '\u3000x\t', 'x', 'Æsir', 'aesir', 'ﬃ', 'ffi', 'ᾳ', 'ᾼ', 5, true, 1e21];

const normalizers: Scenario = {
  name: 'normalizers',
  body: {
    settings: {
      number_of_shards: 2,
      number_of_replicas: 0,
      analysis: {
        filter: { my_fold: { type: 'asciifolding', preserve_original: true } },
        normalizer: {
          lowercase: { type: 'custom', filter: ['lowercase', 'asciifolding'] },
          upper: { type: 'custom', filter: ['uppercase'] },
          tidy: { type: 'custom', filter: ['trim', 'cjk_width', 'lowercase'] },
          digits: { type: 'custom', filter: ['decimal_digit'] },
          folded_upper: { type: 'custom', filter: ['my_fold', 'uppercase', 'trim'] },
          lower_only: { type: 'custom', filter: ['lowercase'] },
        },
      },
    },
    mappings: {
      dynamic: false,
      properties: {
        k: { type: 'keyword', normalizer: 'lowercase' },
        u: { type: 'keyword', normalizer: 'upper' },
        t: { type: 'keyword', normalizer: 'tidy', ignore_above: 6 },
        d: { type: 'keyword', normalizer: 'digits' },
        f: { type: 'keyword', normalizer: 'folded_upper', null_value: 'Æ' },
        l: { type: 'keyword', normalizer: 'lower_only' },
        kx: { type: 'keyword', index: false },
        m: { type: 'text', index: false, fields: { keyword: { type: 'keyword' } } },
        'my field': { type: 'keyword' },
      },
    },
  },
  slots: ['k', 'u', 't', 'd', 'f', 'l', 'kx', 'm', 'my field'].map((path) => ({ path, values: NORMALIZED })),
  filters: {
    k: ['cafe', 'CAFÉ'],
    u: ['straße', 'STRASSE', 'TRUE', '1E+21'],
    t: ['abc', 'ガ', 'パ'],
    d: ['ab', 'a1'],
    f: ['AESIR', 'FFI', 'AE'],
    l: ['cafe', 'café'],
    kx: ['abc'],
    m: ['abc'],
    'my field': ['abc'],
  },
};

const flatObject: Scenario = {
  name: 'flat-object',
  body: { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { dynamic: false, properties: { labels: { type: 'flat_object' } } } },
  slots: [
    { path: 'labels.team', values: ['red', 'red=blue', 'blue', '=', 'a=b=c'] },
    { path: 'labels.team=red', values: ['blue', 'x'] },
    { path: 'labels.a.b=c', values: ['x', 'd'] },
    { path: 'labels.a', values: ['b=c=x', 'b'] },
  ],
  // Documents whose key holds `=`, each indexed as the same path=value string as a rejected filter.
  literal: [
    { labels: { 'team=red': 'blue' } },
    { labels: { team: 'red=blue' } },
    { labels: { a: { 'b=c': 'x' } } },
    { labels: { 'team=a': 'b=c' } },
    { labels: { 'team=': '' } },
    { labels: { 'a=b': 'c=x' } },
    { labels: { a: { b: 'c=x' } } },
    { labels: { a: { b: 'c=d' } } },
  ],
  filters: { 'labels.team': ['red=blue', 'red'], 'labels.team=red': ['blue'], 'labels.a': ['b=c=x'], 'labels.a.b=c': ['x'], labels: ['red=blue', 'blue'] },
};

const dynamic: Scenario = {
  name: 'dynamic',
  body: { settings: { number_of_shards: 1, number_of_replicas: 0 } },
  seed: [{ status: 'ok', code: 200, ratio: 0.5, flag: true, when: '2020-01-01', msg: 'x' }],
  slots: [
    { path: 'status', values: ['error', 'Server Error', 'ERROR', 'ok', 'error ', 'x'.repeat(300)] },
    { path: 'code', values: [200, 201, '200', ' 200', 200.5, '2e2'] },
    { path: 'ratio', values: [0.5, 1, '0.5'] },
    { path: 'flag', values: [true, false, 'true'] },
    { path: 'when', values: ['2020-01-01', '2020-01-01T10:00:00Z'] },
    { path: 'msg', values: ['hello world', 'hello', 'Hello'] },
  ],
  filters: { status: ['error', 'Server Error'], code: ['200', ' 200', '2e2'], ratio: ['0.5'], flag: ['true'], when: ['2020-01-01'], msg: ['hello'] },
};

describe(`predicate ≡ query on ${engineIdentity().name} for what the mapping and the settings decide`, () => {
  const seed = engineSeed();
  const client = engineClient();

  it.each([wildcard, sourceExcludes, normalizers, flatObject, dynamic].map((scenario) => [scenario.name, scenario] as const))(
    '%s',
    async (_, scenario) => {
      await runScenario(client, scenario, seed);
    },
  );

  it('shows why the query needs the mapping: on a dynamic index a plain term on a string finds an analysed token', async () => {
    const index = 'semantics-mapping-dynamic';
    const [outcome] = await searchMany(client, index, [{ query: { term: { status: { value: 'error' } } } }], 10_000);
    const fields = await fieldTypesOf(client, index);
    const expression = compileAccess([{ field: 'status', value: 'error' }], 'AND');
    expect(() => toElasticsearchQuery(expression)).toThrow(/field types/);
    const predicate = toPredicate(expression, { fields });
    const hits = outcome?.kind === 'hits' ? outcome.ids : new Set<string>();
    const [exact] = await searchMany(client, index, [{ query: toElasticsearchQuery(expression, { fields }) }], 10_000);
    const exactIds = exact?.kind === 'hits' ? exact.ids : new Set<string>();
    // The plain term selects more than the filter means (e.g. "Server Error"); the mapped query does not.
    expect(hits.size).toBeGreaterThan(exactIds.size);
    expect(fields['status']).toMatchObject({ type: 'text', keywordSubfield: 'status.keyword' });
    expect(() => toElasticsearchQuery(compileAccess([{ field: 'code', value: ' 200' }], 'AND'), { fields })).toThrow(/.+/);
    expect(predicate({ status: 'Server Error' })).toBe(false);
    try {
      toElasticsearchQuery(compileAccess([{ field: 'code', value: ' 200' }], 'AND'), { fields });
    } catch (error) {
      expect(isSharedTokenError(error, 'VALIDATION')).toBe(true);
    }
  });
});
