/**
 * `fieldTypesFromMapping`: a real mapping response → the `fields` option.
 *
 * @packageDocumentation
 */
import type { FieldSpec, FieldTypes } from './field-types.js';
import { findMappingBodies, invalid, isJsonObject } from './mapping-bodies.js';
import { fieldsOfBody } from './mapping-fields.js';
import type { MappingEngine } from './mapping-fields.js';

export type { MappingEngine } from './mapping-fields.js';

/** Options of `fieldTypesFromMapping`. */
export interface FieldTypesFromMappingOptions {
  /**
   * The index settings (`GET <index>/_settings` for one index: the
   * `settings` object, with or without the `index` level, nested or flat).
   * They define the normalizers named in the mapping. Default: the settings
   * found next to each mapping in the response (a `GET <index>` response or
   * a template carries them); with none, every field with a normalizer is
   * `unsupported`, because a name says nothing certain (an index may define
   * its own `lowercase`).
   */
  readonly settings?: unknown;
  /**
   * The engine the mapping comes from, where the engines' defaults differ:
   * a `wildcard` field without `doc_values` in the mapping verifies matches
   * against `_source` on OpenSearch (its 2.x default is no doc values) and
   * against doc values on Elasticsearch. With `'elasticsearch'`, fields of
   * the types whose reading is proven on OpenSearch only (`wildcard`,
   * `constant_keyword`, `unsigned_long`, `scaled_float`, `match_only_text`)
   * are `unsupported`, the reason in `mappedType`. Default: unknown; such a
   * `wildcard` field is `unsupported`, the other types are read as on
   * OpenSearch. `date`, `date_nanos` and `ip` fields carry it (`engine` of
   * their field type): the engines read some date and address spellings
   * differently, and with the engine unknown the compilers keep to what
   * both read alike.
   */
  readonly engine?: MappingEngine;
}

/**
 * Reads the `fields` option of `toElasticsearchQuery`, `toPredicate` and the
 * request guard from a mapping, in the shapes Elasticsearch 7/8/9 and
 * OpenSearch 1/2/3 return it (the readings are proven on OpenSearch 2.19
 * and 3.9 and Elasticsearch 8.19 only).
 *
 * Accepted shapes: a `GET <index>/_mapping` response (`{ "<index>": {
 * "mappings": { "properties": ... } } }`, one or several indices, with or
 * without the ES 6 type level such as `_doc`; bare, or as the OpenSearch
 * client and the Elasticsearch client before v8 return it,
 * `{ body, statusCode, ... }`), an index template (legacy
 * `{ mappings }` or composable `{ template: { mappings } }`), a component
 * template, the `GET _index_template` / `GET _component_template`
 * responses, or a bare `{ mappings }` / `{ properties }`; also a
 * `GET <index>` response (`{ "<index>": { "settings", "mappings" } }`),
 * whose settings define the index's normalizers.
 *
 * What it reads:
 * - `object` and `nested` properties are walked (an object with
 *   `enabled: false` contributes nothing); fields under `nested` get
 *   `nestedPaths` (`include_in_parent`/`include_in_root` change nothing:
 *   the compilers always use `nested` queries, which match the same);
 * - multi-fields (`fields`) become fields of their own (`message.keyword`)
 *   reading the parent's `_source` path; a `text`/`match_only_text` field
 *   records its `keyword` multi-field (preferably the one named `keyword`)
 *   as `keywordSubfield`;
 * - `copy_to` targets read every source that copies to them;
 * - `alias` fields take their target's spec;
 * - `ignore_above`, `normalizer`, `null_value`, `scaling_factor`, `format`,
 *   `coerce`, `ignore_malformed` and `value` (`constant_keyword`) are kept;
 * - a normalizer is resolved to its filters from the settings
 *   (`normalizerFilters`); one that is not made of emulated filters, or
 *   whose settings are not known, makes the field `unsupported`;
 * - a `wildcard` field's `doc_values` (or the engine's default) and, without
 *   doc values, the mapping's `_source` (`enabled`, `includes`, `excludes`);
 * - a `keyword` with `index: false` is kept when it has doc values (the
 *   engine answers `term` from them); a `text` field's own `index` does not
 *   matter (its keyword sub-field is queried).
 *
 * A field becomes `{ type: 'unsupported', mappedType }` (every filter on it
 * is then rejected, never guessed) when its type is not emulated
 * (`geo_point`, `binary`, ...), it is not indexed (`index: false`, except a
 * `keyword` with doc values and a `text` field), it is
 * computed by a script or is a runtime field, a `wildcard` without doc
 * values sits where the engine's `_source` check never matches (inside
 * `nested`, `_source` disabled) or is filtered (`_source` includes/excludes), it has a parameter that could
 * change what `term` matches and is not emulated, or when several mapping
 * bodies (indices, templates, ES 6 types) define it differently (then
 * `mappedType` lists the variants: `"conflict: keyword | long"`). A field
 * defined identically in several bodies, or in only some of them, is kept.
 * Dynamic templates are not read: fields they would create exist in a real
 * index's `_mapping` but not in a template. The settings
 * `index.mapping.coerce: false` and `index.mapping.ignore_malformed: true`
 * are not read: set `coerce` / `ignoreMalformed` on the specs yourself.
 *
 * @throws SharedTokenError `VALIDATION` with `context.pointer` (a JSON
 *   pointer into the input) when the input has none of the known shapes, or
 *   an option is not of its type.
 *
 * @example
 * ```ts
 * const response = await client.indices.getMapping({ index: 'logs-web' });
 * // { "logs-web": { "mappings": { "properties": {
 * //   "message": { "type": "text", "fields": { "keyword": { "type": "keyword", "ignore_above": 256 } } },
 * //   "items": { "type": "nested", "properties": { "sku": { "type": "keyword" } } } } } } }
 * fieldTypesFromMapping(response);
 * // {
 * //   "message": { type: "text", keywordSubfield: "message.keyword" },
 * //   "message.keyword": { type: "keyword", ignoreAbove: 256, sourcePaths: ["message"] },
 * //   "items.sku": { type: "keyword", nestedPaths: ["items"] },
 * // }
 * // With normalizers or wildcard fields, give the settings and the engine:
 * fieldTypesFromMapping(await client.indices.get({ index: 'logs-web' }), { engine: 'opensearch' });
 * ```
 */
export function fieldTypesFromMapping(response: unknown, options: FieldTypesFromMappingOptions = {}): FieldTypes {
  const { settings, engine } = options;
  if (settings !== undefined && !isJsonObject(settings)) throw invalid('', 'the settings option must be a JSON object');
  if (engine !== undefined && engine !== 'opensearch' && engine !== 'elasticsearch') {
    throw invalid('', 'the engine option must be "opensearch" or "elasticsearch"');
  }
  const variants = new Map<string, Map<string, FieldSpec>>();
  for (const body of findMappingBodies(response)) {
    for (const [name, spec] of fieldsOfBody(body, { engine, settings })) {
      const byKey = variants.get(name) ?? new Map<string, FieldSpec>();
      byKey.set(specKey(spec), spec);
      variants.set(name, byKey);
    }
  }
  const entries = [...variants].map(([name, byKey]): [string, FieldSpec] => {
    const specs = [...byKey.values()];
    const [only] = specs;
    if (only !== undefined && specs.length === 1) return [name, only];
    const types = [...new Set(specs.map((spec) => (spec.type === 'unsupported' ? spec.mappedType : spec.type)))].sort();
    const variantsText = types.length === 1 ? `${types.join('')} with different parameters` : types.join(' | ');
    return [name, Object.freeze({ type: 'unsupported', mappedType: `conflict: ${variantsText}` })];
  });
  // Object.fromEntries defines own properties, even for a field named `__proto__`.
  return Object.freeze(Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** Equal specs give equal keys, whatever the order their members were written in. */
function specKey(spec: FieldSpec): string {
  return JSON.stringify(Object.entries(spec).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
