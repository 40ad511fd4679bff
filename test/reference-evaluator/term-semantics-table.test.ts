/**
 * Every row of docs/term-semantics.md §7, as the oracle's engine (OpenSearch
 * 2.19, `ENGINE`) answers it: mapping + document + filter → match, none or
 * error. Each row that expects a match also has a near miss that must not
 * match, so a broken oracle cannot pass by matching everything.
 */
import { describe, expect, it } from 'vitest';
import type { FieldTypes } from '../../src/access/mapping/field-types.js';
import { ENGINE, evaluateOnDocs } from '../support/reference-evaluator.js';
import { expectShardError, expectUnsupported, matchesOne, term } from './helpers.js';

const keyword: FieldTypes = { k: { type: 'keyword' } };
const dynamicText: FieldTypes = {
  msg: { type: 'text', keywordSubfield: 'msg.keyword' },
  'msg.keyword': { type: 'keyword', ignoreAbove: 256, sourcePaths: ['msg'] },
};

it('models OpenSearch 2.19 where engines differ', () => {
  expect(ENGINE).toBe('opensearch-2.19');
});

describe('§7 string-like rows', () => {
  it('1-2: keyword is exact and case-sensitive', () => {
    expect(matchesOne(term('k', 'Acme'), { k: 'Acme' }, keyword)).toBe(true);
    expect(matchesOne(term('k', 'acme'), { k: 'Acme' }, keyword)).toBe(false);
  });

  it('3: a lowercase normalizer applies to the document and the query', () => {
    const fields: FieldTypes = { k: { type: 'keyword', normalizer: 'lowercase' } };
    expect(matchesOne(term('k', 'ACME'), { k: 'Acme' }, fields)).toBe(true);
    expect(matchesOne(term('k', 'ACMEE'), { k: 'Acme' }, fields)).toBe(false);
  });

  it('4: a value longer than ignore_above is not indexed', () => {
    const fields: FieldTypes = { k: { type: 'keyword', ignoreAbove: 5 } };
    expect(matchesOne(term('k', 'Acme Corp'), { k: 'Acme Corp' }, fields)).toBe(false);
    expect(matchesOne(term('k', 'Acme'), { k: 'Acme' }, fields)).toBe(true);
    // the document itself is kept: its other values still match
    expect(matchesOne(term('k', 'Acme'), { k: ['Acme Corp', 'Acme'] }, fields)).toBe(true);
  });

  it('5-6: term on text compares with single tokens', () => {
    expect(matchesOne(term('msg', 'Acme Corp'), { msg: 'Acme Corp' }, dynamicText)).toBe(false);
    expect(matchesOne(term('msg', 'acme'), { msg: 'Acme Corp' }, dynamicText)).toBe(true);
    expect(matchesOne(term('msg', 'Acme'), { msg: 'Acme Corp' }, dynamicText)).toBe(false);
  });

  it('7-8: the dynamic .keyword sub-field holds the whole value up to 256 chars', () => {
    expect(matchesOne(term('msg.keyword', 'Acme Corp'), { msg: 'Acme Corp' }, dynamicText)).toBe(true);
    expect(matchesOne(term('msg.keyword', 'acme corp'), { msg: 'Acme Corp' }, dynamicText)).toBe(false);
    const long = 'x'.repeat(300);
    expect(matchesOne(term('msg.keyword', long), { msg: long }, dynamicText)).toBe(false);
    const justFits = 'y'.repeat(256);
    expect(matchesOne(term('msg.keyword', justFits), { msg: justFits }, dynamicText)).toBe(true);
  });

  it('9-10: null_value replaces null and null elements, not [] or a missing field', () => {
    const fields: FieldTypes = { k: { type: 'keyword', nullValue: 'NULL' } };
    expect(matchesOne(term('k', 'NULL'), { k: null }, fields)).toBe(true);
    expect(matchesOne(term('k', 'NULL'), { k: [null] }, fields)).toBe(true);
    expect(matchesOne(term('k', 'NULL'), { k: [] }, fields)).toBe(false);
    expect(matchesOne(term('k', 'NULL'), {}, fields)).toBe(false);
  });

  it('11: a JSON number in a keyword field is indexed as its text', () => {
    expect(matchesOne(term('k', '5'), { k: 5 }, keyword)).toBe(true);
    expect(matchesOne(term('k', '5.0'), { k: 5 }, keyword)).toBe(false);
    expect(matchesOne(term('k', 'true'), { k: true }, keyword)).toBe(true);
  });

  it('12: any array element matches', () => {
    expect(matchesOne(term('k', 'b'), { k: ['a', 'b'] }, keyword)).toBe(true);
    expect(matchesOne(term('k', 'c'), { k: ['a', 'b'] }, keyword)).toBe(false);
  });
});

describe('§7 document-structure rows', () => {
  const source = { a: [{ b: 'x', c: '1' }, { b: 'y', c: '2' }] };
  const both = { bool: { filter: [term('a.b', 'x'), term('a.c', '2')] } };

  it('13: arrays of objects are flattened, so values of different objects combine', () => {
    const fields: FieldTypes = { 'a.b': { type: 'keyword' }, 'a.c': { type: 'keyword' } };
    expect(matchesOne(both, source, fields)).toBe(true);
    expect(matchesOne({ bool: { filter: [term('a.b', 'x'), term('a.c', '3')] } }, source, fields)).toBe(false);
  });

  it('14: a nested field is invisible to a plain term, visible to a nested query per object', () => {
    const fields: FieldTypes = {
      'a.b': { type: 'keyword', nestedPaths: ['a'] },
      'a.c': { type: 'keyword', nestedPaths: ['a'] },
    };
    expect(matchesOne(term('a.b', 'x'), source, fields)).toBe(false);
    expect(matchesOne({ nested: { path: 'a', query: term('a.b', 'x') } }, source, fields)).toBe(true);
    expect(matchesOne({ nested: { path: 'a', query: both } }, source, fields)).toBe(false);
    expect(matchesOne({ nested: { path: 'a', query: { bool: { filter: [term('a.b', 'y'), term('a.c', '2')] } } } }, source, fields)).toBe(true);
  });

  it('15: a dotted key is the same field as nesting', () => {
    const fields: FieldTypes = { 'a.b': { type: 'keyword' } };
    expect(matchesOne(term('a.b', 'x'), { 'a.b': 'x' }, fields)).toBe(true);
    expect(matchesOne(term('a.b', 'x'), { a: { b: 'x' } }, fields)).toBe(true);
    expect(matchesOne(term('a.b', 'x'), { 'a.c': 'x' }, fields)).toBe(false);
  });

  it('16: with a mapping, an unmapped field matches nothing', () => {
    expect(matchesOne(term('z', 'x'), { z: 'x' }, keyword)).toBe(false);
    expect(matchesOne(term('k', 'x'), { k: 'x' }, keyword)).toBe(true);
  });
});

describe('§7 whole-number rows', () => {
  const integer: FieldTypes = { n: { type: 'integer' } };
  const long: FieldTypes = { n: { type: 'long' } };

  it('17: integer queries go through Double.parseDouble', () => {
    for (const v of ['200.0', '2e2', ' 200', '+200', '200d']) expect(matchesOne(term('n', v), { n: 200 }, integer), v).toBe(true);
    expect(matchesOne(term('n', '201'), { n: 200 }, integer)).toBe(false);
  });

  it('18: what parseDouble refuses is a shard error', () => {
    for (const v of ['0x10', 'abc', '', '1_000']) expectShardError(term('n', v), { n: 200 }, integer);
  });

  it('19: document values are coerced (fractions truncated, strings parsed)', () => {
    expect(matchesOne(term('n', '1'), { n: 1.9 }, integer)).toBe(true);
    expect(matchesOne(term('n', '1'), { n: '1.9' }, integer)).toBe(true);
    expect(matchesOne(term('n', '2'), { n: 1.9 }, integer)).toBe(false);
  });

  it('20: a query value with a fraction matches nothing', () => {
    expect(matchesOne(term('n', '1.5'), { n: 1 }, integer)).toBe(false);
    expect(matchesOne(term('n', 'NaN'), { n: 0 }, integer)).toBe(false);
  });

  it('21: beyond the int range is an error on OpenSearch', () => {
    expectShardError(term('n', '3000000000'), { n: 1 }, integer);
  });

  it('22: byte/short values outside their own range but inside int match nothing', () => {
    expect(matchesOne(term('n', '200'), { n: 100 }, { n: { type: 'byte' } })).toBe(false);
    expect(matchesOne(term('n', '100'), { n: 100 }, { n: { type: 'byte' } })).toBe(true);
  });

  it('23: long re-reads the value as a BigDecimal: blanks and suffixes are errors', () => {
    expectShardError(term('n', ' 200'), { n: 200 }, long);
    expectShardError(term('n', '200f'), { n: 200 }, long);
    expect(matchesOne(term('n', '2e2'), { n: 200 }, long)).toBe(true);
  });

  it('24: a fraction lost to double rounding is truncated away', () => {
    expect(matchesOne(term('n', '200.000000000000000001'), { n: 200 }, long)).toBe(true);
  });

  it('25: long is exact beyond 2^53', () => {
    expect(matchesOne(term('n', '9007199254740993'), { n: 9007199254740993n }, long)).toBe(true);
    expect(matchesOne(term('n', '9007199254740992'), { n: 9007199254740993n }, long)).toBe(false);
    expect(matchesOne(term('n', '9007199254740993'), { n: '9007199254740993' }, long)).toBe(true);
  });

  it('26: beyond the long range is an error on OpenSearch', () => {
    expectShardError(term('n', '9223372036854775808'), { n: 1 }, long);
    expect(matchesOne(term('n', '9223372036854775807'), { n: 9223372036854775807n }, long)).toBe(true);
  });
});

describe('§7 floating-point rows', () => {
  it('27: double keeps the sign of zero', () => {
    const fields: FieldTypes = { n: { type: 'double' } };
    expect(matchesOne(term('n', '-0'), { n: 0 }, fields)).toBe(false);
    expect(matchesOne(term('n', '0'), { n: 0 }, fields)).toBe(true);
    // a JS -0 reaches the engine as JSON.stringify writes it: 0
    expect(matchesOne(term('n', '0'), { n: -0 }, fields)).toBe(true);
    expect(matchesOne(term('n', '-0'), { n: -0 }, fields)).toBe(false);
    expect(matchesOne(term('n', '-0.0'), { n: '-0.0' }, fields)).toBe(true);
  });

  it('28-29: float compares after rounding to float, double does not', () => {
    expect(matchesOne(term('n', '0.1000000001'), { n: 0.1 }, { n: { type: 'float' } })).toBe(true);
    expect(matchesOne(term('n', '0.1000001'), { n: 0.1 }, { n: { type: 'float' } })).toBe(false);
    expect(matchesOne(term('n', '0.1000000001'), { n: 0.1 }, { n: { type: 'double' } })).toBe(false);
    expect(matchesOne(term('n', '0.1'), { n: 0.1 }, { n: { type: 'double' } })).toBe(true);
  });

  it('float rounds the decimal text once (Float.parseFloat), on both sides', () => {
    const fields: FieldTypes = { n: { type: 'float' } };
    // 1 + 2^-24 is halfway between the floats 1 and 1 + 2^-23; its text 1.0000000596046448
    // lies just above the midpoint, so Java reads it as 1 + 2^-23 (Math.fround would give 1)
    const midpoint = 1 + 2 ** -24;
    expect(matchesOne(term('n', '1.0000000596046448'), { n: midpoint }, fields)).toBe(true);
    expect(matchesOne(term('n', String(1 + 2 ** -23)), { n: midpoint }, fields)).toBe(true);
    expect(matchesOne(term('n', '1'), { n: midpoint }, fields)).toBe(false);
    // a spelling just below the midpoint reads as 1
    expect(matchesOne(term('n', '1.00000005960464477539'), { n: midpoint }, fields)).toBe(false);
    expect(matchesOne(term('n', '1.00000005960464477539'), { n: 1 }, fields)).toBe(true);
  });

  it('30: half_float rounds both sides to binary16', () => {
    const fields: FieldTypes = { n: { type: 'half_float' } };
    expect(matchesOne(term('n', '200.125'), { n: 200.1 }, fields)).toBe(true);
    expect(matchesOne(term('n', '200'), { n: 200.0625 }, fields)).toBe(true);
    expect(matchesOne(term('n', '200.25'), { n: 200.1 }, fields)).toBe(false);
    expectShardError(term('n', '70000'), { n: 1 }, fields);
  });

  it('31: scaled_float compares scaled longs', () => {
    const fields: FieldTypes = { n: { type: 'scaled_float', scalingFactor: 100 } };
    expect(matchesOne(term('n', '1.234'), { n: 1.23 }, fields)).toBe(true);
    expect(matchesOne(term('n', '1.236'), { n: 1.23 }, fields)).toBe(false);
    // OpenSearch 2.x scales the query through BigDecimal (1.005 × 100 = 100.5 → 101)
    // but the document in double arithmetic (1.005 × 100 = 100.4999… → 100)
    expect(matchesOne(term('n', '1.005'), { n: 1.005 }, fields)).toBe(false);
    expect(matchesOne(term('n', '1'), { n: 1.005 }, fields)).toBe(true);
    expectShardError(term('n', 'NaN'), { n: 1 }, fields);
  });
});

describe('§7 unsigned_long rows (OpenSearch)', () => {
  const fields: FieldTypes = { n: { type: 'unsigned_long' } };
  it('32: "200.0" matches 200', () => {
    expect(matchesOne(term('n', '200.0'), { n: 200 }, fields)).toBe(true);
    expect(matchesOne(term('n', '200.5'), { n: 200 }, fields)).toBe(false);
  });
  it('33: non-ASCII digits are an error', () => {
    expectShardError(term('n', '٢٠٠'), { n: 200 }, fields);
  });
  it('holds values above the long range', () => {
    expect(matchesOne(term('n', '18446744073709551615'), { n: 18446744073709551615n }, fields)).toBe(true);
    expectShardError(term('n', '-1'), { n: 1 }, fields);
  });
});

describe('§7 boolean rows', () => {
  const fields: FieldTypes = { b: { type: 'boolean' } };
  it('34: "true" matches true', () => {
    expect(matchesOne(term('b', 'true'), { b: true }, fields)).toBe(true);
    expect(matchesOne(term('b', 'false'), { b: true }, fields)).toBe(false);
  });
  it('35: anything but exactly true/false is an error', () => {
    for (const v of ['True', '', '1']) expectShardError(term('b', v), { b: true }, fields);
  });
  it('36: an empty string in the document is false', () => {
    expect(matchesOne(term('b', 'false'), { b: '' }, fields)).toBe(true);
    expect(matchesOne(term('b', 'true'), { b: 'true' }, fields)).toBe(true);
  });
});

describe('§7 date rows', () => {
  const fields: FieldTypes = { d: { type: 'date' } };
  it('37: a date-only value matches its whole UTC day', () => {
    expect(matchesOne(term('d', '2020-01-01'), { d: '2020-01-01T13:45:00Z' }, fields)).toBe(true);
    expect(matchesOne(term('d', '2020-01-01'), { d: '2020-01-01T23:59:59.999Z' }, fields)).toBe(true);
    expect(matchesOne(term('d', '2020-01-01'), { d: '2020-01-02T00:00:00Z' }, fields)).toBe(false);
    expect(matchesOne(term('d', '2020-01-01'), { d: '2020-01-01T01:00:00+02:00' }, fields)).toBe(false);
  });
  it('38: a year alone matches only January 1st', () => {
    expect(matchesOne(term('d', '2020'), { d: '2020-03-05' }, fields)).toBe(false);
    expect(matchesOne(term('d', '2020'), { d: '2020-01-01T10:00:00Z' }, fields)).toBe(true);
  });
  it('39: epoch millis work on both sides', () => {
    expect(matchesOne(term('d', '1577836800000'), { d: 1577836800000 }, fields)).toBe(true);
    expect(matchesOne(term('d', '2020-01-01T00:00:00Z'), { d: 1577836800000 }, fields)).toBe(true);
    expect(matchesOne(term('d', '1577836800001'), { d: 1577836800000 }, fields)).toBe(false);
  });
  it('40: date math depends on the clock, so the oracle refuses it', () => {
    expectUnsupported(term('d', 'now-1d'), { d: 1 }, fields);
    expectUnsupported(term('d', '2020-01-01||+1d'), { d: 1 }, fields);
  });
  it('an unparseable date is an error', () => {
    expectShardError(term('d', '2020-13-01'), { d: 1 }, fields);
  });
});

describe('§7 ip rows', () => {
  const fields: FieldTypes = { ip: { type: 'ip' } };
  it('41: a value with / is a CIDR block', () => {
    expect(matchesOne(term('ip', '192.168.0.0/16'), { ip: '192.168.1.7' }, fields)).toBe(true);
    expect(matchesOne(term('ip', '192.168.0.0/24'), { ip: '192.168.1.7' }, fields)).toBe(false);
  });
  it('42: IPv4 and IPv4-mapped IPv6 are one address', () => {
    expect(matchesOne(term('ip', '10.0.0.1'), { ip: '::ffff:10.0.0.1' }, fields)).toBe(true);
    expect(matchesOne(term('ip', '::ffff:a00:1'), { ip: '10.0.0.1' }, fields)).toBe(true);
    expect(matchesOne(term('ip', '10.0.0.2'), { ip: '::ffff:10.0.0.1' }, fields)).toBe(false);
  });
  it('43: bad syntax is an error', () => {
    expectShardError(term('ip', '10.0.0.256'), { ip: '10.0.0.1' }, fields);
  });
});

describe('§7 constant, index and flattened rows', () => {
  it('44: * in a term on constant_keyword is a wildcard, so it matches every document', () => {
    const fields: FieldTypes = { c: { type: 'constant_keyword', value: 'acme' } };
    const docs = [
      { _id: 'with', _source: { c: 'acme' } },
      { _id: 'without', _source: {} },
    ];
    expect([...evaluateOnDocs(term('c', '*'), docs, fields)]).toEqual(['with', 'without']);
    expect([...evaluateOnDocs(term('c', 'ac*'), docs, fields)]).toEqual(['with', 'without']);
    expect([...evaluateOnDocs(term('c', 'ac?e'), docs, fields)]).toEqual([]);
  });

  it('45: _index accepts wildcards in term', () => {
    const docs = [{ _id: 'doc', _source: {} }];
    expect(evaluateOnDocs(term('_index', 'logs-*'), docs, {}, { indexName: 'logs-1' }).has('doc')).toBe(true);
    expect(evaluateOnDocs(term('_index', 'metrics-*'), docs, {}, { indexName: 'logs-1' }).has('doc')).toBe(false);
  });

  it('46: flattened leaves are keywords, on the root and on root.key', () => {
    for (const type of ['flattened', 'flat_object'] as const) {
      const fields: FieldTypes = { labels: { type } };
      expect(matchesOne(term('labels', '5'), { labels: { p: 5 } }, fields)).toBe(true);
      expect(matchesOne(term('labels.p', '5'), { labels: { p: 5 } }, fields)).toBe(true);
      expect(matchesOne(term('labels.q', '5'), { labels: { p: 5 } }, fields)).toBe(false);
      expect(matchesOne(term('labels', '5.0'), { labels: { p: 5 } }, fields)).toBe(false);
    }
  });
});
