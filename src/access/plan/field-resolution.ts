/**
 * Resolving a filter's field name against the `fields` option: which index
 * field the query names, which `_source` paths feed it, its type, and the
 * `nested` scopes around it.
 *
 * @packageDocumentation
 */
import { SharedTokenError } from '../../errors.js';
import type { FieldSpec, FieldTypes, FieldType } from '../mapping/field-types.js';

/**
 * Where a filter's field leads.
 *
 * - `schemaless`: no `fields` option; the query names the field as given and
 *   the predicate reads the same path from `_source`.
 * - `unmapped`: `fields` does not list it (nor a `flattened` parent): the
 *   engine rewrites `term` on it to `match_none`, so it matches nothing.
 * - `typed`: a mapped field. `anyLeaf` is set for the root of a
 *   `flattened`/`flat_object` field, whose `term` matches any leaf under it.
 */
export type ResolvedField =
  | { readonly kind: 'schemaless'; readonly queryField: string; readonly sourcePaths: readonly string[] }
  | { readonly kind: 'unmapped'; readonly queryField: string }
  | {
      readonly kind: 'typed';
      /** The field the Elasticsearch query names (a text field's keyword sub-field, for instance). */
      readonly queryField: string;
      readonly type: FieldType;
      /** `_source` paths whose values are indexed into `queryField`. */
      readonly sourcePaths: readonly string[];
      /** Enclosing `nested` paths, outermost first. */
      readonly nestedPaths: readonly string[];
      readonly anyLeaf: boolean;
      /** For a key of a `flattened`/`flat_object` field: the path under the root (`team` for `labels.team`). */
      readonly flattenedKey?: string;
    };

/**
 * Metadata fields: `term` on them reads the index, not `_source` (`_id`,
 * `_index` with its wildcard and alias rules, ...), which the predicate
 * cannot see, so filters on them are rejected rather than mis-emulated.
 */
const METADATA_FIELDS: ReadonlySet<string> = new Set([
  '_all', '_data_stream_timestamp', '_doc_count', '_feature', '_field_names', '_id', '_ignored',
  '_ignored_source', '_index', '_nested_path', '_parent', '_primary_term', '_routing', '_seq_no',
  '_size', '_source', '_tier', '_type', '_uid', '_version',
]);

/**
 * Resolves `field` for a `term` against `fields` (or the schemaless rules
 * when `fields` is `undefined`).
 *
 * @throws SharedTokenError `VALIDATION` for a metadata field (`_id`,
 *   `_index`, ...), or a `text`/`match_only_text` field without a keyword
 *   sub-field listed in `fields`.
 *
 * @example
 * ```ts
 * resolveField('message', {
 *   message: { type: 'text', keywordSubfield: 'message.keyword' },
 *   'message.keyword': { type: 'keyword', sourcePaths: ['message'] },
 * });
 * // { kind: 'typed', queryField: 'message.keyword', sourcePaths: ['message'], nestedPaths: [], anyLeaf: false, type: ... }
 * resolveField('nope', {}); // { kind: 'unmapped', queryField: 'nope' }
 * ```
 */
export function resolveField(field: string, fields: FieldTypes | undefined): ResolvedField {
  if (METADATA_FIELDS.has(field)) {
    throw new SharedTokenError(
      'VALIDATION',
      `Field "${field}" is a metadata field; filters on it cannot be evaluated against _source`,
      { field, reason: 'metadata-field' },
    );
  }
  if (fields === undefined) return { kind: 'schemaless', queryField: field, sourcePaths: [field] };
  const spec = ownSpec(fields, field);
  if (spec !== undefined) return resolveSpec(field, spec, fields);
  return resolveFlattenedKey(field, fields) ?? { kind: 'unmapped', queryField: field };
}

function resolveSpec(field: string, spec: FieldSpec, fields: FieldTypes): ResolvedField {
  if (spec.type === 'text' || spec.type === 'match_only_text') {
    const subfield = spec.keywordSubfield;
    const subSpec = subfield === undefined ? undefined : ownSpec(fields, subfield);
    if (subfield === undefined || subSpec === undefined || subSpec.type === 'text' || subSpec.type === 'match_only_text') {
      throw new SharedTokenError(
        'VALIDATION',
        subfield === undefined
          ? `Field "${field}" is ${spec.type}: the engine analyzes it, so an exact match needs a keyword sub-field, and the mapping has none`
          : `Field "${field}" is ${spec.type} and its keyword sub-field "${subfield}" is not a non-text field of the fields option`,
        { field, fieldType: spec.type, reason: 'text-without-keyword-subfield' },
      );
    }
    return typed(subfield, subSpec, false);
  }
  return typed(field, spec, spec.type === 'flattened' || spec.type === 'flat_object');
}

function typed(field: string, spec: FieldSpec, anyLeaf: boolean): ResolvedField {
  return {
    kind: 'typed',
    queryField: field,
    type: spec,
    sourcePaths: spec.sourcePaths ?? [field],
    nestedPaths: spec.nestedPaths ?? [],
    anyLeaf,
  };
}

/** `labels.env` where `labels` is `flattened`: the key `env` inside that field. */
function resolveFlattenedKey(field: string, fields: FieldTypes): ResolvedField | undefined {
  for (let dot = field.indexOf('.'); dot !== -1; dot = field.indexOf('.', dot + 1)) {
    const root = ownSpec(fields, field.slice(0, dot));
    if (root?.type === 'flattened' || root?.type === 'flat_object') {
      const key = field.slice(dot);
      const rootPaths = root.sourcePaths ?? [field.slice(0, dot)];
      return {
        kind: 'typed',
        queryField: field,
        type: root,
        sourcePaths: rootPaths.map((path) => path + key),
        nestedPaths: root.nestedPaths ?? [],
        anyLeaf: false,
        flattenedKey: key.slice(1),
      };
    }
  }
  return undefined;
}

function ownSpec(fields: FieldTypes, field: string): FieldSpec | undefined {
  return Object.prototype.hasOwnProperty.call(fields, field) ? fields[field] : undefined;
}
