/**
 * The predicate agrees with the reference evaluator of the emitted query on
 * documents whose dates carry zone ids (`…Europe/Paris`, `…UTC`,
 * `…GMT+01:00`, `…Etc/GMT-1`), daylight-saving gaps and overlaps included.
 * The evaluator places region ids with `Intl.DateTimeFormat` offsets, on
 * its own (it imports nothing of the library's date code). Spellings both
 * engines read alike, so the field types run with each engine and without
 * one (`date`; for `date_nanos` the evaluator models OpenSearch's default
 * format).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldTypes } from '../../../src/access/mapping/field-types.js';
import { toPredicate } from '../../../src/access/predicate/predicate.js';
import { toElasticsearchQuery } from '../../../src/access/query/elasticsearch-query.js';
import { evaluateOnDocs, rejectedDocuments } from '../../support/reference-evaluator.js';

const days = ['2020-01-01', '2020-03-29', '2020-10-25', '2018-11-04', '2021-02-28', '2020-03-08'];
const hours = ['00', '01', '02', '03', '09', '10', '23'];
const zones = [
  'Europe/Paris', 'America/New_York', 'America/Sao_Paulo', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Etc/GMT-1', 'Etc/GMT+5', 'CET', 'US/Eastern',
  'Europe/London', 'UTC', 'GMT', 'UT', 'GMT+01:00', 'UTC-05:00', 'Z', '+01:00',
];

// Daylight-saving zones and the hours around their transitions come often, so that gaps and overlaps are reached.
const zone = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('Europe/Paris', 'America/New_York', 'Australia/Lord_Howe') }, { weight: 2, arbitrary: fc.constantFrom(...zones) });
const zoned = fc
  .tuple(fc.constantFrom(...days), fc.constantFrom(...hours), fc.constantFrom('00', '30'), fc.constantFrom('', ':00', ':30.5'), zone)
  .map(([d, h, m, s, z]) => `${d}T${h}:${m}${s}${z}`);

/** UTC filters around the same instants: whole hours, minutes, seconds and days. */
const filter = fc.oneof(
  fc.tuple(fc.constantFrom(...days), fc.integer({ min: 0, max: 23 })).map(([d, h]) => `${d}T${String(h).padStart(2, '0')}`),
  fc.tuple(fc.constantFrom(...days), fc.integer({ min: 0, max: 23 }), fc.constantFrom('00', '30')).map(([d, h, m]) => `${d}T${String(h).padStart(2, '0')}:${m}Z`),
  fc.tuple(fc.constantFrom(...days), fc.integer({ min: 0, max: 23 }), fc.constantFrom('00', '30')).map(([d, h, m]) => `${d}T${String(h).padStart(2, '0')}:${m}:00+01:00`),
  fc.constantFrom(...days),
);

/** Documents, and a filter that is often an hour or minute of the day one of them names (so that near misses are common). */
const caseArbitrary: fc.Arbitrary<[string, string[]]> = fc.array(zoned, { minLength: 1, maxLength: 6 }).chain((texts) =>
  fc
    .oneof(
      { weight: 1, arbitrary: filter },
      {
        weight: 3,
        arbitrary: fc
          .tuple(fc.constantFrom(...texts), fc.integer({ min: 0, max: 23 }), fc.constantFrom('', ':00Z', ':30Z'))
          .map(([text, h, m]) => `${text.slice(0, 10)}T${String(h).padStart(2, '0')}${m}`),
      },
    )
    .map((value): [string, string[]] => [value, texts]),
);

const fieldCases: readonly [string, FieldTypes][] = [
  ['date, engine unknown', { t: { type: 'date' } }],
  ['date, OpenSearch', { t: { type: 'date', engine: 'opensearch' } }],
  ['date, Elasticsearch', { t: { type: 'date', engine: 'elasticsearch' } }],
  // Elasticsearch's date_nanos default format needs HH:mm:ss; the evaluator models OpenSearch's.
  ['date_nanos, OpenSearch', { t: { type: 'date_nanos', engine: 'opensearch' } }],
];

describe('zone-id documents: predicate ≡ reference evaluator of the query', () => {
  it.each(fieldCases)('%s', (_, fields) => {
    let compared = 0;
    let zonedCompared = 0;
    let zonedMatched = 0;
    fc.assert(
      fc.property(caseArbitrary, ([value, texts]) => {
        const expression = { kind: 'term' as const, field: 't', value };
        const query = toElasticsearchQuery(expression, { fields });
        const predicate = toPredicate(expression, { fields });
        const docs = texts.map((text, i) => ({ _id: String(i), _source: { t: text } }));
        const rejected = rejectedDocuments(docs, fields);
        const expected = evaluateOnDocs(query, docs, fields);
        const kept = docs.filter((doc) => !rejected.has(doc._id));
        const actual = new Set(kept.filter((doc) => predicate(doc._source)).map((doc) => doc._id));
        expect([...actual].sort(), `${value} on ${JSON.stringify(texts)}`).toEqual([...expected].sort());
        compared++;
        for (const doc of kept) {
          if (/[A-Za-z]$/.test(doc._source.t) && !doc._source.t.endsWith('Z')) {
            zonedCompared++;
            if (expected.has(doc._id)) zonedMatched++;
          }
        }
      }),
      { numRuns: 1500 },
    );
    // The property reached its assertion with zone-id documents, some of them matching.
    expect(compared).toBe(1500);
    expect(zonedCompared).toBeGreaterThan(2000);
    expect(zonedMatched).toBeGreaterThan(20);
  });
});
