/**
 * fast-check arbitraries of adversarial filter values and `_source` leaf
 * values, per field type. Filters and leaves are drawn from one pool of
 * "seed" values per type, spelled in many ways on each side (`200`, `"200.0"`,
 * `" 200"`, `"2e2"`, `"200f"`), so that random filters and random documents
 * collide often enough for agreement tests to see matches, near misses and
 * engine errors alike.
 *
 * Used by the value tests (B2), the compiler tests (B1) and the reference
 * evaluator tests (F).
 */
import fc from 'fast-check';
import type { FieldType } from '../../src/access/mapping/field-types.js';

const STRING_SEEDS: readonly string[] = [
  'Acme', 'acme', 'ACME', 'Acme Corp', 'a', 'b', '', ' ', ' acme', 'acme ',
  '*', 'a*', 'ac*', '?', 'a?c', 'İ', 'i', 'i\u0307', 'ß', 'SS', 'Σ', 'σ', 'ς', 'Ǆ', 'ǅ', 'ǆ',
  '\uD800', '\uFFFD', '😀', 'Ⅻ', 'ⅻ', 'Ａ', 'ａ', 'ა', 'Ა', 'ɤ',
  '5', '5.0', '-0', '0', '1e+21', 'true', 'false', 'null', 'NULL',
];

const INTEGER_SEEDS: readonly number[] = [
  0, 1, -1, 5, 100, 127, 128, -128, -129, 200, 255, 32767, 32768, -32769, 1000,
  2147483647, 2147483648, -2147483648, -2147483649, 2 ** 53, 2 ** 53 + 2, 2 ** 63, -(2 ** 63),
];

const FRACTION_SEEDS: readonly number[] = [
  0.1, 0.5, 1.5, 1.9, -1.9, -0.5, 2.5, -2.5, 1.23, 1.234, 1.235, 200.1, 200.125, 200.0625, 65504, 65520, 70000,
  3.4028235e38, 1e-8, 5e-324, 1e21, 1e300, 0.1000000001, 1.0000000596046448,
];

const BIG_INTEGER_SEEDS: readonly bigint[] = [
  9007199254740993n, 9223372036854775807n, 9223372036854775808n, -9223372036854775808n, -9223372036854775809n,
  18446744073709551615n, 18446744073709551616n,
];

/** A JS number of the interesting kinds for numeric fields: small integers, edges of every integer type, fractions, huge and tiny values, `-0`. */
export const numberSeedArbitrary: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...INTEGER_SEEDS, ...FRACTION_SEEDS, -0) },
  { weight: 2, arbitrary: fc.integer({ min: -300, max: 300 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.float({ noNaN: true, noDefaultInfinity: true }).map((f) => f) },
  { weight: 1, arbitrary: fc.integer({ min: -300, max: 300 }).map((n) => n / 8) },
);

/** The ways a number is spelled as a filter value or a string leaf: exact, with `.0`, an exponent, whitespace, a sign, Java suffixes, hex, Unicode digits. */
export function numberSpellingArbitrary(n: number | bigint): fc.Arbitrary<string> {
  const s = String(n);
  const spellings = [
    s, `${s}.0`, `+${s}`, ` ${s}`, `${s} `, `${s}f`, `${s}d`, `${s}F`, `${s}e0`, `${s}.000000000000000001`,
    typeof n === 'number' ? n.toExponential() : `${s}E0`,
    typeof n === 'number' && Number.isFinite(n) ? n.toPrecision(17) : s,
    typeof n === 'number' && Number.isFinite(n) ? n.toFixed(2) : s,
    s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d))),
    typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 2 ** 31 ? `0x${n.toString(16)}` : s,
    typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 2 ** 31 ? `0x${n.toString(16)}p0` : s,
  ];
  return fc.constantFrom(...spellings);
}

const NUMBER_JUNK: readonly string[] = [
  '', ' ', 'abc', 'NaN', 'Infinity', '-Infinity', '+Infinity', '1_000', '0x10', '1e', 'e1', '.', '-', '+', '1..2',
  '٢٠٠', '２００', '1e400', '-1e400', '1e-400', '0x1p3', '0x1.8p1', '0X1P-2', '.5', '5.', '-.5', '00200', '1,5', '1 000',
  '200.0', '2e2', '200f', ' 200', '200.5', '9223372036854775808', '18446744073709551616', '-0', '-0.0', '1.5', '3000000000',
];

function numericFilter(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: numberSeedArbitrary.chain(numberSpellingArbitrary) },
    { weight: 2, arbitrary: fc.constantFrom(...BIG_INTEGER_SEEDS).chain(numberSpellingArbitrary) },
    { weight: 2, arbitrary: fc.constantFrom(...NUMBER_JUNK) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  );
}

function numericLeaf(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: numberSeedArbitrary },
    { weight: 3, arbitrary: numberSeedArbitrary.chain(numberSpellingArbitrary) },
    { weight: 1, arbitrary: fc.constantFrom(...BIG_INTEGER_SEEDS) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, false, '', 'NaN', 'Infinity', '1e400', Number.NaN, Infinity) },
    { weight: 1, arbitrary: fc.constantFrom(...NUMBER_JUNK) },
  );
}

const DATE_FILTERS: readonly string[] = [
  '2020', '2020-01', '2020-01-01', '2020-03-05', '2020-01-01T13', '2020-01-01T13:45', '2020-01-01T13:45:00',
  '2020-01-01T13:45:00Z', '2020-01-01T13:45:00.000Z', '2020-01-01T13:45:00.123', '2020-01-01T13:45:00.123456789Z',
  '2020-01-01T13:45:00+01:00', '2020-01-01T13:45:00-0130', '2020-01-01T', '2020-01-01T13:45:00,5Z',
  '2020-02-29', '2021-02-29', '2020-02-30', '2020-13-01', '2020-01-01T24:00', '2020-01-01T23:59:60Z', '2020-1-1',
  '1577836800000', '1577836800001', '1577836799999', '0', '-1', '123', '20200', '1577836800', '2020-01-01 13:45:00',
  'now', 'now-1d', '2020-01-01||+1d', 'now/d', '', 'abc', '2020-01-01T13:45:00Europe/Paris', '+002020-01-01',
];

const DATE_LEAVES: readonly unknown[] = [
  '2020-01-01T13:45:00Z', '2020-01-01T00:00:00Z', '2020-01-01T23:59:59.999Z', '2020-01-02T00:00:00Z',
  '2019-12-31T23:59:59.999Z', '2020-01-01T00:00:00.000000001Z', '2020-01-01T13:45:00.123456Z', '2020-03-05',
  '2020-01-01', '2020', '2020-01', '2020-01-01T13:45', '2020-01-01T14:45:00+01:00', '2020-01-01T13:45:00.123+00:00',
  1577836800000, 1577836800001, 1577836799999, 1577882700000, 2020, 0, -1, 1577836800000.5, '1577836800000',
  '2020-02-30', '', 'abc', null, true, 1e21, '2020-01-01T13:45:00.123456789Z',
];

const IP_VALUES: readonly string[] = [
  '192.168.1.7', '192.168.0.0/16', '10.0.0.1', '::ffff:10.0.0.1', '::FFFF:10.0.0.1', '::ffff:a00:1', '::10.0.0.1',
  '0:0:0:0:0:ffff:a00:1', '10.0.0.256', '010.0.0.1', '10.0.0', '1.2.3.4.5', '::1', '0:0:0:0:0:0:0:1', '::',
  '2001:db8::1', '2001:DB8:0:0:0:0:0:1', '2001:db8:0:0:0:0:0:1', '2001:0db8::0001', '2001:db8::00001', '1::2::3',
  'fe80::1%eth0', '::ffff:1.2.3', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::', '::2:3:4:5:6:7:8',
  '', ' 10.0.0.1', '١٠.٠.٠.١', '0.0.0.0', '255.255.255.255',
];

const BOOLEAN_FILTERS: readonly string[] = ['true', 'false', 'True', 'FALSE', '', '1', '0', 'yes', ' true'];
const BOOLEAN_LEAVES: readonly unknown[] = [true, false, 'true', 'false', '', 'True', 1, 0, null, 'off'];

/** A string leaf or filter drawn from the keyword seed pool or at random (unicode included). */
export const keywordStringArbitrary: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...STRING_SEEDS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);

function keywordLeaf(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: keywordStringArbitrary },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(5, 5.5, -0, 0, 1e21, 5n, true, false, null, Number.NaN) },
  );
}

/**
 * Adversarial filter values for a field type: valid values, other spellings
 * of them, and values the engine rejects.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(filterValueArbitrary({ type: 'ip' }), (v) => { ... }));
 * ```
 */
export function filterValueArbitrary(type: FieldType): fc.Arbitrary<string> {
  switch (type.type) {
    case 'keyword':
    case 'wildcard':
    case 'flattened':
    case 'flat_object':
    case 'text':
    case 'match_only_text':
    case 'unsupported':
      return keywordStringArbitrary;
    case 'constant_keyword':
      return fc.oneof(
        fc.constantFrom('*', 'ac*', '*e', 'a*e', '?', 'acm?', 'acme', 'Acme', ''),
        type.value === undefined ? keywordStringArbitrary : fc.constant(type.value),
        keywordStringArbitrary,
      );
    case 'long':
    case 'integer':
    case 'short':
    case 'byte':
    case 'double':
    case 'float':
    case 'half_float':
    case 'scaled_float':
    case 'unsigned_long':
      return numericFilter();
    case 'boolean':
      return fc.constantFrom(...BOOLEAN_FILTERS);
    case 'date':
    case 'date_nanos':
      return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...DATE_FILTERS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
    case 'ip':
      return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...IP_VALUES) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });
    default:
      return unreachable(type);
  }
}

/**
 * Adversarial `_source` leaf values for a field type: JS scalars (string,
 * number, boolean, bigint) and `null`, including other spellings of the
 * filter seeds (numbers as strings, `-0`, huge integers, unicode, `""`).
 *
 * @example
 * ```ts
 * fc.array(leafValueArbitrary({ type: 'long' }), { maxLength: 3 })
 * ```
 */
export function leafValueArbitrary(type: FieldType): fc.Arbitrary<unknown> {
  switch (type.type) {
    case 'keyword':
    case 'wildcard':
    case 'flattened':
    case 'flat_object':
    case 'text':
    case 'match_only_text':
    case 'unsupported':
    case 'constant_keyword':
      return keywordLeaf();
    case 'long':
    case 'integer':
    case 'short':
    case 'byte':
    case 'double':
    case 'float':
    case 'half_float':
    case 'scaled_float':
    case 'unsigned_long':
      return numericLeaf();
    case 'boolean':
      return fc.constantFrom(...BOOLEAN_LEAVES);
    case 'date':
    case 'date_nanos':
      return fc.constantFrom(...DATE_LEAVES);
    case 'ip':
      return fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...IP_VALUES) },
        { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 167772161, true, '') },
      );
    default:
      return unreachable(type);
  }
}

/**
 * Field types the compilers emulate, with the options that change matching
 * (normalizer, ignore_above, null_value, coerce, scaling_factor, format).
 * `text`, `match_only_text` and `unsupported` are left out: every term on
 * them is rejected (or redirected to a keyword sub-field by the compiler).
 */
export const fieldTypeArbitrary: fc.Arbitrary<FieldType> = fc.oneof(
  fc.constant<FieldType>({ type: 'keyword' }),
  fc.constant<FieldType>({ type: 'keyword', normalizer: 'lowercase' }),
  fc.constant<FieldType>({ type: 'keyword', ignoreAbove: 5 }),
  fc.constant<FieldType>({ type: 'keyword', nullValue: 'NULL' }),
  fc.constant<FieldType>({ type: 'keyword', normalizer: 'lowercase', ignoreAbove: 4, nullValue: 'Acme' }),
  fc.constant<FieldType>({ type: 'wildcard' }),
  fc.constant<FieldType>({ type: 'constant_keyword', value: 'acme' }),
  fc.constant<FieldType>({ type: 'constant_keyword' }),
  fc.constantFrom<FieldType>({ type: 'long' }, { type: 'integer' }, { type: 'short' }, { type: 'byte' }),
  fc.constantFrom<FieldType>({ type: 'integer', coerce: false }, { type: 'long', coerce: false }, { type: 'long', nullValue: 0 }),
  fc.constantFrom<FieldType>({ type: 'double' }, { type: 'float' }, { type: 'half_float' }, { type: 'double', coerce: false }),
  fc.constantFrom<FieldType>({ type: 'scaled_float', scalingFactor: 100 }, { type: 'scaled_float', scalingFactor: 10 }),
  fc.constant<FieldType>({ type: 'unsigned_long' }),
  fc.constantFrom<FieldType>({ type: 'boolean' }, { type: 'boolean', nullValue: false }),
  fc.constantFrom<FieldType>({ type: 'date' }, { type: 'date_nanos' }, { type: 'date', format: 'epoch_second' }),
  fc.constantFrom<FieldType>({ type: 'ip' }, { type: 'ip', nullValue: '0.0.0.0' }),
  fc.constantFrom<FieldType>({ type: 'flattened' }, { type: 'flat_object' }),
);

/** A field type together with a filter value and a few leaves of that type (leaves may be `null`). */
export const typedTermCaseArbitrary: fc.Arbitrary<{ type: FieldType; value: string; leaves: unknown[] }> =
  fieldTypeArbitrary.chain((type) =>
    fc.record({
      type: fc.constant(type),
      value: filterValueArbitrary(type),
      leaves: fc.array(leafValueArbitrary(type), { maxLength: 4 }),
    }),
  );

function unreachable(type: never): never {
  throw new TypeError(`Unknown field type: ${JSON.stringify(type)}`);
}
