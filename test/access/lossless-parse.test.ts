import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJsonNumber, jsonNumber, jsonNumberIsInteger, jsonNumberText, jsonNumberValue } from '../../src/access/documents/json-number.js';
import { parseJsonDocument } from '../../src/access/documents/parse-json-document.js';
import { SharedTokenError, isSharedTokenError } from '../../src/errors.js';

/** The document with every `JsonNumber` replaced by its double: what `JSON.parse` gives for the same text. */
function plain(value: unknown): unknown {
  if (isJsonNumber(value)) return jsonNumberValue(value);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = plain(Object.getOwnPropertyDescriptor(value, key)?.value);
      Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** The numbers of a parsed document, in document order. */
function numbers(value: unknown, out: unknown[] = []): unknown[] {
  if (isJsonNumber(value)) out.push(value);
  else if (Array.isArray(value)) for (const item of value) numbers(item, out);
  else if (typeof value === 'object' && value !== null) for (const key of Object.keys(value)) numbers(Object.getOwnPropertyDescriptor(value, key)?.value, out);
  return out;
}

/** Same shape, same key order, same scalars (`Object.is` on numbers, so `-0` is checked). */
function sameAsJsonParse(parsed: unknown, expected: unknown): boolean {
  if (typeof expected === 'number') return Object.is(parsed, expected);
  if (Array.isArray(expected)) {
    return Array.isArray(parsed) && parsed.length === expected.length && expected.every((item, k) => sameAsJsonParse(parsed[k], item));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false;
    if (Object.getPrototypeOf(parsed) !== Object.prototype) return false;
    const keys = Object.keys(expected);
    const parsedKeys = Object.keys(parsed);
    return (
      keys.length === parsedKeys.length &&
      keys.every((key, k) => parsedKeys[k] === key) &&
      keys.every((key) => sameAsJsonParse(Object.getOwnPropertyDescriptor(parsed, key)?.value, Object.getOwnPropertyDescriptor(expected, key)?.value))
    );
  }
  return parsed === expected;
}

function outcome(run: () => unknown): { ok: true; value: unknown } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error };
  }
}

const spelling: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '-'),
    fc.oneof(fc.constant('0'), fc.stringMatching(/^[1-9][0-9]{0,25}$/)),
    fc.oneof(fc.constant(''), fc.stringMatching(/^\.[0-9]{1,6}$/)),
    fc.oneof(fc.constant(''), fc.stringMatching(/^[eE][+-]?[0-9]{1,4}$/)),
  )
  .map(([sign, whole, fraction, exponent]) => `${sign}${whole}${fraction}${exponent}`);
const unusual = ['5.0', '1e3', '1E+21', '-0', '-0.0', '0.10', '9007199254740993', '1e400', '-1e400', '1e-400', '123456789012345678901234567890', '0e0', '1E-7'];
const anySpelling = fc.oneof(fc.constantFrom(...unusual), spelling);
const whitespace = fc.stringMatching(/^[ \t\n\r]{0,2}$/);

describe('parseJsonDocument: what JSON.parse reads, with numbers kept as written', () => {
  it('agrees with JSON.parse on any JSON value, numbers carrying their text', () => {
    let withNumbers = 0;
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const parsed = parseJsonDocument(text);
        expect(sameAsJsonParse(plain(parsed), JSON.parse(text))).toBe(true);
        const found = numbers(parsed);
        if (found.length > 0) withNumbers++;
        for (const n of found) {
          if (!isJsonNumber(n)) throw new Error('not a JsonNumber');
          expect(Object.is(Number(jsonNumberText(n)), jsonNumberValue(n))).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
    expect(withNumbers).toBeGreaterThan(100);
  });

  it('keeps every number spelling verbatim, in arrays and objects, whatever the whitespace', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anySpelling, whitespace, whitespace), { minLength: 1, maxLength: 8 }), fc.boolean(), (items, asObject) => {
        const parts = items.map(([text, before, after], k) => (asObject ? `"k${k}":${before}${text}${after}` : `${before}${text}${after}`));
        const text = asObject ? `{${parts.join(',')}}` : `[${parts.join(',')}]`;
        const found = numbers(parseJsonDocument(text));
        expect(found.map((n) => (isJsonNumber(n) ? jsonNumberText(n) : n))).toEqual(items.map(([spelled]) => spelled));
        for (const n of found) {
          if (!isJsonNumber(n)) throw new Error('not a JsonNumber');
          expect(Object.is(jsonNumberValue(n), Number(jsonNumberText(n)))).toBe(true);
          expect(jsonNumberIsInteger(n)).toBe(/^-?\d+$/.test(jsonNumberText(n)));
        }
        expect(sameAsJsonParse(plain(parseJsonDocument(text)), JSON.parse(text))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('throws exactly when JSON.parse throws, on mutated JSON texts', () => {
    const pieces = ['{', '}', '[', ']', ',', ':', '"', '\\', '\\u', '\\x', 'e', 'E', '-', '+', '.', '0', '1', ' ', '\n', '\u0001', '\u00a0', 'tru', 'nul', 'x', '\ud800', '/'];
    const mutation = fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom(...pieces));
    let invalid = 0;
    let valid = 0;
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(mutation, { minLength: 1, maxLength: 3 }), (value, mutations) => {
        let text = JSON.stringify(value);
        for (const [at, cut, piece] of mutations) {
          const position = text.length === 0 ? 0 : at % (text.length + 1);
          text = text.slice(0, position) + piece + text.slice(position + cut);
        }
        const expected = outcome(() => JSON.parse(text));
        const actual = outcome(() => parseJsonDocument(text));
        expect(actual.ok, `JSON.parse ${expected.ok ? 'accepts' : 'rejects'} ${JSON.stringify(text)}`).toBe(expected.ok);
        if (expected.ok && actual.ok) {
          valid++;
          expect(sameAsJsonParse(plain(actual.value), expected.value)).toBe(true);
        } else if (!actual.ok) {
          invalid++;
          expect(isSharedTokenError(actual.error, 'VALIDATION')).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
    expect(invalid).toBeGreaterThan(1000);
    expect(valid).toBeGreaterThan(100);
  });

  it('throws exactly when JSON.parse throws, on short texts over the JSON alphabet', () => {
    const alphabet = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', 'u', '0', '1', '9', '-', '+', '.', 'e', 'E', ' ', '\t', 'a', 't', 'r', 'n', 'l', 'f', 's');
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 12 }), (chars) => {
        const text = chars.join('');
        const expected = outcome(() => JSON.parse(text));
        const actual = outcome(() => parseJsonDocument(text));
        expect(actual.ok, JSON.stringify(text)).toBe(expected.ok);
        if (expected.ok && actual.ok) {
          accepted++;
          expect(sameAsJsonParse(plain(actual.value), expected.value)).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(50);
  });

  it('reads what JSON.parse reads at the edges of the grammar', () => {
    const texts = [
      ' \t\n\r[1] \r\n',
      '"\\u00e9\\uD83D\\ude00\\/\\b\\f\\n\\r\\t\\"\\\\"',
      '"\ud800 raw lone surrogate"',
      '"\\ud800"',
      '{"a":1,"b":2,"a":3}',
      '{"__proto__":{"x":1},"y":2}',
      '{"2":1,"1":2,"b":3,"a":4}',
      '[]',
      '{}',
      '[[],{},[[]]]',
      'true',
      'null',
      '-0',
      '0.5e-10',
    ];
    for (const text of texts) expect(sameAsJsonParse(plain(parseJsonDocument(text)), JSON.parse(text)), text).toBe(true);
    const proto = parseJsonDocument('{"__proto__":{"x":1}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.keys(proto)).toEqual(['__proto__']);
    const duplicate = parseJsonDocument('{"a":1,"b":2,"a":3.0}') as Record<string, unknown>;
    expect(Object.keys(duplicate)).toEqual(['a', 'b']);
    expect(String(duplicate['a'])).toBe('3.0');
    for (const bad of ['', ' ', '01', '1.', '.5', '+1', '-', '1e', '1e+', '[1,]', '{"a":1,}', '{a:1}', "'a'", '"\t"', '"\\a"', '"\\u12"', 'NaN', 'Infinity', '\ufeff1', '1 2', '[1]]', '{"a"}', 'tru', 'nulll', '\u00a01']) {
      expect(() => JSON.parse(bad), bad).toThrow();
      expect(() => parseJsonDocument(bad), bad).toThrow(SharedTokenError);
    }
  });

  it('parses nesting as deep as JSON.parse does (no recursion)', () => {
    const depth = 200_000;
    const text = `${'['.repeat(depth)}5.0${']'.repeat(depth)}`;
    let value = parseJsonDocument(text);
    for (let k = 0; k < depth; k++) value = (value as unknown[])[0];
    expect(String(value)).toBe('5.0');
  });

  it('says where the text is invalid and echoes at most a short excerpt', () => {
    const long = `{"a": [1, 2, x${'y'.repeat(1000)}]}`;
    try {
      parseJsonDocument(long);
      expect.unreachable('must throw');
    } catch (error) {
      expect(isSharedTokenError(error, 'VALIDATION')).toBe(true);
      const context = (error as SharedTokenError).context;
      expect(context['position']).toBe(13);
      expect(context['line']).toBe(1);
      expect(context['column']).toBe(14);
      expect(String(context['near']).length).toBeLessThanOrEqual(17);
      expect((error as Error).message.length).toBeLessThan(160);
    }
    try {
      parseJsonDocument('{\n  "a": 1,\n  "b": 01\n}');
      expect.unreachable('must throw');
    } catch (error) {
      expect((error as SharedTokenError).context['line']).toBe(3);
      expect((error as SharedTokenError).context['column']).toBe(9);
    }
  });
});

describe('JsonNumber', () => {
  it('prints as its text, converts to its double, and is recognised by its registered brand', () => {
    const n = jsonNumber('1E+21');
    expect(String(n)).toBe('1E+21');
    expect(Number(n)).toBe(1e21);
    expect(isJsonNumber(n)).toBe(true);
    expect(Object.isFrozen(n)).toBe(true);
    expect(Object.keys(n)).toEqual([]);
    expect(isJsonNumber({ text: '5', value: 5 })).toBe(false);
    expect(isJsonNumber(5)).toBe(false);
    // A copy of the library elsewhere brands with the same registered symbol.
    expect(isJsonNumber({ [Symbol.for('shared-tokens.json-number')]: true })).toBe(true);
    expect(JSON.stringify({ n: jsonNumber('5.0') })).toMatch(/^\{"n":5(\.0)?\}$/);
  });

  it('accepts JSON number literals only', () => {
    for (const good of ['0', '-0', '5.0', '1e3', '1E+21', '9007199254740993']) expect(jsonNumberText(jsonNumber(good))).toBe(good);
    for (const bad of ['', '+1', '01', '.5', '5.', 'NaN', '1e', ' 1', '0x10']) expect(() => jsonNumber(bad), bad).toThrow(SharedTokenError);
  });
});
