/**
 * Impossible days and out-of-range fields (`2020-02-30`, `2020-13-01`): the
 * engines refuse them under STRICT formats, but `strict_date` is built
 * LENIENT (rolled over) and `strict_date_hour…` SMART (clamped). The
 * expected readings are the engines' own: `DateFormatter.forPattern(f)`,
 * `DateFormatters.from(parse(v))` for the document and
 * `toDateMathParser().parse(v, now, roundUp, null)` for a filter's bounds,
 * run on OpenSearch 2.19.6, 3.9.0 (identical) and Elasticsearch 8.19.21.
 */
import { describe, expect, it } from 'vitest';
import { type DateFormat, compileDateFormats, readDate } from '../../../src/access/values/date-formats.js';
import { prepareDateTerm } from '../../../src/access/values/date.js';
import type { ValueEngine } from '../../../src/access/mapping/field-types.js';
import { SharedTokenError } from '../../../src/errors.js';

const ENGINES: readonly ValueEngine[] = ['opensearch', 'elasticsearch'];
const END = 'T23:59:59.999999999Z';

/** [format, value, document reading, lower bound, upper bound]; null: the engine refuses. Same on every engine unless split. */
type Row = readonly [string, string, string | null, string | null, string | null];

const BOTH: readonly Row[] = [
  // LENIENT: LocalDate.of(y, 1, 1).plusMonths(m - 1).plusDays(d - 1); the round-up parser is SMART (clamps, or fails beyond 1…31 / 1…12).
  ['strict_date', '2020-02-30', '2020-03-01T00:00:00Z', '2020-03-01T00:00:00Z', `2020-02-29${END}`],
  ['strict_date', '2021-02-29', '2021-03-01T00:00:00Z', '2021-03-01T00:00:00Z', `2021-02-28${END}`],
  ['strict_date', '2020-04-31', '2020-05-01T00:00:00Z', '2020-05-01T00:00:00Z', `2020-04-30${END}`],
  ['strict_date', '2020-02-31', '2020-03-02T00:00:00Z', '2020-03-02T00:00:00Z', `2020-02-29${END}`],
  ['strict_date', '2020-02-32', '2020-03-03T00:00:00Z', '2020-03-03T00:00:00Z', null],
  ['strict_date', '2020-02-00', '2020-01-31T00:00:00Z', '2020-01-31T00:00:00Z', null],
  ['strict_date', '2020-13-01', '2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z', null],
  ['strict_date', '2020-00-10', '2019-12-10T00:00:00Z', '2019-12-10T00:00:00Z', null],
  ['strict_date', '2020-02-29', '2020-02-29T00:00:00Z', '2020-02-29T00:00:00Z', `2020-02-29${END}`],
  // STRICT formats: the document is refused; the round-up parser alone clamps, but the lower bound fails the search.
  ['strict_date_optional_time||epoch_millis', '2020-13-01', null, null, null],
  ['date_optional_time', '2020-02-31T10:00:00Z', null, null, '2020-02-29T10:00:00.999999999Z'],
  ['date', '2020-2-30', null, null, `2020-02-29${END}`],
  ['basic_date', '20200230', null, null, `2020-02-29${END}`],
  ['yyyy-MM-dd', '2020-02-30', null, null, `2020-02-29${END}`],
  ['uuuu-MM-dd', '2021-02-29', null, null, `2021-02-28${END}`],
  ['yyyy-MM-dd HH:mm:ss', '2020-02-30 10:00:00', null, null, '2020-02-29T10:00:00.999999999Z'],
  ['dd/MMM/yyyy:HH:mm:ss Z', '31/Apr/2020:10:00:00 +0000', null, null, '2020-04-30T10:00:00.999999999Z'],
  ['dd/MMM/yyyy:HH:mm:ss Z', '32/Jan/2020:10:00:00 +0000', null, null, null],
  // SMART on both engines (no Iso8601Parser for these two on Elasticsearch): the day is clamped.
  ['strict_date_hour', '2020-02-30T10', '2020-02-29T10:00:00Z', '2020-02-29T10:00:00Z', '2020-02-29T10:59:59.999999999Z'],
  ['strict_date_hour_minute', '2020-04-31T10:30', '2020-04-30T10:30:00Z', '2020-04-30T10:30:00Z', '2020-04-30T10:30:59.999999999Z'],
  // SMART also reads 24:00 as midnight of the next day (the round-up parser, its hour defaulted, then fails).
  ['strict_date_hour', '2020-02-29T24', '2020-03-01T00:00:00Z', '2020-03-01T00:00:00Z', null],
  ['strict_date_hour_minute', '2020-12-31T24:00', '2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z', null],
  ['strict_hour_minute', '24:00', '1970-01-01T00:00:00Z', '1970-01-01T00:00:00Z', null],
  // basic_t_time's second parser (offset without colon) is SMART: with no date, the extra day is dropped.
  ['basic_t_time', 'T240000.000+0100', '1969-12-31T23:00:00Z', '1969-12-31T23:00:00Z', '1969-12-31T23:00:00Z'],
];

const SPLIT: Readonly<Record<ValueEngine, readonly Row[]>> = {
  // OpenSearch builds strict_date_hour_minute_second SMART (clamped); its ISO formats are STRICT, only their round-up (SMART) clamps.
  opensearch: [
    ['strict_date_hour_minute_second', '2020-02-30T10:00:00', '2020-02-29T10:00:00Z', '2020-02-29T10:00:00Z', '2020-02-29T10:00:00.999999999Z'],
    ['strict_date_optional_time||epoch_millis', '2020-02-30', null, null, `2020-02-29${END}`],
    ['strict_date_optional_time||epoch_millis', '2020-02-30T10:00:00Z', null, null, '2020-02-29T10:00:00.999999999Z'],
    ['strict_date_time', '2020-02-30T10:00:00.000Z', null, null, '2020-02-29T10:00:00.000000000Z'],
    ['strict_date_optional_time_nanos||epoch_millis', '2020-02-30', null, null, `2020-02-29${END}`],
  ],
  // Elasticsearch reads it, and its ISO formats, with its Iso8601Parser first (its round-up parsers too), which refuses the
  // impossible date outright: both bounds fail.
  elasticsearch: [
    ['strict_date_hour_minute_second', '2020-02-30T10:00:00', null, null, null],
    ['strict_date_optional_time||epoch_millis', '2020-02-30', null, null, null],
    ['strict_date_optional_time||epoch_millis', '2020-02-30T10:00:00Z', null, null, null],
    ['strict_date_time', '2020-02-30T10:00:00.000Z', null, null, null],
    ['strict_date_optional_time_nanos||epoch_millis', '2020-02-30', null, null, null],
  ],
};

function instantText(formats: readonly DateFormat[], text: string, roundUp: boolean): string | null {
  const out = { ms: 0, ns: 0 };
  if (!readDate(formats, text, roundUp, out)) return null;
  return `${new Date(out.ms).toISOString().slice(0, 23)}${String(out.ns).padStart(6, '0')}Z`;
}

/** The engine's `Instant.toString()` at nanosecond precision, for comparison. */
function nanoText(text: string | null): string | null {
  if (text === null) return null;
  const match = /^(.{19})(?:\.(\d+))?Z$/.exec(text);
  return match === null ? text : `${match[1]}.${(match[2] ?? '').padEnd(9, '0')}Z`;
}

describe('impossible days, as each engine reads them', () => {
  for (const engine of ENGINES) {
    it(`${engine}: documents and filter bounds read as the engine reads them`, () => {
      for (const [format, value, document, lower, upper] of [...BOTH, ...SPLIT[engine]]) {
        const formats = compileDateFormats(format, engine);
        if (typeof formats === 'string') throw new Error(formats);
        const label = `${engine} ${format} ${value}`;
        expect(instantText(formats, value, false), `${label} (document)`).toBe(nanoText(document));
        expect(instantText(formats, value, false), `${label} (lower)`).toBe(nanoText(lower));
        expect(instantText(formats, value, true), `${label} (upper)`).toBe(nanoText(upper));
      }
    });
  }

  it('a strict_date document 2020-02-30 is found by a filter for 2020-03-01, as on the engine', () => {
    for (const engine of ENGINES) {
      const type = { type: 'date', format: 'strict_date', engine } as const;
      expect(prepareDateTerm('d', type, '2020-03-01').matchLeaf('2020-02-30')).toBe(true);
      expect(prepareDateTerm('d', type, '2020-03-01').matchLeaf('2020-02-29')).toBe(false);
      expect(prepareDateTerm('d', { ...type, type: 'date_nanos' }, '2021-01-01').matchLeaf('2020-13-01')).toBe(true);
    }
    // Engine unknown: both engines read these alike.
    expect(prepareDateTerm('d', { type: 'date', format: 'strict_date' }, '2020-03-01').matchLeaf('2020-02-30')).toBe(true);
  });

  it('a strict_date filter 2020-02-30 is an empty range (lower 2020-03-01, upper 2020-02-29T23:59:59.999999999): it matches nothing, not even itself', () => {
    for (const engine of [...ENGINES, undefined]) {
      for (const type of ['date', 'date_nanos'] as const) {
        const term = prepareDateTerm('d', { type, format: 'strict_date', ...(engine === undefined ? {} : { engine }) }, '2020-02-30');
        expect(term.matchLeaf('2020-02-30')).toBe(false);
        expect(term.matchLeaf('2020-03-01')).toBe(false);
        expect(term.matchLeaf('2020-02-29')).toBe(false);
      }
    }
  });

  it('a filter whose round-up fails (2020-02-32, 2020-13-01 on strict_date) or whose lower bound fails (2020-02-30 under STRICT) is refused: the engine fails the search', () => {
    const cases: ReadonlyArray<readonly [string | undefined, string]> = [
      ['strict_date', '2020-02-32'],
      ['strict_date', '2020-13-01'],
      [undefined, '2020-02-30'],
      ['yyyy-MM-dd', '2021-02-29'],
    ];
    for (const engine of ENGINES) {
      for (const [format, value] of cases) {
        expect(() => prepareDateTerm('d', { type: 'date', engine, ...(format === undefined ? {} : { format }) }, value)).toThrow(SharedTokenError);
        expect(() => prepareDateTerm('d', { type: 'date', engine, ...(format === undefined ? {} : { format }) }, value)).toThrow(/engine fails the search/);
      }
    }
  });

  it('strict_date_hour_minute_second: OpenSearch clamps a document 2020-02-30T10:00:00 to 02-29, Elasticsearch refuses it', () => {
    const format = 'strict_date_hour_minute_second';
    expect(prepareDateTerm('d', { type: 'date', format, engine: 'opensearch' }, '2020-02-29T10:00:00').matchLeaf('2020-02-30T10:00:00')).toBe(true);
    expect(prepareDateTerm('d', { type: 'date', format, engine: 'elasticsearch' }, '2020-02-29T10:00:00').matchLeaf('2020-02-30T10:00:00')).toBe(false);
    // Engine unknown: a document matches only where both engines' readings match.
    expect(prepareDateTerm('d', { type: 'date', format }, '2020-02-29T10:00:00').matchLeaf('2020-02-30T10:00:00')).toBe(false);
  });
});
