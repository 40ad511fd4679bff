/**
 * `date` (millisecond resolution) and `date_nanos` fields.
 *
 * Query side: the engines run a `term` on a date as the range
 * `[parse(v), parseRoundUp(v)]` with the field's `format` (default
 * `strict_date_optional_time||epoch_millis`; `date_nanos`:
 * `strict_date_optional_time_nanos||epoch_millis`), trying the formats in
 * order. Round-up fills missing time fields with their maximum but keeps a
 * missing month or day at 01, so:
 * - `"2020-01-01"` matches every instant of that UTC day;
 * - `"2020"` and `"2020-01"` match only the day 2020-01-01;
 * - `"2020-01-01T13:45"` matches the whole minute, `"…T13:45:00"` the whole
 *   second, `"…T13:45:00.123"` that millisecond exactly (on `date_nanos`:
 *   that exact nanosecond);
 * - an epoch value (`"1577836800000"` with `epoch_millis`) matches that
 *   millisecond (on `date_nanos`, all of its nanoseconds).
 *
 * Rejected:
 * - date math (`now…`, `…||+1d`): the result depends on the clock;
 * - values no format accepts (`"2020-02-30"`, `"abc"`): the engine fails;
 * - values the engines' parsers do not all read alike: outside the subset
 *   `yyyy[-MM[-dd[THH:mm[:ss[.S{1,9}]][Z|±HH:mm]]]]` with a 4-digit year
 *   (hour-only times, `,` fractions, a bare trailing `T`, `±HHmm` zones,
 *   signed years), epoch values that are negative, fractional or (when a
 *   date format comes first) 5 to 9 digits long;
 * - on `date_nanos`, instants before 1970 or after 2262-04-11;
 * - fields whose `format` has a part not emulated (custom patterns and
 *   other named formats; see `date-formats.ts`).
 *
 * Index side: strings parsed with the same formats (java.time grammar,
 * including `,` fractions and `±HH` / `±HHmm` zones; zone ids are not
 * emulated and count as refused); numbers as their JSON text (so `2020`
 * is the year 2020 under the default format, and `1577836800000` an epoch);
 * `null` → `null_value`; `date` truncates to the millisecond; `date_nanos`
 * refuses instants before 1970. Refused documents match nothing.
 *
 * @packageDocumentation
 */
import type { DateFieldType } from '../mapping/field-types.js';
import { type EmulatedDateFormat, type Instant, emulatedFormats, parseWithFormat } from './date-formats.js';
import type { PreparedLeafTerm } from './prepared-term.js';
import { rejectTerm } from './rejection.js';

const FILTER_DATE_TIME = /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?)?)?$/;
const FILTER_EPOCH_MILLIS = /^\d{1,15}$/;
const FILTER_EPOCH_SECOND = /^\d{1,12}$/;
const AMBIGUOUS_DIGITS = /^\d{5,9}$/;
// 2262-04-11T00:00:00Z, safely below the end of the date_nanos range (2262-04-11T23:47:16.854775807Z).
const NANOS_MAX_MS = 9223286400000;

/**
 * Prepares a `term` on a `date` or `date_nanos` field.
 *
 * @example
 * ```ts
 * const t = prepareDateTerm('@timestamp', { type: 'date' }, '2020-01-01');
 * t.matchLeaf('2020-01-01T13:45:00Z'); // true
 * t.matchLeaf(1577836800000);          // true (epoch millis)
 * prepareDateTerm('@timestamp', { type: 'date' }, 'now-1d'); // throws VALIDATION (date math)
 * ```
 */
export function prepareDateTerm(field: string, type: DateFieldType, value: string): PreparedLeafTerm {
  const nanos = type.type === 'date_nanos';
  const format = type.format ?? (nanos ? 'strict_date_optional_time_nanos||epoch_millis' : 'strict_date_optional_time||epoch_millis');
  const formats = emulatedFormats(format);
  if (formats === undefined) {
    throw rejectTerm(field, type.type, value, `the date format "${format}" is not emulated`);
  }
  if (value.startsWith('now') || value.includes('||')) {
    throw rejectTerm(field, type.type, value, 'date math makes the result depend on the clock');
  }
  const lower: Instant = { ms: 0, ns: 0 };
  const upper: Instant = { ms: 0, ns: 0 };
  const used = formats.findIndex((f) => parseWithFormat(value, f, false, lower));
  const usedFormat = formats[used];
  if (usedFormat === undefined) {
    throw rejectTerm(field, type.type, value, `it is not a date in the format "${format}" (the engine fails the search)`);
  }
  if (!isPortableFilter(value, usedFormat, formats.slice(0, used))) {
    throw rejectTerm(field, type.type, value, 'the supported engines do not all read this date spelling the same way');
  }
  parseWithFormat(value, usedFormat, true, upper);
  if (nanos && (lower.ms < 0 || upper.ms >= NANOS_MAX_MS)) {
    throw rejectTerm(field, type.type, value, 'date_nanos holds instants from 1970 to 2262 only');
  }
  return { kind: 'leaf', queryValue: value, matchLeaf: dateLeafMatcher(type, formats, value, lower, upper) };
}

function isPortableFilter(value: string, format: EmulatedDateFormat, earlier: readonly EmulatedDateFormat[]): boolean {
  switch (format) {
    case 'strict_date_optional_time':
    case 'strict_date_optional_time_nanos':
    case 'strict_date':
      return FILTER_DATE_TIME.test(value);
    case 'epoch_millis':
    case 'epoch_second': {
      const afterDateFormat = earlier.some((f) => f !== 'epoch_millis' && f !== 'epoch_second');
      if (afterDateFormat && AMBIGUOUS_DIGITS.test(value)) return false;
      return (format === 'epoch_millis' ? FILTER_EPOCH_MILLIS : FILTER_EPOCH_SECOND).test(value);
    }
    default:
      return unreachable(format);
  }
}

const scratch: Instant = { ms: 0, ns: 0 };

function dateLeafMatcher(
  type: DateFieldType,
  formats: readonly EmulatedDateFormat[],
  value: string,
  lower: Instant,
  upper: Instant,
): (leaf: unknown) => boolean {
  const nanos = type.type === 'date_nanos';
  const { ms: lowMs, ns: lowNs } = lower;
  const { ms: highMs, ns: highNs } = upper;
  const inRange = nanos
    ? (at: Instant): boolean =>
        at.ms >= 0 &&
        (at.ms > lowMs || (at.ms === lowMs && at.ns >= lowNs)) &&
        (at.ms < highMs || (at.ms === highMs && at.ns <= highNs))
    : // Millisecond resolution: both bounds and the document are truncated to the millisecond.
      (at: Instant): boolean => at.ms >= lowMs && at.ms <= highMs;
  const parse = (text: string): boolean => {
    for (let i = 0; i < formats.length; i++) {
      const format = formats[i];
      if (format !== undefined && parseWithFormat(text, format, false, scratch)) return true;
    }
    return false;
  };
  const nullMatches = type.nullValue !== undefined && parse(type.nullValue) && inRange(scratch);
  return (leaf) => {
    if (leaf === value) return true;
    if (typeof leaf === 'string') return parse(leaf) && inRange(scratch);
    if (typeof leaf === 'number') return Number.isFinite(leaf) ? parse(String(leaf)) && inRange(scratch) : nullMatches;
    if (typeof leaf === 'bigint') return parse(leaf.toString()) && inRange(scratch);
    return leaf === null && nullMatches;
  };
}

function unreachable(value: never): never {
  throw new TypeError(`Unexpected date format: ${JSON.stringify(value)}`);
}
