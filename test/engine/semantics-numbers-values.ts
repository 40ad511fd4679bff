/**
 * Generators for the number-spelling engine suite: documents written as
 * exact JSON text whose numbers are spelled the ways `JSON.parse` forgets
 * (`5.0`, `1e3`, `1E+21`, `-0`, `-0.0`, `0.10`, 2^53+1, huge exponents), on
 * every field type that reads a number token, and the filters that ask for
 * them. Documents are trees whose numbers are `JsonNumber`s, written to text
 * by `writeJsonText` (each number as its own spelling) and sent to `_bulk`
 * as that text.
 */
import fc from 'fast-check';
import type { Client } from '@opensearch-project/opensearch';
import { isJsonNumber, jsonNumber, jsonNumberText } from '../../src/access/documents/json-number.js';
import type { JsonNumber } from '../../src/access/documents/json-number.js';
import { parseJsonDocument } from '../../src/access/documents/parse-json-document.js';
import { bulkIndexTexts } from './engine.js';

/** The index: one field per type and setting that reads a number token. */
export const numbersMappings = {
  dynamic: false,
  properties: {
    k: { type: 'keyword' },
    k_lc: { type: 'keyword', normalizer: 'lowercase' },
    w: { type: 'wildcard', doc_values: false },
    w_dv: { type: 'wildcard', doc_values: true },
    fo: { type: 'flat_object' },
    l: { type: 'long' },
    l_nv: { type: 'long', null_value: 0, ignore_malformed: true },
    l_nc: { type: 'long', coerce: false, ignore_malformed: true },
    ul: { type: 'unsigned_long', ignore_malformed: true },
    i: { type: 'integer' },
    i_nc: { type: 'integer', coerce: false, ignore_malformed: true },
    d: { type: 'double' },
    d_nv: { type: 'double', null_value: 0, ignore_malformed: true },
    f: { type: 'float', ignore_malformed: true },
    hf: { type: 'half_float', ignore_malformed: true },
    sf: { type: 'scaled_float', scaling_factor: 100, ignore_malformed: true },
    dt: { type: 'date', format: 'epoch_millis', ignore_malformed: true },
    dt_default: { type: 'date', ignore_malformed: true },
  },
} as const;

/** The mapped fields of the index. */
export type NumbersField = keyof typeof numbersMappings.properties;

/** A document tree whose numbers keep their spelling. */
export type SpelledJson = null | boolean | string | JsonNumber | SpelledJson[] | { [key: string]: SpelledJson };

/** Spellings that `JSON.parse` cannot tell apart, or reads inexactly, and their neighbours. */
export const spellings: readonly string[] = [
  '5', '5.0', '5.00', '5e0', '5E0', '0.5e1', '50e-1',
  '1000', '1e3', '1E3', '1e+3', '1E+3', '1000.0', '1.0E3', '1000.5',
  '1e21', '1E+21', '1e+21', '1.0E21', '1000000000000000000000',
  '0', '-0', '0.0', '-0.0', '0e0', '-0e0', '-0.5', '-0.9', '-1.5',
  '0.1', '0.10', '0.100', '1e-1', '0.30000000000000004',
  '9007199254740992', '9007199254740993', '9007199254740993.0', '9007199254740994', '9.007199254740993e15',
  '9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809',
  '18446744073709551615', '18446744073709551616', '123456789012345678901234567890',
  '2147483647', '2147483648', '2147483647.5', '-2147483648', '-2147483648.5',
  '1e400', '-1e400', '1e-400', '1e39', '3.4028235e38',
  '12345678.9', '1.23456789E7', '1.005', '1.235', '200.125', '200.1', '65504', '65520', '70000',
  '1500000000000', '1.5e12', '1500000000000.0', '1500000000000.5', '1.5E12', '15e11', '-1', '0.001',
  '123', '123.0', '1.23e2', '12300e-2',
];

/** Numbers spelled at random: sign, integer digits, fraction (trailing zeros too), exponent (either case, sign). */
const randomSpelling: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '', '-'),
    fc.oneof(fc.constant('0'), fc.stringMatching(/^[1-9][0-9]{0,20}$/)),
    fc.oneof(fc.constant(''), fc.stringMatching(/^\.[0-9]{1,4}$/)),
    fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.stringMatching(/^[eE][+-]?[0-9]{1,2}$/) }),
  )
  .map(([sign, whole, fraction, exponent]) => `${sign}${whole}${fraction}${exponent}`);

/** A number token: mostly from the pool, sometimes random. */
export const numberSpelling: fc.Arbitrary<JsonNumber> = fc
  .oneof({ weight: 4, arbitrary: fc.constantFrom(...spellings) }, { weight: 1, arbitrary: randomSpelling })
  .map((text) => jsonNumber(text));

/** A field value: a number, sometimes a numeric string or an array of numbers. */
export function fieldValue(field: NumbersField): fc.Arbitrary<SpelledJson> {
  const scalar: fc.Arbitrary<SpelledJson> = fc.oneof(
    { weight: 8, arbitrary: numberSpelling },
    { weight: 1, arbitrary: fc.constantFrom(...spellings) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  const leaf = fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { minLength: 1, maxLength: 3 }) });
  // flat_object: numbers under a key, sometimes two keys or one level deeper.
  if (field === 'fo') {
    return fc.oneof(
      leaf.map((x) => ({ x })),
      fc.tuple(leaf, leaf).map(([x, y]) => ({ x, y })),
      leaf.map((x) => ({ x: { z: x } })),
    );
  }
  return leaf;
}

/** Documents with one to three of the fields. */
export function documentArbitrary(fields: readonly NumbersField[]): fc.Arbitrary<Record<string, SpelledJson>> {
  return fc
    .subarray([...fields], { minLength: 1, maxLength: 3 })
    .chain((picked) => fc.tuple(...picked.map((field) => fieldValue(field).map((value) => [field, value] as const))))
    .map((entries) => Object.fromEntries(entries) as Record<string, SpelledJson>);
}

/** JSON text with every `JsonNumber` written as its own spelling. */
export function writeJsonText(value: SpelledJson): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (isJsonNumber(value)) return jsonNumberText(value);
  if (Array.isArray(value)) return `[${value.map(writeJsonText).join(',')}]`;
  return `{${Object.entries(value)
    .map(([key, item]) => `${JSON.stringify(key)}:${writeJsonText(item)}`)
    .join(',')}}`;
}

/** The same tree with every `JsonNumber` replaced by its text: the "exact match" oracle's view (a leaf's JSON text). */
export function numbersAsText(value: unknown): unknown {
  if (isJsonNumber(value)) return jsonNumberText(value);
  if (Array.isArray(value)) return value.map(numbersAsText);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, numbersAsText(item)]));
  return value;
}

/** A document sent as exact JSON text, and that text read back by `parseJsonDocument`. */
export interface TextDocument {
  readonly id: string;
  readonly text: string;
  readonly source: Record<string, never>;
}

/**
 * Indexes documents from their exact JSON text (the bulk body is built from
 * the text, never re-serialized), with `refresh: true`; a refused document is
 * recorded, not fatal.
 */
export async function bulkIndexText(
  client: Client,
  index: string,
  documents: ReadonlyArray<{ readonly id: string; readonly text: string }>,
): Promise<{ indexed: TextDocument[]; rejected: Array<{ id: string; text: string; reason: string }> }> {
  const refusals = await bulkIndexTexts(client, index, documents);
  const indexed: TextDocument[] = [];
  const rejected: Array<{ id: string; text: string; reason: string }> = [];
  documents.forEach((document, position) => {
    const reason = refusals[position];
    if (reason === undefined) indexed.push({ ...document, source: parseJsonDocument(document.text) as Record<string, never> });
    else rejected.push({ ...document, reason });
  });
  return { indexed, rejected };
}
