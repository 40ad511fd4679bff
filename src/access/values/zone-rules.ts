/**
 * Time-zone rules for the date parsers, as `java.time` applies them:
 * the offset of a region (`Europe/Paris`) at an instant, and the instant of
 * a local date-time in a region (`ZonedDateTime.of`: a local time in a gap
 * moves forward by the gap's length, one in an overlap takes the earlier
 * offset, the one in force before the transition).
 *
 * Offsets come from the runtime's IANA data through `Intl.DateTimeFormat`,
 * to the second (local mean time included: Paris in 1900 is +00:09:21).
 * The engine reads its JDK's tzdb instead; both are the IANA database, and
 * they agree wherever their versions carry the same rules. Known
 * differences between Node 20 (tz 2025c) and OpenJDK 17 (its tzdb): Java
 * applies the `SystemV/*` daylight rules in 1900–1901, and the tz versions
 * differ for `Asia/Tehran` / `Iran` at the end of 1978.
 *
 * @packageDocumentation
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

// The range of a JS Date, in seconds: ±8.64e12.
const DATE_LIMIT_SECONDS = 8.64e12;
const SECONDS_PER_400_YEARS = 146097 * 86400;

/** Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
function daysFromCivil(y: number, m: number, d: number): number {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

const offsetCache = new Map<string, number>();

/**
 * The offset from UTC, in seconds, of region `zone` at `epochSecond`.
 * Beyond the range of a JS Date, the far past keeps the earliest offset
 * (local mean time) and the far future repeats the 400-year Gregorian
 * cycle of the last rules.
 *
 * @example
 * ```ts
 * zoneOffsetAt('Europe/Paris', 1577872800); // 3600
 * zoneOffsetAt('America/New_York', 1593604800); // -14400
 * ```
 */
export function zoneOffsetAt(zone: string, epochSecond: number): number {
  let at = Math.floor(epochSecond);
  if (at < -DATE_LIMIT_SECONDS) at = -DATE_LIMIT_SECONDS;
  else if (at > DATE_LIMIT_SECONDS) {
    // Same day of a 400-year cycle, thousands of years after any rule change.
    const cycles = Math.ceil((at - 4e11) / SECONDS_PER_400_YEARS);
    at -= cycles * SECONDS_PER_400_YEARS;
  }
  const key = `${zone}\u0000${at}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const parts = formatterFor(zone).formatToParts(new Date(at * 1000));
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const part of parts) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      case 'era':
        bc = part.value.startsWith('B');
        break;
      default:
        break;
    }
  }
  if (bc) year = 1 - year;
  const local = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  const offset = local - at;
  if (offsetCache.size > 10000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/**
 * The epoch second of local date-time `localSecond` (seconds since
 * 1970-01-01T00:00 on the local clock) in region `zone`, the way
 * `ZonedDateTime.of(LocalDateTime, ZoneId)` resolves it: a time in a gap
 * moves forward by the length of the gap, a time in an overlap takes the
 * earlier offset.
 *
 * @example
 * ```ts
 * localToEpochSecond('Europe/Paris', localOf('2020-03-29T02:30')); // 01:30Z (gap: 03:30 CEST)
 * localToEpochSecond('Europe/Paris', localOf('2020-10-25T02:30')); // 00:30Z (overlap: CEST)
 * ```
 */
export function localToEpochSecond(zone: string, localSecond: number): number {
  // Offsets never exceed ±18h, so any transition that matters lies within ±18h of the local time read as UTC.
  const before = zoneOffsetAt(zone, localSecond - 129600);
  const after = zoneOffsetAt(zone, localSecond + 129600);
  if (before === after) {
    const direct = zoneOffsetAt(zone, localSecond - before);
    if (direct === before) return localSecond - before;
    // Two transitions within the window (rare): fall back to the offset found at the guess.
    return zoneOffsetAt(zone, localSecond - direct) === direct ? localSecond - direct : localSecond - before;
  }
  const beforeValid = zoneOffsetAt(zone, localSecond - before) === before;
  const afterValid = zoneOffsetAt(zone, localSecond - after) === after;
  // Overlap: both offsets are valid and Java keeps the earlier one (in force before the transition).
  if (beforeValid) return localSecond - before;
  if (afterValid) return localSecond - after;
  // Gap: moved forward by the gap, i.e. read with the offset in force before the transition.
  return localSecond - before;
}
