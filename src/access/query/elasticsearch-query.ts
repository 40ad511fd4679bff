/**
 * `toElasticsearchQuery`: an access expression → Elasticsearch/OpenSearch query DSL.
 *
 * @packageDocumentation
 */
import { SharedTokenError } from '../../errors.js';
import { planAccess } from '../plan/access-plan.js';
import type { AccessPlan, PlannedValue } from '../plan/access-plan.js';
import { assertNever } from '../../assert-never.js';
import type { ElasticsearchQuery, ElasticsearchTermValue } from './elasticsearch-query-types.js';
import type { AccessExpression } from '../expression/expression.js';
import type { FieldTypes } from '../mapping/field-types.js';

/** Options of `toElasticsearchQuery`. */
export interface ElasticsearchQueryOptions {
  /**
   * The index's field types (see `fieldTypesFromMapping`): values are
   * checked per type, text fields are redirected to their keyword
   * sub-field, nested fields are wrapped in `nested`, and unmapped fields
   * match nothing. Required for any expression that names a field: what a
   * `term` selects depends on the mapping (on a dynamically mapped string,
   * a `text` field, `term` matches one analysed token, so `status: error`
   * would select `"Server Error"`), and no query means the same under every
   * mapping. Only `all` and `none` compile without it.
   */
  readonly fields?: FieldTypes;
}

/**
 * Compiles an access expression to query DSL selecting exactly the documents
 * `toPredicate` selects, as proven on OpenSearch 2.19 and 3.9 and
 * Elasticsearch 8.19 (the engine suite; other versions are not checked).
 *
 * - `all` → `{ "match_all": {} }`; `none` → `{ "match_none": {} }`.
 * - `term` → `{ "term": { "<field>": { "value": "<value>" } } }`.
 * - `terms` → `{ "terms": { "<field>": [...] } }` on `keyword` fields,
 *   otherwise (and without `fields`) a `bool.should` of `term`s: `terms`
 *   treats some values differently from `term` on other types.
 * - `and` → `{ "bool": { "filter": [...] } }`; `or` →
 *   `{ "bool": { "should": [...], "minimum_should_match": 1 } }`. Never an
 *   empty `bool` (the engine reads it as match-all).
 * - With `fields`: a field inside `nested` objects is wrapped in one
 *   `nested` query per nesting level, outermost first; a `text` field is
 *   queried through its keyword sub-field; an unmapped field is
 *   `match_none` (what the engine answers for it), folded into its group;
 *   `constant_keyword` folds to `match_all`/`match_none`.
 *
 * Returns a fresh, mutable object on every call.
 *
 * @throws SharedTokenError `VALIDATION` when a value cannot be matched
 *   exactly for its field's type (`context.field`, `context.fieldType`,
 *   `context.reason`), the same values `toPredicate` rejects; when a field
 *   is a metadata field (`_id`, `_index`, ...); when the expression names a
 *   field and `fields` is not given (`context.reason: 'field-types-required'`).
 *
 * @example
 * A token with filters `kubernetes.namespace: prod` and `service.name: api` (`AND`),
 * both `keyword` fields:
 * ```ts
 * toElasticsearchQuery(compileAccess(filters, 'AND'), { fields });
 * ```
 * ```json
 * { "bool": { "filter": [
 *   { "term": { "kubernetes.namespace": { "value": "prod" } } },
 *   { "term": { "service.name": { "value": "api" } } }
 * ] } }
 * ```
 * The filters `service.name: api`, `service.name: web` and
 * `kubernetes.namespace: prod` with `OR`, where both fields are `keyword`
 * (`fields: { 'service.name': { type: 'keyword' }, 'kubernetes.namespace': { type: 'keyword' } }`):
 * ```json
 * { "bool": { "should": [
 *   { "term": { "kubernetes.namespace": { "value": "prod" } } },
 *   { "terms": { "service.name": ["api", "web"] } }
 * ], "minimum_should_match": 1 } }
 * ```
 * With `fields: { 'items.sku': { type: 'keyword', nestedPaths: ['items'] } }`,
 * the filter `items.sku: A-1` emits:
 * ```json
 * { "nested": { "path": "items", "query": { "term": { "items.sku": { "value": "A-1" } } } } }
 * ```
 */
export function toElasticsearchQuery(
  expression: AccessExpression,
  options: ElasticsearchQueryOptions = {},
): ElasticsearchQuery {
  const { fields } = options;
  if (fields === undefined) {
    const field = firstField(expression);
    if (field !== undefined) {
      throw new SharedTokenError(
        'VALIDATION',
        `Field "${field.slice(0, 100)}": toElasticsearchQuery needs the index's field types (the fields option, from fieldTypesFromMapping): without the mapping no term query is known to select only what the filter means`,
        { field, reason: 'field-types-required' },
      );
    }
  }
  return emit(planAccess(expression, fields));
}

function firstField(expression: AccessExpression): string | undefined {
  switch (expression.kind) {
    case 'all':
    case 'none':
      return undefined;
    case 'term':
    case 'terms':
      return expression.field;
    case 'and':
    case 'or':
      for (const child of expression.children) {
        const field = firstField(child);
        if (field !== undefined) return field;
      }
      return undefined;
    default:
      return assertNever(expression);
  }
}

/**
 * The query DSL of an access plan, for any plan (a schemaless one too).
 * Internal: `toElasticsearchQuery` is the entry point, and refuses to
 * compile a field without field types; tests use this to compare the
 * schemaless predicate with what a plain `term` means to the reference
 * evaluator's schemaless model.
 *
 * @example
 * ```ts
 * emitAccessPlan({ kind: 'all' }); // { match_all: {} }
 * ```
 */
export function emitAccessPlan(plan: AccessPlan): ElasticsearchQuery {
  return emit(plan);
}

function emit(plan: AccessPlan): ElasticsearchQuery {
  switch (plan.kind) {
    case 'all':
      return { match_all: {} };
    case 'none':
      return { match_none: {} };
    case 'and':
      return { bool: { filter: plan.children.map(emit) } };
    case 'or':
      return { bool: { should: plan.children.map(emit), minimum_should_match: 1 } };
    case 'match':
      return plan.nestedPaths.reduceRight<ElasticsearchQuery>(
        (query, path) => ({ nested: { path, query } }),
        emitValues(plan.queryField, plan.queryStyle, plan.values),
      );
    default:
      return assertNever(plan);
  }
}

function emitValues(field: string, style: 'terms' | 'term-per-value', values: readonly PlannedValue[]): ElasticsearchQuery {
  const queryValues = uniqueQueryValues(values);
  const [only] = queryValues;
  if (only !== undefined && queryValues.length === 1) return termQuery(field, only);
  if (style === 'terms') return { terms: { [field]: queryValues } };
  return { bool: { should: queryValues.map((value) => termQuery(field, value)), minimum_should_match: 1 } };
}

function termQuery(field: string, value: ElasticsearchTermValue): ElasticsearchQuery {
  return { term: { [field]: { value } } };
}

function uniqueQueryValues(values: readonly PlannedValue[]): ElasticsearchTermValue[] {
  const unique: ElasticsearchTermValue[] = [];
  for (const { queryValue } of values) {
    // JSON.stringify(-0) is "0": send the sign as text, which the engine parses back to -0.
    const value = Object.is(queryValue, -0) ? '-0' : queryValue;
    if (!unique.includes(value)) unique.push(value);
  }
  return unique;
}
