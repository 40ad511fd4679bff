/**
 * Elasticsearch 8's own ISO 8601 reader (`Iso8601Parser`, wrapped by
 * `Iso8601DateTimeParser`), which its built-in ISO formats
 * (`strict_date_optional_time`, `iso8601`, `strict_date_time`, …) try
 * before their `java.time` parser (`JavaDateFormatter.doParse`: the first
 * parser that returns a result wins). OpenSearch has no such reader.
 *
 * The grammar is fixed-width: `[-]yyyy[-MM[-dd[T[HH[:mm[:ss[(.|,)S{1,9}]]]]]]]`
 * and, after the hour, minute, second or fraction, an optional zone:
 * - `Z` alone, or `±HH`, `±HHmm`, `±HH:mm`, `±HHmmss`, `±HH:mm:ss`
 *   (both separators or neither), within ±18:00;
 * - anything else starting with a letter is handed to `ZoneId.of`:
 *   `UTC`, `GMT`, `UT` alone or followed by an offset in `ZoneOffset.of`'s
 *   spellings (`GMT+1`, `UT+01`, `UTC+01:00`), or a region id of the JDK's
 *   tzdb (`Europe/Paris`).
 * So `…+010030`, `…GMT+1` and `…UT+01` are read here (OpenSearch refuses
 * the first two and ignores the offset of the third), while `+10000-01-01`
 * and `-10000-01-01` fail here and in Elasticsearch's `java.time` parser
 * (its year is `Value(Year,4,4,EXCEEDS_PAD)`).
 *
 * A text this reader accepts whose date is impossible (`2020-02-30`) fails
 * the whole parse: no later parser or format is tried.
 *
 * @packageDocumentation
 */
import type { DateField, ParsedFields, ParsedZone } from './java-date-pattern.js';
import { javaZoneIds } from './java-zone-ids.js';

/** Where a zone may appear (Elasticsearch's `TimezonePresence`). */
export type IsoZonePresence = 'OPTIONAL' | 'MANDATORY' | 'FORBIDDEN';

/** One `Iso8601Parser` configuration, as `DateFormatters` builds it for a format. */
export interface IsoParserConfig {
  /** Fields that must be present (`YEAR` always is). */
  readonly mandatory: ReadonlySet<DateField>;
  /** Whether the time may be absent although time fields are mandatory. */
  readonly optionalTime: boolean;
  /** The last field the text may hold (`null`: any). */
  readonly maxAllowedField: DateField | null;
  /** Accepted fraction separators. */
  readonly decimalSeparator: 'DOT' | 'COMMA' | 'BOTH';
  readonly zonePresence: IsoZonePresence;
}

const FIELD_ORDER: readonly DateField[] = ['Year', 'MonthOfYear', 'DayOfMonth', 'HourOfDay', 'MinuteOfHour', 'SecondOfMinute', 'NanoOfSecond'];

/** The outcome: the fields are in `out` (read), the reader does not apply (`no-parse`, the next parser is tried). */
export type IsoOutcome = 'read' | 'no-parse';

function digits(s: string, start: number, end: number): number {
  if (s.length < end) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
    value = value * 10 + (c - 0x30);
  }
  return value;
}

/**
 * Reads `text` like `Iso8601Parser.tryParse`, writing the fields present
 * (and the zone) to `out`; missing fields are left unset, for the caller's
 * defaults (none when indexing, the round-up ones for a filter's upper
 * bound).
 *
 * @example
 * ```ts
 * readIso8601(config, '2020-01-01T10:00:00+010030', out); // 'read', zone { kind: 'fixed', seconds: 3630 }
 * readIso8601(config, '+10000-01-01', out);              // 'no-parse'
 * ```
 */
export function readIso8601(config: IsoParserConfig, text: string, out: ParsedFields): IsoOutcome {
  out.values.clear();
  out.zone = undefined;
  if (text.length === 0) return 'no-parse';
  const negative = text.charCodeAt(0) === 0x2d;
  const s = negative ? text.slice(1) : text;
  if (!parse(config, s, out)) return 'no-parse';
  if (negative) out.values.set('Year', -(out.values.get('Year') ?? 0));
  return 'read';
}

function parse(config: IsoParserConfig, s: string, out: ParsedFields): boolean {
  const len = s.length;
  const values = out.values;
  const optional = (field: DateField): boolean => !config.mandatory.has(field);
  // A text ending before `field` is complete when `field` (and so every later one) may be absent.
  const endsBefore = (field: DateField): boolean => optional(field) && zoneAllowedAbsent();
  const zoneAllowedAbsent = (): boolean => config.zonePresence !== 'MANDATORY';
  const beyondMax = (field: DateField): boolean =>
    config.maxAllowedField !== null && FIELD_ORDER.indexOf(field) > FIELD_ORDER.indexOf(config.maxAllowedField);

  const year = digits(s, 0, 4);
  if (year < 0) return false;
  values.set('Year', year);
  if (len === 4) return endsBefore('MonthOfYear');
  if (beyondMax('MonthOfYear') || s.charCodeAt(4) !== 0x2d) return false;

  const month = digits(s, 5, 7);
  if (month < 0 || month > 12) return false;
  values.set('MonthOfYear', month);
  if (len === 7) return endsBefore('DayOfMonth');
  if (beyondMax('DayOfMonth') || s.charCodeAt(7) !== 0x2d) return false;

  const day = digits(s, 8, 10);
  if (day < 0 || day > 31) return false;
  values.set('DayOfMonth', day);
  if (len === 10) return (config.optionalTime || optional('HourOfDay')) && zoneAllowedAbsent();
  if (beyondMax('HourOfDay') || s.charCodeAt(10) !== 0x54) return false;
  if (len === 11) return endsBefore('HourOfDay');

  const hour = digits(s, 11, 13);
  if (hour < 0 || hour > 23) return false;
  values.set('HourOfDay', hour);
  if (len === 13) return endsBefore('MinuteOfHour');
  if (isZoneStart(s, 13)) return optional('MinuteOfHour') && zone(config, s, 13, out);
  if (beyondMax('MinuteOfHour') || s.charCodeAt(13) !== 0x3a) return false;

  const minute = digits(s, 14, 16);
  if (minute < 0 || minute > 59) return false;
  values.set('MinuteOfHour', minute);
  if (len === 16) return endsBefore('SecondOfMinute');
  if (isZoneStart(s, 16)) return optional('SecondOfMinute') && zone(config, s, 16, out);
  if (beyondMax('SecondOfMinute') || s.charCodeAt(16) !== 0x3a) return false;

  const second = digits(s, 17, 19);
  if (second < 0 || second > 59) return false;
  values.set('SecondOfMinute', second);
  if (len === 19) return endsBefore('NanoOfSecond');
  if (isZoneStart(s, 19)) return optional('NanoOfSecond') && zone(config, s, 19, out);
  if (beyondMax('NanoOfSecond')) return false;
  const separator = s.charCodeAt(19);
  const dotOk = config.decimalSeparator !== 'COMMA';
  const commaOk = config.decimalSeparator !== 'DOT';
  if (!((separator === 0x2e && dotOk) || (separator === 0x2c && commaOk))) return false;

  let nanos = 0;
  let pos = 20;
  for (; pos < len && pos < 29; pos++) {
    const c = s.charCodeAt(pos);
    if (c < 0x30 || c > 0x39) break;
    nanos = nanos * 10 + (c - 0x30);
  }
  if (pos === 20) return false;
  values.set('NanoOfSecond', nanos * 10 ** (29 - pos));
  if (len === pos) return zoneAllowedAbsent();
  return isZoneStart(s, pos) && zone(config, s, pos, out);
}

function isZoneStart(s: string, pos: number): boolean {
  const c = s.charCodeAt(pos);
  return c === 0x2b || c === 0x2d || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function zone(config: IsoParserConfig, s: string, pos: number, out: ParsedFields): boolean {
  if (config.zonePresence === 'FORBIDDEN') return false;
  const parsed = parseZoneId(s, pos);
  if (parsed === undefined) return false;
  out.zone = parsed;
  return true;
}

/** `Iso8601Parser.parseZoneId`: a fast path for `Z` and numeric offsets, `ZoneId.of` for the rest. */
function parseZoneId(s: string, pos: number): ParsedZone | undefined {
  const first = s.charCodeAt(pos);
  if (first === 0x5a && s.length === pos + 1) return { kind: 'fixed', seconds: 0 };
  if (first !== 0x2b && first !== 0x2d) return zoneIdOf(s.slice(pos));
  const sign = first === 0x2b ? 1 : -1;
  let p = pos + 1;
  const hours = digits(s, p, p + 2);
  p += 2;
  if (hours < 0) return undefined;
  if (p === s.length) return fixed(sign, hours, 0, 0);
  const colon = s.charCodeAt(p) === 0x3a;
  if (colon) p++;
  const minutes = digits(s, p, p + 2);
  p += 2;
  if (minutes < 0) return undefined;
  if (p === s.length) return fixed(sign, hours, minutes, 0);
  if ((s.charCodeAt(p) === 0x3a) !== colon) return undefined;
  if (colon) p++;
  const seconds = digits(s, p, p + 2);
  p += 2;
  if (seconds < 0 || p !== s.length) return undefined;
  return fixed(sign, hours, minutes, seconds);
}

/** `ZoneOffset.ofTotalSeconds` (only the total is checked on this path). */
function fixed(sign: number, hours: number, minutes: number, seconds: number): ParsedZone | undefined {
  const total = hours * 3600 + minutes * 60 + seconds;
  return total > 64800 ? undefined : { kind: 'fixed', seconds: sign * total };
}

const REGION_ID = /^[A-Za-z][A-Za-z0-9~/._+-]+$/;

/** `java.time.ZoneId.of` (without the short-id map). */
function zoneIdOf(id: string): ParsedZone | undefined {
  if (id === 'UTC' || id === 'GMT' || id === 'UT') return { kind: 'fixed', seconds: 0 };
  for (const prefix of ['UTC', 'GMT', 'UT']) {
    if (id.startsWith(prefix) && (id.charCodeAt(prefix.length) === 0x2b || id.charCodeAt(prefix.length) === 0x2d)) {
      return zoneOffsetOf(id.slice(prefix.length));
    }
  }
  if (!REGION_ID.test(id) || !javaZoneIds().has(id)) return undefined;
  return { kind: 'region', id };
}

/** `java.time.ZoneOffset.of`: `±h`, `±hh`, `±hh:mm`, `±hhmm`, `±hh:mm:ss`, `±hhmmss`, ASCII digits, within ±18:00. */
function zoneOffsetOf(text: string): ParsedZone | undefined {
  const sign = text.charCodeAt(0) === 0x2b ? 1 : -1;
  let hours: number;
  let minutes = 0;
  let seconds = 0;
  switch (text.length) {
    case 2:
      hours = digits(text, 1, 2);
      break;
    case 3:
      hours = digits(text, 1, 3);
      break;
    case 5:
      hours = digits(text, 1, 3);
      minutes = digits(text, 3, 5);
      break;
    case 6:
      if (text.charCodeAt(3) !== 0x3a) return undefined;
      hours = digits(text, 1, 3);
      minutes = digits(text, 4, 6);
      break;
    case 7:
      hours = digits(text, 1, 3);
      minutes = digits(text, 3, 5);
      seconds = digits(text, 5, 7);
      break;
    case 9:
      if (text.charCodeAt(3) !== 0x3a || text.charCodeAt(6) !== 0x3a) return undefined;
      hours = digits(text, 1, 3);
      minutes = digits(text, 4, 6);
      seconds = digits(text, 7, 9);
      break;
    default:
      return undefined;
  }
  if (hours < 0 || minutes < 0 || seconds < 0 || hours > 18 || minutes > 59 || seconds > 59) return undefined;
  if (hours === 18 && (minutes > 0 || seconds > 0)) return undefined;
  return { kind: 'fixed', seconds: sign * (hours * 3600 + minutes * 60 + seconds) };
}
