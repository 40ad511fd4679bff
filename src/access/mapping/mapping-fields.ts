/**
 * Reading the fields of one mapping body into `FieldSpec`s: objects and
 * `nested` objects are walked, multi-fields and `copy_to` targets learn
 * their `_source` paths, aliases take their target's spec, and every
 * parameter that changes what `term` matches is either carried over or makes
 * the field `unsupported` (so that its filters are rejected, never guessed).
 *
 * @packageDocumentation
 */
import { notVerifiedOn } from './engine-verified.js';
import type { FieldSpec, FieldType } from './field-types.js';
import { analysisOf, resolveNormalizer } from './index-settings.js';
import { childPointer, invalid, isJsonObject } from './mapping-bodies.js';
import type { JsonObject, MappingBody } from './mapping-bodies.js';

/** Which engine family the mapping comes from, where their defaults differ. */
export type MappingEngine = 'opensearch' | 'elasticsearch';

/** What `fieldsOfBody` needs besides the body. */
export interface BodyContext {
  /** The engine, when the caller said; `undefined` when unknown. */
  readonly engine: MappingEngine | undefined;
  /** Index settings given by the caller; the body's own settings are used when absent. */
  readonly settings: JsonObject | undefined;
}

/** How the body's `_source` is kept: whole, filtered by includes/excludes, or not at all. */
type SourceKeeping = 'whole' | 'filtered' | 'disabled';

function sourceKeeping(source: unknown): SourceKeeping {
  if (!isJsonObject(source)) return 'whole';
  if (source['enabled'] === false || source['enabled'] === 'false') return 'disabled';
  const listed = (key: string): boolean => {
    const value = source[key];
    return typeof value === 'string' ? value !== '' : Array.isArray(value) && value.length > 0;
  };
  return listed('includes') || listed('excludes') ? 'filtered' : 'whole';
}

interface ReadContext {
  readonly engine: MappingEngine | undefined;
  /** The `analysis` settings, or `undefined` when no settings are known. */
  readonly analysis: JsonObject | undefined;
  readonly source: SourceKeeping;
}

interface LeafField {
  readonly name: string;
  readonly definition: JsonObject;
  readonly nestedPaths: readonly string[];
  /** For a multi-field: the field it belongs to (its values come from that field's sources). */
  readonly parent?: string;
}

/**
 * Every field of `body`, full dotted name → spec.
 *
 * @example
 * ```ts
 * fieldsOfBody({ pointer: '', runtime: {}, properties: {
 *   host: { properties: { name: { type: 'text', fields: { keyword: { type: 'keyword' } } } } },
 * } });
 * // Map { 'host.name' → { type: 'text', keywordSubfield: 'host.name.keyword' },
 * //       'host.name.keyword' → { type: 'keyword', sourcePaths: ['host.name'] } }
 * ```
 */
export function fieldsOfBody(body: MappingBody, context: BodyContext = { engine: undefined, settings: undefined }): Map<string, FieldSpec> {
  const settings = context.settings ?? body.settings;
  const read: ReadContext = {
    engine: context.engine,
    analysis: settings === undefined ? undefined : analysisOf(settings),
    source: sourceKeeping(body.source),
  };
  const leaves: LeafField[] = [];
  const aliases = new Map<string, string>();
  walkProperties(body.properties, '', [], childPointer(body.pointer, 'properties'), leaves, aliases);

  const copySources = new Map<string, string[]>();
  for (const leaf of leaves) {
    for (const target of copyTargets(leaf.definition['copy_to'])) {
      copySources.set(target, [...(copySources.get(target) ?? []), leaf.name]);
    }
  }
  const sourcePathsOf = (leaf: LeafField): readonly string[] => {
    const own = leaf.parent ?? leaf.name;
    return [own, ...(copySources.get(own) ?? [])];
  };

  const specs = new Map<string, FieldSpec>();
  for (const leaf of leaves) {
    const type = fieldTypeOf(leaf, leaves, read);
    specs.set(leaf.name, withLocation(type, leaf.name, sourcePathsOf(leaf), leaf.nestedPaths));
  }
  for (const [name, target] of aliases) {
    const spec = specs.get(target);
    // The alias reads its target's _source paths, not its own name (an alias has no _source key).
    specs.set(name, spec === undefined ? { type: 'unsupported', mappedType: 'alias' } : Object.freeze({ ...spec, sourcePaths: spec.sourcePaths ?? Object.freeze([target]) }));
  }
  for (const [name, definition] of Object.entries(body.runtime)) {
    const type = isJsonObject(definition) && typeof definition['type'] === 'string' ? definition['type'] : 'unknown';
    // A runtime field shadows a mapped one and is computed by a script the predicate cannot run.
    specs.set(name, { type: 'unsupported', mappedType: `runtime ${type}` });
  }
  return specs;
}

function walkProperties(
  properties: JsonObject,
  prefix: string,
  nestedPaths: readonly string[],
  pointer: string,
  leaves: LeafField[],
  aliases: Map<string, string>,
): void {
  for (const [key, definition] of Object.entries(properties)) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    const fieldPointer = childPointer(pointer, key);
    if (!isJsonObject(definition)) throw invalid(fieldPointer, `the definition of "${name}" must be an object`);
    const type = definition['type'] ?? 'object';
    if (type === 'object' || type === 'nested') {
      // `enabled: false` keeps the object in _source only: nothing under it is searchable.
      if (definition['enabled'] === false) continue;
      const inner = definition['properties'] ?? {};
      if (!isJsonObject(inner)) throw invalid(childPointer(fieldPointer, 'properties'), '"properties" must be an object');
      const innerNested = type === 'nested' ? [...nestedPaths, name] : nestedPaths;
      walkProperties(inner, name, innerNested, childPointer(fieldPointer, 'properties'), leaves, aliases);
      continue;
    }
    if (type === 'alias') {
      const path = definition['path'];
      if (typeof path !== 'string') throw invalid(fieldPointer, `alias "${name}" has no "path"`);
      aliases.set(name, path);
      continue;
    }
    leaves.push({ name, definition, nestedPaths });
    const multiFields = definition['fields'] ?? {};
    if (!isJsonObject(multiFields)) throw invalid(childPointer(fieldPointer, 'fields'), '"fields" must be an object');
    for (const [subKey, subDefinition] of Object.entries(multiFields)) {
      if (!isJsonObject(subDefinition)) {
        throw invalid(childPointer(childPointer(fieldPointer, 'fields'), subKey), 'a multi-field must be an object');
      }
      leaves.push({ name: `${name}.${subKey}`, definition: subDefinition, nestedPaths, parent: name });
    }
  }
}

function copyTargets(copyTo: unknown): readonly string[] {
  if (typeof copyTo === 'string') return [copyTo];
  if (Array.isArray(copyTo)) return copyTo.filter((target): target is string => typeof target === 'string');
  return [];
}

function withLocation(type: FieldType, name: string, sourcePaths: readonly string[], nestedPaths: readonly string[]): FieldSpec {
  const ownSource = sourcePaths.length === 1 && sourcePaths[0] === name;
  return Object.freeze({
    ...type,
    ...(ownSource ? {} : { sourcePaths: Object.freeze([...sourcePaths]) }),
    ...(nestedPaths.length === 0 ? {} : { nestedPaths: Object.freeze([...nestedPaths]) }),
  });
}

/** Parameters that do not change which documents a `term` matches. */
const NEUTRAL_PARAMETERS: ReadonlySet<string> = new Set([
  'type', 'index', 'fields', 'copy_to', 'doc_values', 'store', 'boost', 'norms', 'similarity', 'index_options',
  'index_phrases', 'index_prefixes', 'eager_global_ordinals', 'fielddata', 'fielddata_frequency_filter',
  'meta', 'position_increment_gap', 'analyzer', 'search_analyzer', 'search_quote_analyzer',
  'split_queries_on_whitespace', 'synthetic_source_keep', 'time_series_dimension', 'time_series_metric',
  'term_vector', 'dimension', 'locale', 'ignore_z_value', 'depth_limit', 'precision_step', 'on_script_error',
]);

function fieldTypeOf(leaf: LeafField, leaves: readonly LeafField[], context: ReadContext): FieldType {
  const { definition } = leaf;
  const mappedType = typeof definition['type'] === 'string' ? definition['type'] : 'object';
  const notVerified = notVerifiedOn(mappedType, context.engine);
  if (notVerified !== undefined) return { type: 'unsupported', mappedType: `${mappedType} (${notVerified})` };
  if (definition['index'] === false && !searchableWithoutIndex(mappedType, definition)) {
    return { type: 'unsupported', mappedType: `${mappedType} (index: false)` };
  }
  if ('script' in definition) return { type: 'unsupported', mappedType: `${mappedType} (script)` };
  const read = new ParameterReader(definition);
  const type = readType(mappedType, read, leaf, leaves, context);
  const unknown = Object.keys(definition).filter((key) => !NEUTRAL_PARAMETERS.has(key) && !read.used.has(key));
  if (type.type === 'unsupported') return type;
  if (read.failed.length > 0 || unknown.length > 0) {
    const problems = [...read.failed, ...unknown];
    return { type: 'unsupported', mappedType: problems.length === 0 ? mappedType : `${mappedType} (${problems.join(', ')})` };
  }
  return type;
}

/**
 * Whether a field with `index: false` still answers `term` exactly: a
 * `keyword` with doc values (the default) is searched through them
 * (`KeywordFieldMapper.KeywordFieldType.termQuery` falls back to
 * `SortedSetDocValuesField.newSlowExactQuery` on the same bytes), and a
 * `text` / `match_only_text` field is never queried itself (its keyword
 * sub-field is, and carries its own `index`).
 */
function searchableWithoutIndex(mappedType: string, definition: JsonObject): boolean {
  if (mappedType === 'text' || mappedType === 'match_only_text') return true;
  return mappedType === 'keyword' && definition['doc_values'] !== false;
}

function readType(mappedType: string, read: ParameterReader, leaf: LeafField, leaves: readonly LeafField[], context: ReadContext): FieldType {
  switch (mappedType) {
    case 'keyword':
    case 'wildcard': {
      const normalizer = read.string('normalizer');
      const resolved = normalizer === undefined ? undefined : resolveNormalizer(normalizer, context.analysis);
      if (resolved !== undefined && 'problem' in resolved) {
        return { type: 'unsupported', mappedType: `${mappedType} (normalizer "${normalizer ?? ''}": ${resolved.problem})` };
      }
      const common = {
        ...optional('normalizer', normalizer),
        ...optional('normalizerFilters', resolved?.filters),
        ...optional('ignoreAbove', read.number('ignore_above')),
        ...optional('nullValue', read.text('null_value')),
      };
      if (mappedType === 'keyword') return { type: mappedType, ...common };
      const docValues = wildcardDocValues(read.boolean('doc_values'), context.engine);
      if (docValues === undefined) {
        return { type: 'unsupported', mappedType: 'wildcard (doc_values not in the mapping: OpenSearch defaults to false, Elasticsearch reads doc values; pass the engine option)' };
      }
      if (!docValues) {
        // Without doc values, OpenSearch's WildcardFieldMapper re-checks candidates against _source.
        if (leaf.nestedPaths.length > 0) return { type: 'unsupported', mappedType: 'wildcard (doc_values: false inside nested: the _source check never matches)' };
        if (context.source === 'disabled') return { type: 'unsupported', mappedType: 'wildcard (doc_values: false with _source disabled: never matches)' };
        if (context.source === 'filtered') return { type: 'unsupported', mappedType: 'wildcard (doc_values: false with _source includes/excludes: not emulated)' };
      }
      return { type: mappedType, ...common, docValues };
    }
    case 'constant_keyword':
      return { type: mappedType, ...optional('value', read.text('value')) };
    case 'text':
    case 'match_only_text': {
      const keyword = leaves.find((other) => other.parent === leaf.name && other.definition['type'] === 'keyword' && other.name === `${leaf.name}.keyword`)
        ?? leaves.find((other) => other.parent === leaf.name && other.definition['type'] === 'keyword');
      return { type: mappedType, ...optional('keywordSubfield', keyword?.name) };
    }
    case 'long':
    case 'integer':
    case 'short':
    case 'byte':
    case 'double':
    case 'float':
    case 'half_float':
      return {
        type: mappedType,
        ...optional('coerce', read.boolean('coerce')),
        ...optional('nullValue', read.number('null_value')),
        ...optional('ignoreMalformed', read.boolean('ignore_malformed')),
      };
    case 'scaled_float': {
      const scalingFactor = read.number('scaling_factor');
      if (scalingFactor === undefined) return { type: 'unsupported', mappedType: 'scaled_float (no scaling_factor)' };
      return {
        type: mappedType,
        scalingFactor,
        ...optional('coerce', read.boolean('coerce')),
        ...optional('nullValue', read.number('null_value')),
        ...optional('ignoreMalformed', read.boolean('ignore_malformed')),
      };
    }
    case 'unsigned_long':
      return {
        type: mappedType,
        ...optional('coerce', read.boolean('coerce')),
        ...optional('nullValue', read.numberOrText('null_value')),
        ...optional('ignoreMalformed', read.boolean('ignore_malformed')),
        // The engines read term values differently (OpenSearch as a decimal, Elasticsearch with parseUnsignedLong).
        ...optional('engine', context.engine),
      };
    case 'boolean':
      return { type: mappedType, ...optional('nullValue', read.boolean('null_value')) };
    case 'date':
    case 'date_nanos':
      return {
        type: mappedType,
        ...optional('format', read.string('format')),
        ...optional('nullValue', read.text('null_value')),
        ...optional('ignoreMalformed', read.boolean('ignore_malformed')),
        // The engines read date strings with different parsers (Elasticsearch's Iso8601Parser first).
        ...optional('engine', context.engine),
      };
    case 'ip':
      return {
        type: mappedType,
        ...optional('nullValue', read.string('null_value')),
        ...optional('ignoreMalformed', read.boolean('ignore_malformed')),
        // Elasticsearch's InetAddresses reads only ASCII digits in an IPv4 address; OpenSearch's any Unicode digit.
        ...optional('engine', context.engine),
      };
    case 'flattened':
    case 'flat_object':
      return { type: mappedType };
    default:
      return { type: 'unsupported', mappedType };
  }
}

/**
 * Whether a `wildcard` field verifies matches against doc values. The
 * mapping says so when it has `doc_values` (OpenSearch); otherwise the
 * engine decides: OpenSearch 2.x defaults to no doc values (its
 * `WildcardFieldMapper` then reads `_source`), Elasticsearch's wildcard
 * field always verifies against its binary doc values.
 */
function wildcardDocValues(fromMapping: boolean | undefined, engine: MappingEngine | undefined): boolean | undefined {
  if (fromMapping !== undefined) return fromMapping;
  switch (engine) {
    case 'opensearch':
      return false;
    case 'elasticsearch':
      return true;
    case undefined:
      return undefined;
    default:
      return engine satisfies never;
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Reads typed parameters, remembering which were read and which had an unusable value. */
class ParameterReader {
  readonly used = new Set<string>();
  readonly failed: string[] = [];

  constructor(private readonly definition: JsonObject) {}

  string(key: string): string | undefined {
    return this.take(key, (value) => (typeof value === 'string' ? value : undefined));
  }

  /** A string; numbers and booleans as the engine spells them in `null_value`. */
  text(key: string): string | undefined {
    return this.take(key, (value) =>
      typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined,
    );
  }

  number(key: string): number | undefined {
    return this.take(key, (value) => {
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
    });
  }

  numberOrText(key: string): number | string | undefined {
    return this.take(key, (value) => (typeof value === 'number' || typeof value === 'string' ? value : undefined));
  }

  boolean(key: string): boolean | undefined {
    return this.take(key, (value) =>
      typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : undefined,
    );
  }

  private take<T>(key: string, convert: (value: unknown) => T | undefined): T | undefined {
    if (!(key in this.definition)) return undefined;
    this.used.add(key);
    const raw = this.definition[key];
    if (raw === null) return undefined;
    const value = convert(raw);
    if (value === undefined) this.failed.push(key);
    return value;
  }
}
