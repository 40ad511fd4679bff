/**
 * The date formats the compilers emulate, parsed the way the engines parse
 * them (`DateFormatters` / `EpochTime`), with the engines' round-up rule for
 * the upper bound of a `term` (missing time fields become their maximum,
 * missing month and day stay 01).
 *
 * Emulated format names: `strict_date_optional_time`,
 * `strict_date_optional_time_nanos`, `strict_date` (`yyyy-MM-dd`),
 * `epoch_millis`, `epoch_second`, combined with `||`. Any other format
 * (custom patterns, lenient `date_optional_time`, `basic_*`, ...) is not
 * emulated.
 *
 * @packageDocumentation
 */

/** An instant as whole epoch milliseconds plus nanoseconds within that millisecond (0 … 999999). */
export interface Instant {
  /** Whole milliseconds since 1970-01-01T00:00:00Z (floor). */
  ms: number;
  /** Nanoseconds within that millisecond, 0 … 999999. */
  ns: number;
}

/** The format names this module emulates. */
export type EmulatedDateFormat =
  | 'strict_date_optional_time'
  | 'strict_date_optional_time_nanos'
  | 'strict_date'
  | 'epoch_millis'
  | 'epoch_second';

const EMULATED: ReadonlySet<string> = new Set<EmulatedDateFormat>([
  'strict_date_optional_time',
  'strict_date_optional_time_nanos',
  'strict_date',
  'epoch_millis',
  'epoch_second',
]);

/**
 * Splits a mapping `format` on `||` and returns its parts when every part is
 * emulated, else `undefined`.
 *
 * @example
 * ```ts
 * emulatedFormats('strict_date_optional_time||epoch_millis'); // ['strict_date_optional_time', 'epoch_millis']
 * emulatedFormats('yyyy-MM-dd HH:mm:ss');                     // undefined
 * ```
 */
export function emulatedFormats(format: string): readonly EmulatedDateFormat[] | undefined {
  const parts = format.split('||');
  return parts.every((part) => EMULATED.has(part)) ? (parts as EmulatedDateFormat[]) : undefined;
}

/** Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const POWERS_OF_TEN = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000];

function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0x30 && c <= 0x39 ? c - 0x30 : -1;
}

/** Reads `count` digits at `i`, or -1. */
function digits(s: string, i: number, count: number): number {
  let value = 0;
  for (let k = 0; k < count; k++) {
    const d = digitAt(s, i + k);
    if (d < 0) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * `strict_date_optional_time` as the engines' java.time parser reads it:
 * `yyyy[-MM[-dd]]` then optionally `T` followed by `HH[:mm[:ss[(.|,)S{1,9}]]]`
 * and a zone (`Z`, `±HH`, `±HH:mm`, `±HHmm`, at most ±18:00), with STRICT
 * field validation. The year has exactly four digits, optionally after a
 * `-` (`YEAR` width 4..4, `SignStyle.EXCEEDS_PAD`). Zone ids
 * (`Europe/Paris`) and offsets with seconds are not emulated: such a string
 * is treated as refused.
 */
function parseIsoDateTime(s: string, roundUp: boolean, out: Instant, dateOnly: boolean): boolean {
  let i = 0;
  let year: number;
  const first = s.charCodeAt(0);
  if (first === 0x2d) {
    // YEAR is read with width 4..4 and SignStyle.EXCEEDS_PAD: a '-' may precede exactly four digits; '+' never fits.
    const magnitude = digits(s, 1, 4);
    if (magnitude < 0 || digitAt(s, 5) >= 0) return false;
    year = -magnitude;
    i = 5;
  } else {
    year = digits(s, 0, 4);
    if (year < 0 || digitAt(s, 4) >= 0) return false;
    i = 4;
  }
  let month = -1;
  let day = -1;
  if (s.charCodeAt(i) === 0x2d) {
    month = digits(s, i + 1, 2);
    if (month < 1 || month > 12) return false;
    i += 3;
    if (s.charCodeAt(i) === 0x2d) {
      day = digits(s, i + 1, 2);
      if (day < 1 || day > daysInMonth(year, month)) return false;
      i += 3;
    }
  }
  if (dateOnly && (month < 0 || day < 0 || i !== s.length)) return false;
  let hour = -1;
  let minute = -1;
  let second = -1;
  let nanos = -1;
  let offsetMinutes = 0;
  if (i < s.length) {
    if (s.charCodeAt(i) !== 0x54) return false;
    i++;
    if (digitAt(s, i) >= 0) {
      hour = digits(s, i, 2);
      if (hour < 0 || hour > 23) return false;
      i += 2;
      if (s.charCodeAt(i) === 0x3a && digitAt(s, i + 1) >= 0) {
        minute = digits(s, i + 1, 2);
        if (minute < 0 || minute > 59) return false;
        i += 3;
        if (s.charCodeAt(i) === 0x3a && digitAt(s, i + 1) >= 0) {
          second = digits(s, i + 1, 2);
          if (second < 0 || second > 59) return false;
          i += 3;
          const separator = s.charCodeAt(i);
          if ((separator === 0x2e || separator === 0x2c) && digitAt(s, i + 1) >= 0) {
            let end = i + 1;
            nanos = 0;
            for (let d = digitAt(s, end); d >= 0; d = digitAt(s, ++end)) nanos = nanos * 10 + d;
            const count = end - i - 1;
            if (count > 9) return false;
            nanos *= POWERS_OF_TEN[9 - count] ?? 1;
            i = end;
          }
        }
      }
    }
    if (i < s.length) {
      const zone = parseOffset(s, i);
      if (zone === undefined) return false;
      offsetMinutes = zone;
    }
  }
  const m = month < 0 ? 1 : month;
  const d = day < 0 ? 1 : day;
  const h = hour < 0 ? (roundUp ? 23 : 0) : hour;
  const min = minute < 0 ? (roundUp ? 59 : 0) : minute;
  const sec = second < 0 ? (roundUp ? 59 : 0) : second;
  const nano = nanos < 0 ? (roundUp ? 999_999_999 : 0) : nanos;
  const seconds = daysFromCivil(year, m, d) * 86400 + h * 3600 + min * 60 + sec - offsetMinutes * 60;
  out.ms = seconds * 1000 + Math.floor(nano / 1_000_000);
  out.ns = nano % 1_000_000;
  return true;
}

/** `Z`, `±HH`, `±HH:mm` or `±HHmm` filling the rest of `s`, as minutes east of UTC; undefined otherwise. */
function parseOffset(s: string, i: number): number | undefined {
  const c = s.charCodeAt(i);
  if (c === 0x5a) return i + 1 === s.length ? 0 : undefined;
  if (c !== 0x2b && c !== 0x2d) return undefined;
  const sign = c === 0x2d ? -1 : 1;
  const rest = s.length - i - 1;
  const hours = digits(s, i + 1, 2);
  let minutes = 0;
  if (rest === 2) minutes = 0;
  else if (rest === 5 && s.charCodeAt(i + 3) === 0x3a) minutes = digits(s, i + 4, 2);
  else if (rest === 4) minutes = digits(s, i + 3, 2);
  else return undefined;
  if (hours < 0 || minutes < 0 || minutes > 59 || hours * 60 + minutes > 18 * 60) return undefined;
  return sign * (hours * 60 + minutes);
}

const MAX_EPOCH_MS = 8.64e15;

/** `epoch_millis` / `epoch_second`: optional `-`, digits, optional `.` and up to 6 (millis) or 9 (seconds) fraction digits. */
function parseEpoch(s: string, roundUp: boolean, out: Instant, unitNanos: number, maxFraction: number): boolean {
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
  if (!(Math.abs(ms) <= MAX_EPOCH_MS)) return false;
  out.ms = ms;
  out.ns = ns;
  return true;
}

/**
 * Parses `s` with one emulated format into `out`; `roundUp` fills missing
 * fields with their maximum (the upper bound of a `term`). Returns false
 * when the format does not accept `s`.
 *
 * @example
 * ```ts
 * const out = { ms: 0, ns: 0 };
 * parseWithFormat('2020-01-01', 'strict_date_optional_time', true, out); // out.ms === 1577923199999
 * ```
 */
export function parseWithFormat(s: string, format: EmulatedDateFormat, roundUp: boolean, out: Instant): boolean {
  switch (format) {
    case 'strict_date_optional_time':
    case 'strict_date_optional_time_nanos':
      return parseIsoDateTime(s, roundUp, out, false);
    case 'strict_date':
      return parseIsoDateTime(s, roundUp, out, true);
    case 'epoch_millis':
      return parseEpoch(s, roundUp, out, 1_000_000, 6);
    case 'epoch_second':
      return parseEpoch(s, roundUp, out, 1_000_000_000, 9);
    default:
      return unreachable(format);
  }
}

function unreachable(value: never): never {
  throw new TypeError(`Unexpected date format: ${JSON.stringify(value)}`);
}
