/**
 * Date terms as ranges: a filter value matches exactly the instants between
 * its parse and its round-up parse, checked against JS `Date` as an
 * independent calendar.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareDateTerm } from '../../../src/access/values/date.js';
import { SharedTokenError } from '../../../src/errors.js';

const instant = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2200, 0, 1) });
const iso = (ms: number) => new Date(ms).toISOString();

describe('date terms', () => {
  it.each([
    ['a day', 10, 86_400_000],
    ['a minute', 16, 60_000],
    ['a second', 19, 1_000],
  ] as const)('a value naming %s matches every instant inside it and none outside', (_name, length, span) => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 2 * span }), (at, offset) => {
        const value = iso(at).slice(0, length);
        const start = Date.parse(`${value}${length === 10 ? 'T00:00:00Z' : 'Z'}`);
        const doc = start - span / 2 + offset;
        const term = prepareDateTerm('@timestamp', { type: 'date' }, value);
        expect(term.matchLeaf(iso(doc))).toBe(doc >= start && doc < start + span);
        // A JSON number with four digits is a year under the default format, so only longer ones are epochs.
        if (doc >= 10_000) expect(term.matchLeaf(doc)).toBe(doc >= start && doc < start + span);
      }),
    );
  });

  it('a full timestamp with milliseconds matches that millisecond only, whatever offset spells it', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -1, max: 1 }), fc.integer({ min: -12, max: 14 }), (at, delta, hours) => {
        const local = new Date(at + hours * 3_600_000).toISOString().slice(0, 23);
        const offset = `${hours < 0 ? '-' : '+'}${String(Math.abs(hours)).padStart(2, '0')}:00`;
        const term = prepareDateTerm('@timestamp', { type: 'date' }, `${local}${offset}`);
        expect(term.matchLeaf(iso(at + delta))).toBe(delta === 0);
      }),
    );
  });

  it('"2020" and "2020-01" mean the first day only (round-up keeps a missing month or day at 01)', () => {
    for (const value of ['2020', '2020-01']) {
      const term = prepareDateTerm('d', { type: 'date' }, value);
      expect(term.matchLeaf('2020-01-01T00:00:00Z')).toBe(true);
      expect(term.matchLeaf('2020-01-01T23:59:59.999Z')).toBe(true);
      expect(term.matchLeaf('2020-01-02T00:00:00Z')).toBe(false);
      expect(term.matchLeaf('2020-03-05')).toBe(false);
    }
  });

  it('date documents are truncated to the millisecond, date_nanos keep nanoseconds', () => {
    const millis = prepareDateTerm('d', { type: 'date' }, '2020-01-01T00:00:00.123Z');
    expect(millis.matchLeaf('2020-01-01T00:00:00.123999Z')).toBe(true);
    const nanos = prepareDateTerm('d', { type: 'date_nanos' }, '2020-01-01T00:00:00.123Z');
    expect(nanos.matchLeaf('2020-01-01T00:00:00.123999Z')).toBe(false);
    expect(nanos.matchLeaf('2020-01-01T00:00:00.123000000Z')).toBe(true);
    const epoch = prepareDateTerm('d', { type: 'date_nanos' }, '1577836800000');
    expect(epoch.matchLeaf('2020-01-01T00:00:00.000999999Z')).toBe(true);
    expect(epoch.matchLeaf('2020-01-01T00:00:00.001Z')).toBe(false);
  });

  it('JSON numbers are read as their text: 2020 is a year under the default format, a larger number an epoch', () => {
    expect(prepareDateTerm('d', { type: 'date' }, '2020-01-01').matchLeaf(2020)).toBe(true);
    expect(prepareDateTerm('d', { type: 'date' }, '1577836800000').matchLeaf(1577836800000)).toBe(true);
    expect(prepareDateTerm('d', { type: 'date', format: 'epoch_second' }, '1577836800').matchLeaf(1577836800)).toBe(true);
    expect(prepareDateTerm('d', { type: 'date', format: 'epoch_second' }, '1577836800').matchLeaf('2020-01-01T00:00:00Z')).toBe(false);
    // The year reads 4 to 10 digits with a sign beyond four (Value(Year,4,10,EXCEEDS_PAD)): -20200 and -2020 are years, not epochs.
    expect(prepareDateTerm('d', { type: 'date' }, '1969-12-31').matchLeaf(-20200)).toBe(false);
    expect(prepareDateTerm('d', { type: 'date' }, '1969-12-31').matchLeaf(-2020)).toBe(false);
  });

  it('documents in the wider java.time grammar still match: comma fractions, ±HHmm and ±HH zones, hour-only times', () => {
    const term = prepareDateTerm('d', { type: 'date' }, '2020-01-01T10:00:00.500Z');
    expect(term.matchLeaf('2020-01-01T10:00:00,5Z')).toBe(true);
    expect(term.matchLeaf('2020-01-01T11:00:00.5+0100')).toBe(true);
    expect(term.matchLeaf('2020-01-01T09:00:00.5-01')).toBe(true);
    expect(prepareDateTerm('d', { type: 'date' }, '2020-01-01T10:00Z').matchLeaf('2020-01-01T10Z')).toBe(true);
  });

  it.each(['now', 'now-1d', '2020-01-01||+1d', '2020-02-30', '2021-02-29', '2020-13-01', '2020-01-01T24:00', '2020-01-01T23:59:60Z', 'abc', '', '2020-01-01T', '2020-01-01T13:45:00,5Z', '2020-01-01T13:45:00Europe/Paris', '+002020-01-01', '20200', '-1', '1577836800000.5'])(
    'rejects %j on the default format',
    (value) => {
      expect(() => prepareDateTerm('@timestamp', { type: 'date' }, value)).toThrow(SharedTokenError);
    },
  );

  it('rejects every term on a format it does not emulate, and date_nanos values before 1970', () => {
    expect(() => prepareDateTerm('d', { type: 'date', format: 'week_date' }, '2020-W01-1')).toThrow(/format/);
    expect(() => prepareDateTerm('d', { type: 'date', format: 'yyyy-MM-dd z' }, '2020-01-01 PST')).toThrow(/pattern letter "z"/);
    expect(() => prepareDateTerm('d', { type: 'date_nanos' }, '1969-12-31')).toThrow(/1970/);
  });

  it('accepts epoch values of any length when no date format comes first', () => {
    expect(prepareDateTerm('d', { type: 'date', format: 'epoch_millis' }, '2020').matchLeaf(2020)).toBe(true);
    expect(prepareDateTerm('d', { type: 'date', format: 'epoch_millis' }, '20200').matchLeaf('20200')).toBe(true);
  });

  it('says an epoch beyond ±8.64e15 ms is too far to compare, not that the engine fails (the engine reads it)', () => {
    for (const value of ['9007199254740992', '-9007199254740992', '8640000000000001', '9007199254740992.5']) {
      expect(() => prepareDateTerm('d', { type: 'date' }, value)).toThrow(/too far from 1970/);
      expect(() => prepareDateTerm('d', { type: 'date', format: 'epoch_millis' }, value)).toThrow(/too far from 1970/);
    }
    expect(() => prepareDateTerm('d', { type: 'date', format: 'epoch_second' }, '8640000000000')).toThrow(/too far from 1970/);
    // Within range, and not an epoch at all: unchanged.
    expect(prepareDateTerm('d', { type: 'date', format: 'epoch_millis' }, '1577836800000').matchLeaf(1577836800000)).toBe(true);
    expect(() => prepareDateTerm('d', { type: 'date', format: 'epoch_millis' }, '12x')).toThrow(/engine fails the search/);
    expect(() => prepareDateTerm('d', { type: 'date', format: 'epoch_millis' }, '1.1234567')).toThrow(/engine fails the search/);
  });
});
