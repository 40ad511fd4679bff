/**
 * A JSON number kept with its source text, as `parseJsonDocument` returns
 * it. The engine reads a number token two ways: string-like fields index its
 * text as written (`5.0`, `1e3`, `-0`), numeric fields parse it (an integer
 * token exactly, beyond 2^53 too). `JSON.parse` keeps neither the spelling
 * nor the digits beyond 2^53; a `JsonNumber` keeps both.
 *
 * The text and value live under registered symbols (`Symbol.for`), so a
 * `JsonNumber` has no string keys: walking a document into one finds no
 * fields, and another copy of this library (the CommonJS build next to the
 * ESM one) recognises it.
 *
 * @packageDocumentation
 */
import { SharedTokenError } from '../../errors.js';

const BRAND: unique symbol = Symbol.for('shared-tokens.json-number') as never;
const TEXT: unique symbol = Symbol.for('shared-tokens.json-number.text') as never;
const VALUE: unique symbol = Symbol.for('shared-tokens.json-number.value') as never;
const INTEGER: unique symbol = Symbol.for('shared-tokens.json-number.integer') as never;

/**
 * A JSON number with its exact source text. `String(n)` is the text,
 * `Number(n)` (or `+n`) the nearest double, `JSON.stringify` writes the text
 * where the runtime has `JSON.rawJSON` and the double elsewhere. Recognise
 * one with {@link isJsonNumber}; make one with {@link jsonNumber}.
 */
export interface JsonNumber {
  readonly [BRAND]: true;
  readonly [TEXT]: string;
  readonly [VALUE]: number;
  readonly [INTEGER]: boolean;
}

class LosslessNumber {
  declare readonly [BRAND]: true;
  readonly [TEXT]: string;
  readonly [VALUE]: number;
  readonly [INTEGER]: boolean;

  constructor(text: string, value: number, integer: boolean) {
    this[TEXT] = text;
    this[VALUE] = value;
    this[INTEGER] = integer;
  }

  toString(): string {
    return this[TEXT];
  }

  valueOf(): number {
    return this[VALUE];
  }

  toJSON(): unknown {
    return rawJson === undefined ? this[VALUE] : rawJson(this[TEXT]);
  }
}
Object.defineProperty(LosslessNumber.prototype, BRAND, { value: true });
Object.freeze(LosslessNumber.prototype);

const rawJson: ((text: string) => unknown) | undefined = (() => {
  const candidate = (JSON as { rawJSON?: unknown }).rawJSON;
  return typeof candidate === 'function' ? (candidate as (text: string) => unknown).bind(JSON) : undefined;
})();

/** A JSON number literal (RFC 8259): what `jsonNumber` accepts. */
const NUMBER_LITERAL = /^-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

/**
 * Makes a `JsonNumber` from the parser, which has checked the literal.
 * `integer`: the literal has neither fraction nor exponent (the engine's
 * integer token).
 */
export function makeJsonNumber(text: string, integer: boolean): JsonNumber {
  return Object.freeze(new LosslessNumber(text, Number(text), integer)) as JsonNumber;
}

/**
 * A `JsonNumber` for a JSON number literal, for documents built in code
 * that must say how a number was written.
 *
 * @throws SharedTokenError `VALIDATION` when `text` is not a JSON number
 *   literal (RFC 8259: no `+`, no leading zeros, no `.5`, no `NaN`).
 *
 * @example
 * ```ts
 * const n = jsonNumber('5.0');
 * String(n); // '5.0'
 * Number(n); // 5
 * ```
 */
export function jsonNumber(text: string): JsonNumber {
  const match = typeof text === 'string' ? NUMBER_LITERAL.exec(text) : null;
  if (match === null) {
    const shown = String(text);
    throw new SharedTokenError('VALIDATION', `Not a JSON number literal: ${JSON.stringify(shown.length > 24 ? `${shown.slice(0, 24)}…` : shown)}`, {
      reason: 'not a JSON number literal',
    });
  }
  return makeJsonNumber(text, match[1] === undefined && match[2] === undefined);
}

/**
 * Whether `value` is a `JsonNumber` (made by this or another copy of this
 * library).
 *
 * @example
 * ```ts
 * isJsonNumber(jsonNumber('1e3')); // true
 * isJsonNumber(1000);              // false
 * ```
 */
export function isJsonNumber(value: unknown): value is JsonNumber {
  return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
}

/**
 * The source text of a `JsonNumber`, exactly as written.
 *
 * @example
 * ```ts
 * jsonNumberText(jsonNumber('-0.0')); // '-0.0'
 * ```
 */
export function jsonNumberText(n: JsonNumber): string {
  return n[TEXT];
}

/**
 * The double nearest to a `JsonNumber`'s text (what `JSON.parse` gives;
 * `-0` for `-0`, `Infinity` for `1e400`).
 *
 * @example
 * ```ts
 * jsonNumberValue(jsonNumber('9007199254740993')); // 9007199254740992
 * ```
 */
export function jsonNumberValue(n: JsonNumber): number {
  return n[VALUE];
}

/**
 * Whether a `JsonNumber` was written as an integer (no fraction, no
 * exponent): the engine's integer token, read exactly, as opposed to a
 * floating token, read as a double.
 *
 * @example
 * ```ts
 * jsonNumberIsInteger(jsonNumber('5'));   // true
 * jsonNumberIsInteger(jsonNumber('5.0')); // false
 * ```
 */
export function jsonNumberIsInteger(n: JsonNumber): boolean {
  return n[INTEGER];
}
