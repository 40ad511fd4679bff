/**
 * From parsed date fields to an instant, as the engine does it: Java's
 * `Parsed.resolve` (STRICT for most formats, SMART or LENIENT for the few
 * built-in formats the engines build so, SMART for the round-up parsers
 * they build for a `term`'s upper bound), then
 * OpenSearch's `DateFormatters.from` (a missing zone is UTC, a missing time
 * is the start of the day, a missing month or day is the first, a year
 * parsed with `y` (year-of-era) and left unresolved under STRICT still
 * makes a date there).
 *
 * A resolve failure lets a multi-format field try its next format (Java's
 * `parseObject` returns null); a failure in `from` does not (it happens
 * after a format has been chosen), so it is reported apart.
 *
 * @packageDocumentation
 */
import type { DateField, FieldValues, ParsedFields, ParsedZone } from './java-date-pattern.js';
import { localToEpochSecond, zoneOffsetAt } from './zone-rules.js';

/** An instant: epoch seconds (a float beyond ±2^53, where only "out of range" matters) and nanoseconds 0 … 999999999. */
export interface JavaInstant {
  readonly second: number;
  readonly nano: number;
}

interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

interface LocalTime {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly nano: number;
}

/** What `Parsed` holds after resolving. */
interface Resolved {
  readonly values: FieldValues;
  date: LocalDate | undefined;
  time: LocalTime | undefined;
  readonly zone: ParsedZone | undefined;
}

class ResolveFailure extends Error {}

/** Java's `ResolverStyle`. LENIENT is emulated for dates only (no built-in LENIENT format has time fields). */
export type ResolverStyle = 'STRICT' | 'SMART' | 'LENIENT';

const YEAR_MAX = 999_999_999;

function check(value: number, min: number, max: number): number {
  if (!(value >= min && value <= max)) throw new ResolveFailure('value out of range');
  return value;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function monthLength(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `LocalDate.of`: throws on an invalid date. */
function localDateOf(year: number, month: number, day: number): LocalDate {
  check(year, -YEAR_MAX, YEAR_MAX);
  check(month, 1, 12);
  check(day, 1, 31);
  if (day > monthLength(year, month)) throw new ResolveFailure('invalid date');
  return { year, month, day };
}

/** Days from 1970-01-01 (proleptic Gregorian). */
export function epochDay(date: LocalDate): number {
  const year = date.month <= 2 ? date.year - 1 : date.year;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5) + date.day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** `LocalDate.ofEpochDay` (proleptic Gregorian). */
function dateOfEpochDay(days: number): LocalDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO day of week, 1 (Monday) … 7. */
function dayOfWeek(date: LocalDate): number {
  const day = epochDay(date);
  return (((day + 3) % 7) + 7) % 7 + 1;
}

function putCheck(values: FieldValues, field: DateField, value: number): void {
  const old = values.get(field);
  values.set(field, value);
  if (old !== undefined && old !== value) throw new ResolveFailure('conflict');
}

/**
 * `Parsed.resolve(style)` for the emulated fields, in place; undefined when
 * Java's resolve throws.
 */
function resolve(parsed: ParsedFields, style: ResolverStyle): Resolved | undefined {
  const values = parsed.values;
  const out: Resolved = { values, date: undefined, time: undefined, zone: parsed.zone };
  try {
    // Dates (IsoChronology.resolveDate).
    const yoe = values.get('YearOfEra');
    if (yoe !== undefined) {
      values.delete('YearOfEra');
      check(yoe, 1, YEAR_MAX + 1);
      const year = values.get('Year');
      if (style === 'STRICT') {
        if (year !== undefined) putCheck(values, 'Year', year > 0 ? yoe : 1 - yoe);
        else values.set('YearOfEra', yoe);
      } else {
        putCheck(values, 'Year', year === undefined || year > 0 ? yoe : 1 - yoe);
      }
    }
    const year = values.get('Year');
    const month = values.get('MonthOfYear');
    const day = values.get('DayOfMonth');
    if (year !== undefined && month !== undefined && day !== undefined) {
      values.delete('Year');
      values.delete('MonthOfYear');
      values.delete('DayOfMonth');
      check(year, -YEAR_MAX, YEAR_MAX);
      if (style === 'LENIENT') {
        // IsoChronology.resolveYMD: LocalDate.of(y, 1, 1).plusMonths(m - 1).plusDays(d - 1), so 2020-02-30 is 2020-03-01.
        const months = year * 12 + (month - 1);
        const first = epochDay({ year: Math.floor(months / 12), month: (((months % 12) + 12) % 12) + 1, day: 1 });
        out.date = dateOfEpochDay(first + day - 1);
        check(out.date.year, -YEAR_MAX, YEAR_MAX);
      } else if (style === 'SMART') {
        check(month, 1, 12);
        check(day, 1, 31);
        // SMART clamps a day beyond the month's end (2020-02-30 is 2020-02-29).
        out.date = localDateOf(year, month, Math.min(day, monthLength(year, month)));
      } else {
        out.date = localDateOf(year, month, day);
      }
    }
    // Times (resolveTimeFields).
    const clockHourOfDay = values.get('ClockHourOfDay');
    if (clockHourOfDay !== undefined) {
      values.delete('ClockHourOfDay');
      if (style === 'STRICT' || clockHourOfDay !== 0) check(clockHourOfDay, 1, 24);
      putCheck(values, 'HourOfDay', clockHourOfDay === 24 ? 0 : clockHourOfDay);
    }
    const clockHourOfAmPm = values.get('ClockHourOfAmPm');
    if (clockHourOfAmPm !== undefined) {
      values.delete('ClockHourOfAmPm');
      if (style === 'STRICT' || clockHourOfAmPm !== 0) check(clockHourOfAmPm, 1, 12);
      putCheck(values, 'HourOfAmPm', clockHourOfAmPm === 12 ? 0 : clockHourOfAmPm);
    }
    const ampm = values.get('AmPmOfDay');
    const hourOfAmPm = values.get('HourOfAmPm');
    if (ampm !== undefined && hourOfAmPm !== undefined) {
      values.delete('AmPmOfDay');
      values.delete('HourOfAmPm');
      check(ampm, 0, 1);
      check(hourOfAmPm, 0, 11);
      putCheck(values, 'HourOfDay', ampm * 12 + hourOfAmPm);
    }
    const nano = values.get('NanoOfSecond');
    if (nano !== undefined) check(nano, 0, 999_999_999);
    const hour = values.get('HourOfDay');
    const minute = values.get('MinuteOfHour');
    const second = values.get('SecondOfMinute');
    if (hour !== undefined) {
      // resolveTimeLenient: a missing minute, second or nano defaults to 0, unless that would invent a gap.
      const invalid = (minute === undefined && (second !== undefined || nano !== undefined)) || (minute !== undefined && second === undefined && nano !== undefined);
      if (!invalid) {
        const n = nano ?? 0;
        if (style === 'SMART' && hour === 24 && (minute ?? 0) === 0 && (second ?? 0) === 0 && n === 0) {
          // SMART reads 24:00 as the end of the day: midnight of the next day.
          out.time = { hour: 0, minute: 0, second: 0, nano: 0 };
          if (out.date !== undefined) out.date = nextDay(out.date);
        } else {
          out.time = { hour: check(hour, 0, 23), minute: check(minute ?? 0, 0, 59), second: check(second ?? 0, 0, 59), nano: check(n, 0, 999_999_999) };
        }
        values.delete('HourOfDay');
        values.delete('MinuteOfHour');
        values.delete('SecondOfMinute');
        values.delete('NanoOfSecond');
      }
    }
    // Remaining time-based fields are range-checked.
    for (const [field, max] of REMAINING_TIME_FIELDS) {
      const value = values.get(field);
      if (value !== undefined) check(value, 0, max);
    }
    // crossCheck: a day of week must agree with a resolved date.
    const dow = values.get('DayOfWeek');
    if (dow !== undefined && out.date !== undefined) {
      if (dayOfWeek(out.date) !== dow) throw new ResolveFailure('day of week conflict');
      values.delete('DayOfWeek');
    }
    // resolveInstant: with a date and a time, the offset must be a valid ZoneOffset.
    const offset = values.get('OffsetSeconds');
    if (offset !== undefined && out.date !== undefined && out.time !== undefined) check(offset, -64800, 64800);
    return out;
  } catch (error) {
    if (error instanceof ResolveFailure) return undefined;
    throw error;
  }
}

const REMAINING_TIME_FIELDS: ReadonlyArray<readonly [DateField, number]> = [
  ['MinuteOfHour', 59],
  ['SecondOfMinute', 59],
  ['HourOfDay', 23],
  ['HourOfAmPm', 11],
  ['AmPmOfDay', 1],
];

function nextDay(date: LocalDate): LocalDate {
  if (date.day < monthLength(date.year, date.month)) return { ...date, day: date.day + 1 };
  if (date.month < 12) return { ...date, month: date.month + 1, day: 1 };
  return { year: date.year + 1, month: 1, day: 1 };
}

type Zone = { readonly kind: 'fixed'; readonly seconds: number } | { readonly kind: 'region'; readonly id: string };

/** `DateFormatters.from(accessor)` → instant; undefined where it throws. */
function from(resolved: Resolved): JavaInstant | undefined {
  try {
    let zone: Zone = { kind: 'fixed', seconds: 0 };
    if (resolved.zone !== undefined) zone = resolved.zone;
    else {
      const offset = resolved.values.get('OffsetSeconds');
      if (offset !== undefined) zone = { kind: 'fixed', seconds: check(offset, -64800, 64800) };
    }
    const values = resolved.values;
    const getYear = (): number => {
      const year = values.get('Year');
      if (year !== undefined) return check(year, -YEAR_MAX, YEAR_MAX);
      const yoe = values.get('YearOfEra');
      if (yoe !== undefined) return check(yoe, 1, YEAR_MAX + 1);
      return 1970;
    };
    const hasYear = values.has('Year') || values.has('YearOfEra');
    let date = resolved.date;
    // LOCAL_DATE_QUERY: a year (or year-of-era) with month and day makes a date.
    if (date === undefined && hasYear) {
      const month = values.get('MonthOfYear');
      const day = values.get('DayOfMonth');
      if (month !== undefined && day !== undefined) date = localDateOf(getYear(), check(month, 1, 12), check(day, 1, 31));
    }
    const time = resolved.time;
    if (date !== undefined && time !== undefined) return atZone(date, time, zone);
    if (date !== undefined) return startOfDay(date, zone);
    if (time !== undefined) {
      const month = values.get('MonthOfYear');
      let local: LocalDate = { year: 1970, month: 1, day: 1 };
      if (month !== undefined) {
        const day = values.get('DayOfMonth');
        local = localDateOf(getYear(), check(month, 1, 12), day === undefined ? 1 : check(day, 1, 31));
      }
      return atZone(local, time, zone);
    }
    if (hasYear) {
      const month = values.get('MonthOfYear');
      return startOfDay(localDateOf(getYear(), month === undefined ? 1 : check(month, 1, 12), 1), zone);
    }
    const month = values.get('MonthOfYear');
    if (month !== undefined) {
      const day = values.get('DayOfMonth');
      return startOfDay(localDateOf(1970, check(month, 1, 12), day === undefined ? 1 : check(day, 1, 31)), zone);
    }
    return undefined;
  } catch (error) {
    if (error instanceof ResolveFailure) return undefined;
    throw error;
  }
}

function localSeconds(date: LocalDate, time: LocalTime): number {
  return epochDay(date) * 86400 + time.hour * 3600 + time.minute * 60 + time.second;
}

/** `ZonedDateTime.of(date, time, zone)`. */
function atZone(date: LocalDate, time: LocalTime, zone: Zone): JavaInstant {
  const local = localSeconds(date, time);
  const second = zone.kind === 'fixed' ? local - zone.seconds : localToEpochSecond(zone.id, local);
  return { second, nano: time.nano };
}

/** `LocalDate.atStartOfDay(zone)`: in a gap, the first instant after it. */
function startOfDay(date: LocalDate, zone: Zone): JavaInstant {
  const local = epochDay(date) * 86400;
  if (zone.kind === 'fixed') return { second: local - zone.seconds, nano: 0 };
  const before = zoneOffsetAt(zone.id, local - 129600);
  const resolvedSecond = localToEpochSecond(zone.id, local);
  const valid = zoneOffsetAt(zone.id, resolvedSecond) === local - resolvedSecond;
  if (valid) return { second: resolvedSecond, nano: 0 };
  // Midnight falls in a gap: the day starts at the transition, found between the two readings of midnight.
  const after = zoneOffsetAt(zone.id, local + 129600);
  let low = local - Math.max(before, after);
  let high = local - Math.min(before, after);
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (zoneOffsetAt(zone.id, mid) === before) low = mid;
    else high = mid;
  }
  return { second: high, nano: 0 };
}

/** The outcome of reading one text with one format. */
export type FormatOutcome =
  | { readonly kind: 'instant'; readonly instant: JavaInstant }
  /** The format does not read the text: the next format is tried. */
  | { readonly kind: 'no-parse' }
  /** The format read the text but the engine then fails: no further format is tried. */
  | { readonly kind: 'error' };

/**
 * Resolves parsed fields (consumed: they are changed in place) into an
 * instant the way the engine does.
 *
 * @example
 * ```ts
 * resolveToInstant(parsedFields, 'STRICT'); // { kind: 'instant', instant: { second: 1577872800, nano: 0 } }
 * ```
 */
export function resolveToInstant(parsed: ParsedFields, style: ResolverStyle): FormatOutcome {
  const resolved = resolve(parsed, style);
  if (resolved === undefined) return { kind: 'no-parse' };
  const instant = from(resolved);
  return instant === undefined ? { kind: 'error' } : { kind: 'instant', instant };
}
