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
import { childPointer } from './pointer.js';
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

function spend(budget: JsonBudget, bytes: number, pointer: string): void {
  budget.bytesLeft -= bytes;
  if (budget.bytesLeft < 0) {
    refuse('body-too-large', `The body is larger than ${budget.maxBytes} bytes.`, { pointer, limit: budget.maxBytes });
  }
}

function notJson(pointer: string, what: string): never {
  return refuse('body-not-json', `The body holds ${what}, which is not JSON.`, { pointer });
}

function isPlainPrototype(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Copies `value` into a fresh JSON value: own enumerable data properties
 * only, finite numbers, dense arrays; anything else (getters, `undefined`,
 * functions, class instances, `NaN`) is refused as `body-not-json`.
 */
export function readJson(value: unknown, pointer: string, budget: JsonBudget, depth = 0): JsonValue {
  if (value === null) {
    spend(budget, 4, pointer);
    return null;
  }
  switch (typeof value) {
    case 'boolean':
      spend(budget, 5, pointer);
      return value;
    case 'number':
      if (!Number.isFinite(value)) return notJson(pointer, 'a non-finite number');
      spend(budget, 8, pointer);
      return value;
    case 'string':
      spend(budget, utf8Length(value) + 2, pointer);
      return value;
    case 'object':
      break;
    default:
      return notJson(pointer, `a ${typeof value}`);
  }
  if (depth >= budget.maxDepth) {
    refuse('body-too-deep', `The body is nested deeper than ${budget.maxDepth} levels.`, { pointer, limit: budget.maxDepth });
  }
  spend(budget, 2, pointer);
  if (Array.isArray(value)) {
    if (!isPlainPrototype(value) && Object.getPrototypeOf(value) !== Array.prototype) return notJson(pointer, 'an array subclass');
    const out: JsonValue[] = [];
    for (let i = 0; i < value.length; i += 1) {
      const at = childPointer(pointer, i);
      const descriptor = Object.getOwnPropertyDescriptor(value, i);
      if (descriptor === undefined || !('value' in descriptor)) return notJson(at, 'a hole or an accessor');
      spend(budget, 1, at);
      out.push(readJson(descriptor.value, at, budget, depth + 1));
    }
    return out;
  }
  if (!isPlainPrototype(value)) return notJson(pointer, 'an object that is not a plain object');
  if (Object.getOwnPropertySymbols(value).length > 0) return notJson(pointer, 'symbol keys');
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    const at = childPointer(pointer, key);
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor === undefined || !('value' in descriptor)) return notJson(at, 'an accessor property');
    spend(budget, utf8Length(key) + 4, at);
    setOwn(out, key, readJson(descriptor.value, at, budget, depth + 1));
  }
  return out;
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
