import { describe, expect, it } from 'vitest';
import { parseJsonDocument } from '../../src/access/documents/parse-json-document.js';
import { compileAccess } from '../../src/access/plan/compile-access.js';
import type { FieldType, FieldTypes } from '../../src/access/mapping/field-types.js';
import { toPredicate } from '../../src/access/predicate/predicate.js';

/** Whether the one-filter token `field: value` sees the document written as `text`, read losslessly. */
function sees(type: FieldType, value: string, text: string, field = 'k'): boolean {
  const fields: FieldTypes = { [field.split('.')[0] as string]: type } as FieldTypes;
  return toPredicate(compileAccess([{ field, value }], 'AND'), { fields })(parseJsonDocument(text));
}

/** The same with `JSON.parse`: what a host without the lossless parse gets. */
function seesPlain(type: FieldType, value: string, text: string, field = 'k'): boolean {
  const fields: FieldTypes = { [field.split('.')[0] as string]: type } as FieldTypes;
  return toPredicate(compileAccess([{ field, value }], 'AND'), { fields })(JSON.parse(text));
}

const keyword: FieldType = { type: 'keyword' };

describe('number spellings on string-indexed fields: the text as written', () => {
  it('keyword: {"k": 5.0} is the term "5.0", not "5"', () => {
    expect(sees(keyword, '5.0', '{"k": 5.0}')).toBe(true);
    expect(sees(keyword, '5', '{"k": 5.0}')).toBe(false);
    // JSON.parse cannot tell: it assumes JSON.stringify's spelling.
    expect(seesPlain(keyword, '5', '{"k": 5.0}')).toBe(true);
  });

  it('keyword: 1e3, 1E+21, -0 and 9007199254740993 are their own terms', () => {
    expect(sees(keyword, '1e3', '{"k": 1e3}')).toBe(true);
    expect(sees(keyword, '1000', '{"k": 1e3}')).toBe(false);
    expect(sees(keyword, '1E+21', '{"k": 1E+21}')).toBe(true);
    expect(sees(keyword, '1e+21', '{"k": 1E+21}')).toBe(false);
    expect(sees(keyword, '-0', '{"k": -0}')).toBe(true);
    expect(sees(keyword, '0', '{"k": -0}')).toBe(false);
    expect(sees(keyword, '9007199254740993', '{"k": 9007199254740993}')).toBe(true);
    expect(sees(keyword, '9007199254740992', '{"k": 9007199254740993}')).toBe(false);
    expect(sees(keyword, '5', '{"k": [1.5, 5, "x"]}')).toBe(true);
  });

  it('keyword with the lowercase normalizer folds a number written with E', () => {
    const lower: FieldType = { type: 'keyword', normalizer: 'lowercase' };
    expect(sees(lower, '1e3', '{"k": 1E3}')).toBe(true);
    expect(sees(lower, '1E3', '{"k": 1E3}')).toBe(true);
    expect(sees(lower, '1000', '{"k": 1E3}')).toBe(false);
  });

  it('wildcard with doc values is the text; without, the engine also re-reads the number as Java prints it', () => {
    const withDocValues: FieldType = { type: 'wildcard', docValues: true };
    expect(sees(withDocValues, '5.0', '{"k": 5.0}')).toBe(true);
    expect(sees(withDocValues, '5', '{"k": 5.0}')).toBe(false);
    const fromSource: FieldType = { type: 'wildcard', docValues: false };
    // 5.0 is indexed as "5.0" and read back as the Double 5.0: both agree.
    expect(sees(fromSource, '5.0', '{"k": 5.0}')).toBe(true);
    // 1e3 is indexed as "1e3" but read back as 1000.0: neither matches.
    expect(sees(fromSource, '1e3', '{"k": 1e3}')).toBe(false);
    expect(sees(fromSource, '1000.0', '{"k": 1e3}')).toBe(false);
    // -0 is an integer token: read back as the Integer 0, indexed as "-0".
    expect(sees(fromSource, '-0', '{"k": -0}')).toBe(false);
    expect(sees(fromSource, '9007199254740993', '{"k": 9007199254740993}')).toBe(true);
    // JSON.parse cannot tell 5.0 from 5: it assumes 5 was written.
    expect(seesPlain(fromSource, '5', '{"k": 5.0}')).toBe(true);
  });

  it('flat_object and flattened: a leaf is its text', () => {
    for (const type of [{ type: 'flat_object' }, { type: 'flattened' }] as FieldType[]) {
      expect(sees(type, '5.0', '{"k": {"x": 5.0}}', 'k.x')).toBe(true);
      expect(sees(type, '5', '{"k": {"x": 5.0}}', 'k.x')).toBe(false);
      expect(sees(type, '-0.0', '{"k": {"x": [1, -0.0]}}', 'k')).toBe(true);
    }
  });
});

describe('number spellings on numeric fields: the token read as Jackson reads it', () => {
  it('long: an integer beyond 2^53 is exact', () => {
    const long: FieldType = { type: 'long' };
    expect(sees(long, '9007199254740993', '{"k": 9007199254740993}')).toBe(true);
    expect(sees(long, '9007199254740992', '{"k": 9007199254740993}')).toBe(false);
    // JSON.parse rounds it to 9007199254740992.
    expect(seesPlain(long, '9007199254740993', '{"k": 9007199254740993}')).toBe(false);
    expect(sees(long, '-9223372036854775808', '{"k": -9223372036854775808}')).toBe(true);
    // A floating token is read as a double first.
    expect(sees(long, '9007199254740992', '{"k": 9007199254740993.0}')).toBe(true);
    expect(sees(long, '1000', '{"k": 1e3}')).toBe(true);
    expect(sees(long, '5', '{"k": 5.9}')).toBe(true);
    expect(sees({ type: 'long', coerce: false }, '5', '{"k": 5.9}')).toBe(false);
    expect(sees({ type: 'long', coerce: false }, '5', '{"k": 5.0}')).toBe(true);
  });

  it('unsigned_long: exact up to 2^64-1', () => {
    const unsigned: FieldType = { type: 'unsigned_long' };
    expect(sees(unsigned, '18446744073709551615', '{"k": 18446744073709551615}')).toBe(true);
    expect(sees(unsigned, '18446744073709551614', '{"k": 18446744073709551615}')).toBe(false);
    expect(sees(unsigned, '0', '{"k": -0}')).toBe(true);
    expect(sees(unsigned, '0', '{"k": -0.5}')).toBe(true);
    // OpenSearch reads a floating token exactly (as a BigDecimal), not through a double.
    expect(sees(unsigned, '9007199254740993', '{"k": 9007199254740993.0}')).toBe(true);
    expect(sees(unsigned, '9007199254740992', '{"k": 9.007199254740993e15}')).toBe(false);
    expect(sees({ type: 'unsigned_long', coerce: false }, '5', '{"k": 5.5}')).toBe(false);
    expect(sees({ type: 'unsigned_long', coerce: false }, '5', '{"k": 5.0}')).toBe(true);
  });

  it('double: -0.0 keeps its sign, -0 (an integer token) does not', () => {
    const double: FieldType = { type: 'double' };
    expect(sees(double, '-0.0', '{"k": -0.0}')).toBe(true);
    expect(sees(double, '-0', '{"k": -0.0}')).toBe(true);
    expect(sees(double, '0', '{"k": -0.0}')).toBe(false);
    expect(sees(double, '0', '{"k": -0}')).toBe(true);
    expect(sees(double, '-0', '{"k": -0}')).toBe(false);
    expect(sees(double, '5', '{"k": 5.0}')).toBe(true);
  });

  it('float and half_float round the text once; integer tokens have no negative zero', () => {
    expect(sees({ type: 'float' }, '0.1', '{"k": 0.10}')).toBe(true);
    expect(sees({ type: 'float' }, '-0.0', '{"k": -0e0}')).toBe(true);
    expect(sees({ type: 'float' }, '0', '{"k": -0}')).toBe(true);
    expect(sees({ type: 'half_float' }, '200.1', '{"k": 200.125}')).toBe(true);
  });

  it('a number beyond the double range is refused by the engine, not taken for null', () => {
    const withNullValue: FieldType = { type: 'double', nullValue: 0 };
    expect(sees(withNullValue, '0', '{"k": 1e400}')).toBe(false);
    expect(sees(withNullValue, '0', '{"k": null}')).toBe(true);
    expect(sees({ type: 'long', nullValue: 0 }, '0', '{"k": -1e400}')).toBe(false);
    expect(sees({ type: 'integer', nullValue: 0 }, '0', '{"k": 1e400}')).toBe(false);
    expect(sees({ type: 'scaled_float', scalingFactor: 100, nullValue: 0 }, '0', '{"k": 1e400}')).toBe(false);
  });

  it('integer: 2147483648 is out of range whatever its spelling', () => {
    expect(sees({ type: 'integer' }, '2147483647', '{"k": 2147483647}')).toBe(true);
    expect(sees({ type: 'integer' }, '5', '{"k": 5e0}')).toBe(true);
    expect(sees({ type: 'integer', coerce: false }, '5', '{"k": 5.5}')).toBe(false);
  });

  it('plain JS numbers and bigints are read as before', () => {
    const fields: FieldTypes = { k: { type: 'long' } };
    const canSee = toPredicate(compileAccess([{ field: 'k', value: '9007199254740993' }], 'AND'), { fields });
    expect(canSee({ k: 9007199254740993n })).toBe(true);
    expect(canSee({ k: 9007199254740992 })).toBe(false);
  });
});

describe('without field types', () => {
  it('a number matches a numeric literal of the same value; integers compare exactly', () => {
    const canSee = (value: string, text: string): boolean => toPredicate(compileAccess([{ field: 'k', value }], 'AND'))(parseJsonDocument(text));
    expect(canSee('5', '{"k": 5.0}')).toBe(true);
    expect(canSee('1e3', '{"k": 1000}')).toBe(true);
    expect(canSee('9007199254740993', '{"k": 9007199254740993}')).toBe(true);
    expect(canSee('9007199254740992', '{"k": 9007199254740993}')).toBe(false);
    expect(canSee('5', '{"k": {"text": "5"}}')).toBe(false);
  });
});

describe('a JsonNumber is a leaf, never an object to walk into', () => {
  it('has no fields for a path to reach', () => {
    const fields: FieldTypes = { 'k.text': { type: 'keyword' } } as FieldTypes;
    const canSee = toPredicate(compileAccess([{ field: 'k.text', value: '5.0' }], 'AND'), { fields });
    expect(canSee(parseJsonDocument('{"k": 5.0}'))).toBe(false);
    expect(canSee(parseJsonDocument('{"k": {"text": 5.0}}'))).toBe(true);
  });
});
