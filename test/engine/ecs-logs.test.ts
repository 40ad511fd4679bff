/**
 * Predicate ≡ emitted query on real logs under a real mapping: a sample of
 * test/fixtures/logs/*.ndjson.gz indexed under the ECS 9.4.0 legacy
 * template (test/fixtures/mappings/ecs-9.4.0/). Filter values come from the
 * logs themselves and from small respellings of them (case, whitespace,
 * number spelling, CIDR, truncated dates).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@opensearch-project/opensearch';
import { fieldTypesFromMapping } from '../../src/index.js';
import type { FieldTypes } from '../../src/index.js';
import { compareFilterSets, formatDisagreement } from './compare-filter-sets.js';
import type { FilterSet } from './compare-filter-sets.js';
import { bulkIndex, engineClient, getMapping, recreateIndex, engineIdentity } from './engine.js';
import type { BulkOutcome } from './engine.js';
import { filterSetArbitrary } from './filter-set-arbitrary.js';
import { engineSeed, recordSummary } from './run-summary.js';
import { leafText } from './source-leaves.js';
import type { Json } from './value-pools.js';

const dataDir = resolve(import.meta.dirname, '..', 'fixtures');
const templateFile = join(dataDir, 'mappings', 'ecs-9.4.0', 'legacy-template.json');
const logsDir = join(dataDir, 'logs');
const index = 'engine-ecs-logs';
const perFile = 500;
const valuesPerField = 12;
const randomFilterSets = 2500;

/**
 * The ECS template made loadable by OpenSearch 2.19: `flattened` is
 * `flat_object` there, and `constant_keyword` needs a value in the mapping
 * (ECS leaves it to the first document), so it becomes `keyword`;
 * `synthetic_source_keep` is an Elasticsearch-only storage hint.
 */
function forOpenSearch(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forOpenSearch);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) if (key !== 'synthetic_source_keep') out[key] = forOpenSearch(value);
  if (out['type'] === 'flattened') out['type'] = 'flat_object';
  if (out['type'] === 'constant_keyword' && out['value'] === undefined) out['type'] = 'keyword';
  return out;
}

/** Every `_source` leaf path of a document, dotted, with its scalar values. */
function leafPaths(node: unknown, prefix: string, out: Map<string, Set<string>>): void {
  if (Array.isArray(node)) {
    for (const element of node) leafPaths(element, prefix, out);
    return;
  }
  if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) leafPaths(value, prefix === '' ? key : `${prefix}.${key}`, out);
    return;
  }
  const text = leafText(node);
  if (text === undefined || prefix === '') return;
  const values = out.get(prefix) ?? new Set<string>();
  values.add(text);
  out.set(prefix, values);
}

/** Near-misses of a real value: the kinds of difference exact match must not paper over. */
function respellings(value: string): string[] {
  const out = [value.toUpperCase(), value.toLowerCase(), ` ${value}`, `${value}*`];
  if (/^-?\d+$/.test(value)) out.push(`${value}.0`, `+${value}`, `${value}e0`);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(value)) out.push(`${value}/24`, `::ffff:${value}`);
  if (/^\d{4}-\d\d-\d\dT/.test(value)) out.push(value.slice(0, 10), value.slice(0, 4), value.replace(/\.\d+Z$/, 'Z'));
  return out;
}

function sampleLogs(): Array<Record<string, Json>> {
  const documents: Array<Record<string, Json>> = [];
  for (const file of readdirSync(logsDir).filter((name) => name.endsWith('.ndjson.gz')).sort()) {
    const lines = gunzipSync(readFileSync(join(logsDir, file))).toString('utf8').split('\n').filter((line) => line.trim() !== '');
    const stride = Math.max(1, Math.floor(lines.length / perFile));
    for (let n = 0; n < lines.length && documents.length < perFile * 10; n += stride) {
      const line = lines[n];
      if (line !== undefined) documents.push(JSON.parse(line) as Record<string, Json>);
      if (n / stride >= perFile - 1) break;
    }
  }
  return documents;
}

describe(`predicate ≡ query on OpenSearch, real logs under the ECS template (index ${index})`, () => {
  const started = Date.now();
  const seed = engineSeed() + 2;
  let client: Client;
  let fields: FieldTypes;
  let bulk: BulkOutcome;
  let table: Map<string, string[]>;

  beforeAll(async () => {
    client = engineClient();
    const template = JSON.parse(readFileSync(templateFile, 'utf8')) as { mappings: unknown };
    await recreateIndex(client, index, {
      settings: { number_of_shards: 2, number_of_replicas: 0, 'index.mapping.total_fields.limit': 10_000 },
      mappings: forOpenSearch(template.mappings),
    });
    const logs = sampleLogs();
    bulk = await bulkIndex(client, index, logs.map((source, n) => ({ id: `e${n}`, source })));
    // After indexing: the dynamic template has added the logs' non-ECS fields.
    fields = fieldTypesFromMapping(await getMapping(client, index), { engine: engineIdentity().product });

    const seen = new Map<string, Set<string>>();
    for (const document of bulk.indexed) leafPaths(document.source, '', seen);
    table = new Map();
    for (const [path, values] of seen) {
      const real = [...values].filter((value) => value.length <= 200);
      // A seeded rotation picks which real values (and respellings) each run tries.
      const start = real.length === 0 ? 0 : Math.abs(seed) % real.length;
      const picked = [...real.slice(start), ...real.slice(0, start)].slice(0, valuesPerField);
      const candidates = new Set([...picked, ...picked.slice(0, 3).flatMap(respellings)]);
      table.set(path, [...candidates]);
      const textSubfield = `${path}.text`;
      if (fields[textSubfield] !== undefined) table.set(textSubfield, picked.slice(0, 3));
    }
  });

  it('real log values and their respellings, alone and in random AND/OR sets, select the same documents', async () => {
    expect(bulk.indexed.length).toBeGreaterThan(0);
    const single: FilterSet[] = [...table].flatMap(([field, values]) => values.map((value) => ({ operator: 'AND' as const, filters: [{ field, value }] })));
    const random = fc.sample(filterSetArbitrary(table), { seed, numRuns: randomFilterSets });
    const report = await compareFilterSets(client, index, bulk.indexed, fields, [...single, ...random]);
    recordSummary({
      name: 'ecs-logs',
      seed,
      documents: bulk.indexed.length,
      documentsRejectedByEngine: bulk.rejected.length,
      filterSets: report.filterSets,
      queries: report.queries,
      disagreements: report.disagreements.length,
      seconds: (Date.now() - started) / 1000,
      notes: [
        `fields: ${table.size}; single-term sets: ${single.length}, random sets: ${random.length}; compiled ${report.compiled}, rejected by the compiler ${report.rejected}`,
        ...bulk.rejected.slice(0, 3).map((item) => `engine refused ${item.document.id}: ${item.reason.slice(0, 200)}`),
      ],
    });
    const smallestFirst = [...report.disagreements].sort((a, b) => a.filterSet.filters.length - b.filterSet.filters.length);
    for (const disagreement of smallestFirst.slice(0, 25)) process.stdout.write(`${formatDisagreement(disagreement)}\n`);
    expect(report.disagreements.length, 'filter sets where the engine and the predicate differ').toBe(0);
  });
});
