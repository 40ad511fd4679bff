/**
 * One example per engine behaviour the first random suite did not reach:
 * wildcard fields checked against `_source`, the `flat_object` path/value
 * separator, normalizers read from the index settings, field names with a
 * space, and `keyword` fields searched through doc values.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileAccess } from '../../../src/access/plan/compile-access.js';
import type { FieldTypes } from '../../../src/access/mapping/field-types.js';
import { fieldTypesFromMapping } from '../../../src/access/mapping/mapping.js';
import { toPredicate } from '../../../src/access/predicate/predicate.js';
import { toElasticsearchQuery } from '../../../src/access/query/elasticsearch-query.js';
import { asciiFold } from '../../../src/access/values/ascii-folding.js';
import { cjkWidth } from '../../../src/access/values/cjk-width.js';
import { javaUpperCase } from '../../../src/access/values/java-uppercase.js';
import { javaTrimWhitespace, normalize } from '../../../src/access/values/normalizer.js';
import { fetchSourceValues, javaDoubleToString } from '../../../src/access/values/wildcard-source.js';
import { isSharedTokenError } from '../../../src/errors.js';

function sees(fields: FieldTypes, field: string, value: string): (doc: unknown) => boolean {
  const expression = compileAccess([{ field, value }], 'AND');
  toElasticsearchQuery(expression, { fields });
  return toPredicate(expression, { fields });
}

function reason(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isSharedTokenError(error, 'VALIDATION')) return String(error.context['reason']);
    throw error;
  }
  throw new Error('expected a VALIDATION error');
}

describe('wildcard without doc values: the engine checks the _source value', () => {
  const fields = fieldTypesFromMapping(
    {
      properties: {
        w: { type: 'wildcard' },
        dv: { type: 'wildcard', doc_values: true },
        o: { properties: { w: { type: 'wildcard' } } },
        src: { type: 'keyword', copy_to: ['t', 'tdv'] },
        t: { type: 'wildcard' },
        tdv: { type: 'wildcard', doc_values: true },
        n: { type: 'wildcard', null_value: 'N' },
      },
    },
    { engine: 'opensearch' },
  );

  it('reads a number as Java prints the parsed double, so 12345678.9 is never found (Java prints 1.23456789E7)', () => {
    expect(sees(fields, 'w', '12345678.9')({ w: 12345678.9 })).toBe(false);
    expect(sees(fields, 'w', '1.23456789E7')({ w: 12345678.9 })).toBe(false);
    expect(sees(fields, 'w', '0.5')({ w: 0.5 })).toBe(true);
    expect(sees(fields, 'w', '5')({ w: 5 })).toBe(true);
    // With doc values the indexed JSON text is compared, as on keyword.
    expect(sees(fields, 'dv', '12345678.9')({ dv: 12345678.9 })).toBe(true);
  });

  it('finds a number whose Java text differs from its JSON text only when other values hold the n-grams', () => {
    expect(sees(fields, 'w', '1.0E21')({ w: 1e21 })).toBe(false);
    expect(sees(fields, 'w', '1.0E21')({ w: [1e21, '1.0E2', '0E21'] })).toBe(true);
  });

  it('reads the shortest key present: {"o":{"w":"abc"},"o.w":"xyz"} holds abc only, {"o":{"x":1},"o.w":"xyz"} nothing', () => {
    const doc = { o: { w: 'abc' }, 'o.w': 'xyz' };
    expect(sees(fields, 'o.w', 'xyz')(doc)).toBe(false);
    expect(sees(fields, 'o.w', 'abc')(doc)).toBe(true);
    expect(sees(fields, 'o.w', 'xyz')({ o: { x: 'abc' }, 'o.w': 'xyz' })).toBe(false);
    expect(sees(fields, 'o.w', 'xyz')({ 'o.w': 'xyz' })).toBe(true);
    expect(fetchSourceValues({ o: [{ x: 1 }], 'o.w': 'xyz' }, ['o.w'], undefined)).toEqual([]);
  });

  it('reads a copy_to target back from its own path and its sources, and nothing when one is missing; with doc values every value counts', () => {
    expect(sees(fields, 't', 'abc')({ src: 'abc' })).toBe(false);
    expect(sees(fields, 't', 'abc')({ t: 'abc' })).toBe(false);
    expect(sees(fields, 't', 'abc')({ t: 'abc', src: 'x' })).toBe(true);
    expect(sees(fields, 't', 'abc')({ t: 'x', src: 'abc' })).toBe(true);
    expect(sees(fields, 'tdv', 'abc')({ src: 'abc' })).toBe(true);
    expect(sees(fields, 'tdv', 'abc')({ tdv: 'abc' })).toBe(true);
  });

  it('gives null_value for an explicit null and a null array element', () => {
    expect(sees(fields, 'n', 'N')({ n: null })).toBe(true);
    expect(sees(fields, 'n', 'N')({ n: [null] })).toBe(true);
    expect(sees(fields, 'n', 'N')({ n: [] })).toBe(false);
  });

  it('prints doubles as Java does', () => {
    expect([0.001, 1e-4, 1234567.5, 1e7 + 0.5, -0.25, 1e21, 1.5e-7, 123e300].map(javaDoubleToString)).toEqual([
      '0.001', '1.0E-4', '1234567.5', '1.00000005E7', '-0.25', '1.0E21', '1.5E-7', '1.23E302',
    ]);
  });
});

describe('flat_object and flattened: the separator between path and value', () => {
  const fields: FieldTypes = { labels: { type: 'flat_object' }, tags: { type: 'flattened' } };

  it('refuses = in the key or the value of a flat_object key term (the engine indexes path=value)', () => {
    // {"labels":{"team=red":"blue"}} is indexed as labels.team=red=blue, which labels.team: "red=blue" also names.
    expect(reason(() => sees(fields, 'labels.team', 'red=blue'))).toMatch(/split ambiguous/);
    expect(reason(() => sees(fields, 'labels.team=red', 'blue'))).toMatch(/split ambiguous/);
    expect(reason(() => sees(fields, 'labels.a.b=c', 'x'))).toMatch(/split ambiguous/);
    expect(sees(fields, 'labels.team', 'red')({ labels: { team: 'red' } })).toBe(true);
    // On the root only values are compared: no path is joined.
    expect(sees(fields, 'labels', 'red=blue')({ labels: { team: 'red=blue' } })).toBe(true);
  });

  it('refuses U+0000 in a flattened key term (Elasticsearch joins path and value with it)', () => {
    expect(reason(() => sees(fields, 'tags.a', 'x\u0000y'))).toMatch(/split ambiguous/);
    expect(sees(fields, 'tags.a', 'x=y')({ tags: { a: 'x=y' } })).toBe(true);
  });
});

describe('normalizers read from the index settings', () => {
  const settings = {
    index: {
      analysis: {
        normalizer: {
          lowercase: { type: 'custom', filter: ['lowercase', 'asciifolding'] },
          upper: { type: 'custom', filter: ['uppercase'] },
          tidy: { type: 'custom', filter: ['trim', 'cjk_width', 'lowercase'] },
          digits: { type: 'custom', filter: ['decimal_digit'] },
        },
      },
    },
  };
  const fields = fieldTypesFromMapping(
    { properties: { k: { type: 'keyword', normalizer: 'lowercase' }, u: { type: 'keyword', normalizer: 'upper' }, t: { type: 'keyword', normalizer: 'tidy' }, d: { type: 'keyword', normalizer: 'digits' } } },
    { settings },
  );

  it('follows a normalizer named lowercase defined in the settings: "Café" matches cafe', () => {
    expect(sees(fields, 'k', 'cafe')({ k: 'Café' })).toBe(true);
    expect(sees(fields, 'k', 'CAFÉ')({ k: 'cafe' })).toBe(true);
  });

  it('uppercases per code point as Java does (ß stays, ﬀ stays), and the number text too', () => {
    expect(sees(fields, 'u', 'straße')({ u: 'STRAßE' })).toBe(true);
    expect(sees(fields, 'u', 'STRASSE')({ u: 'straße' })).toBe(false);
    expect(sees(fields, 'u', 'true')({ u: true })).toBe(true);
    expect(sees(fields, 'u', '1E+21')({ u: 1e21 })).toBe(true);
  });

  it('trims Java whitespace and folds width', () => {
    expect(sees(fields, 't', 'abc')({ t: '\u3000ＡＢＣ\t' })).toBe(true);
    expect(sees(fields, 't', 'ガ')({ t: 'ｶﾞ' })).toBe(true);
  });

  it('refuses a value with a digit on decimal_digit (which characters are digits depends on the JDK), and is exact without', () => {
    expect(reason(() => sees(fields, 'd', 'a1'))).toMatch(/digit/);
    expect(reason(() => sees(fields, 'd', 'a١'))).toMatch(/digit/);
    expect(sees(fields, 'd', 'ab')({ d: 'ab' })).toBe(true);
    expect(sees(fields, 'd', 'ab')({ d: 'ab١' })).toBe(false);
  });

  it('refuses a normalizer known only by a name other than lowercase in a hand-written spec', () => {
    expect(reason(() => sees({ k: { type: 'keyword', normalizer: 'my_lower' } }, 'k', 'x'))).toMatch(/known only by its name/);
  });

  it('emulates the filters as Lucene does', () => {
    expect(asciiFold('Æsir ① ﬃ Łódź')).toBe('AEsir 1 ffi Lodz');
    expect(javaUpperCase('ᾳ ß ŉ')).toBe('ᾼ ß ŉ');
    expect(javaTrimWhitespace('\u00a0a\u2007')).toBe('\u00a0a\u2007');
    expect(cjkWidth('ﾊﾟﾋﾞｳﾞ')).toBe('パビヴ');
    expect(normalize(['asciifolding', 'uppercase'], 'çà')).toBe('CA');
  });

  it('reproduces CJKWidthFilter on every halfwidth katakana followed by a voiced or semi-voiced mark (pairs recorded from Lucene)', () => {
    const pairs = JSON.parse(readFileSync(join(import.meta.dirname, 'normalizer-tables', 'cjk-pairs.json'), 'utf8')) as Array<[number, number, number[]]>;
    expect(pairs.length).toBeGreaterThan(100);
    for (const [kana, mark, expected] of pairs) expect(cjkWidth(String.fromCharCode(kana, mark))).toBe(String.fromCharCode(...expected));
  });
});

describe('field names and fields searched without an index', () => {
  it('accepts a field name with a space', () => {
    const fields = fieldTypesFromMapping({ properties: { 'my field': { type: 'keyword' } } });
    expect(toElasticsearchQuery(compileAccess([{ field: 'my field', value: 'x' }], 'AND'), { fields })).toEqual({ term: { 'my field': { value: 'x' } } });
    expect(sees(fields, 'my field', 'x')({ 'my field': 'x' })).toBe(true);
  });

  it('matches a keyword with index: false through doc values, and a text with index: false through its keyword sub-field', () => {
    const fields = fieldTypesFromMapping({
      properties: { k: { type: 'keyword', index: false }, m: { type: 'text', index: false, fields: { keyword: { type: 'keyword' } } } },
    });
    expect(sees(fields, 'k', 'x')({ k: 'x' })).toBe(true);
    expect(sees(fields, 'm', 'Server Error')({ m: 'Server Error' })).toBe(true);
    expect(toElasticsearchQuery(compileAccess([{ field: 'm', value: 'x' }], 'AND'), { fields })).toEqual({ term: { 'm.keyword': { value: 'x' } } });
  });
});
