/**
 * `boolean`. Index side (`parser.booleanValue()`): JSON `true`/`false`, the
 * strings `"true"`/`"false"`, and `""` as false; anything else rejects the
 * document. Query side: exactly `true`/`false` (`"True"`, `""`, `"1"` are
 * shard errors).
 */
import type { BooleanFieldType } from '../../../src/access/mapping/field-types.js';
import { type FieldModel, type QueryScalar, type RangeBound, queryText, rejected, shardError, testOf, lenient } from './field-model.js';


function parseQuery(value: QueryScalar, pointer: string): boolean {
  const text = queryText(value);
  if (text === 'true') return true;
  if (text === 'false') return false;
  return shardError(pointer, `Can't parse boolean value [${text}], expected [true] or [false]`);
}

/** The `boolean` model. Terms are JS booleans; in range order false < true (Lucene's "F" < "T"). */
export function booleanModel(spec: BooleanFieldType): FieldModel {
  const term = (value: QueryScalar, pointer: string) => {
    const wanted = parseQuery(value, pointer);
    return testOf((t) => t === wanted);
  };
  const rank = (b: boolean): number => (b ? 1 : 0);
  const within = (t: boolean, bound: RangeBound | undefined, pointer: string, side: 1 | -1): boolean => {
    if (bound === undefined) return true;
    const diff = (rank(t) - rank(parseQuery(bound.value, pointer))) * side;
    return diff > 0 || (diff === 0 && bound.inclusive);
  };
  return {
    typeName: 'boolean',
    index: (leaf) => {
      const value = leaf === null ? spec.nullValue : leaf;
      if (value === undefined) return [];
      if (value === true || value === 'true') return [true];
      if (value === false || value === 'false' || value === '') return [false];
      return rejected(`failed to parse field of type [boolean]: [${String(value)}]`, false);
    },
    term,
    range: (bounds, pointer) => {
      // parse eagerly so a bad bound fails even on an empty index
      if (bounds.lower) parseQuery(bounds.lower.value, pointer);
      if (bounds.upper) parseQuery(bounds.upper.value, pointer);
      return testOf((t) => typeof t === 'boolean' && within(t, bounds.lower, pointer, 1) && within(t, bounds.upper, pointer, -1));
    },
    prefix: (_value, pointer) => shardError(pointer, 'Can only use prefix queries on keyword and text fields, not on [boolean]'),
    match: (value, options, pointer) => [lenient(options.lenient, () => term(value, pointer))],
  };
}
