/**
 * `date` (millisecond resolution) and `date_nanos` fields.
 *
 * Query side: the engines run a `term` on a date as the range
 * `[parse(v), parseRoundUp(v)]` with the field's `format` (default
 * `strict_date_optional_time||epoch_millis`, for `date_nanos` too on
 * OpenSearch; Elasticsearch's `date_nanos` default is
 * `strict_date_optional_time_nanos||epoch_millis`, which needs a whole
 * `HH:mm:ss` when a time is given), trying
 * the formats in order. Round-up fills missing time fields with their
 * maximum but keeps a missing month or day at 01, so:
 * - `"2020-01-01"` matches every instant of that UTC day;
 * - `"2020"` and `"2020-01"` match only the day 2020-01-01;
 * - `"2020-01-01T13"` matches that hour, `"…T13:45"` the whole minute,
 *   `"…T13:45:00"` the whole second, `"…T13:45:00.123"` that millisecond
 *   (on `date_nanos`: that exact nanosecond);
 * - an offset (`Z`, `+01`, `+0100`, `+01:00`, `+01:00:30`) shifts the range;
 * - an epoch value (`"1577836800000"` with `epoch_millis`) matches that
 *   millisecond (on `date_nanos`, all of its nanoseconds);
 * - with a custom `format` (`dd/MMM/yyyy:HH:mm:ss Z`), the filter is read
 *   with that pattern.
 *
 * Rejected:
 * - date math (`now…`, `…||+1d`): the result depends on the clock;
 * - values no format accepts (`"abc"`, `"2020-02-30"` under the default
 *   format): the engine fails;
 * - on `strict_date`, whose parser resolves LENIENT, an impossible day
 *   (`"2020-02-30"`) is read as 2020-03-01 but rounded up (SMART) to
 *   2020-02-29T23:59:59.999999999: an empty range, which matches nothing
 *   (accepted); `"2020-02-32"` or `"2020-13-01"` fail the round-up: refused;
 * - a filter naming a region (`…Europe/Paris`): its offset comes from a
 *   time-zone database, whose version the engine and this library may not
 *   share;
 * - with the ISO formats, spellings outside
 *   `yyyy[-MM[-dd[THH[:mm[:ss[.S{1,9}]]][Z|±HH|±HHmm|±HH:mm|±HH:mm:ss]]]]`
 *   (`,` fractions, a bare trailing `T`, signed or long years): the
 *   engines' ISO parsers do not all read them alike; epoch values that are
 *   negative, fractional or (when a date format comes first) 5 to 9 digits
 *   long;
 * - on `date_nanos`, instants before 1970 or after 2262-04-11; on `date`,
 *   instants beyond ±275,000 years;
 * - fields whose `format` has a part not emulated (see `date-formats.ts`).
 *
 * Index side: strings read with the same formats as OpenSearch 2.19 reads
 * them (java.time grammar: zone ids such as `Europe/Paris`, `UTC`,
 * `GMT+01:00`, `Etc/GMT-1`, offsets with seconds, years beyond 9999 with a
 * sign, `,` fractions; an impossible day refused, except on `strict_date`
 * (rolled over: `2020-02-30` is 2020-03-01, `2020-13-01` 2021-01-01) and
 * `strict_date_hour`, `strict_date_hour_minute` and (OpenSearch only)
 * `strict_date_hour_minute_second` (clamped: `2020-02-30T10:00:00` is
 * 2020-02-29T10:00:00); a local time in a daylight-saving gap moves forward,
 * one in an overlap takes the earlier offset); numbers as their JSON text
 * (so `2020` is the year 2020 under the default format, and
 * `1577836800000` an epoch); `null` → `null_value`; `date` truncates to the
 * millisecond (and clamps beyond the range of a long); `date_nanos`
 * refuses instants before 1970 or after 2262. Refused documents match
 * nothing (also under `ignore_malformed`, which only keeps the rest of the
 * document).
 *
 * Engines: with `type.engine` `'elasticsearch'`, both sides are read with
 * Elasticsearch 8's parsers instead (`Iso8601Parser` before `java.time` for
 * its ISO formats, its own built-in format definitions, a 12-hour round-up
 * for `h … a`; see `date-iso8601.ts`, `date-formats-elasticsearch.ts`).
 * Without `engine`, a filter is read by both and refused when the readings
 * differ, and a document matches only when both engines' readings match.
 *
 * @packageDocumentation
 */
import { isJsonNumber, jsonNumberText } from '../documents/json-number.js';
import type { DateFieldType, ValueEngine } from '../mapping/field-types.js';
import { isSharedTokenError } from '../../errors.js';
import { type DateFormat, type Instant, compileDateFormats, isEpochBeyondRange, readDate } from './date-formats.js';
import type { PreparedLeafTerm } from './prepared-term.js';
import { rejectTerm } from './rejection.js';

const ISO_FILTER = /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}(?::\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}(?:\d{2}|:\d{2}(?::\d{2})?)?)?)?)?)?$/;
const FILTER_EPOCH_MILLIS = /^\d{1,15}$/;
const FILTER_EPOCH_SECOND = /^\d{1,12}$/;
const AMBIGUOUS_DIGITS = /^\d{5,9}$/;
// 2262-04-11T00:00:00Z, safely below the end of the date_nanos range (2262-04-11T23:47:16.854775807Z).
const NANOS_MAX_MS = 9223286400000;
// Filters stay within the range of a JS Date, where every instant is exact.
const DATE_MAX_MS = 8.64e15;
const DEFAULT_FORMAT = 'strict_date_optional_time||epoch_millis';
const DEFAULT_NANOS_FORMAT_ELASTICSEARCH = 'strict_date_optional_time_nanos||epoch_millis';
// The built-in ISO formats whose filters must keep to the spelling every engine reads alike.
const ISO_FORMATS: ReadonlySet<string> = new Set(['strict_date_optional_time', 'strict_date_optional_time_nanos', 'date_optional_time', 'iso8601']);

/**
 * Prepares a `term` on a `date` or `date_nanos` field.
 *
 * @example
 * ```ts
 * const t = prepareDateTerm('@timestamp', { type: 'date' }, '2020-01-01');
 * t.matchLeaf('2020-01-01T13:45:00Z');             // true
 * t.matchLeaf('2020-01-01T10:00:00Europe/Paris');  // true (09:00Z)
 * t.matchLeaf(1577836800000);                      // true (epoch millis)
 * prepareDateTerm('@timestamp', { type: 'date' }, 'now-1d'); // throws VALIDATION (date math)
 * ```
 */
export function prepareDateTerm(field: string, type: DateFieldType, value: string): PreparedLeafTerm {
  if (type.engine !== undefined) {
    const one = prepareForEngine(field, type, value, type.engine);
    return { kind: 'leaf', queryValue: value, matchLeaf: one.matchLeaf };
  }
  // Engine unknown: the filter must read alike on both, and a document matches only where both engines say so.
  const readings: EngineReading[] = [];
  const failures: unknown[] = [];
  for (const engine of ENGINES) {
    try {
      readings.push(prepareForEngine(field, type, value, engine));
    } catch (error) {
      if (!isSharedTokenError(error)) throw error;
      failures.push(error);
    }
  }
  const [first, second] = readings;
  if (failures.length === ENGINES.length) throw failures[0];
  if (failures.length > 0 || first === undefined || second === undefined || !sameInstant(first.lower, second.lower) || !sameInstant(first.upper, second.upper)) {
    throw rejectTerm(
      field,
      type.type,
      value,
      'OpenSearch and Elasticsearch read this date differently (give the field type its engine, e.g. fieldTypesFromMapping(mapping, { engine }))',
    );
  }
  return { kind: 'leaf', queryValue: value, matchLeaf: (leaf) => first.matchLeaf(leaf) && second.matchLeaf(leaf) };
}

const TOO_FAR = 'the instant is too far from 1970 to be compared exactly';

const ENGINES: readonly ValueEngine[] = ['opensearch', 'elasticsearch'];

interface EngineReading {
  readonly lower: Instant;
  readonly upper: Instant;
  readonly matchLeaf: (leaf: unknown) => boolean;
}

function sameInstant(a: Instant, b: Instant): boolean {
  return a.ms === b.ms && a.ns === b.ns;
}

/** The filter's range and the document reader as one engine reads them; throws the rejection when that engine would not be exact. */
function prepareForEngine(field: string, type: DateFieldType, value: string, engine: ValueEngine): EngineReading {
  const nanos = type.type === 'date_nanos';
  // DateFieldMapper: Elasticsearch's date_nanos default is DEFAULT_DATE_TIME_NANOS_FORMATTER; OpenSearch uses the date default.
  const format = type.format ?? (nanos && engine === 'elasticsearch' ? DEFAULT_NANOS_FORMAT_ELASTICSEARCH : DEFAULT_FORMAT);
  const formats = compileDateFormats(format, engine);
  if (typeof formats === 'string') {
    throw rejectTerm(field, type.type, value, `the date format "${format}" is not emulated (${formats})`);
  }
  if (value.startsWith('now') || value.includes('||')) {
    throw rejectTerm(field, type.type, value, 'date math makes the result depend on the clock');
  }
  const lower: Instant = { ms: 0, ns: 0 };
  const upper: Instant = { ms: 0, ns: 0 };
  const seen = { regionZone: false };
  const used = formats.findIndex((f) => readDate([f], value, false, lower, seen));
  seen.regionZone = false;
  if (used >= 0) readDate([formats[used] as DateFormat], value, false, lower, seen);
  const usedFormat = formats[used];
  if (usedFormat === undefined || !readDate(formats, value, false, lower) || !readDate(formats, value, true, upper)) {
    if (isEpochBeyondRange(formats, value)) throw rejectTerm(field, type.type, value, TOO_FAR);
    throw rejectTerm(field, type.type, value, `it is not a date in the format "${format}" (the engine fails the search)`);
  }
  if (seen.regionZone) {
    throw rejectTerm(field, type.type, value, 'a region zone id takes its offset from a time-zone database the engine and this library may not share');
  }
  if (!isPortableFilter(value, usedFormat, formats.slice(0, used))) {
    throw rejectTerm(field, type.type, value, 'the supported engines do not all read this date spelling the same way');
  }
  if (nanos && (lower.ms < 0 || upper.ms >= NANOS_MAX_MS)) {
    throw rejectTerm(field, type.type, value, 'date_nanos holds instants from 1970 to 2262 only');
  }
  if (Math.abs(lower.ms) > DATE_MAX_MS || Math.abs(upper.ms) > DATE_MAX_MS) {
    throw rejectTerm(field, type.type, value, TOO_FAR);
  }
  return { lower, upper, matchLeaf: dateLeafMatcher(type, formats, value, lower, upper) };
}

function isPortableFilter(value: string, format: DateFormat, earlier: readonly DateFormat[]): boolean {
  switch (format.kind) {
    case 'epoch_millis':
    case 'epoch_second': {
      const afterDateFormat = earlier.some((f) => f.kind === 'elements');
      if (afterDateFormat && AMBIGUOUS_DIGITS.test(value)) return false;
      return (format.kind === 'epoch_millis' ? FILTER_EPOCH_MILLIS : FILTER_EPOCH_SECOND).test(value);
    }
    case 'elements':
      return !ISO_FORMATS.has(format.name) || ISO_FILTER.test(value);
    default:
      return unreachable(format);
  }
}

const scratch: Instant = { ms: 0, ns: 0 };

function dateLeafMatcher(
  type: DateFieldType,
  formats: readonly DateFormat[],
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
  // A filter whose lower bound lies after its upper one (`2020-02-30` on `strict_date`: LENIENT 2020-03-01, round-up
  // SMART 2020-02-29T23:59:59.999999999) is an empty range on the engine: it matches nothing, not even its own text.
  if (lowMs > highMs || (nanos && lowMs === highMs && lowNs > highNs)) return () => false;
  const parse = (text: string): boolean => readDate(formats, text, false, scratch);
  const nullMatches = type.nullValue !== undefined && parse(type.nullValue) && inRange(scratch);
  return (leaf) => {
    if (leaf === value) return true;
    if (typeof leaf === 'string') return parse(leaf) && inRange(scratch);
    if (typeof leaf === 'number') return Number.isFinite(leaf) ? parse(String(leaf)) && inRange(scratch) : nullMatches;
    if (typeof leaf === 'bigint') return parse(leaf.toString()) && inRange(scratch);
    // A number kept with its source text: the engine parses the token's text as written (`textOrNull()`).
    if (isJsonNumber(leaf)) return parse(jsonNumberText(leaf)) && inRange(scratch);
    return leaf === null && nullMatches;
  };
}

function unreachable(value: never): never {
  throw new TypeError(`Unexpected date format: ${JSON.stringify(value)}`);
}
