/**
 * Generators for the date, ip and unsigned_long engine suite: document
 * values spelled the many ways the engine reads them (zone ids, offsets
 * with seconds, long years, daylight-saving gaps and overlaps, custom
 * patterns, Unicode digits, IPv6 scope ids, unusual number spellings) and
 * the filters that ask for them, drawn from overlapping pools so that
 * matches and near misses are common.
 */
import fc from 'fast-check';
import type { Json } from './value-pools.js';

/** The index: one field per format or setting exercised. */
export const datesMappings = {
  dynamic: false,
  properties: {
    d: { type: 'date' },
    d_im: { type: 'date', ignore_malformed: true },
    dn: { type: 'date_nanos' },
    dn_im: { type: 'date_nanos', ignore_malformed: true },
    d_lenient: { type: 'date', format: 'date_optional_time||epoch_millis', ignore_malformed: true },
    d_sql: { type: 'date', format: 'yyyy-MM-dd HH:mm:ss', ignore_malformed: true },
    d_apache: { type: 'date', format: 'dd/MMM/yyyy:HH:mm:ss Z', ignore_malformed: true },
    d_rfc: { type: 'date', format: 'EEE, dd MMM yyyy HH:mm:ss Z', ignore_malformed: true },
    d_optional: { type: 'date', format: 'uuuu-MM-dd[ HH:mm[:ss]][XXX]', ignore_malformed: true },
    d_ampm: { type: 'date', format: 'MMM d, yyyy h:mm:ss a||epoch_second', ignore_malformed: true },
    d_zone: { type: 'date', format: "yyyy-MM-dd'T'HH:mm:ss.SSS VV", ignore_malformed: true },
    d_named: { type: 'date', format: 'strict_date_time_no_millis||basic_date_time||date_hour_minute', ignore_malformed: true },
    // Impossible days: strict_date is LENIENT (rolls over), strict_date_hour… SMART (clamps), the rest STRICT (refuse).
    d_day: { type: 'date', format: 'strict_date', ignore_malformed: true },
    dn_day: { type: 'date_nanos', format: 'strict_date', ignore_malformed: true },
    d_hms: { type: 'date', format: 'strict_date_hour_minute_second', ignore_malformed: true },
    d_hour: { type: 'date', format: 'strict_date_hour||strict_date_hour_minute', ignore_malformed: true },
    d_chain: { type: 'date', format: 'date||strict_date', ignore_malformed: true },
    ip: { type: 'ip' },
    ip_im: { type: 'ip', ignore_malformed: true },
    ul: { type: 'unsigned_long' },
    ul_im: { type: 'unsigned_long', ignore_malformed: true },
    ul_strict: { type: 'unsigned_long', coerce: false, ignore_malformed: true },
  },
} as const;

/** The fields of the index. */
export type DatesField = keyof typeof datesMappings.properties;

const days = ['2020-01-01', '2020-03-29', '2020-10-25', '1970-01-01', '2018-11-04', '2021-02-28'];
const hours = ['00', '01', '02', '03', '09', '10', '23'];
const minutes = ['00', '30', '59'];
const zones = [
  'Z', 'UTC', 'UT', 'GMT', 'GMT0', 'UTC0', '+01:00', '+0100', '+01', '+01:00:30', '-05:00', '-0500', '+05:30', '-18:00', '+18:00',
  'Europe/Paris', 'America/New_York', 'America/Sao_Paulo', 'Etc/GMT-1', 'Etc/GMT+5', 'Asia/Kolkata', 'Australia/Lord_Howe', 'CET', 'US/Eastern',
  'UTC+01:00', 'GMT+01:00', 'UT+01', 'UTC-05:00', 'Zulu',
  // refused by the engine
  'EST', 'europe/paris', 'GMT+1', 'Z[Europe/Paris]', '+010030', '+19:00',
];

const isoDate: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...days) },
  { weight: 1, arbitrary: fc.constantFrom('2020', '2020-01', '+10000-01-01', '-10000-01-01', '0000-01-01', '99999-01-01', '+2020-01-01', '2020-1-1', '2020-02-30', '1900-01-01') },
  { weight: 1, arbitrary: fc.constantFrom('2021-02-29', '2020-04-31', '2020-02-31', '2020-13-01', '2020-02-00', '2020-02-32', '2020-02-29', '2020-03-01') },
);
const isoTime: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constantFrom(...hours).map((h) => `T${h}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...hours), fc.constantFrom(...minutes)).map(([h, m]) => `T${h}:${m}`) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom(...hours), fc.constantFrom(...minutes), fc.constantFrom('00', '30', '59'), fc.constantFrom('', '', '.5', '.500', ',5', '.123456789', '.1234567891'))
      .map(([h, m, s, f]) => `T${h}:${m}:${s}${f}`),
  },
);
const isoZone: fc.Arbitrary<string> = fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 3, arbitrary: fc.constantFrom(...zones) });

/** ISO-like date strings with zone ids and offsets. */
export const isoDateString: fc.Arbitrary<string> = fc.tuple(isoDate, isoTime, isoZone).map(([d, t, z]) => (t === '' && z !== '' && d.length === 10 ? `${d}T10:00${z}` : `${d}${t}${z}`));

const months = ['Jan', 'Mar', 'Oct', 'Nov', 'Feb'];
const dayOfWeek = ['Wed', 'Sun', 'Mon', 'Tue'];
const offsets = ['+0000', '+0100', '-0500', '+0530', '+01:00', 'Z', '+1900'];

function apache(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom('01', '25', '29', '1', '31'), fc.constantFrom(...months, 'jan', 'Sept'), fc.constantFrom('2020', '2021'), fc.constantFrom(...hours), fc.constantFrom(...minutes), fc.constantFrom(...offsets))
    .map(([d, m, y, h, mi, z]) => `${d}/${m}/${y}:${h}:${mi}:00 ${z}`);
}

function rfc(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...dayOfWeek), fc.constantFrom('01', '29', '25'), fc.constantFrom(...months), fc.constantFrom('2020', '2021'), fc.constantFrom(...hours), fc.constantFrom(...offsets))
    .map(([w, d, m, y, h, z]) => `${w}, ${d} ${m} ${y} ${h}:00:00 ${z}`);
}

function sql(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...days, '2020-02-30', '2020-1-01', '+20200-01-01'), fc.constantFrom(...hours, '24'), fc.constantFrom(...minutes), fc.constantFrom('00', '30', '60'))
    .map(([d, h, m, s]) => `${d} ${h}:${m}:${s}`);
}

function optionalSections(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...days), fc.constantFrom('', ` 10:00`, ` 09:30`, ` 10:00:30`, ' 10'), fc.constantFrom('', '', '+01:00', 'Z', '-05:00', '+0100'))
    .map(([d, t, z]) => `${d}${t}${z}`);
}

function ampm(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...months), fc.constantFrom('1', '25', '01'), fc.constantFrom('2020'), fc.constantFrom('1', '9', '10', '11', '12', '0', '13'), fc.constantFrom('00', '30'), fc.constantFrom('AM', 'PM', 'pm'))
    .map(([m, d, y, h, mi, a]) => `${m} ${d}, ${y} ${h}:${mi}:00 ${a}`);
}

function zoned(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...days), fc.constantFrom(...hours), fc.constantFrom(...minutes), fc.constantFrom('Europe/Paris', 'America/New_York', 'UTC', 'Z', '+01:00', 'Asia/Kolkata', 'America/Sao_Paulo', 'GMT+01:00', 'Etc/GMT-1'))
    .map(([d, h, m, z]) => `${d}T${h}:${m}:00.000 ${z}`);
}

function named(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(fc.constantFrom(...days), fc.constantFrom(...hours), fc.constantFrom(...zones.slice(0, 20))).map(([d, h, z]) => `${d}T${h}:00:00${z}`),
    fc.tuple(fc.constantFrom('20200101', '20201025'), fc.constantFrom(...hours), fc.constantFrom('Z', '+0100', 'Europe/Paris')).map(([d, h, z]) => `${d}T${h}0000.000${z}`),
    fc.tuple(fc.constantFrom('2020-01-01', '2020-1-1'), fc.constantFrom('10:00', '9:30', '10:00:00')).map(([d, t]) => `${d}T${t}`),
  );
}

/** Days past the month's end, day 00 or 32, month 00 or 13, and the days they roll over or clamp to. */
const impossibleDays = ['2020-02-30', '2021-02-29', '2020-04-31', '2020-02-31', '2020-02-32', '2020-02-00', '2020-13-01', '2020-00-10'];
const rolledDays = ['2020-03-01', '2020-02-29', '2021-03-01', '2021-02-28', '2020-05-01', '2020-04-30', '2020-03-02', '2020-03-03', '2020-01-31', '2021-01-01', '2019-12-10'];
const rolloverDay = fc.constantFrom(...impossibleDays, ...rolledDays);

function rolloverValue(field: DatesField): fc.Arbitrary<Json> {
  switch (field) {
    case 'd_hms':
      return fc.tuple(rolloverDay, fc.constantFrom('10:00:00', '23:59:59', '00:00:00')).map(([d, t]) => `${d}T${t}`);
    case 'd_hour':
      return fc.tuple(rolloverDay, fc.constantFrom('T10', 'T10:30', 'T23', 'T00:00')).map(([d, t]) => `${d}${t}`);
    default:
      return fc.oneof({ weight: 4, arbitrary: rolloverDay }, { weight: 1, arbitrary: fc.constantFrom<Json>('2020-2-30', '2020-02-30T10:00:00Z', '20200230', 2020) });
  }
}

const epochMillis = fc.constantFrom('1577872800000', '1577869200000', '0', '1577836800000', '-1');

/** One document value for a date field. */
export function dateValue(field: DatesField): fc.Arbitrary<Json> {
  switch (field) {
    case 'd':
    case 'd_im':
    case 'dn':
    case 'dn_im':
      return fc.oneof({ weight: 9, arbitrary: isoDateString }, { weight: 1, arbitrary: epochMillis }, { weight: 1, arbitrary: fc.constantFrom<Json>(2020, 1577872800000, null) });
    case 'd_lenient':
      return fc.oneof(isoDateString, fc.constantFrom('2020-1-1T1:2:3', '2020-01-01T10:00Europe/Paris', '99999-01-01', '2020-1-1'), epochMillis);
    case 'd_sql':
      return sql();
    case 'd_apache':
      return apache();
    case 'd_rfc':
      return rfc();
    case 'd_optional':
      return optionalSections();
    case 'd_ampm':
      return fc.oneof(ampm(), fc.constantFrom('1577872800', '1577869200'));
    case 'd_zone':
      return zoned();
    case 'd_named':
      return named();
    case 'd_day':
    case 'dn_day':
    case 'd_hms':
    case 'd_hour':
    case 'd_chain':
      return rolloverValue(field);
    default:
      return fc.constant(null);
  }
}

/** Filters for date fields: the same pools, spelled the ways filters are. */
export function dateFilters(field: DatesField): readonly string[] {
  const iso: string[] = [];
  for (const day of days) {
    iso.push(day);
    for (const hour of ['09', '10', '01', '00', '02']) {
      iso.push(`${day}T${hour}`, `${day}T${hour}:00`, `${day}T${hour}:30:00`, `${day}T${hour}:00:00Z`, `${day}T${hour}:00:00+0100`, `${day}T${hour}:00:00+01:00`, `${day}T${hour}+01`);
    }
  }
  iso.push('2020-02-30', '2021-02-29', '2020-13-01', '2020-02-29', '2020-03-01', '2021-03-01', '2020-02-30T10:00:00Z');
  iso.push('2020-01-01T08:59:30Z', '2020-01-01T10:00:00+01:00:30', '2020-01-01T15:00Z', '2020', '2020-01', '1577872800000', '1577869200000', '2020-01-01T10:00:00Europe/Paris', '2020-01-01T10:00:00.500Z', '2020-01-01T10:00:00,5Z');
  switch (field) {
    case 'd':
    case 'd_im':
    case 'dn':
    case 'dn_im':
    case 'd_lenient':
      return iso;
    case 'd_sql':
      return days.flatMap((d) => hours.map((h) => `${d} ${h}:00:00`));
    case 'd_apache':
      return ['01/Jan/2020:10:00:00 +0100', '01/Jan/2020:09:00:00 +0000', '25/Oct/2020:01:00:00 +0000', '29/Mar/2020:02:00:00 +0100', '01/Jan/2020:10:00:00 +0000'];
    case 'd_rfc':
      return ['Wed, 01 Jan 2020 10:00:00 +0100', 'Wed, 01 Jan 2020 09:00:00 +0000', 'Sun, 25 Oct 2020 01:00:00 +0000', 'Tue, 01 Jan 2020 10:00:00 +0000'];
    case 'd_optional':
      return ['2020-01-01', '2020-01-01 10:00', '2020-01-01 09:00+01:00', '2020-01-01 10:00:30', '2020-03-29 01:00Z', '2020-10-25'];
    case 'd_ampm':
      return ['Jan 1, 2020 10:00:00 AM', 'Jan 1, 2020 11:00:00 PM', 'Mar 25, 2020 1:30:00 PM', '1577872800'];
    case 'd_zone':
      return ['2020-01-01T09:00:00.000 Z', '2020-01-01T10:00:00.000 +01:00', '2020-03-29T01:30:00.000 UTC', '2020-10-25T00:30:00.000 Z'];
    case 'd_day':
    case 'dn_day':
    case 'd_chain':
      return [...impossibleDays, ...rolledDays, '2020-2-30'];
    case 'd_hms':
      return [...impossibleDays, ...rolledDays].map((d) => `${d}T10:00:00`);
    case 'd_hour':
      return [...impossibleDays, ...rolledDays].flatMap((d) => [`${d}T10`, `${d}T10:30`]);
    case 'd_named':
      return ['2020-01-01T09:00:00Z', '2020-01-01T10:00:00+01:00', '20200101T090000.000Z', '2020-01-01T10:00', '2020-1-1T9:30'];
    default:
      return [];
  }
}

/** IP document values: Unicode digits, fullwidth hex, scope ids, malformed. */
export const ipValue: fc.Arbitrary<Json> = fc.constantFrom<Json>(
  '10.0.0.1', '١٠.0.0.1', '１０.0.0.1', '::ffff:ａ00:1', '١٠.٠.٠.١', '٠1.0.0.1', '1.0.0.1', 'fe80::1', 'fe80::1%eth0', 'fe80::1%1', 'ＦＥ80::1', 'fe80::1%eth0%1',
  'fe80::1%', '10.0.0.1%eth0', '::ffff:10.0.0.1%1', '::１', '::1', '0１.0.0.1', '10.0.0.01', '𝟏0.0.0.1', 'fe80::0001', 'FE80:0:0:0:0:0:0:1', null,
);

/** IP filters. */
export const ipFilters: readonly string[] = ['10.0.0.1', 'fe80::1', 'fe80::1%eth0', 'fe80::1%1', '::1', '1.0.0.1', '::ffff:10.0.0.1', '١٠.0.0.1', '10.0.0.1%1', 'fe80::1%'];

/** unsigned_long document values: negative fractions, signs, exponents, Unicode digits, strings under coerce: false. */
export const unsignedValue: fc.Arbitrary<Json> = fc.constantFrom<Json>(
  -0.5, '-0.9', -0, 0, '0', '-0', '-0.0', -1e-10, 5, '5', '+5', '5.0', '5e0', 200, 200.7, '200.7', '200', '-1', -1.5, '١٠', 10, ' 5', '', null,
  9223372036854775807n, 18446744073709551615n, '18446744073709551615', 18446744073709551616n,
);

/** unsigned_long filters. */
export const unsignedFilters: readonly string[] = ['0', '5', '+5', '10', '200', '18446744073709551615', '5.0', '-0', '9223372036854775807', '1.5', '+0'];
