/**
 * Date documents and filters the way OpenSearch 2.19 reads them: zone ids,
 * offsets with seconds, years beyond 9999, daylight-saving gaps and
 * overlaps, hour-only and `±HHmm` filters, and custom `format` patterns.
 * Expected instants were read from the engine (`docvalue_fields`) and from
 * its own `DateFormatter` classes.
 */
import { describe, expect, it } from 'vitest';
import { compileDateFormats, readDate } from '../../../src/access/values/date-formats.js';
import type { DateFormat } from '../../../src/access/values/date-formats.js';
import { prepareDateTerm } from '../../../src/access/values/date.js';
import { SharedTokenError } from '../../../src/errors.js';

function indexed(text: string, format = 'strict_date_optional_time||epoch_millis'): string | undefined {
  const formats = compileDateFormats(format) as DateFormat[];
  const out = { ms: 0, ns: 0 };
  return readDate(formats, text, false, out) ? new Date(out.ms).toISOString() : undefined;
}

describe('dates with zone ids and offset seconds (indexed as the engine does)', () => {
  it.each([
    ['2020-01-01T10:00:00Europe/Paris', '2020-01-01T09:00:00.000Z'],
    ['2020-01-01T10:00:00UTC', '2020-01-01T10:00:00.000Z'],
    ['2020-01-01T10:00:00UT', '2020-01-01T10:00:00.000Z'],
    ['2020-01-01T10:00:00GMT', '2020-01-01T10:00:00.000Z'],
    ['2020-01-01T10:00:00GMT0', '2020-01-01T10:00:00.000Z'],
    ['2020-01-01T10:00:00GMT+01:00', '2020-01-01T09:00:00.000Z'],
    ['2020-01-01T10:00:00UTC+01:00', '2020-01-01T09:00:00.000Z'],
    // The zone id wins over a trailing offset: UT, then "+01" read by the optional ±HHmm part and ignored.
    ['2020-01-01T10:00:00UT+01', '2020-01-01T10:00:00.000Z'],
    ['2020-01-01T10:00:00Etc/GMT-1', '2020-01-01T09:00:00.000Z'],
    ['2020-01-01T10:00America/New_York', '2020-01-01T15:00:00.000Z'],
    ['2020-01-01T10Europe/Paris', '2020-01-01T09:00:00.000Z'],
    ['2020-01-01T10:00:00+01:00:30', '2020-01-01T08:59:30.000Z'],
    ['2020-01-01T10:00:00-18:00:00', '2020-01-02T04:00:00.000Z'],
    ['2020-01-01T10:00:00CET', '2020-01-01T09:00:00.000Z'],
    ['2020-01-01T10:00:00US/Eastern', '2020-01-01T15:00:00.000Z'],
    ['2020-01-01T10:00:00Asia/Kolkata', '2020-01-01T04:30:00.000Z'],
    ['1900-01-01T00:00:00Europe/Paris', '1899-12-31T23:50:39.000Z'],
    // A local time in the spring gap moves forward by the gap; one in the autumn overlap takes the earlier (summer) offset.
    ['2020-03-29T02:30:00Europe/Paris', '2020-03-29T01:30:00.000Z'],
    ['2020-10-25T02:30:00Europe/Paris', '2020-10-25T00:30:00.000Z'],
    ['+10000-01-01', '+010000-01-01T00:00:00.000Z'],
    ['-10000-01-01', '-010000-01-01T00:00:00.000Z'],
    ['+12020-01-01T00:00:00Z', '+012020-01-01T00:00:00.000Z'],
  ])('indexes %j at %s', (text, iso) => {
    expect(indexed(text)).toBe(iso);
  });

  it.each([
    '2020-01-01T10:00:00Z[Europe/Paris]',
    '2020-01-01T10:00:00europe/paris',
    '2020-01-01T10:00:00GMT+1',
    '2020-01-01T10:00:00UTC+1',
    '2020-01-01T10:00:00+01:00:30.5',
    '2020-01-01T10:00:00+010030',
    '2020-01-01T10:00:00EST',
    '2020-01-01T10:00:00PST',
    '2020-01-01Europe/Paris',
    '2020-01-01TEurope/Paris',
    '+2020-01-01',
    '99999-01-01',
    '2020-01-01T10:00:00+01:00Europe/Paris',
  ])('refuses %j as the engine does', (text) => {
    expect(indexed(text)).toBeUndefined();
  });

  it('the issue example: a filter at 09:00Z matches the Paris document, on date and date_nanos, and with ignore_malformed', () => {
    for (const type of [{ type: 'date' as const }, { type: 'date_nanos' as const }, { type: 'date' as const, ignoreMalformed: true }]) {
      const term = prepareDateTerm('t', type, '2020-01-01T09:00:00Z');
      expect(term.matchLeaf('2020-01-01T10:00:00Europe/Paris')).toBe(true);
      expect(term.matchLeaf('2020-01-01T10:00:00UTC')).toBe(false);
    }
  });

  it('date_nanos refuses instants after 2262 and before 1970, whatever the spelling', () => {
    const term = prepareDateTerm('t', { type: 'date_nanos' }, '2020-01-01');
    expect(term.matchLeaf('+10000-01-01')).toBe(false);
    expect(prepareDateTerm('t', { type: 'date' }, '1970-01-01').matchLeaf('1970-01-01T00:30:00+01:00')).toBe(false);
  });
});

describe('date filter spellings', () => {
  it('accepts an hour-only filter as that whole hour, and ±HHmm, ±HH and ±HH:mm:ss offsets', () => {
    const hour = prepareDateTerm('t', { type: 'date' }, '2020-01-01T10');
    expect([hour.matchLeaf('2020-01-01T10:59:59.999Z'), hour.matchLeaf('2020-01-01T11:00:00Z'), hour.matchLeaf('2020-01-01T09:59:59.999Z')]).toEqual([true, false, false]);
    expect(prepareDateTerm('t', { type: 'date' }, '2020-01-01T10:00:00+0100').matchLeaf('2020-01-01T10:00:00Europe/Paris')).toBe(true);
    expect(prepareDateTerm('t', { type: 'date' }, '2020-01-01T10+01').matchLeaf('2020-01-01T09:30:00Z')).toBe(true);
    expect(prepareDateTerm('t', { type: 'date' }, '2020-01-01T10:00:00+01:00:30').matchLeaf('2020-01-01T08:59:30Z')).toBe(true);
  });

  it('refuses a filter naming a region: its offset comes from a time-zone database', () => {
    expect(() => prepareDateTerm('t', { type: 'date' }, '2020-01-01T10:00:00Europe/Paris')).toThrow(/time-zone database/);
  });
});

describe('custom and built-in formats in the mapping', () => {
  it('reads "yyyy-MM-dd HH:mm:ss" documents and filters', () => {
    const type = { type: 'date' as const, format: 'yyyy-MM-dd HH:mm:ss' };
    const term = prepareDateTerm('t', type, '2020-01-01 10:00:00');
    expect([term.matchLeaf('2020-01-01 10:00:00'), term.matchLeaf('2020-01-01T10:00:00Z'), term.matchLeaf('2020-1-01 10:00:00')]).toEqual([true, false, false]);
    expect(() => prepareDateTerm('t', type, '2020-01-01T10:00:00Z')).toThrow(SharedTokenError);
  });

  it('reads Apache log dates "dd/MMM/yyyy:HH:mm:ss Z" (English month abbreviations, case-sensitive)', () => {
    const type = { type: 'date' as const, format: 'dd/MMM/yyyy:HH:mm:ss Z' };
    const term = prepareDateTerm('t', type, '01/Jan/2020:10:00:00 +0100');
    expect(term.matchLeaf('01/Jan/2020:09:00:00 +0000')).toBe(true);
    expect(term.matchLeaf('01/jan/2020:10:00:00 +0100')).toBe(false);
    expect(term.matchLeaf('01/Jan/2020:10:00:00 +01:00')).toBe(false);
    expect(indexed('01/Sep/2020:10:00:00 +0100', type.format)).toBe('2020-09-01T09:00:00.000Z');
    expect(indexed('01/Sept/2020:10:00:00 +0100', type.format)).toBeUndefined();
  });

  it('reads "date_optional_time||epoch_millis" leniently (one-digit fields, five-digit years, zone only after minutes)', () => {
    const format = 'date_optional_time||epoch_millis';
    expect(indexed('2020-1-1', format)).toBe('2020-01-01T00:00:00.000Z');
    expect(indexed('2020-01-01T1:2:3', format)).toBe('2020-01-01T01:02:03.000Z');
    expect(indexed('99999-01-01', format)).toBe('+099999-01-01T00:00:00.000Z');
    expect(indexed('2020-01-01T10Europe/Paris', format)).toBeUndefined();
    expect(indexed('2020-01-01T10:00Europe/Paris', format)).toBe('2020-01-01T09:00:00.000Z');
    expect(indexed('+10000-01-01', format)).toBeUndefined();
  });

  it('refuses formats with parts it does not emulate, saying which', () => {
    expect(compileDateFormats('yyyy-MM-dd z')).toMatch(/pattern letter "z"/);
    expect(compileDateFormats('week_date')).toMatch(/week-based/);
    expect(compileDateFormats('EEEEE yyyy')).toMatch(/narrow/);
  });
});
