/**
 * Every row of docs/term-semantics.md §7, as the compilers see it: through
 * `prepareTerm` + `matchLeaf` for rows about one leaf value, through
 * `toPredicate` for rows about document structure. Where the engines agree
 * (`match` / `none` on both), the prepared term must say the same; where
 * they fail the search, disagree, or depend on the clock, the value must be
 * rejected with a VALIDATION error naming the field and the type.
 */
import { describe, expect, it } from 'vitest';
import { compileAccess } from '../../src/access/plan/compile-access.js';
import type { FieldType, FieldTypes } from '../../src/access/mapping/field-types.js';
import { toPredicate } from '../../src/access/predicate/predicate.js';
import { prepareTerm } from '../../src/access/values/prepare-term.js';
import { SharedTokenError } from '../../src/errors.js';

/** What the engine returns for the document, as our compilers must reproduce it. */
function leafMatches(type: FieldType, leaf: unknown, value: string): boolean {
  const prepared = prepareTerm('f', type, value);
  return prepared.kind === 'leaf' ? prepared.matchLeaf(leaf) : prepared.matches;
}

function expectRejected(type: FieldType, value: string): void {
  let caught: unknown;
  try {
    prepareTerm('f', type, value);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SharedTokenError);
  const error = caught as SharedTokenError;
  expect(error.code).toBe('VALIDATION');
  expect(error.message).toContain('"f"');
  expect(error.context).toMatchObject({ field: 'f', value });
  expect(typeof error.context['reason']).toBe('string');
}

const ecsLike = (fields: FieldTypes) => ({ fields });

describe('term-semantics §7: string-like types', () => {
  it('row 1: keyword "Acme" matches "Acme"', () => {
    expect(leafMatches({ type: 'keyword' }, 'Acme', 'Acme')).toBe(true);
  });
  it('row 2: keyword is case-sensitive: "acme" does not match "Acme"', () => {
    expect(leafMatches({ type: 'keyword' }, 'Acme', 'acme')).toBe(false);
  });
  it('row 3: the lowercase normalizer applies to both sides: "ACME" matches "Acme"', () => {
    expect(leafMatches({ type: 'keyword', normalizer: 'lowercase' }, 'Acme', 'ACME')).toBe(true);
  });
  it('row 4: a value longer than ignore_above is not indexed, so nothing matches it', () => {
    expect(leafMatches({ type: 'keyword', ignoreAbove: 5 }, 'Acme Corp', 'Acme Corp')).toBe(false);
  });
  it('rows 5 and 6: a term on an analyzed text field is rejected (the compiler redirects it to the keyword sub-field)', () => {
    expectRejected({ type: 'text' }, 'Acme Corp');
    expectRejected({ type: 'text' }, 'acme');
    expectRejected({ type: 'text', keywordSubfield: 'f.keyword' }, 'Acme Corp');
  });
  it('row 7: the dynamic .keyword sub-field matches the whole value', () => {
    expect(leafMatches({ type: 'keyword', ignoreAbove: 256 }, 'Acme Corp', 'Acme Corp')).toBe(true);
  });
  it('row 8: a 300-char string is above the dynamic ignore_above (256): no match', () => {
    const long = 'x'.repeat(300);
    expect(leafMatches({ type: 'keyword', ignoreAbove: 256 }, long, long)).toBe(false);
  });
  it('row 9: null_value is indexed for an explicit null', () => {
    expect(leafMatches({ type: 'keyword', nullValue: 'NULL' }, null, 'NULL')).toBe(true);
  });
  it('row 10: an empty array is no value, not null (the compiler never passes [] as a leaf)', () => {
    const predicate = toPredicate(compileAccess([{ field: 'f', value: 'NULL' }], 'AND'), ecsLike({ f: { type: 'keyword', nullValue: 'NULL' } }));
    expect(predicate({ f: [] })).toBe(false);
    expect(predicate({ f: null })).toBe(true);
  });
  it('row 11: a JSON number in a keyword field is indexed as its text', () => {
    expect(leafMatches({ type: 'keyword' }, 5, '5')).toBe(true);
  });
  it('row 12: any array element matches', () => {
    const predicate = toPredicate(compileAccess([{ field: 'f', value: 'b' }], 'AND'), ecsLike({ f: { type: 'keyword' } }));
    expect(predicate({ f: ['a', 'b'] })).toBe(true);
  });
});

describe('term-semantics §7: document structure (through toPredicate)', () => {
  it('row 13: arrays of objects are flattened: a.b=x AND a.c=2 matches across elements', () => {
    const fields: FieldTypes = { 'a.b': { type: 'keyword' }, 'a.c': { type: 'keyword' } };
    const predicate = toPredicate(
      compileAccess(
        [
          { field: 'a.b', value: 'x' },
          { field: 'a.c', value: '2' },
        ],
        'AND',
      ),
      { fields },
    );
    expect(predicate({ a: [{ b: 'x', c: '1' }, { b: 'y', c: '2' }] })).toBe(true);
  });
  it('row 15: a dotted key is the same field as the nested path', () => {
    const predicate = toPredicate(compileAccess([{ field: 'a.b', value: 'x' }], 'AND'), ecsLike({ 'a.b': { type: 'keyword' } }));
    expect(predicate({ 'a.b': 'x' })).toBe(true);
  });
  it('row 16: an unmapped field matches nothing', () => {
    const predicate = toPredicate(compileAccess([{ field: 'z', value: 'x' }], 'AND'), ecsLike({ 'a.b': { type: 'keyword' } }));
    expect(predicate({ z: 'x' })).toBe(false);
  });
  // Row 14 (a plain `term` on a `nested` field matches nothing) does not arise: the compilers
  // emit a `nested` query for such fields. Its predicate side is tested with the compilers (B1).
});

describe('term-semantics §7: integer types', () => {
  it.each(['200.0', '2e2', ' 200'])('row 17: integer 200 matches %j (Double.parseDouble)', (value) => {
    expect(leafMatches({ type: 'integer' }, 200, value)).toBe(true);
  });
  it.each(['0x10', 'abc', ''])('row 18: integer %j fails the search on every engine: rejected', (value) => {
    expectRejected({ type: 'integer' }, value);
  });
  it('row 19: a document 1.9 is coerced to 1 at index time and matches "1"', () => {
    expect(leafMatches({ type: 'integer' }, 1.9, '1')).toBe(true);
  });
  it('row 20: "1.5" has a decimal part: accepted, matches nothing', () => {
    expect(leafMatches({ type: 'integer' }, 1, '1.5')).toBe(false);
    expect(leafMatches({ type: 'integer' }, 1.5, '1.5')).toBe(false);
  });
  it('row 21: "3000000000" is none on ES ≥ 8.16 but an error on OpenSearch: rejected', () => {
    expectRejected({ type: 'integer' }, '3000000000');
  });
  it('row 22: byte "200" is within int but not byte range: none everywhere, accepted, matches nothing', () => {
    expect(leafMatches({ type: 'byte' }, 100, '200')).toBe(false);
    expect(leafMatches({ type: 'byte' }, '200', '200')).toBe(false);
  });
  it.each([' 200', '200f'])('row 23: long %j fails BigDecimal parsing: rejected', (value) => {
    expectRejected({ type: 'long' }, value);
  });
  it('row 24: long "200.000000000000000001" matches 200 (the double hides the fraction, BigDecimal truncates it)', () => {
    expect(leafMatches({ type: 'long' }, 200, '200.000000000000000001')).toBe(true);
  });
  it('row 25: long beyond 2^53 is exact (BigInt), whether the document holds a bigint or a string', () => {
    expect(leafMatches({ type: 'long' }, 9007199254740993n, '9007199254740993')).toBe(true);
    expect(leafMatches({ type: 'long' }, '9007199254740993', '9007199254740993')).toBe(true);
    expect(leafMatches({ type: 'long' }, 9007199254740992, '9007199254740993')).toBe(false);
  });
  it('row 26: "9223372036854775808" is none on ES ≥ 8.16 but an error on OpenSearch: rejected', () => {
    expectRejected({ type: 'long' }, '9223372036854775808');
  });
});

describe('term-semantics §7: floating-point types', () => {
  it('row 27: double "-0" does not match 0 (Lucene compares sortable bits)', () => {
    expect(leafMatches({ type: 'double' }, 0, '-0')).toBe(false);
  });
  it('row 28: float "0.1000000001" matches 0.1 (both round to the same float)', () => {
    expect(leafMatches({ type: 'float' }, 0.1, '0.1000000001')).toBe(true);
  });
  it('row 29: double "0.1000000001" does not match 0.1', () => {
    expect(leafMatches({ type: 'double' }, 0.1, '0.1000000001')).toBe(false);
  });
  it('row 30: half_float "200.125" matches 200.1 (both round to the same half float)', () => {
    expect(leafMatches({ type: 'half_float' }, 200.1, '200.125')).toBe(true);
  });
  it('row 31: scaled_float (100) "1.234" matches 1.23 (both round to 123)', () => {
    expect(leafMatches({ type: 'scaled_float', scalingFactor: 100 }, 1.23, '1.234')).toBe(true);
  });
  it('row 32: unsigned_long "200.0" is none on ES but a match on OpenSearch: rejected', () => {
    expectRejected({ type: 'unsigned_long' }, '200.0');
  });
  it('row 33: unsigned_long "٢٠٠" matches on ES but fails on OpenSearch: rejected', () => {
    expectRejected({ type: 'unsigned_long' }, '٢٠٠');
  });
});

describe('term-semantics §7: boolean, date, ip', () => {
  it('row 34: boolean "true" matches true', () => {
    expect(leafMatches({ type: 'boolean' }, true, 'true')).toBe(true);
  });
  it.each(['True', '', '1'])('row 35: boolean %j fails the search: rejected', (value) => {
    expectRejected({ type: 'boolean' }, value);
  });
  it('row 36: a document "" is indexed as false', () => {
    expect(leafMatches({ type: 'boolean' }, '', 'false')).toBe(true);
  });
  it('row 37: a date-only value matches any instant of that UTC day', () => {
    expect(leafMatches({ type: 'date' }, '2020-01-01T13:45:00Z', '2020-01-01')).toBe(true);
  });
  it('row 38: "2020" means the day 2020-01-01 only, not the year', () => {
    expect(leafMatches({ type: 'date' }, '2020-03-05', '2020')).toBe(false);
    expect(leafMatches({ type: 'date' }, '2020-01-01T23:59:59.999Z', '2020')).toBe(true);
  });
  it('row 39: epoch millis strings match epoch millis documents', () => {
    expect(leafMatches({ type: 'date' }, 1577836800000, '1577836800000')).toBe(true);
  });
  it('row 40: date math is time-dependent: rejected', () => {
    expectRejected({ type: 'date' }, 'now-1d');
  });
  it('row 41: a CIDR block is a prefix query, not an exact value: rejected', () => {
    expectRejected({ type: 'ip' }, '192.168.0.0/16');
  });
  it('row 42: IPv4 and IPv4-mapped IPv6 are the same address', () => {
    expect(leafMatches({ type: 'ip' }, '::ffff:10.0.0.1', '10.0.0.1')).toBe(true);
  });
  it('row 43: "10.0.0.256" fails the search: rejected', () => {
    expectRejected({ type: 'ip' }, '10.0.0.256');
  });
  it('row 44: "*" on constant_keyword is a wildcard (matches all): rejected', () => {
    expectRejected({ type: 'constant_keyword', value: 'acme' }, '*');
  });
  it('row 45: a wildcard on a constant field such as _index is rejected; the exact name selects every document', () => {
    expectRejected({ type: 'constant_keyword', value: 'logs-1' }, 'logs-*');
    expect(leafMatches({ type: 'constant_keyword', value: 'logs-1' }, undefined, 'logs-1')).toBe(true);
  });
  it('row 46: flattened leaves compare as strings: 5 matches "5"', () => {
    expect(leafMatches({ type: 'flattened' }, 5, '5')).toBe(true);
    expect(leafMatches({ type: 'flat_object' }, 5, '5')).toBe(true);
    expect(leafMatches({ type: 'flattened' }, 5, '5.0')).toBe(false);
  });
});
