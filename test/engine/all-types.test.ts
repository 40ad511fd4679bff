/**
 * Predicate ≡ emitted query on a real OpenSearch node, for every field type
 * the compiler supports: adversarial documents from fast-check, every
 * candidate `field: value` alone, and thousands of random `AND`/`OR` filter
 * sets, with field types read by `fieldTypesFromMapping` from the node's own
 * `_mapping`.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@opensearch-project/opensearch';
import { fieldTypesFromMapping } from '../../src/index.js';
import type { FieldTypes } from '../../src/index.js';
import { allTypesMappings, allTypesSettings, filterableFields } from './all-types-index.js';
import { checkRejections, compareFilterSets, formatDisagreement, formatUnjustified, rejectedPairs } from './compare-filter-sets.js';
import type { FilterSet } from './compare-filter-sets.js';
import { documentArbitrary } from './document-arbitrary.js';
import { bulkIndex, engineClient, engineIdentity, getMapping, recreateIndex } from './engine.js';
import type { BulkOutcome, IdentifiedDocument } from './engine.js';
import { filterSetArbitrary } from './filter-set-arbitrary.js';
import { engineSeed, recordSummary } from './run-summary.js';
import { leafText, scalarLeaves, valuesAtPath } from './source-leaves.js';
import { filterValues } from './value-pools.js';
import type { Json } from './value-pools.js';

const index = 'engine-all-types';
const randomDocuments = 1500;
const randomFilterSets = 4000;

/** A document holding `value` at `path`, spelled as nested objects. */
function documentWith(path: string, value: string): Record<string, Json> {
  const segments = path.split('.');
  const leafKey = segments.pop() ?? path;
  const root: Record<string, Json> = {};
  let node = root;
  for (const segment of segments) {
    const child: Record<string, Json> = {};
    node[segment] = child;
    node = child;
  }
  node[leafKey] = value;
  return root;
}

function sourcePathsOf(field: string, fields: FieldTypes): readonly string[] {
  return fields[field]?.sourcePaths ?? [field];
}

describe(`predicate ≡ query on OpenSearch, all field types (index ${index})`, () => {
  const started = Date.now();
  const seed = engineSeed();
  let client: Client;
  let fields: FieldTypes;
  let bulk: BulkOutcome;
  let table: Map<string, string[]>;
  let rejected: Array<{ field: string; value: string; reason: string }>;

  beforeAll(async () => {
    client = engineClient();
    await recreateIndex(client, index, { settings: allTypesSettings, mappings: allTypesMappings });
    fields = fieldTypesFromMapping(await getMapping(client, index), { engine: engineIdentity().product });

    const random = fc.sample(documentArbitrary, { seed, numRuns: randomDocuments });
    table = new Map();
    for (const field of filterableFields) {
      const candidates = new Set(filterValues[field]);
      for (const doc of random) {
        for (const path of sourcePathsOf(field, fields)) {
          for (const leaf of scalarLeaves(valuesAtPath(doc, path))) {
            const text = leafText(leaf);
            if (text !== undefined && text.length <= 40) candidates.add(text);
          }
        }
      }
      table.set(field, [...candidates]);
    }
    rejected = rejectedPairs(table, fields);
    // One document per candidate holding it literally: exact match then has
    // something to find for every value, accepted or rejected.
    const literal = [...table].flatMap(([field, values]) =>
      values.map((value) => documentWith(sourcePathsOf(field, fields)[0] ?? field, value)),
    );
    const documents: IdentifiedDocument[] = [
      ...random.map((source, n) => ({ id: `r${n}`, source })),
      ...literal.map((source, n) => ({ id: `l${n}`, source })),
    ];
    bulk = await bulkIndex(client, index, documents);
  });

  it('indexes enough of the generated documents to mean something', () => {
    expect(bulk.indexed.length).toBeGreaterThan(randomDocuments / 3);
  });

  it('every candidate field: value alone, then random AND/OR filter sets, select the same documents', async () => {
    const single: FilterSet[] = [...table].flatMap(([field, values]) => values.map((value) => ({ operator: 'AND' as const, filters: [{ field, value }] })));
    const random = fc.sample(filterSetArbitrary(table), { seed, numRuns: randomFilterSets });
    const report = await compareFilterSets(client, index, bulk.indexed, fields, [...single, ...random]);
    const checked = await checkRejections(client, index, bulk.indexed, fields, rejected, table);
    // The DSL is the same for every engine, so a value is refused when any engine of the suite
    // cannot run it exactly. On Elasticsearch, values that OpenSearch fails the search on (out of
    // range, not finite: the compiler's reason says so, and the OpenSearch runs of this same test
    // prove each of them) may be exact match here: they are justified by the other engine.
    const byOtherEngine = engineIdentity().product === 'elasticsearch' ? checked.unjustified.filter((item) => /OpenSearch[^)]*fails? the search/.test(item.reason)) : [];
    const rejections = { ...checked, unjustified: checked.unjustified.filter((item) => !byOtherEngine.includes(item)) };
    const engineReasons = new Map<string, number>();
    for (const { reason } of bulk.rejected) {
      const key = reason.replace(/\[[^\]]*\]|'[^']*'|"[^"]*"|\d+/g, '…').slice(0, 90);
      engineReasons.set(key, (engineReasons.get(key) ?? 0) + 1);
    }
    recordSummary({
      name: 'all-types',
      seed,
      documents: bulk.indexed.length,
      documentsRejectedByEngine: bulk.rejected.length,
      filterSets: report.filterSets,
      queries: report.queries + rejections.queries,
      disagreements: report.disagreements.length + rejections.unjustified.length,
      seconds: (Date.now() - started) / 1000,
      notes: [
        `single-term sets: ${single.length}, random sets: ${random.length}; compiled ${report.compiled}, rejected by the compiler ${report.rejected}`,
        `rejected field: value pairs: ${rejected.length} (engine error ${rejections.errors}, engine ≠ exact match ${rejections.differences}, justified by another engine ${byOtherEngine.length}, unjustified ${rejections.unjustified.length})`,
        `documents the engine refused, by reason: ${JSON.stringify(Object.fromEntries(engineReasons))}`,
      ],
    });
    // Smallest first: a one-filter disagreement is the unit test to write.
    const smallestFirst = [...report.disagreements].sort((a, b) => a.filterSet.filters.length - b.filterSet.filters.length);
    for (const disagreement of smallestFirst.slice(0, 25)) process.stdout.write(`${formatDisagreement(disagreement)}\n`);
    for (const item of rejections.unjustified.slice(0, 25)) process.stdout.write(`${formatUnjustified(item, fields)}\n`);
    expect(report.disagreements.length, 'filter sets where the engine and the predicate differ').toBe(0);
    expect(rejections.unjustified.map((item) => `${item.field}: ${JSON.stringify(item.value)}`), 'rejected values the engine treats as exact match').toEqual([]);
  });
});
