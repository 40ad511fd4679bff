/**
 * Bounded empty buckets. `histogram` and `date_histogram` default to
 * `min_doc_count: 0`, and then the engine builds every empty bucket between
 * the bounds (and between the visible documents' min and max) before
 * `search.max_buckets` applies: a wide range runs the node out of memory.
 * So `min_doc_count: 0` is accepted only with absolute bounds, the bucket
 * count is computed from the interval and the bounds and refused above
 * `limits.maxHistogramBuckets`, and `hard_bounds` is pinned to those bounds
 * so a far-away visible value cannot widen them.
 *
 * @packageDocumentation
 */
import type { JsonObject, JsonValue } from './json-value.js';
import { getOwn, isJsonObject, setOwn } from './json-value.js';
import { childPointer } from './pointer.js';
import { refuse } from './refusal.js';

/** Shortest length, in ms, of one calendar bucket in any time zone (DST can shorten a day by an hour, an hour by half). */
const CALENDAR_MIN_MS: Readonly<Record<string, number>> = {
  second: 1000,
  minute: 60_000,
  hour: 1_800_000,
  day: 23 * 3_600_000,
  week: 7 * 86_400_000 - 3_600_000,
  month: 28 * 86_400_000 - 3_600_000,
  quarter: 89 * 86_400_000 - 3_600_000,
  year: 365 * 86_400_000 - 3_600_000,
};

/** Calendar interval spellings (`DateHistogramAggregationBuilder.DATE_FIELD_UNITS`). */
const CALENDAR_UNITS: Readonly<Record<string, string>> = {
  '1s': 'second', second: 'second', '1m': 'minute', minute: 'minute', '1h': 'hour', hour: 'hour', '1d': 'day', day: 'day',
  '1w': 'week', week: 'week', '1M': 'month', month: 'month', '1q': 'quarter', quarter: 'quarter', '1y': 'year', year: 'year',
};

const FIXED_UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds of a fixed interval (`90m`, `1d`), or `undefined` when it is not one. */
function fixedMs(text: string): number | undefined {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  if (match === null) return undefined;
  const ms = Number(match[1]) * (FIXED_UNIT_MS[match[2] as string] as number);
  return ms > 0 ? ms : undefined;
}

/**
 * The shortest bucket, in ms, of a date_histogram's interval; refuses an
 * interval it cannot read. The deprecated `interval` never gets here: the
 * aggregation table refuses it (Elasticsearch 8 reads it only under the 7.x
 * compatibility header).
 */
export function dateIntervalMs(body: JsonObject, pointer: string): number {
  const calendar = getOwn(body, 'calendar_interval');
  const fixed = getOwn(body, 'fixed_interval');
  if ((calendar === undefined) === (fixed === undefined)) refuse('malformed', 'A date_histogram needs exactly one of calendar_interval, fixed_interval.', { pointer });
  if (calendar !== undefined) {
    const unit = typeof calendar === 'string' ? CALENDAR_UNITS[calendar] : undefined;
    if (unit === undefined) refuse('malformed', 'calendar_interval must be a single calendar unit (1m, 1h, 1d, 1w, 1M, 1q, 1y).', { pointer: childPointer(pointer, 'calendar_interval') });
    return CALENDAR_MIN_MS[unit] as number;
  }
  const ms = typeof fixed === 'string' ? fixedMs(fixed) : undefined;
  if (ms === undefined) refuse('malformed', 'fixed_interval must be a positive whole number of ms, s, m, h or d.', { pointer: childPointer(pointer, 'fixed_interval') });
  return ms;
}

/** The numeric interval of a histogram. */
export function numericInterval(body: JsonObject, pointer: string): number {
  const interval = Number(getOwn(body, 'interval'));
  if (!(interval > 0) || !Number.isFinite(interval)) refuse('malformed', 'A histogram needs a positive interval.', { pointer: childPointer(pointer, 'interval') });
  return interval;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE_FORMATS_READ = new Set(['strict_date_optional_time', 'date_optional_time', 'strict_date_optional_time_nanos', 'epoch_millis']);

/** A date bound in epoch ms: a number, digits (epoch ms), or an ISO 8601 date; date math and custom formats are refused. */
function dateBoundMs(value: JsonValue | undefined, format: JsonValue | undefined, pointer: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && (format === undefined || (typeof format === 'string' && DATE_FORMATS_READ.has(format)))) {
    // Digits are epoch ms only under format epoch_millis: the default date format reads "2000" as the year 2000.
    if (/^-?\d+$/.test(value)) {
      if (format === 'epoch_millis') return Number(value);
      return refuse('histogram-unbounded', 'Digit-string date bounds need format epoch_millis: the default date format reads "2000" as a year. Use a number (epoch ms) or an ISO 8601 date.', { pointer });
    }
    if (ISO_DATE.test(value) && format !== 'epoch_millis') {
      const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(value) || !value.includes('T') ? value : `${value}Z`;
      const ms = Date.parse(value.includes('T') ? zoned : `${value}T00:00:00Z`);
      if (Number.isFinite(ms)) return ms;
    }
  }
  return refuse('histogram-unbounded', 'With min_doc_count 0, histogram bounds must be absolute (epoch ms or an ISO 8601 date), not date math.', { pointer });
}

function numericBound(value: JsonValue | undefined, pointer: string): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return refuse('histogram-unbounded', 'With min_doc_count 0, histogram bounds must be numbers.', { pointer });
  return n;
}

interface Bounds {
  readonly min: number;
  readonly max: number;
  /** The bounds as the request wrote them, for the pinned `hard_bounds`. */
  readonly written: JsonObject;
}

function readBounds(body: JsonObject, key: string, pointer: string, date: boolean): Bounds | undefined {
  const value = getOwn(body, key);
  if (value === undefined) return undefined;
  const at = childPointer(pointer, key);
  if (!isJsonObject(value)) return refuse('malformed', `${key} must be an object { min, max }.`, { pointer: at });
  const format = getOwn(body, 'format');
  const read = (side: 'min' | 'max'): number =>
    date ? dateBoundMs(getOwn(value, side), format, childPointer(at, side)) : numericBound(getOwn(value, side), childPointer(at, side));
  const min = read('min');
  const max = read('max');
  if (min > max) refuse('malformed', `${key}.min is greater than ${key}.max.`, { pointer: at });
  const written: JsonObject = {};
  setOwn(written, 'min', getOwn(value, 'min') as JsonValue);
  setOwn(written, 'max', getOwn(value, 'max') as JsonValue);
  return { min, max, written };
}

/** The bucket count computed for each guarded histogram body with empty buckets (the guard's own objects, never the caller's). */
const EMPTY_BUCKETS = new WeakMap<JsonObject, number>();

/**
 * The most buckets a guarded histogram body makes with its empty buckets,
 * or `undefined` when it has none (`min_doc_count` ≥ 1): its buckets come
 * from the data.
 *
 * @example
 * ```ts
 * emptyBucketsOf(guardedBody); // 12 for a day-interval histogram over 10 days plus the edges
 * ```
 */
export function emptyBucketsOf(body: JsonObject): number | undefined {
  return EMPTY_BUCKETS.get(body);
}

/**
 * Checks the empty-bucket work of a parsed histogram body and returns it
 * with `hard_bounds` pinned when `min_doc_count` is 0 (its default).
 *
 * @param intervalMs - the shortest bucket, in the field's units.
 */
export function boundEmptyBuckets(body: JsonObject, pointer: string, intervalMs: number, date: boolean, maxBuckets: number): JsonObject {
  const minDocCount = getOwn(body, 'min_doc_count');
  if (minDocCount !== undefined && Number(minDocCount) >= 1) return body;
  const hard = readBounds(body, 'hard_bounds', pointer, date);
  const extended = readBounds(body, 'extended_bounds', pointer, date);
  const bounds = hard ?? extended;
  if (bounds === undefined) {
    return refuse(
      'histogram-unbounded',
      'With min_doc_count 0 (the default), a histogram needs extended_bounds or hard_bounds: empty buckets would span whatever values the index holds.',
      { pointer },
    );
  }
  if (hard !== undefined && extended !== undefined && (extended.min < hard.min || extended.max > hard.max)) {
    refuse('malformed', 'extended_bounds must lie inside hard_bounds.', { pointer: childPointer(pointer, 'extended_bounds') });
  }
  const buckets = Math.floor((bounds.max - bounds.min) / intervalMs) + 2;
  if (buckets > maxBuckets) {
    refuse('too-many-buckets', `These bounds and interval make up to ${buckets} buckets, more than the limit of ${maxBuckets}.`, { pointer, limit: maxBuckets });
  }
  const out: JsonObject = {};
  for (const key of Object.keys(body)) if (key !== 'hard_bounds') setOwn(out, key, body[key] as JsonValue);
  setOwn(out, 'hard_bounds', bounds.written);
  EMPTY_BUCKETS.set(out, buckets);
  return out;
}
