/**
 * What `indexDocuments` stores: the terms each field gets, per type, from
 * multi-fields and copy_to sources, and under flattened keys.
 */
import { describe, expect, it } from 'vitest';
import type { FieldTypes } from '../../src/access/mapping/field-types.js';
import { indexDocuments } from '../support/reference-evaluator.js';

const termsOf = (source: unknown, fields: FieldTypes, field: string): unknown[] => [
  ...(indexDocuments([{ _id: 'd', _source: source }], fields).documents[0]?.terms.get(field) ?? []),
];

describe('indexed terms', () => {
  it('keyword: normalized text of each scalar, null_value for nulls', () => {
    const fields: FieldTypes = { k: { type: 'keyword', normalizer: 'lowercase', nullValue: 'N/A' } };
    expect(termsOf({ k: ['ÀB', 5, true, null, -0, 1e21] }, fields, 'k')).toEqual(['àb', '5', 'true', 'n/a', '0', '1e+21']);
    // lowercasing is per code point, without locale or context
    expect(termsOf({ k: 'İΣ' }, fields, 'k')).toEqual(['iσ']);
  });

  it('lone surrogates become U+FFFD, as UTF-8 encoding does', () => {
    expect(termsOf({ k: 'a\ud800' }, { k: { type: 'keyword' } }, 'k')).toEqual(['a\ufffd']);
  });

  it('numbers: coerced, truncated, rounded to the type', () => {
    expect(termsOf({ n: ['7', 7.9, -7.9, '', null] }, { n: { type: 'integer', nullValue: 0 } }, 'n')).toEqual([7n, 7n, -7n, 0n, 0n]);
    expect(termsOf({ n: ['2e2', '9223372036854775807'] }, { n: { type: 'long' } }, 'n')).toEqual([200n, 9223372036854775807n]);
    expect(termsOf({ n: [0.1, '0.1'] }, { n: { type: 'float' } }, 'n')).toEqual([Math.fround(0.1), Math.fround(0.1)]);
    expect(termsOf({ n: 200.1 }, { n: { type: 'half_float' } }, 'n')).toEqual([200.125]);
    expect(termsOf({ n: [1.234, 1.235] }, { n: { type: 'scaled_float', scalingFactor: 100 } }, 'n')).toEqual([123n, 124n]);
  });

  it('pins parser quirks the engine has', () => {
    // (int) Double.parseDouble("NaN") is 0 in Java, and the range check lets NaN through
    expect(termsOf({ n: 'NaN' }, { n: { type: 'integer' } }, 'n')).toEqual([0n]);
    // the default format tries strict_date_optional_time first: a bare 4-digit number is a year
    expect(termsOf({ d: 2020 }, { d: { type: 'date' } }, 'd')).toEqual([1577836800000n]);
    expect(termsOf({ d: 20200 }, { d: { type: 'date' } }, 'd')).toEqual([20200n]);
    // wildcard has no immense-term limit
    expect(termsOf({ w: 'a'.repeat(40000) }, { w: { type: 'wildcard' } }, 'w')).toEqual(['a'.repeat(40000)]);
  });

  it('dates as epoch millis (or nanos), ips as 16 bytes in hex', () => {
    expect(termsOf({ d: ['1970-01-01T00:00:01.5Z', 86400000, '1969-12-31T23:59:59.9995Z'] }, { d: { type: 'date' } }, 'd')).toEqual([1500n, 86400000n, -1n]);
    expect(termsOf({ d: '1970-01-01T00:00:00.000000123Z' }, { d: { type: 'date_nanos' } }, 'd')).toEqual([123n]);
    expect(termsOf({ ip: ['1.2.3.4', '::1'] }, { ip: { type: 'ip' } }, 'ip')).toEqual(['00000000000000000000ffff01020304', '00000000000000000000000000000001']);
  });

  it('multi-fields and copy_to targets read their source paths', () => {
    const fields: FieldTypes = {
      title: { type: 'text' },
      'title.raw': { type: 'keyword', sourcePaths: ['title'] },
      all: { type: 'keyword', sourcePaths: ['title', 'body', 'all'] },
    };
    const source = { title: 'Hello World', body: 'b', all: 'own' };
    expect(termsOf(source, fields, 'title')).toEqual(['hello', 'world']);
    expect(termsOf(source, fields, 'title.raw')).toEqual(['Hello World']);
    expect(termsOf(source, fields, 'all')).toEqual(['Hello World', 'b', 'own']);
  });

  it('flattened: every leaf under the root and under root.key', () => {
    const fields: FieldTypes = { labels: { type: 'flattened' } };
    const source = { labels: { a: 'x', b: { c: [1, null] } }, 'labels.d': true };
    expect(termsOf(source, fields, 'labels')).toEqual(['x', '1', 'true']);
    expect(termsOf(source, fields, 'labels.b.c')).toEqual(['1']);
    expect(termsOf(source, fields, 'labels.d')).toEqual(['true']);
  });

  it('text: an approximation of the standard analyzer', () => {
    expect(termsOf({ m: "Don't PANIC: foo.bar 3.14 a_b 漢字 x" }, { m: { type: 'text' } }, 'm')).toEqual(["don't", 'panic', 'foo.bar', '3.14', 'a_b', '漢', '字', 'x']);
  });
});
