/**
 * Predicate ≡ emitted query on the engine for dates (zone ids, offsets with
 * seconds, long years, daylight-saving gaps and overlaps, custom and
 * built-in formats, `ignore_malformed`), `ip` (Unicode digits, fullwidth
 * hex, IPv6 scope ids) and `unsigned_long` (negative fractions, signs,
 * `coerce: false`): fast-check documents, every candidate `field: value`
 * alone, then random `AND`/`OR` filter sets, with field types read by
 * `fieldTypesFromMapping` from the node's own `_mapping`.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@opensearch-project/opensearch';
import { fieldTypesFromMapping } from '../../src/index.js';
import type { FieldTypes } from '../../src/index.js';
import { checkRejections, compareFilterSets, formatDisagreement, formatUnjustified, rejectedPairs } from './compare-filter-sets.js';
import type { FilterSet } from './compare-filter-sets.js';
import { bulkIndex, engineClient, engineIdentity, getMapping, recreateIndex } from './engine.js';
import type { BulkOutcome, IdentifiedDocument } from './engine.js';
import { filterSetArbitrary } from './filter-set-arbitrary.js';
import { engineSeed, recordSummary } from './run-summary.js';
import { datesMappings, dateFilters, dateValue, ipFilters, ipValue, unsignedFilters, unsignedValue } from './semantics-dates-values.js';
import type { DatesField } from './semantics-dates-values.js';
import { leafText, scalarLeaves } from './source-leaves.js';
import type { Json } from './value-pools.js';

const index = 'semantics-dates';
const randomDocuments = 1500;
const randomFilterSets = 2500;
const allFields = Object.keys(datesMappings.properties) as DatesField[];

// Every field runs on every engine: the field types carry the engine the mapping came from (Elasticsearch 8 reads ISO
// dates with its own Iso8601Parser first, IPv4 digits as ASCII only, and `h … a` filters with a 12-hour round-up).
const fieldNames: DatesField[] = allFields;

function valueOf(field: DatesField): fc.Arbitrary<Json> {
  if (field.startsWith('ip')) return ipValue;
  if (field.startsWith('ul')) return unsignedValue;
  return dateValue(field);
}

function filtersOf(field: DatesField): readonly string[] {
  if (field.startsWith('ip')) return ipFilters;
  if (field.startsWith('ul')) return unsignedFilters;
  return dateFilters(field);
}

/** Documents with one to three of the fields, a value or an array of values each. */
const documentArbitrary: fc.Arbitrary<Record<string, Json>> = fc
  .subarray(fieldNames, { minLength: 1, maxLength: 3 })
  .chain((fields) =>
    fc.tuple(
      ...fields.map((field) =>
        fc.oneof({ weight: 5, arbitrary: valueOf(field) }, { weight: 1, arbitrary: fc.array(valueOf(field), { minLength: 1, maxLength: 3 }) }).map((value) => [field, value] as const),
      ),
    ),
  )
  .map((entries) => Object.fromEntries(entries) as Record<string, Json>);

// Rejections checked against the engine: those that claim the engine fails or is not exact. Rejections made because
// another engine (Elasticsearch) reads a value differently, or because a time-zone database version could differ,
// cannot be justified by this engine alone; they are counted, not checked.
const CHECKED_REASON = /engine fails the search|not a date in the format|not an IP address/;

describe(`predicate ≡ query on the engine: dates, ip, unsigned_long (index ${index})`, () => {
  const started = Date.now();
  const seed = engineSeed();
  let client: Client;
  let fields: FieldTypes;
  let bulk: BulkOutcome;
  let table: Map<string, string[]>;

  beforeAll(async () => {
    client = engineClient();
    await recreateIndex(client, index, { settings: { number_of_shards: 2, number_of_replicas: 0 }, mappings: datesMappings });
    fields = fieldTypesFromMapping(await getMapping(client, index), { engine: engineIdentity().product });
    const random = fc.sample(documentArbitrary, { seed, numRuns: randomDocuments });
    table = new Map();
    for (const field of fieldNames) {
      const candidates = new Set(filtersOf(field));
      // A sample of the documents' own spellings as filters too.
      let taken = 0;
      for (const doc of random) {
        for (const leaf of scalarLeaves(doc[field])) {
          const text = leafText(leaf);
          if (text !== undefined && taken < 40 && !candidates.has(text)) {
            candidates.add(text);
            taken++;
          }
        }
      }
      table.set(field, [...candidates]);
    }
    // One document per candidate filter holding it literally, so that exact spellings have something to find.
    const literal = [...table].flatMap(([field, values]) => values.map((value) => ({ [field]: value }) as Record<string, Json>));
    const documents: IdentifiedDocument[] = [...random.map((source, n) => ({ id: `r${n}`, source })), ...literal.map((source, n) => ({ id: `l${n}`, source }))];
    bulk = await bulkIndex(client, index, documents);
  });

  it('indexes enough of the generated documents to mean something', () => {
    expect(bulk.indexed.length).toBeGreaterThan(randomDocuments / 2);
  });

  it('every candidate field: value alone, then random AND/OR filter sets, select the same documents', async () => {
    const single: FilterSet[] = [...table].flatMap(([field, values]) => values.map((value) => ({ operator: 'AND' as const, filters: [{ field, value }] })));
    const random = fc.sample(filterSetArbitrary(table), { seed, numRuns: randomFilterSets });
    const report = await compareFilterSets(client, index, bulk.indexed, fields, [...single, ...random]);
    const allRejected = rejectedPairs(table, fields);
    const checked = allRejected.filter((item) => CHECKED_REASON.test(item.reason));
    const rejections = await checkRejections(client, index, bulk.indexed, fields, checked, table);
    const reasons = new Map<string, number>();
    for (const item of allRejected) reasons.set(item.reason.slice(0, 80), (reasons.get(item.reason.slice(0, 80)) ?? 0) + 1);
    recordSummary({
      name: 'semantics-dates',
      seed,
      documents: bulk.indexed.length,
      documentsRejectedByEngine: bulk.rejected.length,
      filterSets: report.filterSets,
      queries: report.queries + rejections.queries,
      disagreements: report.disagreements.length + rejections.unjustified.length,
      seconds: (Date.now() - started) / 1000,
      notes: [
        `single-term sets: ${single.length}, random sets: ${random.length}; compiled ${report.compiled}, rejected by the compiler ${report.rejected}`,
        `rejected field: value pairs: ${allRejected.length}, checked on the engine ${checked.length} (engine error ${rejections.errors}, engine ≠ exact match ${rejections.differences}, unjustified ${rejections.unjustified.length})`,
        `rejection reasons: ${JSON.stringify(Object.fromEntries(reasons))}`,
      ],
    });
    const smallestFirst = [...report.disagreements].sort((a, b) => a.filterSet.filters.length - b.filterSet.filters.length);
    for (const disagreement of smallestFirst.slice(0, 25)) process.stdout.write(`${formatDisagreement(disagreement)}\n`);
    for (const item of rejections.unjustified.slice(0, 25)) process.stdout.write(`${formatUnjustified(item, fields)}\n`);
    expect(report.compiled, 'filter sets the compiler accepted').toBeGreaterThan(single.length / 2);
    expect(report.disagreements.length, 'filter sets where the engine and the predicate differ').toBe(0);
    expect(rejections.unjustified.map((item) => `${item.field}: ${JSON.stringify(item.value)}`), 'rejected values the engine treats as exact match').toEqual([]);
  });
});
