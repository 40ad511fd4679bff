/**
 * The shape every field type's model has: how one `_source` leaf is indexed,
 * and how each query clause turns its value into a test over indexed terms.
 * One model per type family lives next to this file.
 */
import { ReferenceQueryError } from './errors.js';
import type { SourceLeaf } from './source-walk.js';

/**
 * One indexed term. Its JS type depends on the field type: `string` for
 * keyword-like fields, text tokens, ip (32 hex digits of the 16-byte form)
 * and schemaless strings; `bigint` for whole-number types, `scaled_float`
 * (the scaled long) and dates (epoch millis, or nanos for `date_nanos`);
 * `number` for `double`/`float`/`half_float` (already rounded to the type);
 * `boolean` for `boolean` and schemaless booleans; `number` too for
 * schemaless numbers.
 */
export type IndexedTerm = string | number | bigint | boolean;

/** A value in a query clause, as JSON allows it in `term`, `terms`, `match`, `range`, `prefix`. */
export type QueryScalar = string | number | boolean;

/** The engine refuses the whole document; `malformed` ones are skipped instead when the field has `ignore_malformed`. */
export interface Rejection {
  readonly reject: string;
  readonly malformed: boolean;
}

/** What a leaf clause means for one field: every document, none, or those with a matching term. */
export type TermTest =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | { readonly kind: 'test'; readonly test: (term: IndexedTerm) => boolean };

/** One end of a `range`. */
export interface RangeBound {
  readonly value: QueryScalar;
  readonly inclusive: boolean;
}

/** The ends of a `range`; a missing end is unbounded. */
export interface RangeBounds {
  readonly lower?: RangeBound;
  readonly upper?: RangeBound;
}

/** The `match` parameters the oracle models. */
export interface MatchOptions {
  readonly operator: 'or' | 'and';
  readonly lenient: boolean;
}

/** A field type's index-time and query-time behaviour. */
export interface FieldModel {
  /** The type name as the mapping spells it (for messages). */
  readonly typeName: string;
  /** Terms one leaf is indexed as (`[]`: nothing indexed), or why the document is refused. */
  index(leaf: SourceLeaf): readonly IndexedTerm[] | Rejection;
  term(value: QueryScalar, pointer: string): TermTest;
  range(bounds: RangeBounds, pointer: string): TermTest;
  prefix(value: string, pointer: string): TermTest;
  /** `match`: every returned test must find a term in the document (one test, unless `operator: and` splits the text). */
  match(value: QueryScalar, options: MatchOptions, pointer: string): readonly TermTest[];
}

/** Throws the engine's shard failure for a value the field type refuses. */
export function shardError(pointer: string, message: string): never {
  throw new ReferenceQueryError('shard', message, pointer);
}

/** A rejected document. */
export function rejected(reason: string, malformed: boolean): Rejection {
  return { reject: reason, malformed };
}

/** Whether an `index` result is a rejection. */
export function isRejection(outcome: readonly IndexedTerm[] | Rejection): outcome is Rejection {
  return !Array.isArray(outcome);
}

export const NONE: TermTest = { kind: 'none' };
export const ALL: TermTest = { kind: 'all' };

/** A test from a predicate. */
export function testOf(test: (term: IndexedTerm) => boolean): TermTest {
  return { kind: 'test', test };
}

/** OR of tests (`terms`, `match` with operator or). */
export function anyOf(tests: readonly TermTest[]): TermTest {
  if (tests.some((t) => t.kind === 'all')) return ALL;
  const preds = tests.flatMap((t) => (t.kind === 'test' ? [t.test] : []));
  return preds.length === 0 ? NONE : testOf((term) => preds.some((p) => p(term)));
}

/**
 * The text the engine reads for a query value: strings as is, booleans as
 * `true`/`false`, numbers as the JSON literal would print (Java prints an
 * integral JSON number without a fraction, as JS does).
 */
export function queryText(value: QueryScalar): string {
  return typeof value === 'string' ? value : String(value);
}

/**
 * The text a keyword-like field indexes for a `_source` scalar: the JSON
 * literal as `JSON.stringify` writes it (the parser hands over the
 * literal's text).
 */
export function leafText(leaf: Exclude<SourceLeaf, null>): string {
  return String(leaf);
}

/**
 * What survives UTF-8 encoding in Lucene: an unpaired surrogate becomes
 * U+FFFD, on both the index and the query side.
 */
export function wellFormed(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
        continue;
      }
    }
    out += c >= 0xd800 && c <= 0xdfff ? '\ufffd' : s[i]!;
  }
  return out;
}

/** UTF-8 length in bytes (after `wellFormed`). */
export function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** Byte order of UTF-8 strings, which is code point order (Lucene `BytesRef` comparison). */
export function compareUtf8(a: string, b: string): number {
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

/**
 * Lucene's `LowerCaseFilter`: `Character.toLowerCase` per code point, with
 * no locale and no context (so no final sigma, and `İ` → `i`).
 */
export function javaLowerCase(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch === '\u0130') {
      out += 'i';
      continue;
    }
    const lower = ch.toLowerCase();
    out += [...lower].length === 1 ? lower : ch;
  }
  return out;
}

/** `Regex.simpleMatch(pattern, value)`: `*` matches any run of characters, nothing else is special. */
export function simpleMatch(pattern: string, value: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === value;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!value.startsWith(first)) return false;
  let at = first.length;
  for (const middle of parts.slice(1, -1)) {
    const found = value.indexOf(middle, at);
    if (found < 0) return false;
    at = found + middle.length;
  }
  return value.length - last.length >= at && value.endsWith(last);
}

/** A range test over strings in UTF-8 order. */
export function stringRange(lower: string | undefined, lowerInclusive: boolean, upper: string | undefined, upperInclusive: boolean): TermTest {
  return testOf((term) => {
    if (typeof term !== 'string') return false;
    if (lower !== undefined) {
      const c = compareUtf8(term, lower);
      if (c < 0 || (c === 0 && !lowerInclusive)) return false;
    }
    if (upper !== undefined) {
      const c = compareUtf8(term, upper);
      if (c > 0 || (c === 0 && !upperInclusive)) return false;
    }
    return true;
  });
}

/** `match` with `lenient: true` turns a value the type refuses into no match. */
export function lenient(isLenient: boolean, build: () => TermTest): TermTest {
  if (!isLenient) return build();
  try {
    return build();
  } catch (e) {
    if (e instanceof ReferenceQueryError && e.kind === 'shard') return NONE;
    throw e;
  }
}
