/**
 * The oracle's tiny index: each document indexed, as the engine would, into
 * field → indexed terms, with `nested` objects kept as separate child
 * documents and documents the engine would refuse marked as rejected.
 *
 * @example
 * ```ts
 * const index = indexDocuments([{ _id: '1', _source: { a: { b: 'x' } } }], { 'a.b': { type: 'keyword' } });
 * index.documents[0]?.terms.get('a.b'); // ['x']
 * ```
 */
import type { FieldTypes } from '../../src/access/mapping/field-types.js';
import { type IndexedTerm, isRejection } from './reference-evaluator/field-model.js';
import { type MappingView, mappingView } from './reference-evaluator/mapping.js';
import { schemalessModel } from './reference-evaluator/schemaless-model.js';
import { type SourceScope, sourceObject, walkSource } from './reference-evaluator/source-walk.js';

export type { IndexedTerm } from './reference-evaluator/field-model.js';

/** One indexed document (or one nested child of one). */
export interface ReferenceDocument {
  /** The document's `_id` (children carry their root's). */
  readonly id: string;
  /** Why the engine would refuse the document; a rejected document matches nothing. Only set on roots. */
  readonly rejected: string | undefined;
  /**
   * Field → its indexed terms (see `IndexedTerm` for their JS types). With a
   * mapping: mapped fields of this scope, plus `root.key` entries for
   * `flattened` keys. Without one: every `_source` path with its non-null
   * scalars.
   */
  readonly terms: ReadonlyMap<string, readonly IndexedTerm[]>;
  /** Nested path → child documents directly under this scope. */
  readonly nested: ReadonlyMap<string, readonly ReferenceDocument[]>;
}

/** The whole tiny index. */
export interface ReferenceIndex {
  /** The index name (what `_index` holds). */
  readonly name: string;
  /** The prepared mapping, or `undefined` for the schemaless rules. */
  readonly mapping: MappingView | undefined;
  /** Documents by `_id`, in first-seen order; a later document with the same `_id` replaces the earlier one. */
  readonly documents: readonly ReferenceDocument[];
}

/** Options of {@link indexDocuments}. */
export interface IndexOptions {
  /** The name `_index` matches against. Default: `reference-index`. */
  readonly indexName?: string;
}

/** A document as a search returns it. */
export interface SourceDocument {
  readonly _id: string;
  readonly _source: unknown;
}

// Metadata field names the engine refuses inside `_source`.
const METADATA_FIELDS = new Set(['_id', '_index', '_source', '_routing', '_ignored', '_seq_no', '_version', '_field_names', '_primary_term', '_nested_path', '_type']);

/** Rejections that depend on the document's shape only, not on field types. */
function structuralProblem(scope: SourceScope, atRoot: boolean): string | undefined {
  if (scope.problem !== undefined) return scope.problem;
  if (atRoot) {
    for (const path of [...scope.leaves.keys(), ...scope.objects]) {
      if (METADATA_FIELDS.has(path)) return `field [${path}] is a metadata field and cannot be added inside a document`;
    }
  }
  return undefined;
}

interface Indexed {
  readonly terms: Map<string, IndexedTerm[]>;
  readonly nested: Map<string, ReferenceDocument[]>;
  readonly rejected: string | undefined;
}

function addTerms(terms: Map<string, IndexedTerm[]>, field: string, more: readonly IndexedTerm[]): void {
  if (more.length === 0) return;
  const list = terms.get(field);
  if (list) list.push(...more);
  else terms.set(field, [...more]);
}

function indexSchemaless(source: object): Indexed {
  const scope = walkSource(source, '', new Set());
  const terms = new Map<string, IndexedTerm[]>();
  for (const [path, leaves] of scope.leaves) {
    for (const leaf of leaves) {
      const outcome = schemalessModel.index(leaf);
      if (!isRejection(outcome)) addTerms(terms, path, outcome);
    }
  }
  return { terms, nested: new Map(), rejected: structuralProblem(scope, true) };
}

/** Indexes one scope (the root, or one nested object at `base`) under a mapping. */
function indexMapped(id: string, value: object, base: string, mapping: MappingView): Indexed {
  const scope = walkSource(value, base, mapping.nestedPaths);
  const terms = new Map<string, IndexedTerm[]>();
  const nested = new Map<string, ReferenceDocument[]>();
  const fail = (reason: string): Indexed => ({ terms, nested, rejected: reason });

  const problem = structuralProblem(scope, base === '');
  if (problem !== undefined) return fail(problem);
  for (const [path, leaves] of scope.leaves) {
    if (mapping.objectPaths.has(path) && leaves.some((l) => l !== null)) {
      return fail(`object mapping for [${path}] tried to parse a concrete value`);
    }
  }

  for (const [name, spec] of Object.entries(mapping.fields)) {
    if (mapping.scopeOf(name) !== base) continue;
    const m = mapping.models.get(name);
    if (m === undefined || 'unsupported' in m) continue;
    const { model } = m;
    const flattened = spec.type === 'flattened' || spec.type === 'flat_object';
    for (const sourcePath of spec.sourcePaths ?? [name]) {
      if (flattened) {
        if ((scope.leaves.get(sourcePath) ?? []).some((l) => l !== null)) return fail(`[${name}] of type [${spec.type}] expects an object`);
        for (const [path, leaves] of scope.leaves) {
          if (!path.startsWith(`${sourcePath}.`)) continue;
          const key = path.slice(sourcePath.length + 1);
          for (const leaf of leaves) {
            const outcome = model.index(leaf);
            if (isRejection(outcome)) return fail(outcome.reject);
            addTerms(terms, name, outcome);
            addTerms(terms, `${name}.${key}`, outcome);
          }
        }
        continue;
      }
      if (scope.objects.has(sourcePath)) return fail(`[${name}] of type [${spec.type}] cannot hold an object`);
      for (const leaf of scope.leaves.get(sourcePath) ?? []) {
        const outcome = model.index(leaf);
        if (isRejection(outcome)) {
          const ignoreMalformed = 'ignoreMalformed' in spec && spec.ignoreMalformed === true;
          if (outcome.malformed && ignoreMalformed) continue;
          return fail(`[${name}]: ${outcome.reject}`);
        }
        addTerms(terms, name, outcome);
      }
    }
  }

  for (const [path, objects] of scope.children) {
    const kids: ReferenceDocument[] = [];
    for (const object of objects) {
      const child = indexMapped(id, object, path, mapping);
      if (child.rejected !== undefined) return fail(child.rejected);
      kids.push({ id, rejected: undefined, terms: child.terms, nested: child.nested });
    }
    nested.set(path, kids);
  }
  return { terms, nested, rejected: undefined };
}

/**
 * Indexes `docs` as the engine would with `fields` as the mapping (or, with
 * no `fields`, under the schemaless rules). Never throws for a document the
 * engine would refuse: that document is kept with `rejected` set. Throws
 * `UnsupportedQueryError` only for a document the oracle cannot model (a
 * value for a `constant_keyword` without a mapped value).
 */
export function indexDocuments(docs: readonly SourceDocument[], fields?: FieldTypes, options: IndexOptions = {}): ReferenceIndex {
  const mapping = fields === undefined ? undefined : mappingView(fields);
  const byId = new Map<string, ReferenceDocument>();
  for (const doc of docs) {
    const source = sourceObject(doc._source);
    let indexed: Indexed;
    if (source === undefined) indexed = { terms: new Map(), nested: new Map(), rejected: '_source is not a JSON object' };
    else indexed = mapping === undefined ? indexSchemaless(source) : indexMapped(doc._id, source, '', mapping);
    byId.set(doc._id, {
      id: doc._id,
      rejected: indexed.rejected,
      terms: indexed.rejected === undefined ? indexed.terms : new Map(),
      nested: indexed.rejected === undefined ? indexed.nested : new Map(),
    });
  }
  return { name: options.indexName ?? 'reference-index', mapping, documents: [...byId.values()] };
}
