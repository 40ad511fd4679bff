/**
 * The same filters written for sift, mingo and @ucast/js, with the
 * schemaless semantics as far as a MongoDB-style query can say them: a
 * numeric filter value matches the number or the string (`$in: [500, "500"]`),
 * `"true"`/`"false"` match the boolean too. What they cannot say is that
 * `{"a.b": x}` is `{a: {b: x}}`: they read only nested documents.
 */
import type { FilterTerm, FiltersOperator } from '../src/access/expression/expression.js';
import type { interpret } from '@ucast/js';

const DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** The document values a filter value matches under the schemaless rules. */
export function equivalents(value: string): unknown[] {
  const out: unknown[] = [value];
  if (DECIMAL.test(value)) out.push(Number(value));
  if (value === 'true') out.push(true);
  if (value === 'false') out.push(false);
  return out;
}

/** A MongoDB-style query object (sift and mingo read the same one). */
export type MongoQuery = Record<string, unknown>;

function mongoCondition(values: readonly string[]): unknown {
  const all = values.flatMap(equivalents);
  return all.length === 1 ? all[0] : { $in: all };
}

function byField(filters: readonly FilterTerm[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { field, value } of filters) out.set(field, [...(out.get(field) ?? []), value]);
  return out;
}

/**
 * The query a sift/mingo user would write: `AND` as one object (fields are
 * distinct in every workload), an `OR` on one field as `$in`, else `$or`.
 *
 * @example
 * ```ts
 * mongoQuery([{ field: 'http.response.status_code', value: '500' }], 'AND');
 * // { 'http.response.status_code': { $in: ['500', 500] } }
 * ```
 */
export function mongoQuery(filters: readonly FilterTerm[], operator: FiltersOperator): MongoQuery {
  const fields = byField(filters);
  switch (operator) {
    case 'AND': {
      if ([...fields.values()].some((values) => values.length > 1)) {
        return { $and: filters.map((f) => ({ [f.field]: mongoCondition([f.value]) })) };
      }
      return Object.fromEntries([...fields].map(([field, values]) => [field, mongoCondition(values)]));
    }
    case 'OR': {
      if (fields.size === 1) {
        const [[field, values]] = [...fields] as [[string, string[]]];
        return { [field]: mongoCondition(values) };
      }
      return { $or: [...fields].map(([field, values]) => ({ [field]: mongoCondition(values) })) };
    }
    default: {
      const never: never = operator;
      throw new Error(`unknown operator ${String(never)}`);
    }
  }
}

/** A condition tree for `@ucast/js`'s `interpret`. */
export type UcastCondition = Parameters<typeof interpret>[0];

function ucastField(field: string, values: readonly string[]): UcastCondition {
  const all = values.flatMap(equivalents);
  // @ucast/core's condition classes are plain data to the interpreter
  // ({operator, field, value}); building them structurally avoids depending
  // on @ucast/core directly. Its `eq`/`in` test every element of an array field.
  const node = all.length === 1 ? { operator: 'eq', field, value: all[0] } : { operator: 'in', field, value: all };
  return node as unknown as UcastCondition;
}

/** The same filters as an @ucast/js condition. */
export function ucastCondition(filters: readonly FilterTerm[], operator: FiltersOperator): UcastCondition {
  const fields = [...byField(filters)];
  const parts =
    operator === 'OR'
      ? fields.map(([field, values]) => ucastField(field, values))
      : filters.map((f) => ucastField(f.field, [f.value]));
  if (parts.length === 1) return parts[0] as UcastCondition;
  return { operator: operator === 'AND' ? 'and' : 'or', value: parts } as unknown as UcastCondition;
}
