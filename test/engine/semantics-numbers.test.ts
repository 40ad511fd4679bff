/**
 * Predicate ≡ emitted query on the engine for numbers written the ways
 * `JSON.parse` forgets (`5.0`, `1e3`, `1E+21`, `-0`, `-0.0`, `0.10`, 2^53+1,
 * `1e400`): documents are sent to `_bulk` as exact JSON text and handed to
 * the predicate as `parseJsonDocument` reads the same text, on every field
 * type that reads a number token (keyword, wildcard with and without doc
 * values, flat_object/flattened, long, unsigned_long, integer, double,
 * float, half_float, scaled_float, date with epoch millis). Every candidate
 * `field: value` alone, then random `AND`/`OR` filter sets, with field types
 * read by `fieldTypesFromMapping` from the node's own index.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@opensearch-project/opensearch';
import { fieldTypesFromMapping } from '../../src/index.js';
import type { FieldTypes } from '../../src/index.js';
import { checkRejections, compareFilterSets, formatDisagreement, formatUnjustified, rejectedPairs } from './compare-filter-sets.js';
import type { FilterSet } from './compare-filter-sets.js';
import { engineClient, engineIdentity, recreateIndex } from './engine.js';
import type { IdentifiedDocument } from './engine.js';
import { filterSetArbitrary } from './filter-set-arbitrary.js';
import { engineSeed, recordSummary } from './run-summary.js';
import { bulkIndexText, documentArbitrary, numbersAsText, numbersMappings, spellings, writeJsonText } from './semantics-numbers-values.js';
import type { NumbersField, TextDocument } from './semantics-numbers-values.js';

const index = 'semantics-numbers';
const randomDocuments = 1500;
const randomFilterSets = 2500;
const allFields = Object.keys(numbersMappings.properties) as NumbersField[];

/** Filter values that only a reader of the Java text or a lenient parser would write. */
const filterOnly = ['Infinity', '-Infinity', '1.0E21', '1.5E12', '9.007199254740992E15', '1000.0', '5.000', '+5', ' 5', '0x10', 'abc', '', '1.0E3'];

// Rejections checked against the engine: those that claim the engine fails the search. Date filters are left to the
// date suite: which huge epoch values a date field refuses is a rule of the date module, not of number spellings.
const CHECKED_REASON = /engine fails the search/;
const isDateField = (field: string): boolean => field.startsWith('dt');

describe(`predicate on parseJsonDocument ≡ query on the engine: number spellings (index ${index})`, () => {
  const started = Date.now();
  const seed = engineSeed();
  let client: Client;
  let fields: FieldTypes;
  let indexed: TextDocument[];
  let rejectedByEngine: number;
  let table: Map<string, string[]>;

  beforeAll(async () => {
    client = engineClient();
    // recreateIndex leaves out (and records) the types this engine lacks: wildcard, unsigned_long, scaled_float on Elasticsearch.
    await recreateIndex(client, index, { settings: { number_of_shards: 2, number_of_replicas: 0 }, mappings: numbersMappings });
    const response = await client.indices.get({ index });
    fields = fieldTypesFromMapping(response.body, { engine: engineIdentity().product });
    const present = allFields.filter((field) => fields[field] !== undefined);
    const random = fc.sample(documentArbitrary(present), { seed, numRuns: randomDocuments });
    table = new Map();
    for (const field of present) {
      const values = [...new Set([...spellings, ...filterOnly])];
      if (field === 'fo') {
        table.set('fo', values);
        table.set('fo.x', values);
        table.set('fo.x.z', values.slice(0, 30));
      } else table.set(field, values);
    }
    // One document per spelling and field holding it as a number, so that every spelling has something to find.
    const literal = present.flatMap((field) =>
      spellings.map((text) => (field === 'fo' ? `{"fo":{"x":${text}}}` : `{${JSON.stringify(field)}:${text}}`)),
    );
    const documents = [...random.map((doc, n) => ({ id: `r${n}`, text: writeJsonText(doc) })), ...literal.map((text, n) => ({ id: `l${n}`, text }))];
    const outcome = await bulkIndexText(client, index, documents);
    indexed = outcome.indexed;
    rejectedByEngine = outcome.rejected.length;
  });

  it('indexes enough of the generated documents to mean something', () => {
    expect(indexed.length).toBeGreaterThan(randomDocuments / 2);
  });

  it('every candidate field: value alone, then random AND/OR filter sets, select the same documents', async () => {
    const single: FilterSet[] = [...table].flatMap(([field, values]) => values.map((value) => ({ operator: 'AND' as const, filters: [{ field, value }] })));
    const random = fc.sample(filterSetArbitrary(table), { seed, numRuns: randomFilterSets });
    const documents = indexed as unknown as IdentifiedDocument[];
    const report = await compareFilterSets(client, index, documents, fields, [...single, ...random]);
    const allRejected = rejectedPairs(table, fields);
    const checked = allRejected.filter((item) => CHECKED_REASON.test(item.reason) && !isDateField(item.field));
    const dateRejections = allRejected.filter((item) => isDateField(item.field)).length;
    // The exact-match oracle reads a number's JSON text: the spelling as sent.
    const asText = indexed.map((document) => ({ id: document.id, source: numbersAsText(document.source) })) as unknown as IdentifiedDocument[];
    const rejections = await checkRejections(client, index, asText, fields, checked, table);
    // The same filter sets against JSON.parse's reading of the same texts: how often the spelling decides.
    const plainDocuments = indexed.map((document) => ({ id: document.id, source: JSON.parse(document.text) as never }));
    const plain = await compareFilterSets(client, index, plainDocuments, fields, [...single, ...random]);
    const numbersSeen = new Set(indexed.flatMap((document) => document.text.match(/-?\d[\d.eE+-]*/g) ?? []));
    recordSummary({
      name: 'semantics-numbers',
      seed,
      documents: indexed.length,
      documentsRejectedByEngine: rejectedByEngine,
      filterSets: report.filterSets,
      queries: report.queries + plain.queries + rejections.queries,
      disagreements: report.disagreements.length + rejections.unjustified.length,
      seconds: (Date.now() - started) / 1000,
      notes: [
        `fields: ${[...table.keys()].join(', ')}; distinct number spellings indexed: ${numbersSeen.size}`,
        `single-term sets: ${single.length}, random sets: ${random.length}; compiled ${report.compiled}, rejected by the compiler ${report.rejected}`,
        `the same sets on JSON.parse's reading of the same texts (not exact by design, see docs/semantics.md §8): ${plain.disagreements.length} differ from the engine`,
        `rejected field: value pairs: ${allRejected.length}, checked on the engine ${checked.length} (engine error ${rejections.errors}, engine ≠ exact match ${rejections.differences}, unjustified ${rejections.unjustified.length}); on date fields, left to the date suite: ${dateRejections}`,
      ],
    });
    const texts = new Map(indexed.map((document) => [document.id, document.text]));
    const smallestFirst = [...report.disagreements].sort((a, b) => a.filterSet.filters.length - b.filterSet.filters.length);
    for (const disagreement of smallestFirst.slice(0, 25)) {
      process.stdout.write(`${formatDisagreement(disagreement)}\n`);
      for (const document of disagreement.documents.slice(0, 5)) process.stdout.write(`  text of ${document.id}: ${texts.get(document.id) ?? ''}\n`);
    }
    for (const item of rejections.unjustified.slice(0, 25)) process.stdout.write(`${formatUnjustified(item, fields)}\n`);
    expect(report.compiled, 'filter sets the compiler accepted').toBeGreaterThan(single.length / 2);
    // The suite reaches the cases only the source text decides.
    expect(plain.disagreements.length, 'filter sets where JSON.parse documents differ from the engine').toBeGreaterThan(0);
    expect(report.disagreements.length, 'filter sets where the engine and the predicate differ').toBe(0);
    expect(rejections.unjustified.map((item) => `${item.field}: ${JSON.stringify(item.value)}`), 'rejected values the engine treats as exact match').toEqual([]);
  });
});
