/**
 * Allowlisted object walking: every key of an object must have a rule, and
 * the rule decides whether the value is copied, walked or refused. An
 * unknown key is refused, so a new engine feature is closed until someone
 * adds it here on purpose.
 *
 * @packageDocumentation
 */
import type { JsonObject, JsonValue } from './json-value.js';
import { isJsonObject, setOwn } from './json-value.js';
import { childPointer } from './pointer.js';
import { refuse, shown } from './refusal.js';

/** A key that is refused whatever its value, with a reason slug and an explanation. */
export interface RefusedKey {
  readonly refuse: string;
  readonly why: string;
}

/**
 * What to do with a key: a parser (a value kind, or a walker) that returns
 * the checked copy, or a refusal. There is no "copy as is": every accepted
 * value goes through a parser.
 */
export type KeyRule = RefusedKey | ((value: JsonValue, pointer: string) => JsonValue);

/** A table of key rules, looked up by own property only. */
export type KeyRules = Readonly<Record<string, KeyRule>>;

const hasOwnProperty = Object.prototype.hasOwnProperty;

/** Looks up a rule without ever reaching `Object.prototype` (`constructor`, `__proto__`). */
export function ruleFor(rules: KeyRules, key: string): KeyRule | undefined {
  return hasOwnProperty.call(rules, key) ? rules[key] : undefined;
}

/** Requires a JSON object at `pointer`. */
export function expectObject(value: JsonValue | undefined, pointer: string, what: string): JsonObject {
  if (!isJsonObject(value)) refuse('malformed', `${what} must be a JSON object.`, { pointer });
  return value;
}

/** Requires a JSON array at `pointer`. */
export function expectArray(value: JsonValue | undefined, pointer: string, what: string): JsonValue[] {
  if (!Array.isArray(value)) refuse('malformed', `${what} must be a JSON array.`, { pointer });
  return value;
}

/** Requires a string at `pointer`. */
export function expectString(value: JsonValue | undefined, pointer: string, what: string): string {
  if (typeof value !== 'string') refuse('malformed', `${what} must be a string.`, { pointer });
  return value;
}

/**
 * Walks an object's keys with `rules`. Keys with no rule go to `fallback`
 * when given (used for field-name keys); otherwise they are refused with
 * `unknownReason`.
 */
export function walkObject(
  value: JsonValue | undefined,
  pointer: string,
  what: string,
  rules: KeyRules,
  unknownReason: string,
  fallback?: (key: string, value: JsonValue, pointer: string) => JsonValue,
): JsonObject {
  const source = expectObject(value, pointer, what);
  const out: JsonObject = {};
  const keys = Object.keys(source);
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    const at = childPointer(pointer, key);
    const item = source[key] as JsonValue;
    const rule = hasOwnProperty.call(rules, key) ? rules[key] : undefined;
    if (rule === undefined) {
      if (fallback === undefined) refuse(unknownReason, `${what} does not allow the key "${shown(key)}".`, { pointer: at });
      setOwn(out, key, fallback(key, item, at));
    } else if (typeof rule === 'function') {
      setOwn(out, key, rule(item, at));
    } else {
      refuse(rule.refuse, rule.why, { pointer: at });
    }
  }
  return out;
}

/** Applies `walk` to a value that may be one item or an array of items (Elasticsearch accepts both). */
export function oneOrMany(value: JsonValue, pointer: string, walk: (item: JsonValue, pointer: string) => JsonValue): JsonValue {
  if (!Array.isArray(value)) return walk(value, pointer);
  const out: JsonValue[] = [];
  for (let i = 0; i < value.length; i += 1) out.push(walk(value[i] as JsonValue, childPointer(pointer, i)));
  return out;
}

/** A rule that accepts only `false` (`explain`, `profile`): turning the feature off is harmless. */
export function onlyFalse(reason: string, why: string): KeyRule {
  return (value, pointer) => (value === false ? value : refuse(reason, why, { pointer }));
}
