/**
 * The result of checking one filter value against one field type.
 *
 * @packageDocumentation
 */
import type { WildcardSourceCheck } from './wildcard-source.js';

/**
 * A filter value checked and prepared for one field type.
 *
 * - `leaf`: the Elasticsearch compiler emits `term: { field: queryValue }`;
 *   the predicate asks `matchLeaf` about every `_source` leaf of the field.
 * - `constant`: `constant_keyword`; the term selects every document or none,
 *   whatever the documents hold.
 *
 * @example
 * ```ts
 * const t = prepareTerm('status', { type: 'integer' }, '200.0');
 * // t.kind === 'leaf', t.queryValue === '200.0'
 * t.kind === 'leaf' && t.matchLeaf(200);   // true
 * t.kind === 'leaf' && t.matchLeaf('200'); // true (coerced like the engine does)
 * ```
 */
export type PreparedTerm =
  | {
      readonly kind: 'leaf';
      /** What the Elasticsearch compiler puts in `term`/`terms` for this field (usually the value as typed, or its canonical form). */
      readonly queryValue: string | number | boolean;
      /**
       * Whether one `_source` leaf, as the engine would index it into this
       * field, equals the term. `leaf` is a JS scalar (string, number,
       * boolean, bigint) or `null` (an explicit null or a null array element:
       * `null_value` applies). Never allocates on the common path, never throws.
       */
      readonly matchLeaf: (leaf: unknown) => boolean;
      /**
       * When set: for every string `leaf`, `matchLeaf(leaf) === (leaf === exactString)`.
       * Lets the predicate compare string leaves inline; absent when a string
       * leaf's test is anything more than that equality.
       */
      readonly exactString?: string;
      /**
       * Set for a wildcard field without doc values: the engine checks the
       * value read from `_source`, not each indexed leaf, so the predicate
       * tests the whole document with it (see `wildcard-source.ts`).
       */
      readonly wildcardSource?: WildcardSourceCheck;
    }
  | {
      readonly kind: 'constant';
      /** `constant_keyword`: the term matches every document (true) or none (false), whatever the document holds. */
      readonly matches: boolean;
      /** What the Elasticsearch compiler puts in `term` (the value as typed). */
      readonly queryValue: string;
    };

/** A `PreparedTerm` of kind `leaf`. */
export type PreparedLeafTerm = Extract<PreparedTerm, { kind: 'leaf' }>;
