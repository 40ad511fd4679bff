/**
 * The reference evaluator: an independent model of how Elasticsearch /
 * OpenSearch answer a query DSL over a handful of documents. It is the
 * oracle the compilers' and the guard's property tests compare against, so
 * it is written from the engine's rules (docs/term-semantics.md and the engine
 * sources), never from the library's code.
 *
 * The model is a tiny index: `indexDocuments` turns each `_source` into
 * field → indexed terms as the mapping dictates (or the schemaless rules
 * without one), and `evaluateQuery` answers a query against those terms.
 *
 * Where engines differ, the oracle follows {@link ENGINE}: OpenSearch 2.19.
 * That means an out-of-range integer in `term` is a shard error (not "no
 * match" as in Elasticsearch ≥ 8.16), a non-finite `double`/`float` term is
 * an error, `unsigned_long` `"200.0"` matches 200 and `"٢٠٠"` is an error,
 * and `scaled_float` query values are scaled through `BigDecimal` (index values in double arithmetic).
 *
 * It refuses rather than guesses: `ReferenceQueryError` when the engine
 * would fail the request (malformed DSL, a value the field type refuses),
 * `UnsupportedQueryError` for anything not modelled (clauses other than
 * match_all, match_none, term, terms, match, prefix, range, exists, ids,
 * bool, nested, constant_score, dis_max, boosting; terms lookups; date math;
 * case_insensitive; unknown normalizers and date formats).
 *
 * Modelling choices and approximations (each pinned by a test in
 * `test/reference-evaluator/`):
 * - a `_source` reaches the engine as `JSON.stringify` writes it (bigints as
 *   exact integer literals): `-0` is `0`, NaN/±∞ and `undefined` array
 *   elements are `null`, `undefined` members vanish, `toJSON` applies;
 * - documents the engine refuses are kept but never match (see
 *   `rejectedDocuments`): an object or `{}` where a field is a leaf, a
 *   scalar where the mapping has an object or nested path, a malformed value
 *   without `ignore_malformed`, a keyword over 32766 UTF-8 bytes, a key with
 *   an empty segment (`a..b`, `a.`), a metadata field (`_id`, ...) in the
 *   root, a non-object `_source`; the same structural rules apply without a
 *   mapping;
 * - a JSON number in a `float`/`half_float` field is parsed from its
 *   literal text with `Float.parseFloat` (Jackson ≥ 2.15 does so), not
 *   rounded from the JS double with `Math.fround`: the two differ for
 *   doubles halfway between two floats (1.0000000596046448 is 1 + 2^-23,
 *   not 1);
 * - `text` uses a regex approximation of the standard analyzer (see
 *   `text-model.ts`); `exists` on any field means "has at least one indexed
 *   term", so `""` in a `text` field does not exist;
 * - `constant_keyword` without a mapped value matches nothing, and a
 *   document that would set the value is not modelled;
 * - `ids`/`_id` inside a `nested` query see the root document's id;
 * - without a mapping, `match` is `term`, `prefix` applies to string
 *   values, `range` compares strings in UTF-8 order and numbers by value
 *   (see `schemaless-model.ts`).
 *
 * @example
 * ```ts
 * const ids = evaluateOnDocs(
 *   { bool: { filter: [{ term: { 'http.response.status_code': '200.0' } }] } },
 *   [{ _id: 'a', _source: { http: { response: { status_code: 200 } } } }],
 *   { 'http.response.status_code': { type: 'long' } },
 * ); // Set { 'a' }
 * ```
 */
import type { FieldTypes } from '../../src/access/mapping/field-types.js';
import { compileQuery } from './reference-evaluator/compile-query.js';
import { type IndexOptions, type ReferenceIndex, type SourceDocument, indexDocuments } from './reference-index.js';

export { ReferenceQueryError, UnsupportedQueryError } from './reference-evaluator/errors.js';
export { indexDocuments } from './reference-index.js';
export type { IndexOptions, IndexedTerm, ReferenceDocument, ReferenceIndex, SourceDocument } from './reference-index.js';

/** The engine (and version) whose behaviour the oracle models where engines differ. */
export const ENGINE = 'opensearch-2.19' as const;

/**
 * The `_id`s of the documents `query` matches, in index order. Rejected
 * documents never match. Throws `ReferenceQueryError` /
 * `UnsupportedQueryError` (see the module comment) even when the index is
 * empty, as a shard failure would.
 */
export function evaluateQuery(query: unknown, index: ReferenceIndex): Set<string> {
  const matcher = compileQuery(query, { index, scope: '' }, '');
  const ids = new Set<string>();
  for (const doc of index.documents) {
    if (doc.rejected === undefined && matcher(doc)) ids.add(doc.id);
  }
  return ids;
}

/** {@link indexDocuments} then {@link evaluateQuery}. */
export function evaluateOnDocs(query: unknown, docs: readonly SourceDocument[], fields?: FieldTypes, options?: IndexOptions): Set<string> {
  return evaluateQuery(query, indexDocuments(docs, fields, options));
}

/** The `_id`s of the documents the engine would refuse to index, with the reason (useful to filter generated documents). */
export function rejectedDocuments(docs: readonly SourceDocument[], fields?: FieldTypes): Map<string, string> {
  const out = new Map<string, string>();
  for (const doc of indexDocuments(docs, fields).documents) if (doc.rejected !== undefined) out.set(doc.id, doc.rejected);
  return out;
}
