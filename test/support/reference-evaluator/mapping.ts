/**
 * The mapping as the oracle uses it: a model per field, the nested paths,
 * the object paths, and how a field name in a query resolves (a mapped
 * field, a key under a `flattened` field, an object, or nothing).
 */
import type { FieldSpec, FieldTypes } from '../../../src/access/mapping/field-types.js';
import { booleanModel } from './boolean-model.js';
import { constantKeywordModel } from './constant-keyword-model.js';
import { dateModel } from './date-model.js';
import { UnsupportedQueryError } from './errors.js';
import type { FieldModel } from './field-model.js';
import { ipModel } from './ip-model.js';
import { keywordModel } from './keyword-model.js';
import { floatingModel, scaledFloatModel } from './floating-model.js';
import { wholeNumberModel } from './whole-number-model.js';
import { textModel } from './text-model.js';

/** A field's model, or why the oracle cannot model it (any query on it throws `UnsupportedQueryError`). */
export type ModelOrReason = { readonly model: FieldModel } | { readonly unsupported: string };

/** The model of one mapped field. */
export function modelFor(name: string, spec: FieldSpec): ModelOrReason {
  const pointer = `mapping:${name}`;
  try {
    switch (spec.type) {
      case 'keyword':
      case 'wildcard': {
        // The oracle models the built-in lowercase normalizer only, and a wildcard field that reads
        // doc values (without them the engine checks _source, a document-level rule it does not model).
        const filters = spec.normalizerFilters;
        if (filters !== undefined && !(filters.length === 0 || (filters.length === 1 && filters[0] === 'lowercase'))) {
          return { unsupported: `field [${name}] has a normalizer [${filters.join(', ')}], which the oracle does not model` };
        }
        if (spec.type === 'wildcard' && spec.docValues === false) {
          return { unsupported: `field [${name}] is a wildcard field without doc values, which the oracle does not model` };
        }
        const normalizer = filters === undefined ? spec.normalizer : filters.length === 0 ? undefined : 'lowercase';
        return { model: keywordModel({ typeName: spec.type, normalizer, ignoreAbove: spec.ignoreAbove, nullValue: spec.nullValue, byteLimit: spec.type === 'keyword' }, pointer) };
      }
      case 'flattened':
      case 'flat_object':
        return { model: keywordModel({ typeName: spec.type, byteLimit: false }, pointer) };
      case 'constant_keyword':
        return { model: constantKeywordModel(spec, pointer) };
      case 'text':
      case 'match_only_text':
        return { model: textModel(spec) };
      case 'long':
      case 'integer':
      case 'short':
      case 'byte':
      case 'unsigned_long':
        return { model: wholeNumberModel(spec) };
      case 'double':
      case 'float':
      case 'half_float':
        return { model: floatingModel(spec) };
      case 'scaled_float':
        return { model: scaledFloatModel(spec) };
      case 'boolean':
        return { model: booleanModel(spec) };
      case 'date':
      case 'date_nanos':
        return { model: dateModel(spec, pointer) };
      case 'ip':
        return { model: ipModel(spec) };
      case 'unsupported':
        return { unsupported: `field [${name}] has type [${spec.mappedType}], which the oracle does not model` };
      default: {
        const never: never = spec;
        return { unsupported: `unknown field type ${JSON.stringify(never)}` };
      }
    }
  } catch (e) {
    if (e instanceof UnsupportedQueryError) return { unsupported: e.message };
    throw e;
  }
}

/** How a field name in a query resolves against the mapping. */
export type FieldResolution =
  | { readonly kind: 'field'; readonly name: string; readonly model: FieldModel; readonly constant: boolean; readonly constantMatchesAll: boolean }
  | { readonly kind: 'object'; readonly name: string }
  | { readonly kind: 'unmapped' }
  | { readonly kind: 'unsupported'; readonly reason: string };

/** A mapping prepared for indexing and querying. */
export interface MappingView {
  readonly fields: FieldTypes;
  readonly models: ReadonlyMap<string, ModelOrReason>;
  /** Every `nested` object path. */
  readonly nestedPaths: ReadonlySet<string>;
  /** Paths that hold objects in this mapping (strict prefixes of fields and source paths, nested paths). */
  readonly objectPaths: ReadonlySet<string>;
  /** The nested path that holds a field's values (`''` for the root document). */
  scopeOf(field: string): string;
  resolve(name: string): FieldResolution;
}

const sourcePathsOf = (name: string, spec: FieldSpec): readonly string[] => spec.sourcePaths ?? [name];

function strictPrefixes(path: string): string[] {
  const segments = path.split('.');
  return segments.slice(1).map((_, i) => segments.slice(0, i + 1).join('.'));
}

/** Prepares `fields` (models are built once, here). */
export function mappingView(fields: FieldTypes): MappingView {
  const models = new Map<string, ModelOrReason>();
  const nestedPaths = new Set<string>();
  const leafPaths = new Set<string>();
  for (const [name, spec] of Object.entries(fields)) {
    models.set(name, modelFor(name, spec));
    for (const p of spec.nestedPaths ?? []) nestedPaths.add(p);
    leafPaths.add(name);
    for (const p of sourcePathsOf(name, spec)) leafPaths.add(p);
  }
  const objectPaths = new Set<string>(nestedPaths);
  for (const p of leafPaths) for (const prefix of strictPrefixes(p)) if (!leafPaths.has(prefix)) objectPaths.add(prefix);

  const flattenedRootOf = (name: string): string | undefined =>
    strictPrefixes(name)
      .reverse()
      .find((p) => {
        const t = fields[p]?.type;
        return t === 'flattened' || t === 'flat_object';
      });

  const scopeOf = (field: string): string => {
    const own = Object.prototype.hasOwnProperty.call(fields, field) ? fields[field] : undefined;
    const spec = own ?? (flattenedRootOf(field) === undefined ? undefined : fields[flattenedRootOf(field)!]);
    const paths = spec?.nestedPaths ?? [];
    return paths.length === 0 ? '' : paths[paths.length - 1]!;
  };

  const resolve = (name: string): FieldResolution => {
    const own = Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : undefined;
    const root = own === undefined ? flattenedRootOf(name) : undefined;
    const key = own !== undefined ? name : root;
    if (key !== undefined) {
      const m = models.get(key)!;
      if ('unsupported' in m) return { kind: 'unsupported', reason: m.unsupported };
      const spec = fields[key]!;
      const constant = spec.type === 'constant_keyword';
      return { kind: 'field', name, model: m.model, constant, constantMatchesAll: constant && spec.value !== undefined };
    }
    if (objectPaths.has(name)) return { kind: 'object', name };
    return { kind: 'unmapped' };
  };

  return { fields, models, nestedPaths, objectPaths, scopeOf, resolve };
}
