/**
 * `date` / `date_nanos` with the formats the oracle models:
 * `strict_date_optional_time`, `strict_date_optional_time_nanos`,
 * `epoch_millis`, `epoch_second`, joined with `||` (first that parses wins).
 * The default is `strict_date_optional_time||epoch_millis`.
 *
 * Terms are bigint epoch milliseconds (`date`, truncated like
 * `toEpochMilli`) or nanoseconds (`date_nanos`). A `term` is the range
 * [parse(v), parseRoundUp(v)]: round-up fills missing time parts with
 * 23:59:59.999999999 but a missing month or day with 01, so `"2020-01-01"`
 * is that whole UTC day and `"2020"` only 2020-01-01. Date math (`now`,
 * `||`) is refused as unsupported (its answer depends on the clock).
 * Zones after the time: `Z`, `±HH[[:]mm]`, `UTC`/`GMT`/`UT` alone or
 * followed by `±HH:mm`, and the region ids of {@link REGION_IDS}, whose
 * offsets come from `Intl.DateTimeFormat` (a local time in a
 * daylight-saving gap moves forward by the gap, one in an overlap takes the
 * earlier offset, as `ZonedDateTime.ofLocal` does). Limits: other zone
 * spellings are not modelled (read as refused); region ids only for years
 * 1900–2100; years are 4 digits, or a sign and 4–10 digits.
 */
import type { DateFieldType } from '../../../src/access/mapping/field-types.js';
import { UnsupportedQueryError } from './errors.js';
import { type FieldModel, type QueryScalar, type RangeBound, type TermTest, leafText, queryText, rejected, shardError, testOf, lenient } from './field-model.js';


const DEFAULT_FORMAT = 'strict_date_optional_time||epoch_millis';
const MODELLED = new Set(['strict_date_optional_time', 'strict_date_optional_time_nanos', 'epoch_millis', 'epoch_second']);

const NANOS_PER_MILLI = 1_000_000n;
const NANOS_PER_SECOND = 1_000_000_000n;

/** Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
function daysFromCivil(y: bigint, m: number, d: number): bigint {
  const yy = m <= 2 ? y - 1n : y;
  const era = (yy >= 0n ? yy : yy - 399n) / 400n;
  const yoe = yy - era * 400n;
  const mp = BigInt((m + 9) % 12);
  const doy = (153n * mp + 2n) / 5n + BigInt(d) - 1n;
  const doe = yoe * 365n + yoe / 4n - yoe / 100n + doy;
  return era * 146097n + doe - 719468n;
}

function daysInMonth(y: bigint, m: number): number {
  if (m === 2) return (y % 4n === 0n && y % 100n !== 0n) || y % 400n === 0n ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

const ISO =
  /^((?:\d{4})|(?:[+-]\d{4,10}))(?:-(\d{2})(?:-(\d{2}))?)?(?:T(?:(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?(Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z][A-Za-z0-9/_+:-]*)?)?$/;

/**
 * Region ids the model places (each is a JDK tzdb id, spelled as Java
 * spells it: case matters there, so `europe/paris` is not one).
 */
export const REGION_IDS: ReadonlySet<string> = new Set([
  'Europe/Paris', 'America/New_York', 'America/Sao_Paulo', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Etc/GMT-1', 'Etc/GMT+5', 'CET', 'US/Eastern', 'Europe/London',
]);

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset (seconds) at an instant, from the runtime's IANA data. */
function intlOffset(zone: string, epochSecond: number): number {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(epochSecond * 1000))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const local = Number(daysFromCivil(BigInt(parts['year'] ?? 0), parts['month'] ?? 1, parts['day'] ?? 1)) * 86400 + (parts['hour'] ?? 0) * 3600 + (parts['minute'] ?? 0) * 60 + (parts['second'] ?? 0);
  return local - epochSecond;
}

/** Local seconds (as if UTC) in a region → the instant, with the gap and overlap rules of `ZonedDateTime.ofLocal`. */
function regionInstant(zone: string, local: number): number {
  const before = intlOffset(zone, local - 86400);
  const after = intlOffset(zone, local + 86400);
  const early = local - before;
  if (intlOffset(zone, early) === before) return early;
  const late = local - after;
  if (intlOffset(zone, late) === after) return late;
  // In a gap: the local time moves forward by the gap, i.e. it is read with the offset before the gap.
  return early;
}

/** A zone id's fixed offset in seconds, `'region'`, or `undefined` when not modelled. */
function zoneOffset(zone: string): number | 'region' | undefined {
  if (zone === 'Z' || zone === 'UTC' || zone === 'GMT' || zone === 'UT') return 0;
  if (/^[+-]\d{2}(?::?\d{2})?$/.test(zone)) {
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (hours > 18 || minutes > 59 || (hours === 18 && minutes > 0)) return undefined;
    return (hours * 60 + minutes) * 60 * (zone.startsWith('-') ? -1 : 1);
  }
  const prefixed = /^(?:UTC|GMT|UT)([+-])(\d{2}):(\d{2})$/.exec(zone);
  if (prefixed !== null) {
    const hours = Number(prefixed[2]);
    const minutes = Number(prefixed[3]);
    if (hours > 18 || minutes > 59 || (hours === 18 && minutes > 0)) return undefined;
    return (hours * 60 + minutes) * 60 * (prefixed[1] === '-' ? -1 : 1);
  }
  return REGION_IDS.has(zone) ? 'region' : undefined;
}

/** `strict_date_optional_time`: epoch nanoseconds, or `undefined` when it does not parse. */
function parseIso(text: string, roundUp: boolean): bigint | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fraction, zone] = m;
  const year = BigInt(yearText!);
  const month = monthText === undefined ? 1 : Number(monthText);
  const day = dayText === undefined ? 1 : Number(dayText);
  const hour = hourText === undefined ? (roundUp ? 23 : 0) : Number(hourText);
  const minute = minuteText === undefined ? (roundUp ? 59 : 0) : Number(minuteText);
  const second = secondText === undefined ? (roundUp ? 59 : 0) : Number(secondText);
  const nanos = fraction === undefined ? (roundUp ? 999_999_999n : 0n) : BigInt(fraction.padEnd(9, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const local = daysFromCivil(year, month, day) * 86400n + BigInt(hour * 3600 + minute * 60 + second);
  const offset = zone === undefined ? 0 : zoneOffset(zone);
  if (offset === undefined) return undefined;
  if (offset === 'region') {
    // A zone id needs an hour before it, and the model places regions for 1900–2100 only.
    if (hourText === undefined || year < 1900n || year > 2100n) return undefined;
    return BigInt(regionInstant(zone as string, Number(local))) * NANOS_PER_SECOND + nanos;
  }
  return (local - BigInt(offset)) * NANOS_PER_SECOND + nanos;
}

/** `epoch_millis` / `epoch_second`: an optionally signed integer with an optional fraction. */
function parseEpoch(text: string, unitNanos: bigint, fractionDigits: number, roundUp: boolean): bigint | undefined {
  const m = new RegExp(`^(-?)(\\d{1,19})(?:\\.(\\d{1,${fractionDigits}}))?$`).exec(text);
  if (!m) return undefined;
  const whole = BigInt(m[2]!) * unitNanos;
  const fraction =
    m[3] === undefined ? (roundUp ? unitNanos - 1n : 0n) : (BigInt(m[3].padEnd(fractionDigits, '0')) * unitNanos) / 10n ** BigInt(fractionDigits);
  const magnitude = whole + fraction;
  return m[1] === '-' ? -magnitude : magnitude;
}

/** One format's parser: epoch nanoseconds. */
function parserOf(format: string): (text: string, roundUp: boolean) => bigint | undefined {
  switch (format) {
    case 'strict_date_optional_time':
    case 'strict_date_optional_time_nanos':
      return parseIso;
    case 'epoch_millis':
      return (text, roundUp) => parseEpoch(text, NANOS_PER_MILLI, 6, roundUp);
    case 'epoch_second':
      return (text, roundUp) => parseEpoch(text, NANOS_PER_SECOND, 9, roundUp);
    default:
      throw new UnsupportedQueryError(`date format [${format}] is not modelled`, '');
  }
}

const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b));

/** The `date`/`date_nanos` model. `pointer` names the mapping entry for an unsupported format. */
export function dateModel(spec: DateFieldType, pointer: string): FieldModel {
  const formats = (spec.format ?? DEFAULT_FORMAT).split('||');
  for (const f of formats) {
    if (!MODELLED.has(f)) throw new UnsupportedQueryError(`date format [${f}] is not modelled`, pointer);
  }
  const parsers = formats.map(parserOf);
  const nanosResolution = spec.type === 'date_nanos';
  const esNanosDefault = nanosResolution && spec.format === undefined && spec.engine !== 'opensearch';
  const MAX_NANOS = 2n ** 63n - 1n;

  /** Epoch nanos → the stored unit, or `undefined` when date_nanos cannot hold it. */
  const toUnit = (nanos: bigint): bigint | undefined => {
    if (!nanosResolution) return floorDiv(nanos, NANOS_PER_MILLI);
    return nanos < 0n || nanos > MAX_NANOS ? undefined : nanos;
  };
  const parse = (text: string, roundUp: boolean): bigint | undefined => {
    for (const p of parsers) {
      const v = p(text, roundUp);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const parseQuery = (value: QueryScalar, roundUp: boolean, pointer: string): bigint => {
    const text = queryText(value);
    if (text.startsWith('now') || text.includes('||')) throw new UnsupportedQueryError(`date math [${text}] depends on the clock`, pointer);
    const nanos = parse(text, roundUp);
    if (nanos === undefined) shardError(pointer, `failed to parse date field [${text}] with format [${formats.join('||')}]`);
    const v = toUnit(nanos);
    if (v === undefined) throw new UnsupportedQueryError(`date_nanos bound [${text}] outside 1970–2262 is not modelled`, pointer);
    return v;
  };
  const rangeTest = (lower: RangeBound | undefined, upper: RangeBound | undefined, pointer: string): TermTest => {
    // gt rounds up, gte down; lt rounds down, lte up — then exclusive ends step by one unit.
    const lo = lower === undefined ? undefined : parseQuery(lower.value, !lower.inclusive, pointer) + (lower.inclusive ? 0n : 1n);
    const hi = upper === undefined ? undefined : parseQuery(upper.value, upper.inclusive, pointer) - (upper.inclusive ? 0n : 1n);
    return testOf((t) => typeof t === 'bigint' && (lo === undefined || t >= lo) && (hi === undefined || t <= hi));
  };
  const term = (value: QueryScalar, pointer: string): TermTest => rangeTest({ value, inclusive: true }, { value, inclusive: true }, pointer);

  return {
    typeName: spec.type,
    index: (leaf) => {
      const text = leaf === null ? spec.nullValue : leafText(leaf);
      if (text === undefined) return [];
      // Elasticsearch 8.19's default date_nanos format (strict_date_optional_time_nanos) needs hours, minutes and
      // seconds after the date's 'T' (shown on the node: "2020-01-01T13" and "…T13:45" are refused, "…T13:45:00.5" is indexed).
      // Unless the field is read as OpenSearch's, such a document is refused: the stricter reading, as the library's.
      if (esNanosDefault && /^[^T]*T(?!\d{2}:\d{2}:\d{2})/.test(text)) return rejected(`failed to parse date field [${text}]`, true);
      const nanos = parse(text, false);
      const v = nanos === undefined ? undefined : toUnit(nanos);
      return v === undefined ? rejected(`failed to parse date field [${text}]`, true) : [v];
    },
    term,
    range: (bounds, pointer) => rangeTest(bounds.lower, bounds.upper, pointer),
    prefix: (_value, pointer) => shardError(pointer, `Can only use prefix queries on keyword and text fields, not on [${spec.type}]`),
    match: (value, options, pointer) => [lenient(options.lenient, () => term(value, pointer))],
  };
}
