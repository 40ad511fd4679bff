/**
 * Adversarial values per field of the all-types index: what documents hold
 * and what filters ask for. Documents and filters draw from overlapping
 * pools so that matches are common and near-misses (case, whitespace,
 * number spelling, rounding, CIDR, wildcards) are everywhere.
 */
import type { FilterableField } from './all-types-index.js';

/** A JSON value as it goes into `_source`; a bigint is written as plain digits (a long beyond 2^53). */
export type Json = null | boolean | number | bigint | string | Json[] | { [key: string]: Json };

/** Strings that stress keyword-like fields: case folding that differs between Java and JS, combining marks, wildcards, lengths around `ignore_above`. */
export const adversarialStrings: readonly string[] = [
  'Acme',
  'acme',
  'ACME',
  'Acme Corp',
  'acme corp',
  ' Acme',
  'Acme ',
  'a',
  'b',
  '*',
  'ac*',
  'a?c',
  '?',
  'é',
  'e\u0301',
  'ß',
  'SS',
  'ss',
  '\u0130', // İ: Java lowercases to i, JS to i + combining dot
  'i',
  '\u0130stanbul',
  '\u0391\u03a3', // ΑΣ: JS applies the final-sigma rule, Java does not
  '\u03b1\u03c3',
  '\u03b1\u03c2',
  '\u01c5', // ǅ (title case)
  '\u01c6',
  '\u212a', // Kelvin sign
  'k',
  '12345',
  '123456',
  '5',
  '5.0',
  'true',
  'NULL',
  '',
  ' ',
  '\u{1f600}',
  '\u{1f600}\u{1f600}\u{1f600}', // 6 UTF-16 units, 3 code points: ignore_above counts units
  'abcde',
  'abcdef',
  'Acme Corp Industries',
  'Acme Corp Industries!',
  'tab\there',
  'line\nbreak',
];

const messages: readonly string[] = [
  'Acme Corp',
  'acme',
  'Quick Fox',
  'quick',
  'The QUICK brown fox',
  'fox',
  'Acme Corp Industries',
  'Acme Corp Industries!',
  'error: disk full',
  'error',
  '',
];

const integerDocValues: readonly Json[] = [200, 1.9, -1.9, 0, 1, -1, 127, 128, -128, -129, 32767, 32768, 2147483647, 2147483648, '200', '1.5', '-7', 1e2];
const longDocValues: readonly Json[] = [200, 1.9, 0, -1, 9007199254740991, 9007199254740992, -9007199254740992, 1e15, '9007199254740993', 9007199254740993n, 9223372036854775807n, -9223372036854775808n, '9223372036854775807', '200', 7];
const doubleDocValues: readonly Json[] = [0, 0.1, 200.1, 1e308, -1.5, 5e-324, '0.1', 1 / 3, 200.125, 2, -0.5];
const floatDocValues: readonly Json[] = [0, 0.1, 200.1, 16777217, 3.4028234663852886e38, 1e39, 0.30000000000000004, -2.5];
const halfDocValues: readonly Json[] = [200.1, 200.125, 200.0625, 200, 65504, 65520, 0.1, 1e-8, 2049, -0.5];
const scaledDocValues: readonly Json[] = [1.23, 1.234, 1.235, 1.225, 0.005, -1.005, 0.1, 100, '1.23', 2.675];
const unsignedDocValues: readonly Json[] = [0, 200, 1, 18446744073709551615n, 9007199254740993n, '18446744073709551615', '9223372036854775808', 200.5, -1, 9007199254740992, 9223372036854775807n, 10000000000000000000n];
const booleanDocValues: readonly Json[] = [true, false, 'true', 'false', ''];
// Today and yesterday (UTC) give the date-math filters something to find, so
// that rejecting them is shown to be right rather than assumed.
const now = Date.now();
const dateDocValues: readonly Json[] = [
  new Date(now).toISOString(),
  new Date(now - 86_400_000).toISOString(),
  '2020-01-01T13:45:00Z',
  '2020-01-01',
  '2020-03-05',
  '2020',
  1577836800000,
  '1577836800000',
  '2020-01-01T00:00:00.000Z',
  '2020-01-01T23:59:59.999Z',
  '2020-01-02T00:30:00+01:00',
  '1995-07-01T00:00:01Z',
  0,
];
const ipDocValues: readonly Json[] = ['192.168.1.7', '10.0.0.1', '::ffff:10.0.0.1', '10.1.2.3', '2001:db8::1', '::1', '0.0.0.0', '255.255.255.255', '192.168.0.0'];

/** Values a document may hold for each scalar field (the structured ones are built in `document-arbitrary.ts`). */
export const documentValues = {
  kw: adversarialStrings,
  kw_lower: adversarialStrings,
  kw_custom_lower: adversarialStrings,
  kw_short: adversarialStrings,
  kw_null: adversarialStrings,
  message: messages,
  body: messages,
  long_f: longDocValues,
  long_null: longDocValues,
  int_f: integerDocValues,
  int_strict: integerDocValues,
  int_lenient: [...integerDocValues, 'abc', true],
  short_f: integerDocValues,
  byte_f: integerDocValues,
  double_f: doubleDocValues,
  float_f: floatDocValues,
  half_f: halfDocValues,
  scaled_f: scaledDocValues,
  ulong_f: unsignedDocValues,
  bool_f: booleanDocValues,
  date_f: dateDocValues,
  ip_f: ipDocValues,
  const_f: ['acme'],
  wc_f: adversarialStrings,
  unmapped: ['x', 'Acme', 5],
} satisfies Record<string, readonly Json[]>;

/** A scalar field of {@link documentValues}. */
export type ScalarDocumentField = keyof typeof documentValues;

const integerFilters = ['200', '200.0', '2e2', ' 200', '+200', '1', '1.5', '1.9', '0', '-0', '-1', '127', '128', '-129', '32767', '32768', '2147483647', '2147483648', '3000000000', '0x10', 'abc', '', '200f', 'NaN', 'Infinity', '7', '100'];
const longFilters = [...integerFilters, '9007199254740993', '9007199254740992', '9007199254740991', '9223372036854775807', '9223372036854775808', '200.000000000000000001', '1e15'];
const doubleFilters = ['0', '-0', '0.1', '0.1000000001', '200.1', '200.125', '1e308', '1e309', '5e-324', '-1.5', ' 0.1', '0.3333333333333333', '2', '2.0', 'NaN', '-0.5'];
const floatFilters = ['0', '0.1', '0.1000000001', '200.1', '16777217', '16777216', '3.4028235e38', '1e39', '0.3', '-2.5'];
const halfFilters = ['200.1', '200.125', '200.0625', '200', '65504', '65520', '70000', '0.1', '0', '2049', '2048', '-0.5'];
const scaledFilters = ['1.23', '1.234', '1.235', '1.225', '1.24', '0.005', '0.01', '-1.005', '-1', '-1.01', '0.1', '100', '2.675', '2.68', '2.67'];
const unsignedFilters = [
  '0', '200', '200.0', '\u0662\u0660\u0660', '18446744073709551615', '18446744073709551616', '9223372036854775808', '-1', '+200', '2e2', '1', '9007199254740992', '9007199254740993',
  // Read as OpenSearch reads a term (parseDouble, then BigDecimal): signs, exponents, digits beyond a double's precision, Java-only spellings.
  '-0', '-0.0', '200.5', '200.0000000000000000001', '18446744073709551615.5', '9223372036854775807', '1e19', '2e19', 'NaN', 'Infinity', ' 200', '200f', '0x10',
];
const booleanFilters = ['true', 'false', 'True', '', '1', '0', 'FALSE'];
const dateFilters = [
  '2020-01-01',
  '2020',
  '2020-01',
  '2020-03-05',
  '1577836800000',
  '2020-01-01T13:45:00Z',
  '2020-01-01T13:45:00.000Z',
  '2020-01-01T14:45:00+01:00',
  '2020-01-01T23:59:59.999Z',
  '2020-01-02',
  'now/d',
  'now-1d/d',
  '2020-01-01||+1d',
  '01/01/2020',
  '1995-07-01',
  '0',
  '1970-01-01',
];
const ipFilters = ['192.168.1.7', '192.168.0.0/16', '10.0.0.1', '::ffff:10.0.0.1', '::FFFF:10.0.0.1', '10.0.0.256', '2001:db8::1', '2001:0db8:0:0::0001', '::1', '10.0.0.0/8', 'abc', '0.0.0.0', '192.168.0.0', '010.000.000.001'];
const constantFilters = ['acme', '*', 'ac*', 'a?me', 'ACME', 'acm', 'acme*', '?cme', ''];
const flatFilters = ['5', '5.0', 'x', 'y', 'a', 'b', 'z', 'true', 'Acme', ''];
const skuFilters = ['A-1', 'B-2', 'a-1', 'C-3', ''];
const objFilters = ['x', 'y', 'X', '5', '1', '2'];

/** Filter values per filterable field, beyond the document values of that field. */
export const filterValues: Readonly<Record<FilterableField, readonly string[]>> = {
  kw: adversarialStrings,
  kw_lower: adversarialStrings,
  kw_custom_lower: adversarialStrings,
  kw_short: adversarialStrings,
  kw_null: [...adversarialStrings, 'null'],
  message: [...messages, 'Fox', 'the'],
  'message.keyword': messages,
  body: [...messages, 'brown'],
  long_f: longFilters,
  long_null: longFilters,
  int_f: integerFilters,
  int_strict: integerFilters,
  int_lenient: [...integerFilters, 'true'],
  short_f: integerFilters,
  byte_f: integerFilters,
  double_f: doubleFilters,
  float_f: floatFilters,
  half_f: halfFilters,
  scaled_f: scaledFilters,
  ulong_f: unsignedFilters,
  bool_f: booleanFilters,
  date_f: dateFilters,
  ip_f: ipFilters,
  const_f: constantFilters,
  wc_f: adversarialStrings,
  flat_f: flatFilters,
  'flat_f.p': flatFilters,
  'flat_f.q.r': flatFilters,
  'items.sku': skuFilters,
  'items.qty': ['1', '2', '3'],
  'obj.a': objFilters,
  'obj.n': ['1', '2', '5', '5.0'],
  'obj.inner.c': objFilters,
  obj: objFilters,
  'obj.inner': objFilters,
  items: skuFilters,
  unmapped: ['x', 'Acme', '5'],
  'obj.unmapped': ['x'],
};
