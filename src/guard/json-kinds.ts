/**
 * Value kinds: what JSON kind an engine parser reads at one position, as a
 * parser that returns the checked value or refuses with `malformed`. The
 * guarded body is built only from values that went through one of these.
 *
 * The engines' XContent parsers coerce numeric strings for numbers and
 * `"true"`/`"false"` for booleans, so those are accepted as the engine
 * would read them, and re-emitted unchanged.
 *
 * @packageDocumentation
 */
import type { JsonObject, JsonValue } from './json-value.js';
import { isJsonObject, setOwn } from './json-value.js';
import { childPointer } from './pointer.js';
import { refuse } from './refusal.js';

/** Parses the value at one position. */
export type Kind = (value: JsonValue, pointer: string) => JsonValue;

function malformed(pointer: string, expected: string): never {
  return refuse('malformed', `This value must be ${expected}.`, { pointer });
}

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A JSON string. */
export const string: Kind = (value, pointer) => (typeof value === 'string' ? value : malformed(pointer, 'a string'));

/** A number, or a string holding one (the engine coerces it). */
export const number: Kind = (value, pointer) =>
  typeof value === 'number' || (typeof value === 'string' && NUMERIC.test(value)) ? value : malformed(pointer, 'a number');

/** A boolean, or `"true"` / `"false"`. */
export const boolean: Kind = (value, pointer) =>
  typeof value === 'boolean' || value === 'true' || value === 'false' ? value : malformed(pointer, 'a boolean');

/** A string, number or boolean: a term value. */
export const scalar: Kind = (value, pointer) =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : malformed(pointer, 'a string, number or boolean');

/** A scalar or `null` (an open range bound). */
export const nullableScalar: Kind = (value, pointer) => (value === null ? null : scalar(value, pointer));

/** A string or a number (intervals, distances, offsets). */
export const stringOrNumber: Kind = (value, pointer) =>
  typeof value === 'string' || typeof value === 'number' ? value : malformed(pointer, 'a string or a number');

/**
 * For the kinds that return an accepted value unchanged: the test they
 * accept it by. An array of them is checked item by item with the test, and
 * only an item the test rejects gets its pointer built and goes through the
 * kind (which refuses it with that pointer): no pointer string per item.
 */
const UNCHANGED_WHEN: ReadonlyMap<Kind, (value: JsonValue) => boolean> = new Map<Kind, (value: JsonValue) => boolean>([
  [string, (v) => typeof v === 'string'],
  [number, (v) => typeof v === 'number' || (typeof v === 'string' && NUMERIC.test(v))],
  [boolean, (v) => typeof v === 'boolean' || v === 'true' || v === 'false'],
  [scalar, (v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'],
  [nullableScalar, (v) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'],
  [stringOrNumber, (v) => typeof v === 'string' || typeof v === 'number'],
]);

/** An array whose every item is `item`. */
export function arrayOf(item: Kind): Kind {
  const accepts = UNCHANGED_WHEN.get(item);
  return (value, pointer) => {
    if (!Array.isArray(value)) return malformed(pointer, 'an array');
    const out: JsonValue[] = [];
    for (let i = 0; i < value.length; i += 1) {
      const v = value[i] as JsonValue;
      out.push(accepts !== undefined && accepts(v) ? v : item(v, childPointer(pointer, i)));
    }
    return out;
  };
}

/** One `item` or an array of them (the engines accept both). */
export function oneOrArrayOf(item: Kind): Kind {
  const many = arrayOf(item);
  return (value, pointer) => (Array.isArray(value) ? many(value, pointer) : item(value, pointer));
}

/** One of the listed strings. */
export function oneOf(...allowed: string[]): Kind {
  return (value, pointer) => (typeof value === 'string' && allowed.includes(value) ? value : malformed(pointer, `one of ${allowed.join(', ')}`));
}

/** An object whose keys are names chosen by the user and whose values are `item` (`meta` excluded). */
export function mapOf(item: Kind): Kind {
  return (value, pointer) => {
    if (!isJsonObject(value)) return malformed(pointer, 'an object');
    const out: JsonObject = {};
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i += 1) {
      const key = keys[i] as string;
      setOwn(out, key, item(value[key] as JsonValue, childPointer(pointer, key)));
    }
    return out;
  };
}

/**
 * Opaque data the engine never reads as a query or an option: aggregation
 * `meta` (echoed back), a percolated document, a `more_like_this`
 * artificial document. The walkers only ever see the guard's own copy of the
 * body (`readJson` built it from own data properties read once, or
 * `JSON.parse` did), which nothing outside the guard holds: that copy is
 * emitted as it is, once, instead of being copied a second time. The output
 * still shares nothing with the caller's input.
 */
export const opaqueData: Kind = (value) => value;

/** An opaque JSON object (see {@link opaqueData}). */
export const opaqueObject: Kind = (value, pointer) => (isJsonObject(value) ? value : malformed(pointer, 'an object'));

/**
 * A geo point as the engines' `GeoUtils.parseGeoPoint` reads it: `[lon, lat]`
 * (or with a z), `"lat,lon"`, a geohash or WKT `POINT`, or `{ lat, lon }`.
 */
export const geoPoint: Kind = (value, pointer) => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    if (value.length < 2 || value.length > 3) return malformed(pointer, 'a geo point [lon, lat]');
    return value.map((v, i) => number(v, childPointer(pointer, i)));
  }
  if (isJsonObject(value)) {
    const out: JsonObject = {};
    for (const key of Object.keys(value)) {
      const at = childPointer(pointer, key);
      if (key === 'lat' || key === 'lon' || key === 'z') out[key] = number(value[key] as JsonValue, at);
      else if (key === 'geohash') out[key] = string(value[key] as JsonValue, at);
      else malformed(at, 'lat, lon, z or geohash in a geo point');
    }
    return out;
  }
  return malformed(pointer, 'a geo point');
};

/** Nested arrays of numbers (GeoJSON `coordinates`). */
const coordinates: Kind = (value, pointer) => {
  if (Array.isArray(value)) return value.map((v, i) => coordinates(v, childPointer(pointer, i)));
  return number(value, pointer);
};

/**
 * A shape as the engines' `ShapeParser` reads it: WKT text, or a GeoJSON
 * object (`type`, `coordinates`, `geometries`, `orientation`, `radius`).
 */
export const geoShape: Kind = (value, pointer) => {
  if (typeof value === 'string') return value;
  if (!isJsonObject(value)) return malformed(pointer, 'a GeoJSON object or WKT text');
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    const at = childPointer(pointer, key);
    const item = value[key] as JsonValue;
    if (key === 'type' || key === 'orientation') out[key] = string(item, at);
    else if (key === 'radius') out[key] = stringOrNumber(item, at);
    else if (key === 'coordinates') out[key] = coordinates(item, at);
    else if (key === 'geometries') out[key] = arrayOf(geoShape)(item, at);
    else malformed(at, 'type, coordinates, geometries, orientation or radius in a GeoJSON shape');
  }
  return out;
};
