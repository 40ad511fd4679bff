/**
 * Finding the mapping bodies (`{ properties, ... }`) in the shapes a mapping
 * arrives in: a `GET <index>/_mapping` response (one or several indices,
 * with or without the ES 6 type level, bare or wrapped by a client as
 * `{ body, statusCode }`), an index template (legacy or
 * composable), a component template, the `GET _index_template` /
 * `GET _component_template` responses, or a bare `{ mappings }` /
 * `{ properties }`.
 *
 * @packageDocumentation
 */
import { SharedTokenError } from '../../errors.js';

/** A mapping body found in the input, with the JSON pointer where it was found. */
export interface MappingBody {
  readonly pointer: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly runtime: Readonly<Record<string, unknown>>;
  /** The body's `_source` parameter (`{ enabled, includes, excludes }`), when it has one. */
  readonly source?: unknown;
  /** The index settings found next to the mappings (a `GET <index>` response, a template), if any. */
  readonly settings?: JsonObject;
}

/** A JSON object (not an array). */
export type JsonObject = Readonly<Record<string, unknown>>;

/** Whether `value` is a JSON object (not `null`, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 6901 pointer of `key` under `pointer`. */
export function childPointer(pointer: string, key: string | number): string {
  return `${pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * Every mapping body in `input`.
 *
 * @throws SharedTokenError `VALIDATION` (with `context.pointer`) when the
 *   input, or one index of an index-keyed response, has none of the known shapes.
 *
 * @example
 * ```ts
 * findMappingBodies({ 'logs-1': { mappings: { _doc: { properties: { a: { type: 'keyword' } } } } } });
 * // [{ pointer: '/logs-1/mappings/_doc', properties: { a: { type: 'keyword' } }, runtime: {} }]
 * ```
 */
export function findMappingBodies(input: unknown): MappingBody[] {
  if (!isJsonObject(input)) {
    throw invalid('', 'a mapping response must be a JSON object');
  }
  // The Elasticsearch client before v8 (and the OpenSearch client) wrap the response: `{ body, statusCode, ... }`.
  if (isJsonObject(input['body']) && typeof input['statusCode'] === 'number') {
    return findMappingBodies(input['body']).map((found) => ({ ...found, pointer: `/body${found.pointer}` }));
  }
  const direct = bodiesOfContainer(input, '');
  if (direct !== undefined) return direct;
  // `GET <index>/_mapping`: index name → { mappings }.
  return Object.entries(input).flatMap(([index, value]) => {
    const pointer = childPointer('', index);
    const bodies = isJsonObject(value) ? bodiesOfContainer(value, pointer) : undefined;
    if (bodies === undefined) throw invalid(pointer, `index "${index}" has no "mappings"`);
    return bodies;
  });
}

/** The bodies of an object that holds mappings directly, or `undefined` when it is not such an object. */
function bodiesOfContainer(value: JsonObject, pointer: string): MappingBody[] | undefined {
  if ('properties' in value) return [body(value, pointer)];
  if ('mappings' in value) return withSettings(bodiesOfMappings(value['mappings'], childPointer(pointer, 'mappings')), value['settings']);
  const template = value['template'];
  if (isJsonObject(template) && 'mappings' in template) {
    return withSettings(bodiesOfMappings(template['mappings'], childPointer(childPointer(pointer, 'template'), 'mappings')), template['settings']);
  }
  for (const [listKey, itemKey] of [
    ['index_templates', 'index_template'],
    ['component_templates', 'component_template'],
  ] as const) {
    const list = value[listKey];
    if (Array.isArray(list)) {
      return list.flatMap((item: unknown, index) => {
        const itemPointer = childPointer(childPointer(pointer, listKey), index);
        const inner = isJsonObject(item) ? item[itemKey] : undefined;
        const bodies = isJsonObject(inner) ? bodiesOfContainer(inner, childPointer(itemPointer, itemKey)) : undefined;
        return bodies ?? [];
      });
    }
  }
  return undefined;
}

/** The bodies with the settings that came with them (a `GET <index>` response, a template). */
function withSettings(bodies: MappingBody[], settings: unknown): MappingBody[] {
  return isJsonObject(settings) ? bodies.map((found) => ({ ...found, settings })) : bodies;
}

/** `mappings`: a body, a type level (`{ _doc: body }`, ES 6 and older), or empty. */
function bodiesOfMappings(mappings: unknown, pointer: string): MappingBody[] {
  if (!isJsonObject(mappings)) throw invalid(pointer, '"mappings" must be an object');
  if ('properties' in mappings) return [body(mappings, pointer)];
  const typed = Object.entries(mappings).filter(
    ([, value]) => isJsonObject(value) && ('properties' in value || 'dynamic_templates' in value),
  );
  if (typed.length === 0) return [body(mappings, pointer)];
  return typed.map(([type, value]) => body(value as JsonObject, childPointer(pointer, type)));
}

function body(mappings: JsonObject, pointer: string): MappingBody {
  const properties = mappings['properties'] ?? {};
  const runtime = mappings['runtime'] ?? {};
  if (!isJsonObject(properties)) throw invalid(childPointer(pointer, 'properties'), '"properties" must be an object');
  if (!isJsonObject(runtime)) throw invalid(childPointer(pointer, 'runtime'), '"runtime" must be an object');
  return { pointer, properties, runtime, ...('_source' in mappings ? { source: mappings['_source'] } : {}) };
}

/** A `VALIDATION` error about the mapping at `pointer`. */
export function invalid(pointer: string, message: string): SharedTokenError {
  return new SharedTokenError('VALIDATION', `Invalid mapping at "${pointer}": ${message}`, { pointer });
}
