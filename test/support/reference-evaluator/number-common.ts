/**
 * What the numeric field types share: how a `_source` leaf or a query value
 * becomes a double, `""`/`null` handling, and the malformed-value rejection.
 */
import { type QueryScalar, type Rejection, queryText, rejected, shardError } from './field-model.js';
import { parseJavaDouble, parseJavaFloat } from './java-number.js';
import type { SourceLeaf } from './source-walk.js';

/** A malformed numeric value: the document is rejected, or the value skipped with `ignore_malformed`. */
export const malformed = (type: string, leaf: SourceLeaf): Rejection => rejected(`[${String(leaf)}] is not a valid ${type}`, true);

/**
 * The value a leaf parses to for `double`/`float`/`half_float`/`scaled_float`
 * (`parser.doubleValue/floatValue(coerce)`). A JSON number is parsed from its
 * literal text (`String(n)`, what `JSON.stringify` writes): Jackson ≥ 2.15
 * (OpenSearch 2.x, Elasticsearch 8.x) reads a float straight from the text
 * with `Float.parseFloat`, which rounds once from the decimal, so a double
 * halfway between two floats does not always round like `Math.fround`.
 */
export function leafDouble(type: string, leaf: Exclude<SourceLeaf, null>, coerce: boolean, asFloat: boolean): number | Rejection {
  switch (typeof leaf) {
    case 'number':
    case 'bigint':
      return asFloat ? parseJavaFloat(String(leaf))! : Number(leaf);
    case 'string': {
      if (!coerce) return malformed(type, leaf);
      const d = asFloat ? parseJavaFloat(leaf) : parseJavaDouble(leaf);
      return d === undefined ? malformed(type, leaf) : d;
    }
    default:
      return malformed(type, leaf);
  }
}

/** `""` with coerce is null; `null` is `null_value`. Returns the leaf to index, or `undefined` for nothing. */
export function substituteNull(leaf: SourceLeaf, coerce: boolean, nullValue: number | string | undefined): Exclude<SourceLeaf, null> | undefined {
  if (leaf === null || (coerce && leaf === '')) return nullValue;
  return leaf;
}

/** Whether a parse result (a number or a rejection) is a rejection. */
export function isRejection(x: unknown): x is Rejection {
  return typeof x === 'object' && x !== null && 'reject' in x;
}

/** `Double.parseDouble` of a query value (JSON numbers are already doubles); unparseable → shard error. */
export function queryDouble(value: QueryScalar, type: string, pointer: string): number {
  if (typeof value === 'number') return value;
  const d = parseJavaDouble(queryText(value));
  if (d === undefined) shardError(pointer, `failed to parse [${queryText(value)}] for field of type [${type}]`);
  return d;
}
