/**
 * Turns an untrusted value into the guard's own JSON copy, enforcing the
 * size and depth limits while copying so that a huge or deep input is
 * refused early instead of being walked.
 *
 * @packageDocumentation
 */
import type { SharedTokenErrorContext } from '../errors.js';
import type { JsonObject, JsonValue } from './json-value.js';
import { setOwn } from './json-value.js';
import { renderPointer } from './pointer.js';
import { refuse } from './refusal.js';

/** Byte and depth budget shared by every value read from one body. */
export interface JsonBudget {
  bytesLeft: number;
  readonly maxBytes: number;
  readonly maxDepth: number;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    // Surrogates count 3 each: an over-estimate for pairs (4 bytes), never an under-estimate.
    bytes += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
  }
  return bytes;
}

/** The pointer of `path` under `base`: rendered only when refusing, so reading allocates no pointer per key. */
function at(base: string, path: readonly (string | number)[]): string {
  return renderPointer(base, path);
}

function tooLarge(budget: JsonBudget, pointer: string): never {
  return refuse('body-too-large', `The body is larger than ${budget.maxBytes} bytes.`, { pointer, limit: budget.maxBytes });
}

function notJson(pointer: string, what: string): never {
  return refuse('body-not-json', `The body holds ${what}, which is not JSON.`, { pointer });
}

function isPlainPrototype(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

// Annex B lookup: an own accessor with a getter answers with it, an own data property with
// undefined, without allocating (Object.getOwnPropertyDescriptor allocates a descriptor per key).
// A setter-only accessor reads as undefined, so only an undefined value needs the descriptor.
// A runtime without the lookup (it is legacy) reads every descriptor.
type Lookup = (this: object, key: PropertyKey) => unknown;
const lookupGetter = (Object.prototype as { __lookupGetter__?: Lookup }).__lookupGetter__;
const hasOwnProperty = Object.prototype.hasOwnProperty;

/** What {@link dataValue} returns for a property that is not data. */
const NOT_DATA: unique symbol = Symbol('not a data property');

/** True when own property `key` of `value` is not a data property (an accessor, or gone). */
function isNotData(value: object, key: string | number): boolean {
  const descriptor = Object.getOwnPropertyDescriptor(value, key);
  return descriptor === undefined || !('value' in descriptor);
}

/**
 * The value of own data property `key` (a property `Object.keys` listed, or
 * an array index that `hasOwnProperty` found), or `NOT_DATA` for an
 * accessor, without calling it.
 */
function dataValue(value: object, key: string | number): unknown {
  if (lookupGetter === undefined) return isNotData(value, key) ? NOT_DATA : (value as Record<string | number, unknown>)[key];
  if (lookupGetter.call(value, key) !== undefined) return NOT_DATA;
  const item = (value as Record<string | number, unknown>)[key];
  return item === undefined && isNotData(value, key) ? NOT_DATA : item;
}

/** One read: the budget, the base pointer, and the path from it to the value being read. */
interface Reader {
  readonly budget: JsonBudget;
  readonly base: string;
  readonly path: (string | number)[];
}

function spend(reader: Reader, bytes: number): void {
  const budget = reader.budget;
  budget.bytesLeft -= bytes;
  if (budget.bytesLeft < 0) tooLarge(budget, at(reader.base, reader.path));
}

/**
 * Copies `value` into a fresh JSON value: own enumerable data properties
 * only, finite numbers, dense arrays; anything else (getters, `undefined`,
 * functions, class instances, `NaN`) is refused as `body-not-json`. Each
 * property is read once, after it was found to be a data property.
 */
export function readJson(value: unknown, pointer: string, budget: JsonBudget, depth = 0): JsonValue {
  return readValue(value, { budget, base: pointer, path: [] }, depth);
}

function readValue(value: unknown, reader: Reader, depth: number): JsonValue {
  if (value === null) {
    spend(reader, 4);
    return null;
  }
  switch (typeof value) {
    case 'boolean':
      spend(reader, 5);
      return value;
    case 'number':
      if (!Number.isFinite(value)) return notJson(at(reader.base, reader.path), 'a non-finite number');
      spend(reader, 8);
      return value;
    case 'string':
      spend(reader, utf8Length(value) + 2);
      return value;
    case 'object':
      break;
    default:
      return notJson(at(reader.base, reader.path), `a ${typeof value}`);
  }
  const budget = reader.budget;
  if (depth >= budget.maxDepth) {
    refuse('body-too-deep', `The body is nested deeper than ${budget.maxDepth} levels.`, { pointer: at(reader.base, reader.path), limit: budget.maxDepth });
  }
  spend(reader, 2);
  const path = reader.path;
  if (Array.isArray(value)) {
    if (!isPlainPrototype(value) && Object.getPrototypeOf(value) !== Array.prototype) return notJson(at(reader.base, path), 'an array subclass');
    // The length is read once. A short array is sized once: one grown from empty starts with room
    // for 17 items, which for the one-item arrays of deep data is most of the garbage. A long one
    // grows as read (it may be refused on the way, and a large preallocation is slow in V8).
    const length = value.length;
    const out: JsonValue[] = length <= 16 ? new Array<JsonValue>(length) : [];
    for (let i = 0; i < length; i += 1) {
      path.push(i);
      const item = hasOwnProperty.call(value, i) ? dataValue(value, i) : NOT_DATA;
      if (item === NOT_DATA) return notJson(at(reader.base, path), 'a hole or an accessor');
      spend(reader, 1);
      out[i] = readValue(item, reader, depth + 1);
      path.pop();
    }
    return out;
  }
  if (!isPlainPrototype(value)) return notJson(at(reader.base, path), 'an object that is not a plain object');
  const source = value as Record<string, unknown>;
  if (Object.getOwnPropertySymbols(source).length > 0) return notJson(at(reader.base, path), 'symbol keys');
  const keys = Object.keys(source);
  // `{}` has room for four properties in the object; a one-key literal for one (see below).
  let out: JsonObject | undefined = keys.length === 1 ? undefined : {};
  for (let k = 0; k < keys.length; k += 1) {
    const key = keys[k] as string;
    path.push(key);
    // Object.keys listed it as own: only an accessor is left to rule out.
    const item = dataValue(source, key);
    if (item === NOT_DATA) return notJson(at(reader.base, path), 'an accessor property');
    spend(reader, utf8Length(key) + 4);
    const copy = readValue(item, reader, depth + 1);
    // A one-key object as a literal: a computed key is defined as an own property (`__proto__` too,
    // never the prototype), without the setter lookup through Object.prototype that an assignment
    // makes. For the many one-key objects with distinct keys (sorts, aggregation maps) that is a
    // quarter of their copy.
    if (out === undefined) out = { [key]: copy };
    else setOwn(out, key, copy);
    path.pop();
  }
  return out ?? {};
}

/**
 * Parses JSON text under the budget. The text length is checked before
 * parsing, so parsing is bounded; depth is checked on the parsed value.
 */
export function parseJsonText(text: string, pointer: string, budget: JsonBudget): JsonValue {
  const bytes = utf8Length(text);
  if (bytes > budget.bytesLeft) {
    refuse('body-too-large', `The body is larger than ${budget.maxBytes} bytes.`, { pointer, limit: budget.maxBytes });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return refuse('body-not-json', 'The body is not valid JSON.', { pointer });
  }
  budget.bytesLeft -= bytes;
  // JSON.parse output is plain JSON already (own data properties, `__proto__`
  // an ordinary own key, dense arrays, finite numbers), and the walkers copy
  // what they accept; only the depth is left to check, without copying.
  checkDepth(parsed as JsonValue, pointer, budget.maxDepth);
  return parsed as JsonValue;
}

/** Refuses a parsed value nested deeper than `maxDepth`, or holding a number that overflowed (iterative: an attacker's depth never meets the call stack). */
function checkDepth(root: JsonValue, pointer: string, maxDepth: number, depth = 0): void {
  // Recursive, with no allocation per value: the depth check bounds the recursion at maxDepth.
  if (typeof root === 'number') {
    // JSON.parse reads 1e400 as Infinity, which JSON.stringify would write as null.
    if (!Number.isFinite(root)) notJson(pointer, 'a number too large for a double');
    return;
  }
  if (typeof root !== 'object' || root === null) return;
  if (depth >= maxDepth) refuse('body-too-deep', `The body is nested deeper than ${maxDepth} levels.`, { pointer, limit: maxDepth });
  if (Array.isArray(root)) {
    for (let i = 0; i < root.length; i++) checkDepth(root[i] as JsonValue, pointer, maxDepth, depth + 1);
  } else {
    for (const key in root) checkDepth(root[key] as JsonValue, pointer, maxDepth, depth + 1);
  }
}

/**
 * Runs `read` and turns any exception that is not a refusal (a throwing
 * Proxy, say) into one located by `where`.
 */
export function readSafely<T>(read: () => T, where: SharedTokenErrorContext, isRefusal: (error: unknown) => boolean): T {
  try {
    return read();
  } catch (error) {
    if (isRefusal(error)) throw error;
    return refuse('not-json', 'This part of the request could not be read as plain JSON data.', where);
  }
}
