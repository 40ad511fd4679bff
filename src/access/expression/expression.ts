/**
 * The access expression: what a token may see, as plain, frozen,
 * JSON-serializable data with a `kind` tag. Every compiler
 * (Elasticsearch DSL, in-process predicate) is a pure fold over it.
 *
 * @packageDocumentation
 */

/** Matches every document (a token with no filters: unrestricted). */
export interface AllExpression {
  readonly kind: 'all';
}

/** Matches no document (an `OR` with nothing in it). */
export interface NoneExpression {
  readonly kind: 'none';
}

/** Exact match of one field against one value, as typed. */
export interface TermExpression {
  readonly kind: 'term';
  /** Dotted field path, e.g. `kubernetes.namespace`. */
  readonly field: string;
  /** The value exactly as the admin typed it; no trimming, no case folding. */
  readonly value: string;
}

/** The field equals any of the values (an `OR` of terms on one field). At least two values, sorted, unique. */
export interface TermsExpression {
  readonly kind: 'terms';
  readonly field: string;
  readonly values: readonly string[];
}

/** Every child matches. At least two children, none of them an `and`, `all` or `none`. */
export interface AndExpression {
  readonly kind: 'and';
  readonly children: readonly AccessExpression[];
}

/** At least one child matches. At least two children, none of them an `or`, `all` or `none`. */
export interface OrExpression {
  readonly kind: 'or';
  readonly children: readonly AccessExpression[];
}

/**
 * What a token may see. Build one with `compileAccess`; parse a stored one
 * with `parseAccessExpression`.
 */
export type AccessExpression =
  | AllExpression
  | NoneExpression
  | TermExpression
  | TermsExpression
  | AndExpression
  | OrExpression;

/** How a token combines its filters. `AND` (the default) narrows with every filter added. */
export type FiltersOperator = 'AND' | 'OR';

/** The part of a token filter the compiler reads. */
export interface FilterTerm {
  readonly field: string;
  readonly value: string;
}
