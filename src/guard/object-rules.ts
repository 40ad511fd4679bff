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
import { refuse } from './refusal.js';

/** A key that is refused whatever its value, with a reason slug and an explanation. */
export interface RefusedKey {
  readonly refuse: string;
  readonly why: string;
}

/**
 * What to do with a key: `'copy'` (plain data, no query can hide in it), a
 * walker that returns the checked copy, or a refusal.
 */
export type KeyRule = 'copy' | RefusedKey | ((value: JsonValue, pointer: string) => JsonValue);

/** A table of key rules, looked up by own property only. */
export type KeyRules = Readonly<Record<string, KeyRule>>;

/** Looks up a rule without ever reaching `Object.prototype` (`constructor`, `__proto__`). */
export function ruleFor(rules: KeyRules, key: string): KeyRule | undefined {
  return Object.prototype.hasOwnProperty.call(rules, key) ? rules[key] : undefined;
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
  for (const key of Object.keys(source)) {
    const at = childPointer(pointer, key);
    const item = source[key] as JsonValue;
    const rule = ruleFor(rules, key);
    if (rule === undefined) {
      if (fallback === undefined) refuse(unknownReason, `${what} does not allow the key "${key}".`, { pointer: at });
      setOwn(out, key, fallback(key, item, at));
    } else if (rule === 'copy') {
      setOwn(out, key, item);
    } else if (typeof rule === 'function') {
      setOwn(out, key, rule(item, at));
    } else {
      refuse(rule.refuse, rule.why, { pointer: at });
    }
  }
  return out;
}

/** Rules that copy each of `keys` as plain data. */
export function copyKeys(...keys: string[]): Record<string, KeyRule> {
  const rules: Record<string, KeyRule> = {};
  for (const key of keys) Object.defineProperty(rules, key, { value: 'copy', enumerable: true });
  return rules;
}

/** Applies `walk` to a value that may be one item or an array of items (Elasticsearch accepts both). */
export function oneOrMany(value: JsonValue, pointer: string, walk: (item: JsonValue, pointer: string) => JsonValue): JsonValue {
  return Array.isArray(value) ? value.map((item, i) => walk(item, childPointer(pointer, i))) : walk(value, pointer);
}

/** Refuses `value` if any key named in `keys` occurs anywhere inside it. */
export function refuseKeysAnywhere(value: JsonValue, pointer: string, keys: readonly string[], reason: string, why: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => refuseKeysAnywhere(item, childPointer(pointer, i), keys, reason, why));
  } else if (isJsonObject(value)) {
    for (const key of Object.keys(value)) {
      const at = childPointer(pointer, key);
      if (keys.includes(key)) refuse(reason, why, { pointer: at });
      refuseKeysAnywhere(value[key] as JsonValue, at, keys, reason, why);
    }
  }
}

/** A rule that accepts only `false` (`explain`, `profile`): turning the feature off is harmless. */
export function onlyFalse(reason: string, why: string): KeyRule {
  return (value, pointer) => (value === false ? value : refuse(reason, why, { pointer }));
}
