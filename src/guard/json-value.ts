/**
 * The guard works on its own copy of the request body: plain JSON values
 * built from own data properties only, so nothing the caller passed (getters,
 * prototypes, `__proto__` keys) can change what the guard sees after it has
 * checked it, and nothing the guard builds can be polluted.
 *
 * @packageDocumentation
 */

/** A JSON value as the guard reads and emits it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;

/** A JSON object. Keys such as `__proto__` are ordinary own properties. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sets `key` as an own, enumerable data property. Plain assignment would
 * treat `__proto__` as the prototype setter, so that key goes through
 * `defineProperty`; every other key of `Object.prototype` is a writable data
 * property, which assignment shadows with an own one (and assignment keeps
 * the object in V8's fast mode, which `defineProperty` does not).
 */
export function setOwn(target: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Reads an own property only (never one inherited from a prototype). */
export function getOwn(source: JsonObject, key: string): JsonValue | undefined {
  return Object.prototype.hasOwnProperty.call(source, key) ? source[key] : undefined;
}

/** True when `source` has `key` as an own property. */
export function hasOwn(source: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(source, key);
}

/**
 * A new JSON object with one key, defined safely (`{ [key]: value }` without an entry list).
 *
 * @example
 * ```ts
 * singleKey('__proto__', 1); // an object with an own `__proto__` key, its prototype untouched
 * ```
 */
export function singleKey(key: string, value: JsonValue): JsonObject {
  const out: JsonObject = {};
  setOwn(out, key, value);
  return out;
}

/** A new JSON object from entries, defined safely. */
export function jsonObject(entries: Iterable<readonly [string, JsonValue]>): JsonObject {
  const out: JsonObject = {};
  if (Array.isArray(entries)) {
    // The common case, without an iterator and a destructuring per entry.
    const list = entries as readonly (readonly [string, JsonValue])[];
    for (let i = 0; i < list.length; i += 1) {
      const entry = list[i] as readonly [string, JsonValue];
      setOwn(out, entry[0], entry[1]);
    }
    return out;
  }
  for (const [key, value] of entries) setOwn(out, key, value);
  return out;
}

/** A deep copy of a (guard-built) JSON value. */
export function cloneJson(value: JsonValue): JsonValue {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out: JsonValue[] = [];
    for (let i = 0; i < value.length; i += 1) out.push(cloneJson(value[i] as JsonValue));
    return out;
  }
  const out: JsonObject = {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    setOwn(out, key, cloneJson(value[key] as JsonValue));
  }
  return out;
}

/** Structural equality of two JSON values; key order is ignored, array order is not. */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}
