/**
 * The DSL's shared syntax rules: clause bodies, JSON pointers into the
 * query, the two ways to refuse, and the document test every clause
 * compiles to.
 */
import type { ReferenceDocument, ReferenceIndex } from '../reference-index.js';
import { ReferenceQueryError, UnsupportedQueryError } from './errors.js';
import type { QueryScalar } from './field-model.js';

/** Whether one document (root or nested child) matches. */
export type Matcher = (doc: ReferenceDocument) => boolean;

/** Where a clause is compiled: the index, and the nested path it runs in. */
export interface Context {
  readonly index: ReferenceIndex;
  /** The nested path the query runs in (`''` at the root). */
  readonly scope: string;
}

/** A JSON object in the query. */
export type Obj = Readonly<Record<string, unknown>>;

/** Whether a JSON value is an object (not null, not an array). */
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');
/** `pointer` extended by one RFC 6901 segment. */
export const at = (pointer: string, key: string | number): string => `${pointer}/${escape(String(key))}`;

/** Throws the engine's `parsing_exception` for malformed DSL. */
export function parsing(pointer: string, message: string): never {
  throw new ReferenceQueryError('parsing', message, pointer);
}

/** Throws `UnsupportedQueryError`: valid DSL the oracle does not model. */
export function unsupported(pointer: string, message: string): never {
  throw new UnsupportedQueryError(message, pointer);
}

/** Matches every document. */
export const ALWAYS: Matcher = () => true;
/** Matches no document. */
export const NEVER: Matcher = () => false;

/** Checks a clause body's keys: `modelled` are read, `ignored` change only scores or output, the rest are not modelled. */
export function checkKeys(body: Obj, clause: string, pointer: string, modelled: readonly string[], ignored: readonly string[] = []): void {
  for (const key of Object.keys(body)) {
    if (modelled.includes(key) || ignored.includes(key)) continue;
    unsupported(at(pointer, key), `[${clause}] parameter [${key}] is not modelled`);
  }
}

/** Keys every clause accepts that change scores or names, never the match set. */
export const SCORE_ONLY = ['boost', '_name'];

/** A clause value: string, number or boolean; anything else is a parsing error. */
export function scalar(value: unknown, clause: string, pointer: string): QueryScalar {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (value === null || value === undefined) return parsing(pointer, `[${clause}] value cannot be null`);
  return parsing(pointer, `[${clause}] value must be a string, number or boolean`);
}

/** `{ "<field>": x, boost?, _name? }` → the one field and its body. */
export function singleField(body: unknown, clause: string, pointer: string): [string, unknown, string] {
  if (!isObj(body)) return parsing(pointer, `[${clause}] query malformed, no start_object`);
  const fields = Object.keys(body).filter((k) => !SCORE_ONLY.includes(k));
  if (fields.length === 0) return parsing(pointer, `[${clause}] query requires a field`);
  if (fields.length > 1) return parsing(pointer, `[${clause}] query doesn't support multiple fields, found [${fields[0]}] and [${fields[1]}]`);
  const field = fields[0]!;
  return [field, body[field], at(pointer, field)];
}

/** A `bool` list or `dis_max` queries: one clause object or an array of them, with their pointers. */
export function clauseList(value: unknown, pointer: string): { query: unknown; pointer: string }[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map((q, i) => ({ query: q, pointer: at(pointer, i) }));
  if (isObj(value)) return [{ query: value, pointer }];
  return parsing(pointer, 'clause must be an object or an array of objects');
}

/** Compiles a sub-query (the dispatcher, passed to compound clauses). */
export type Compile = (query: unknown, ctx: Context, pointer: string) => Matcher;
