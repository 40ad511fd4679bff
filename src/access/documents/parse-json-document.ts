/**
 * `parseJsonDocument`: `JSON.parse` with numbers kept as written.
 *
 * The grammar is RFC 8259, as `JSON.parse` reads it: whitespace is space,
 * tab, LF and CR only; strings may hold unpaired surrogates (raw or
 * escaped) but no raw control character; a duplicate key keeps its first
 * position and its last value; a key named `__proto__` becomes an own
 * data property. The parser is iterative, so nesting depth is bounded by
 * memory only, as in `JSON.parse`.
 *
 * @packageDocumentation
 */
import { SharedTokenError } from '../../errors.js';
import { makeJsonNumber } from './json-number.js';

/**
 * Parses JSON text like `JSON.parse`, except that every number is a
 * `JsonNumber` holding its exact source text (`5.0`, `1e3`, `-0`,
 * `9007199254740993`), so that `toPredicate` can read numbers the way the
 * engine reads the same text: string-like fields (`keyword`, `wildcard`,
 * `flattened`, `flat_object`, `date` with epoch formats) see the text as
 * written, numeric fields parse it (integers exactly, beyond 2^53 too).
 * Strings, booleans, `null`, arrays and objects are what `JSON.parse` gives.
 *
 * Accepts and rejects exactly the texts `JSON.parse` accepts and rejects.
 * Costs about twice `JSON.parse` (`bench/lossless-parse.ts`); hand
 * `toPredicate` plain `JSON.parse` results where numbers are written as
 * `JSON.stringify` writes them.
 *
 * @throws SharedTokenError `VALIDATION` for invalid JSON, with context
 *   `{ position, line, column, near }`: where (UTF-16 offset, 1-based line
 *   and column) and at most 16 characters of the text from there.
 *
 * @example
 * ```ts
 * const doc = parseJsonDocument('{"code": 5.0}');
 * toPredicate(compileAccess([{ field: 'code', value: '5.0' }], 'AND'), { fields: { code: { type: 'keyword' } } })(doc); // true
 * String((doc as { code: unknown }).code); // '5.0'
 * ```
 */
export function parseJsonDocument(text: string): unknown {
  if (typeof text !== 'string') throw invalid(String(text), 0, 'the input is not a string');
  return new Parser(text).parse();
}

const enum Ch {
  Tab = 9,
  Lf = 10,
  Cr = 13,
  Space = 32,
  Quote = 34,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  One = 49,
  Nine = 57,
  Colon = 58,
  UpperE = 69,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  LowerB = 98,
  LowerE = 101,
  LowerF = 102,
  LowerN = 110,
  LowerR = 114,
  LowerT = 116,
  LowerU = 117,
  OpenBrace = 123,
  CloseBrace = 125,
}

type Container = unknown[] | Record<string, unknown>;

class Parser {
  private readonly text: string;
  private readonly length: number;
  private i = 0;

  constructor(text: string) {
    this.text = text;
    this.length = text.length;
  }

  parse(): unknown {
    // Open containers, innermost last; for an object, the key its next value goes to.
    const containers: Container[] = [];
    const keys: string[] = [];
    let depth = 0;
    let value: unknown;
    for (;;) {
      // A value starts here.
      let c = this.skipWhitespace();
      switch (c) {
        case Ch.OpenBrace: {
          this.i++;
          c = this.skipWhitespace();
          if (c === Ch.CloseBrace) {
            this.i++;
            value = {};
            break;
          }
          containers[depth] = {};
          keys[depth] = this.readKey(c);
          depth++;
          continue;
        }
        case Ch.OpenBracket: {
          this.i++;
          c = this.skipWhitespace();
          if (c === Ch.CloseBracket) {
            this.i++;
            value = [];
            break;
          }
          containers[depth] = [];
          depth++;
          continue;
        }
        case Ch.Quote:
          value = this.readString();
          break;
        case Ch.LowerT:
          this.literal('true');
          value = true;
          break;
        case Ch.LowerF:
          this.literal('false');
          value = false;
          break;
        case Ch.LowerN:
          this.literal('null');
          value = null;
          break;
        default:
          if (c === Ch.Minus || (c >= Ch.Zero && c <= Ch.Nine)) value = this.readNumber();
          else throw this.unexpected(c === -1 ? 'the text ended where a value was expected' : 'a value was expected');
      }
      // A value ended: give it to its container, close what closes, or finish.
      for (;;) {
        if (depth === 0) {
          if (this.skipWhitespace() !== -1) throw this.unexpected('the text goes on after the JSON value');
          return value;
        }
        const container = containers[depth - 1] as Container;
        c = this.skipWhitespace();
        if (Array.isArray(container)) {
          container.push(value);
          if (c === Ch.Comma) {
            this.i++;
            break;
          }
          if (c !== Ch.CloseBracket) throw this.unexpected('`,` or `]` was expected');
        } else {
          const key = keys[depth - 1] as string;
          if (key === '__proto__') {
            Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
          } else {
            container[key] = value;
          }
          if (c === Ch.Comma) {
            this.i++;
            keys[depth - 1] = this.readKey(this.skipWhitespace());
            break;
          }
          if (c !== Ch.CloseBrace) throw this.unexpected('`,` or `}` was expected');
        }
        this.i++;
        value = container;
        depth--;
        containers[depth] = EMPTY;
      }
    }
  }

  /** The char code at the first non-whitespace position from `i` (moved there), or -1 at the end. */
  private skipWhitespace(): number {
    const text = this.text;
    let i = this.i;
    for (; i < this.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== Ch.Space && c !== Ch.Lf && c !== Ch.Cr && c !== Ch.Tab) {
        this.i = i;
        return c;
      }
    }
    this.i = i;
    return -1;
  }

  /** A key and its `:`; `c` is the char at `i`. */
  private readKey(c: number): string {
    if (c !== Ch.Quote) throw this.unexpected(c === -1 ? 'the text ended where a key was expected' : 'a key (a string) was expected');
    const key = this.readString();
    if (this.skipWhitespace() !== Ch.Colon) throw this.unexpected('`:` was expected');
    this.i++;
    return key;
  }

  private readString(): string {
    const text = this.text;
    const start = this.i + 1;
    for (let i = start; i < this.length; i++) {
      const c = text.charCodeAt(i);
      if (c === Ch.Quote) {
        this.i = i + 1;
        return text.slice(start, i);
      }
      if (c === Ch.Backslash) return this.readEscapedString(start, i);
      if (c < Ch.Space) {
        this.i = i;
        throw this.unexpected('a control character must be escaped in a string');
      }
    }
    this.i = this.length;
    throw this.unexpected('the text ended inside a string');
  }

  private readEscapedString(start: number, firstEscape: number): string {
    const text = this.text;
    let out = text.slice(start, firstEscape);
    let i = firstEscape;
    let runStart = i;
    while (i < this.length) {
      const c = text.charCodeAt(i);
      if (c === Ch.Quote) {
        this.i = i + 1;
        return out + text.slice(runStart, i);
      }
      if (c === Ch.Backslash) {
        out += text.slice(runStart, i);
        const e = i + 1 < this.length ? text.charCodeAt(i + 1) : -1;
        switch (e) {
          case Ch.Quote:
            out += '"';
            break;
          case Ch.Backslash:
            out += '\\';
            break;
          case Ch.Slash:
            out += '/';
            break;
          case Ch.LowerB:
            out += '\b';
            break;
          case Ch.LowerF:
            out += '\f';
            break;
          case Ch.LowerN:
            out += '\n';
            break;
          case Ch.LowerR:
            out += '\r';
            break;
          case Ch.LowerT:
            out += '\t';
            break;
          case Ch.LowerU: {
            let unit = 0;
            for (let k = i + 2; k < i + 6; k++) {
              const digit = k < this.length ? hexValue(text.charCodeAt(k)) : -1;
              if (digit < 0) {
                this.i = Math.min(k, this.length);
                throw this.unexpected('`\\u` must be followed by four hex digits');
              }
              unit = unit * 16 + digit;
            }
            out += String.fromCharCode(unit);
            i += 4;
            break;
          }
          default:
            this.i = i;
            throw this.unexpected(e === -1 ? 'the text ended inside a string' : 'an unknown escape');
        }
        i += 2;
        runStart = i;
        continue;
      }
      if (c < Ch.Space) {
        this.i = i;
        throw this.unexpected('a control character must be escaped in a string');
      }
      i++;
    }
    this.i = this.length;
    throw this.unexpected('the text ended inside a string');
  }

  private readNumber(): unknown {
    const text = this.text;
    const start = this.i;
    let i = start;
    let c = text.charCodeAt(i);
    if (c === Ch.Minus) c = text.charCodeAt(++i);
    if (c === Ch.Zero) {
      c = text.charCodeAt(++i);
    } else if (c >= Ch.One && c <= Ch.Nine) {
      do c = text.charCodeAt(++i);
      while (c >= Ch.Zero && c <= Ch.Nine);
    } else {
      this.i = i;
      throw this.unexpected('a digit was expected');
    }
    let integer = true;
    if (c === Ch.Dot) {
      integer = false;
      c = text.charCodeAt(++i);
      if (!(c >= Ch.Zero && c <= Ch.Nine)) {
        this.i = i;
        throw this.unexpected('a digit was expected after `.`');
      }
      do c = text.charCodeAt(++i);
      while (c >= Ch.Zero && c <= Ch.Nine);
    }
    if (c === Ch.LowerE || c === Ch.UpperE) {
      integer = false;
      c = text.charCodeAt(++i);
      if (c === Ch.Plus || c === Ch.Minus) c = text.charCodeAt(++i);
      if (!(c >= Ch.Zero && c <= Ch.Nine)) {
        this.i = i;
        throw this.unexpected('a digit was expected in the exponent');
      }
      do c = text.charCodeAt(++i);
      while (c >= Ch.Zero && c <= Ch.Nine);
    }
    this.i = i;
    return makeJsonNumber(text.slice(start, i), integer);
  }

  private literal(word: 'true' | 'false' | 'null'): void {
    if (!this.text.startsWith(word, this.i)) {
      let k = 0;
      while (k < word.length && this.text.charCodeAt(this.i + k) === word.charCodeAt(k)) k++;
      this.i += k;
      throw this.unexpected(`\`${word}\` was expected`);
    }
    this.i += word.length;
  }

  private unexpected(what: string): SharedTokenError {
    return invalid(this.text, Math.min(this.i, this.length), what);
  }
}

const EMPTY: Container = [];

function hexValue(c: number): number {
  if (c >= Ch.Zero && c <= Ch.Nine) return c - Ch.Zero;
  const lower = c | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** The error for invalid JSON at `position`: where, and at most 16 characters of the text from there. */
function invalid(text: string, position: number, what: string): SharedTokenError {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < position; k++) {
    if (text.charCodeAt(k) === Ch.Lf) {
      line++;
      lineStart = k + 1;
    }
  }
  const column = position - lineStart + 1;
  const rest = text.slice(position, position + 16);
  const near = position + 16 < text.length ? `${rest}…` : rest;
  return new SharedTokenError(
    'VALIDATION',
    `Invalid JSON at line ${line}, column ${column} (position ${position}): ${what}${near === '' ? '' : ` near ${JSON.stringify(near)}`}`,
    { position, line, column, near, reason: what },
  );
}
