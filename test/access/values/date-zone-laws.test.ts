/**
 * Laws of zone handling, over random instants and zones: a local time
 * written with a fixed offset reads back as the same instant; written with
 * a region id it reads back as the earliest instant showing that local time
 * in that region (java.time's overlap rule), and every built-in format the
 * library names compiles.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInDateFormatDescription, compileDateFormats, readDate } from '../../../src/access/values/date-formats.js';
import type { DateFormat } from '../../../src/access/values/date-formats.js';
import { zoneOffsetAt } from '../../../src/access/values/zone-rules.js';

const formats = compileDateFormats('strict_date_optional_time') as DateFormat[];
const regions = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Sao_Paulo', 'Pacific/Chatham', 'Europe/London', 'Africa/Casablanca'];

function localText(epochSecond: number, offsetSeconds: number): string {
  return new Date((epochSecond + offsetSeconds) * 1000).toISOString().slice(0, 19);
}

function read(text: string): number | undefined {
  const out = { ms: 0, ns: 0 };
  return readDate(formats, text, false, out) ? out.ms / 1000 : undefined;
}

const instant = fc.integer({ min: -2_208_988_800, max: 4_102_444_800 });

describe('zone laws', () => {
  it('a local time with its fixed offset (±HH:mm:ss) reads back as the instant', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -64800, max: 64800 }), (t, offset) => {
        const sign = offset < 0 ? '-' : '+';
        const abs = Math.abs(offset);
        const text = `${localText(t, offset)}${sign}${String(Math.floor(abs / 3600)).padStart(2, '0')}:${String(Math.floor((abs % 3600) / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(read(text)).toBe(t);
      }),
    );
  });

  it('a local time with a region reads back as the earliest instant showing that local time there', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...regions), (t, zone) => {
        const offset = zoneOffsetAt(zone, t);
        const result = read(`${localText(t, offset)}${zone}`);
        expect(result).toBeDefined();
        const r = result as number;
        expect(r + zoneOffsetAt(zone, r)).toBe(t + offset);
        expect(r).toBeLessThanOrEqual(t);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    'strict_date_optional_time', 'date_optional_time', 'strict_date_optional_time_nanos', 'iso8601', 'date', 'strict_date', 'date_time', 'strict_date_time',
    'date_time_no_millis', 'strict_date_time_no_millis', 'basic_date', 'basic_date_time', 'basic_date_time_no_millis', 'basic_time', 'basic_t_time_no_millis',
    'date_hour', 'strict_date_hour_minute_second_millis', 'hour_minute_second_fraction', 'strict_t_time', 'year', 'strict_year_month', 'year_month_day',
  ])('compiles the built-in format %s', (name) => {
    expect(typeof compileDateFormats(name)).not.toBe('string');
  });
});

describe('the direct reading of common timestamps', () => {
  it('gives what the element parser gives, valid or not', () => {
    const [iso] = compileDateFormats('strict_date_optional_time') as DateFormat[];
    if (iso === undefined || iso.kind !== 'elements') throw new Error('strict_date_optional_time did not compile');
    const slow: DateFormat[] = [{ ...iso, name: 'the same elements under another name' }];
    const two = (n: number): string => String(n).padStart(2, '0');
    const text = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined }),
        fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })).map(([s, h, m]) => `${s}${two(h)}:${two(m)}`)),
      )
      .map(([y, mo, d, h, mi, s, f, z]) => `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}${f === undefined ? '' : `.${f}`}${z}`);
    fc.assert(
      fc.property(text, (value) => {
        const fast = { ms: 0, ns: 0 };
        const full = { ms: 0, ns: 0 };
        const fastOk = readDate([iso], value, false, fast);
        expect(readDate(slow, value, false, full)).toBe(fastOk);
        if (fastOk) expect(fast).toEqual(full);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the built-in formats', () => {
  it('are described exactly as OpenSearch 2.19 prints their parsers (DateTimeFormatter.toString of DateFormatters)', () => {
    const text = readFileSync(new URL('./opensearch-2.19-date-formats.txt', import.meta.url), 'utf8');
    const engine = new Map<string, string[]>();
    let current = '';
    for (const line of text.split('\n')) {
      if (line.endsWith(':') && !line.startsWith(' ')) engine.set((current = line.slice(0, -1)), []);
      else if (line.startsWith('  P ')) engine.get(current)?.push(line.slice(4));
    }
    let compared = 0;
    for (const [name, parsers] of engine) {
      const ours = builtInDateFormatDescription(name);
      if (ours === undefined && !name.startsWith('epoch_')) {
        expect(compileDateFormats(name), name).toMatch(/not emulated/);
        continue;
      }
      if (ours === undefined) continue;
      expect([...ours], name).toEqual(parsers);
      compared++;
    }
    expect(compared).toBeGreaterThan(40);
  });
});
