/**
 * Where Elasticsearch 8.19 reads dates differently from OpenSearch 2.19, and
 * what the library does with each engine and without one. Every expected
 * instant below was taken from the engines' own classes
 * (`DateFormatter.forPattern(format).parse` then `DateFormatters.from` for
 * documents, as `DateFieldMapper` indexes them; `toDateMathParser().parse(…,
 * roundUp)` for a `term`'s bounds), run on the engines' jars.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ELASTICSEARCH_BUILT_IN } from '../../../src/access/values/date-formats-elasticsearch.js';
import { compileDateFormats, readDate } from '../../../src/access/values/date-formats.js';
import type { DateFormat } from '../../../src/access/values/date-formats.js';
import { prepareDateTerm } from '../../../src/access/values/date.js';
import type { ValueEngine } from '../../../src/access/mapping/field-types.js';
import { SharedTokenError } from '../../../src/errors.js';

const DEFAULT = 'strict_date_optional_time||epoch_millis';

function read(format: string, text: string, engine: ValueEngine, roundUp = false): string | undefined {
  const formats = compileDateFormats(format, engine) as DateFormat[];
  const out = { ms: 0, ns: 0 };
  if (!readDate(formats, text, roundUp, out)) return undefined;
  return `${new Date(out.ms).toISOString().slice(0, -1)}${String(out.ns).padStart(6, '0')}Z`;
}

describe('documents Elasticsearch 8 reads differently (Iso8601Parser before java.time, its own built-in formats)', () => {
  it.each([
    // Iso8601Parser.parseZoneId: ±HHmmss without colons; OpenSearch's Offset(+HHmm) and ZoneOrOffsetId refuse it.
    [DEFAULT, '2020-01-01T10:00:00+010030', '2020-01-01T08:59:30.000000000Z', undefined],
    [DEFAULT, '2018-11-04T10:00+010030', '2018-11-04T08:59:30.000000000Z', undefined],
    // ZoneId.of("GMT+1"): ZoneOffset.of reads a one-digit hour; OpenSearch's ZoneIdPrinterParser does not.
    [DEFAULT, '2021-02-28T10:00GMT+1', '2021-02-28T09:00:00.000000000Z', undefined],
    // ZoneId.of("UT+01") is +01:00; OpenSearch reads the id UT and ignores the offset that follows.
    [DEFAULT, '1970-01-01T03:30:00UT+01', '1970-01-01T02:30:00.000000000Z', '1970-01-01T03:30:00.000000000Z'],
    ['iso8601', '2020-01-01T10GMT+01', '2020-01-01T09:00:00.000000000Z', '2020-01-01T10:00:00.000000000Z'],
    // Years: Iso8601Parser takes exactly four digits and Elasticsearch's java.time parser Value(Year,4,4,EXCEEDS_PAD).
    [DEFAULT, '+10000-01-01T00:00', undefined, '+010000-01-01T00:00:00.000000000Z'],
    [DEFAULT, '-10000-01-01T23:00', undefined, '-010000-01-01T23:00:00.000000000Z'],
    // strict_date_time reads a zone id through Iso8601Parser on Elasticsearch.
    ['strict_date_time', '2020-01-01T10:00:00GMT+01', '2020-01-01T09:00:00.000000000Z', undefined],
    ['strict_date_time_no_millis', '2020-01-01T10:00:00+010030', '2020-01-01T08:59:30.000000000Z', undefined],
  ])('%s: %j is %s on Elasticsearch, %s on OpenSearch', (format, text, elasticsearch, openSearch) => {
    expect(read(format, text, 'elasticsearch')).toBe(elasticsearch);
    expect(read(format, text, 'opensearch')).toBe(openSearch);
  });

  it('reads what both engines read alike the same way (zone ids, offsets with seconds, DST gaps)', () => {
    for (const text of ['2020-01-01T10:00:00Europe/Paris', '2020-01-01T10:00:00+01:00:30', '2020-03-29T02:30Europe/Paris', '2020-01-01T10:00:00,5Z', '2020-01-01']) {
      expect(read(DEFAULT, text, 'elasticsearch'), text).toBe(read(DEFAULT, text, 'opensearch'));
    }
  });

  it('an impossible date Iso8601Parser accepted fails the whole parse (DateFormatters.from throws; no later format is tried)', () => {
    expect(read(DEFAULT, '2020-02-30T10:00:00Z', 'elasticsearch')).toBeUndefined();
    expect(read(DEFAULT, '2020-02-30T10:00:00Z', 'elasticsearch', true)).toBeUndefined();
  });
});

describe('filters', () => {
  const ampm = 'MMM d, yyyy h:mm:ss a||epoch_second';

  it('a 12-hour clock: Elasticsearch rounds up with CLOCK_HOUR_OF_AMPM 11 PM (JavaDateFormatter.defaultRoundUp); OpenSearch fails', () => {
    expect(read(ampm, 'Jan 1, 2020 10:00:00 AM', 'elasticsearch', true)).toBe('2020-01-01T10:00:00.999999999Z');
    expect(read(ampm, 'Jan 1, 2020 10:00:00 AM', 'opensearch', true)).toBeUndefined();
    const term = prepareDateTerm('t', { type: 'date', format: ampm, engine: 'elasticsearch' }, 'Jan 1, 2020 10:00:00 AM');
    expect(term.matchLeaf('Jan 1, 2020 10:00:00 AM')).toBe(true);
    expect(term.matchLeaf('1577872800')).toBe(true);
    expect(term.matchLeaf('Jan 1, 2020 10:00:00 PM')).toBe(false);
    expect(() => prepareDateTerm('t', { type: 'date', format: ampm, engine: 'opensearch' }, 'Jan 1, 2020 10:00:00 AM')).toThrow(/engine fails the search/);
  });

  it('without the engine, a filter the engines read differently is refused', () => {
    expect(() => prepareDateTerm('t', { type: 'date', format: ampm }, 'Jan 1, 2020 10:00:00 AM')).toThrow(/read this date differently/);
    expect(() => prepareDateTerm('t', { type: 'date' }, '2020-02-30')).toThrow(SharedTokenError);
    expect(prepareDateTerm('t', { type: 'date' }, '2020-01-01T09:00:00Z').matchLeaf('2020-01-01T10:00:00Europe/Paris')).toBe(true);
  });
});

describe('date_nanos defaults', () => {
  it('Elasticsearch reads date_nanos with strict_date_optional_time_nanos (DateFieldMapper.DEFAULT_DATE_TIME_NANOS_FORMATTER): a time needs HH:mm:ss', () => {
    expect(() => prepareDateTerm('t', { type: 'date_nanos', engine: 'elasticsearch' }, '2020-01-01T09')).toThrow(/engine fails the search/);
    expect(prepareDateTerm('t', { type: 'date_nanos', engine: 'opensearch' }, '2020-01-01T09').matchLeaf('2020-01-01T09:30:00Z')).toBe(true);
    expect(() => prepareDateTerm('t', { type: 'date_nanos' }, '2020-01-01T09')).toThrow(/read this date differently/);
    const day = prepareDateTerm('t', { type: 'date_nanos', engine: 'elasticsearch' }, '2020-01-01');
    expect(day.matchLeaf('2020-01-01T09:30:00.123456789Z')).toBe(true);
    expect(day.matchLeaf('2020-01-01T09:30Z')).toBe(false);
  });
});

describe('documents without the engine', () => {
  it('match only where both engines read a matching instant', () => {
    const unknown = prepareDateTerm('t', { type: 'date' }, '2020-01-01T08:59:30Z');
    const elasticsearch = prepareDateTerm('t', { type: 'date', engine: 'elasticsearch' }, '2020-01-01T08:59:30Z');
    expect(elasticsearch.matchLeaf('2020-01-01T10:00:00+010030')).toBe(true);
    expect(unknown.matchLeaf('2020-01-01T10:00:00+010030')).toBe(false);
    const year = prepareDateTerm('t', { type: 'date', engine: 'opensearch' }, '1970-01-01T03:30:00Z');
    expect(year.matchLeaf('1970-01-01T03:30:00UT+01')).toBe(true);
    expect(prepareDateTerm('t', { type: 'date' }, '1970-01-01T03:30:00Z').matchLeaf('1970-01-01T03:30:00UT+01')).toBe(false);
    expect(prepareDateTerm('t', { type: 'date' }, '1970-01-01T02:30:00Z').matchLeaf('1970-01-01T03:30:00UT+01')).toBe(false);
  });
});

describe('the Elasticsearch built-in formats', () => {
  it('are described exactly as Elasticsearch 8.19 builds them (DateFormatters, read by reflection)', () => {
    const text = readFileSync(new URL('./elasticsearch-8.19-date-formats.txt', import.meta.url), 'utf8');
    const engine = new Map<string, { parsers: string[]; iso: string | undefined }>();
    let current = '';
    for (const line of text.split('\n')) {
      if (line.endsWith(':') && !line.startsWith(' ')) engine.set((current = line.slice(0, -1)), { parsers: [], iso: undefined });
      else if (line.startsWith('  P ')) engine.get(current)?.parsers.push(line.slice(4));
      else if (line.startsWith('  I ')) {
        const entry = engine.get(current);
        if (entry !== undefined) entry.iso = line.slice(4);
      }
    }
    let compared = 0;
    for (const [name, { parsers, iso }] of engine) {
      if (name.startsWith('epoch_')) continue;
      const ours = ELASTICSEARCH_BUILT_IN[name];
      expect(ours, name).toBeDefined();
      expect([...(ours?.parsers ?? [])], name).toEqual(parsers);
      const config = ours?.iso;
      const described =
        config === undefined
          ? undefined
          : `mandatoryFields=[${[...config.mandatory].join(', ')}] optionalTime=${config.optionalTime} maxAllowedField=${config.maxAllowedField ?? 'null'} decimalSeparator=${config.decimalSeparator} timezonePresence=${config.zonePresence} defaults={}`;
      expect(described, name).toBe(iso);
      compared++;
    }
    expect(compared).toBeGreaterThan(40);
  });
});
