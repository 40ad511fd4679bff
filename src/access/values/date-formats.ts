/**
 * The date formats of a mapping's `format`, read the way OpenSearch 2.19
 * reads them (`DateFormatter.forPattern`): `||` separates formats tried in
 * order (the first that parses wins), a leading `8` is dropped, a name is a
 * built-in format and anything else a `java.time` pattern in the root
 * locale with STRICT resolving.
 *
 * Built-in formats are written below as OpenSearch 2.19 describes them
 * (`DateTimeFormatter.toString()` of `DateFormatters`), and read into the
 * same elements custom patterns compile to (`java-date-pattern.ts`), each
 * with the `ResolverStyle` the engine builds it with (STRICT but for a
 * few: `strict_date` rolls an impossible day over, `strict_date_hour…`
 * clamps it).
 * Emulated: `epoch_millis`, `epoch_second`, and every built-in format made
 * of calendar dates and times (`strict_date_optional_time`,
 * `date_optional_time`, `strict_date_optional_time_nanos`, `date_time`,
 * `basic_date_time`, `strict_date_hour_minute_second`, `iso8601`, …).
 * Not emulated (refused with the reason): week-based and ordinal formats,
 * `rfc3339_lenient`, and patterns with letters outside the emulated set.
 *
 * The upper bound of a `term` uses the round-up parser OpenSearch builds
 * for each format (`JavaDateFormatter`): the same elements, then missing
 * fields defaulted (month and day 1, hour 23, minute and second 59, nano
 * 999999999) and SMART resolving.
 *
 * @packageDocumentation
 */
import {
  type DateElement,
  type DateField,
  FatalDateParse,
  FieldValues,
  type ParsedFields,
  type ParsedZone,
  compileJavaDatePattern,
  describedElements,
  parseDateElements,
} from './java-date-pattern.js';
import { type FormatOutcome, type ResolverStyle, resolveToInstant } from './java-date-resolve.js';
import { type IsoParserConfig, readIso8601 } from './date-iso8601.js';
import { ELASTICSEARCH_BUILT_IN } from './date-formats-elasticsearch.js';
import type { ValueEngine } from '../mapping/field-types.js';

/** An instant as whole epoch milliseconds plus nanoseconds within that millisecond (0 … 999999). */
export interface Instant {
  /** Whole milliseconds since 1970-01-01T00:00:00Z (floor). */
  ms: number;
  /** Nanoseconds within that millisecond, 0 … 999999. */
  ns: number;
}

/** One format of a mapping's `format`. */
export type DateFormat =
  | { readonly kind: 'epoch_millis'; readonly name: string }
  | { readonly kind: 'epoch_second'; readonly name: string }
  | {
      readonly kind: 'elements';
      readonly name: string;
      readonly parsers: readonly (readonly DateElement[])[];
      /** Each parser's `ResolverStyle` when indexing and for a filter's lower bound (the round-up parsers are all SMART). */
      readonly styles: readonly ResolverStyle[];
      /** Elasticsearch: its `Iso8601Parser`, tried before `parsers`. */
      readonly iso?: IsoParserConfig;
      /** Round-up defaults for a missing hour: Elasticsearch's for 12-hour clocks, else `HourOfDay` 23. */
      readonly roundUpHour: RoundUpHour;
    };

/** Which field the round-up parser defaults when the hour is missing (`JavaDateFormatter.defaultRoundUp`). */
type RoundUpHour = 'HourOfDay' | 'ClockHourOfAmPm' | 'HourOfAmPm';

// Pieces the built-in descriptions share, spelled as the engine prints them.
const SYMD = `(Value(Year,4,10,EXCEEDS_PAD)['-'Value(MonthOfYear,2)['-'Value(DayOfMonth,2)]])`;
const LYMD = `(Value(Year,1,5,NORMAL)['-'Value(MonthOfYear,1,2,NOT_NEGATIVE)['-'Value(DayOfMonth,1,2,NOT_NEGATIVE)]])`;
const SY19 = `Value(Year,4,19,EXCEEDS_PAD)'-'Value(MonthOfYear,2)'-'Value(DayOfMonth,2)`;
const H2 = `Value(HourOfDay,1,2,NOT_NEGATIVE)`;
const M2 = `Value(MinuteOfHour,1,2,NOT_NEGATIVE)`;
const S2 = `Value(SecondOfMinute,1,2,NOT_NEGATIVE)`;
const HMS = `Value(HourOfDay,2)':'Value(MinuteOfHour,2)':'Value(SecondOfMinute,2)`;
const BHMS = `Value(HourOfDay,2)Value(MinuteOfHour,2)Value(SecondOfMinute,2)`;
const F9 = `Fraction(NanoOfSecond,1,9,DecimalPoint)`;
const ZID = `ZoneOrOffsetId()`;
const NC = `(Offset(+HHmm,'Z'))`;
/** A parser that ends with a zone id, and the same with a `±HHmm` offset instead. */
const zoned = (base: string): readonly string[] => [`${base}${ZID}`, `${base}${NC}`];

/** The built-in formats, as `DateTimeFormatter.toString()` prints their parsers in OpenSearch 2.19 (`test/access/values/opensearch-2.19-date-formats.txt`). */
const BUILT_IN: Readonly<Record<string, readonly string[]>> = {
  basic_date: [`Value(Year,1,4,NORMAL)Value(MonthOfYear,1,2,NOT_NEGATIVE)Value(DayOfMonth,1,2,NOT_NEGATIVE)`],
  basic_date_time: zoned(`((Value(Year,4,4,NORMAL)Value(MonthOfYear,2)Value(DayOfMonth,2))('T'(${BHMS}${F9})))`),
  basic_date_time_no_millis: zoned(`((Value(Year,4,4,NORMAL)Value(MonthOfYear,2)Value(DayOfMonth,2))'T')(${BHMS})`),
  basic_time: zoned(`(${BHMS}${F9})`),
  basic_time_no_millis: zoned(`(${BHMS})`),
  basic_t_time: zoned(`('T'(${BHMS}${F9}))`),
  basic_t_time_no_millis: zoned(`'T'(${BHMS})`),
  date: [`Value(Year,1,5,NORMAL)['-'Value(MonthOfYear,1,2,NOT_NEGATIVE)['-'Value(DayOfMonth,1,2,NOT_NEGATIVE)]]`],
  strict_date: [`Value(Year,4,10,EXCEEDS_PAD)'-'Value(MonthOfYear,2)'-'Value(DayOfMonth,2)`],
  date_hour: [`${LYMD}'T'${H2}`],
  strict_date_hour: [`${SY19}'T'Value(HourOfDay,2)`],
  date_hour_minute: [`${LYMD}'T'(${H2}':'${M2})`],
  strict_date_hour_minute: [`${SY19}'T'Value(HourOfDay,2)':'Value(MinuteOfHour,2)`],
  date_hour_minute_second: [`${LYMD}'T'((${H2}':'${M2})':'${S2})`],
  strict_date_hour_minute_second: [`${SY19}'T'${HMS}`],
  date_hour_minute_second_fraction: [`${LYMD}'T'(${H2}':'${M2}':'${S2}${F9})`],
  strict_date_hour_minute_second_fraction: [`${SYMD}'T'(${HMS})${F9}`],
  date_hour_minute_second_millis: [`${LYMD}'T'(${H2}':'${M2}':'${S2}Fraction(NanoOfSecond,1,3,DecimalPoint))`],
  strict_date_hour_minute_second_millis: [`${SYMD}'T'(${HMS})${F9}`],
  date_optional_time: [`${LYMD}['T'[${H2}[':'${M2}[':'${S2}][${F9}][','Fraction(NanoOfSecond,1,9)][${ZID}][Offset(+HHmm,'Z')]]]]`],
  strict_date_optional_time: [`${SYMD}['T'[Value(HourOfDay,2)[':'Value(MinuteOfHour,2)[':'Value(SecondOfMinute,2)[${F9}][','Fraction(NanoOfSecond,1,9)]]][${ZID}][${NC}]]]`],
  strict_date_optional_time_nanos: [`${SYMD}['T'(${HMS})[${F9}][','Fraction(NanoOfSecond,1,9)][${ZID}][${NC}]]`],
  date_time: [`(${LYMD}'T'(${H2}':'${M2})[':'${S2}${F9}])Offset(+HH:MM,'Z')`, `(${LYMD}'T'(${H2}':'${M2})[':'${S2}${F9}])${NC}`],
  strict_date_time: zoned(`(${SYMD}'T'(${HMS})[${F9}])`),
  date_time_no_millis: [`(${LYMD}'T'(${H2}':'${M2})[':'${S2}])Offset(+HH:MM,'Z')`, `(${LYMD}'T'(${H2}':'${M2})[':'${S2}])${NC}`, `(${LYMD}'T'(${H2}':'${M2})[':'${S2}])[${ZID}]`, `(${LYMD}'T'(${H2}':'${M2})[':'${S2}])[${NC}]`],
  strict_date_time_no_millis: zoned(`(${SYMD}'T'(${HMS}))`),
  hour: [`${H2}`],
  strict_hour: [`Value(HourOfDay,2)`],
  hour_minute: [`${H2}':'${M2}`],
  strict_hour_minute: [`Value(HourOfDay,2)':'Value(MinuteOfHour,2)`],
  hour_minute_second: [`(${H2}':'${M2})':'${S2}`],
  strict_hour_minute_second: [`${HMS}`],
  hour_minute_second_fraction: [`${H2}':'${M2}':'${S2}${F9}`],
  strict_hour_minute_second_fraction: [`(${HMS})${F9}`],
  hour_minute_second_millis: [`${H2}':'${M2}':'${S2}Fraction(NanoOfSecond,1,3,DecimalPoint)`],
  strict_hour_minute_second_millis: [`(${HMS})${F9}`],
  time: zoned(`((${H2}':'${M2}':'${S2})${F9})`),
  strict_time: zoned(`(${HMS}${F9})`),
  time_no_millis: zoned(`(${H2}':'${M2}':'${S2})`),
  strict_time_no_millis: zoned(`(${HMS})`),
  t_time: zoned(`'T'((${H2}':'${M2}':'${S2})${F9})`),
  strict_t_time: zoned(`'T'(${HMS}${F9})`),
  t_time_no_millis: zoned(`('T'(${H2}':'${M2}':'${S2}))`),
  strict_t_time_no_millis: zoned(`'T'(${HMS})`),
  year: [`Value(Year)`],
  strict_year: [`Value(Year,4,10,EXCEEDS_PAD)`],
  year_month: [`Value(Year)'-'Value(MonthOfYear)`],
  strict_year_month: [`Value(Year,4,10,EXCEEDS_PAD)'-'Value(MonthOfYear,2)`],
  year_month_day: [`Value(Year)'-'Value(MonthOfYear)'-'Value(DayOfMonth)`],
  strict_year_month_day: [`Value(Year,4,10,EXCEEDS_PAD)['-'Value(MonthOfYear,2)['-'Value(DayOfMonth,2)]]`],
  iso8601: [`${SYMD}['T'[Value(HourOfDay,2)[':'Value(MinuteOfHour,2)[':'Value(SecondOfMinute,2)[${F9}][','Fraction(NanoOfSecond,1,9)]]]][${ZID}][${NC}]]`],
};

/**
 * The built-in parsers not built with `ResolverStyle.STRICT`, the same on
 * OpenSearch 2.19, 3.9 and Elasticsearch 8.19 (read from each engine's
 * `DateFormatters` by reflection: `DateTimeFormatter.getResolverStyle()` of
 * every parser): `strict_date` is `ISO_LOCAL_DATE` made LENIENT, so
 * `2020-02-30` rolls over to 2020-03-01 and `2020-13-01` to 2021-01-01;
 * `strict_date_hour…` and `strict_hour…` are built without a style (SMART),
 * so a day beyond the month's end is clamped (`2020-02-30T10` is
 * 2020-02-29T10); the second parser of `basic_t_time` likewise. Elasticsearch
 * reads `strict_date_hour_minute_second` with its `Iso8601Parser` first,
 * which refuses an impossible date outright (see `date-iso8601.ts`).
 */
const NON_STRICT_STYLES: Readonly<Record<string, readonly ResolverStyle[]>> = {
  strict_date: ['LENIENT'],
  strict_date_hour: ['SMART'],
  strict_date_hour_minute: ['SMART'],
  strict_date_hour_minute_second: ['SMART'],
  strict_hour: ['SMART'],
  strict_hour_minute: ['SMART'],
  basic_t_time: ['STRICT', 'SMART'],
};

/**
 * The engine's description of a built-in format's parsers, or undefined
 * when the name is not one the library emulates.
 *
 * @example
 * ```ts
 * builtInDateFormatDescription('strict_date'); // ["Value(Year,4,10,EXCEEDS_PAD)'-'Value(MonthOfYear,2)'-'Value(DayOfMonth,2)"]
 * ```
 */
export function builtInDateFormatDescription(name: string): readonly string[] | undefined {
  return BUILT_IN[name];
}

const compiledBuiltIns = new Map<string, DateFormat>();

function builtIn(name: string, engine: ValueEngine): DateFormat | string | undefined {
  if (name === 'epoch_millis') return { kind: 'epoch_millis', name };
  if (name === 'epoch_second') return { kind: 'epoch_second', name };
  const key = `${engine}:${name}`;
  const cached = compiledBuiltIns.get(key);
  if (cached !== undefined) return cached;
  const elasticsearch = engine === 'elasticsearch' ? ELASTICSEARCH_BUILT_IN[name] : undefined;
  const descriptions = engine === 'elasticsearch' ? elasticsearch?.parsers : BUILT_IN[name];
  if (descriptions === undefined) return undefined;
  const parsers: (readonly DateElement[])[] = [];
  for (const description of descriptions) {
    const elements = describedElements(description);
    if (typeof elements === 'string') return elements;
    parsers.push(elements);
  }
  const styles = NON_STRICT_STYLES[name];
  if (styles !== undefined && styles.length !== parsers.length) return `its parsers' resolver styles are unknown`;
  const format: DateFormat = {
    kind: 'elements',
    name,
    parsers,
    styles: styles ?? parsers.map(() => 'STRICT'),
    ...(elasticsearch?.iso === undefined ? {} : { iso: elasticsearch.iso }),
    roundUpHour: roundUpHourOf(parsers, engine),
  };
  compiledBuiltIns.set(key, format);
  return format;
}

/**
 * OpenSearch's round-up parser always defaults `HourOfDay` to 23 (so a
 * 12-hour clock conflicts with it and the filter fails); Elasticsearch's
 * defaults the 12-hour field the format has to 11 PM instead.
 */
function roundUpHourOf(parsers: readonly (readonly DateElement[])[], engine: ValueEngine): RoundUpHour {
  if (engine === 'opensearch') return 'HourOfDay';
  const fields = new Set<string>();
  for (const elements of parsers) for (const element of elements) if ('field' in element) fields.add(element.field);
  if (fields.has('ClockHourOfAmPm')) return 'ClockHourOfAmPm';
  if (fields.has('HourOfAmPm')) return 'HourOfAmPm';
  return 'HourOfDay';
}

const NOT_EMULATED_NAMES: ReadonlySet<string> = new Set([
  'basic_ordinal_date', 'basic_ordinal_date_time', 'basic_ordinal_date_time_no_millis', 'basic_week_date', 'strict_basic_week_date',
  'basic_week_date_time', 'strict_basic_week_date_time', 'basic_week_date_time_no_millis', 'strict_basic_week_date_time_no_millis',
  'ordinal_date', 'strict_ordinal_date', 'ordinal_date_time', 'strict_ordinal_date_time', 'ordinal_date_time_no_millis',
  'strict_ordinal_date_time_no_millis', 'week_date', 'strict_week_date', 'week_date_time', 'strict_week_date_time',
  'week_date_time_no_millis', 'strict_week_date_time_no_millis', 'weekyear', 'strict_weekyear', 'weekyear_week', 'week_year',
  'strict_weekyear_week', 'weekyear_week_day', 'strict_weekyear_week_day', 'rfc3339_lenient',
]);

/**
 * Reads a mapping `format` into its formats, or returns why it is not
 * emulated.
 *
 * @example
 * ```ts
 * compileDateFormats('strict_date_optional_time||epoch_millis'); // two formats
 * compileDateFormats('dd/MMM/yyyy:HH:mm:ss Z');                   // one pattern
 * compileDateFormats('week_date');                                // a reason (string)
 * compileDateFormats('strict_date_optional_time', 'elasticsearch'); // Elasticsearch's parsers
 * ```
 */
export function compileDateFormats(format: string, engine: ValueEngine = 'opensearch'): readonly DateFormat[] | string {
  const input = format.startsWith('8') ? format.slice(1) : format;
  const formats: DateFormat[] = [];
  for (const part of input.split('||')) {
    if (part === '') return `the format "${format}" has an empty part`;
    if (NOT_EMULATED_NAMES.has(part)) return `the built-in format "${part}" (week-based, ordinal or RFC 3339) is not emulated`;
    const named = builtIn(part, engine);
    if (typeof named === 'string') return `the built-in format "${part}" is not emulated: ${named}`;
    if (named !== undefined) {
      formats.push(named);
      continue;
    }
    const elements = compileJavaDatePattern(part);
    if (typeof elements === 'string') return `the date pattern "${part}" is not emulated: ${elements}`;
    // A pattern is compiled with STRICT resolving (DateFormatter.forPattern).
    formats.push({ kind: 'elements', name: part, parsers: [elements], styles: ['STRICT'], roundUpHour: roundUpHourOf([elements], engine) });
  }
  return formats;
}

const MAX_EPOCH_MS = 8.64e15;

function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0x30 && c <= 0x39 ? c - 0x30 : -1;
}

/**
 * True when `text` has an epoch format's syntax but lies beyond the range
 * this library compares exactly (±8.64e15 ms): the engine reads such an
 * instant, so its refusal must say "too far", not "fails the search".
 */
export function isEpochBeyondRange(formats: readonly DateFormat[], text: string): boolean {
  const out: Instant = { ms: 0, ns: 0 };
  return formats.some((format) => {
    if (format.kind !== 'epoch_millis' && format.kind !== 'epoch_second') return false;
    const [unitNanos, maxFraction] = EPOCH_UNITS[format.kind];
    return parseEpoch(text, false, out, unitNanos, maxFraction, true);
  });
}

/** Nanoseconds per unit and the most fraction digits of each epoch format (`EpochTime`). */
const EPOCH_UNITS = { epoch_millis: [1_000_000, 6], epoch_second: [1_000_000_000, 9] } as const;

/**
 * `epoch_millis` / `epoch_second` (`EpochTime`): optional `-`, digits, optional `.` and up to 6 (millis) or 9 (seconds) fraction digits.
 * `unbounded`: skip the range check (only to tell "too far" from "not a date").
 */
function parseEpoch(s: string, roundUp: boolean, out: Instant, unitNanos: number, maxFraction: number, unbounded = false): boolean {
  const negative = s.charCodeAt(0) === 0x2d;
  let i = negative ? 1 : 0;
  const start = i;
  while (digitAt(s, i) >= 0) i++;
  if (i === start || i - start > 19) return false;
  const whole = Number(s.slice(start, i));
  let fractionNanos = -1;
  if (i < s.length) {
    if (s.charCodeAt(i) !== 0x2e) return false;
    const fractionStart = i + 1;
    i = fractionStart;
    while (digitAt(s, i) >= 0) i++;
    if (i !== s.length || i - fractionStart > maxFraction) return false;
    fractionNanos = i === fractionStart ? 0 : Number(s.slice(fractionStart, i).padEnd(maxFraction, '0')) * (unitNanos / 10 ** maxFraction);
  }
  const extra = fractionNanos < 0 ? (roundUp ? unitNanos - 1 : 0) : fractionNanos;
  // Total nanoseconds = ±(whole × unit + extra), split into floor milliseconds and the remainder.
  const unitMs = unitNanos / 1_000_000;
  let ms = whole * unitMs + Math.floor(extra / 1_000_000);
  let ns = extra % 1_000_000;
  if (negative) {
    ms = -ms - (ns > 0 ? 1 : 0);
    ns = ns > 0 ? 1_000_000 - ns : 0;
  }
  if (!unbounded && !(Math.abs(ms) <= MAX_EPOCH_MS)) return false;
  out.ms = ms;
  out.ns = ns;
  return true;
}

// JavaDateFormatter's round-up defaults (ROUND_UP_BASE_FIELDS), applied to fields the parse left unset.
const ROUND_UP_DEFAULTS: ReadonlyArray<readonly [DateField, number]> = [
  ['MonthOfYear', 1],
  ['DayOfMonth', 1],
  ['MinuteOfHour', 59],
  ['SecondOfMinute', 59],
  ['NanoOfSecond', 999_999_999],
];

const ROUND_UP_HOUR: Readonly<Record<RoundUpHour, ReadonlyArray<readonly [DateField, number]>>> = {
  HourOfDay: [['HourOfDay', 23]],
  ClockHourOfAmPm: [['ClockHourOfAmPm', 11], ['AmPmOfDay', 1]],
  HourOfAmPm: [['HourOfAmPm', 11], ['AmPmOfDay', 1]],
};

function applyRoundUpDefaults(values: FieldValues, hour: RoundUpHour): void {
  for (const [field, value] of ROUND_UP_DEFAULTS) if (!values.has(field)) values.set(field, value);
  for (const [field, value] of ROUND_UP_HOUR[hour]) if (!values.has(field)) values.set(field, value);
}

// One parse at a time (the matchers are synchronous): the parsed fields are reused.
const parsed: ParsedFields = { values: new FieldValues(), zone: undefined };

function readElements(format: Extract<DateFormat, { kind: 'elements' }>, text: string, roundUp: boolean, seen: { regionZone: boolean } | undefined): FormatOutcome {
  if (format.iso !== undefined && readIso8601(format.iso, text, parsed) === 'read') {
    // Elasticsearch's Iso8601DateTimeParser returned a result: it is converted (DateFormatters.from) or the parse fails.
    if (roundUp) applyRoundUpDefaults(parsed.values, 'HourOfDay');
    if (seen !== undefined) seen.regionZone = (parsed.zone as ParsedZone | undefined)?.kind === 'region';
    const outcome = resolveToInstant(parsed, 'STRICT');
    return outcome.kind === 'instant' ? outcome : { kind: 'error' };
  }
  for (let i = 0; i < format.parsers.length; i++) {
    const elements = format.parsers[i] as readonly DateElement[];
    parsed.values.clear();
    parsed.zone = undefined;
    if (!parseDateElements(elements, text, parsed)) continue;
    if (roundUp) applyRoundUpDefaults(parsed.values, format.roundUpHour);
    const outcome = resolveToInstant(parsed, roundUp ? 'SMART' : (format.styles[i] ?? 'STRICT'));
    if (outcome.kind === 'no-parse') continue;
    if (seen !== undefined) seen.regionZone = (parsed.zone as ParsedZone | undefined)?.kind === 'region';
    return outcome;
  }
  return { kind: 'no-parse' };
}

/**
 * Reads `text` with the formats in order, as the engine indexes a document
 * string (`roundUp` false) or reads a `term`'s upper bound (`roundUp`
 * true). Writes the instant to `out` and returns true, or returns false
 * when the engine refuses the text. `seen.regionZone` tells whether the
 * text named a region (`Europe/Paris`), whose rules come from a time-zone
 * database.
 *
 * @example
 * ```ts
 * const formats = compileDateFormats('strict_date_optional_time') as DateFormat[];
 * const out = { ms: 0, ns: 0 };
 * readDate(formats, '2020-01-01T10:00:00Europe/Paris', false, out); // true, out.ms === 1577869200000
 * ```
 */
export function readDate(formats: readonly DateFormat[], text: string, roundUp: boolean, out: Instant, seen?: { regionZone: boolean }): boolean {
  if (text === '') return false;
  if (!roundUp && CANONICAL_FIRST.has(formats[0]?.name ?? '')) {
    const canonical = readCanonical(text, out);
    if (canonical !== undefined) {
      if (seen !== undefined) seen.regionZone = false;
      return canonical;
    }
  }
  try {
    for (const format of formats) {
      if (format.kind === 'epoch_millis' || format.kind === 'epoch_second') {
        const [unitNanos, maxFraction] = EPOCH_UNITS[format.kind];
        if (parseEpoch(text, roundUp, out, unitNanos, maxFraction)) return true;
        continue;
      }
      const outcome = readElements(format, text, roundUp, seen);
      if (outcome.kind === 'no-parse') continue;
      if (outcome.kind === 'error') return false;
      const { second, nano } = outcome.instant;
      out.ms = second * 1000 + Math.floor(nano / 1_000_000);
      out.ns = nano % 1_000_000;
      return true;
    }
    return false;
  } catch (error) {
    if (error instanceof FatalDateParse) return false;
    // A runtime whose Intl lacks a zone the engine knows cannot place the instant: no match (narrower, never wider).
    if (error instanceof RangeError) return false;
    throw error;
  }
}

// Formats that read `yyyy-MM-ddTHH:mm:ss[.S…](Z|±HH:mm)` as its plain meaning: such text skips the element parser.
const CANONICAL_FIRST: ReadonlySet<string> = new Set(['strict_date_optional_time', 'strict_date_optional_time_nanos', 'date_optional_time', 'iso8601']);
const CANONICAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/**
 * The common spelling of a timestamp, read directly (the element parser
 * gives the same answer, more slowly): true / false when the text has that
 * shape, undefined otherwise. An invalid date or time, or an offset beyond
 * ±18:00, is refused by the first format and read by no later one (epoch
 * formats take digits only).
 */
function readCanonical(text: string, out: Instant): boolean | undefined {
  const match = CANONICAL.exec(text);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = Number(match[6]);
  if (month < 1 || month > 12 || day < 1 || day > monthLength(year, month) || hour > 23 || minute > 59 || second > 59) return false;
  let offset = 0;
  if (match[8] === undefined) {
    const offsetHours = Number(match[10]);
    const offsetMinutes = Number(match[11]);
    if (offsetHours > 23 || offsetMinutes > 59) return false;
    offset = offsetHours * 3600 + offsetMinutes * 60;
    if (offset > 64800) return false;
    if (match[9] === '-') offset = -offset;
  }
  const fraction = match[7];
  const nano = fraction === undefined ? 0 : Number(fraction.padEnd(9, '0'));
  const seconds = civilDays(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
  out.ms = seconds * 1000 + Math.floor(nano / 1_000_000);
  out.ns = nano % 1_000_000;
  return true;
}

function monthLength(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 (proleptic Gregorian). */
function civilDays(y: number, m: number, d: number): number {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** The index of the format that reads `text` (for the filter-side checks), or -1. */
export function formatIndexReading(formats: readonly DateFormat[], text: string): number {
  const scratch: Instant = { ms: 0, ns: 0 };
  for (let i = 0; i < formats.length; i++) {
    const format = formats[i];
    if (format !== undefined && readDate([format], text, false, scratch)) return i;
  }
  return -1;
}
