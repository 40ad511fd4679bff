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
   * The index's field types (see `fieldTypesFromMapping`). Without them the
   * schemaless rules apply: every filter is a `term` on the field as named.
   * With them, values are checked per type, text fields are redirected to
   * their keyword sub-field, nested fields are wrapped in `nested`, and
   * unmapped fields match nothing.
   */
  readonly fields?: FieldTypes;
}

/**
 * Compiles an access expression to query DSL for Elasticsearch 7.10–9.x and
 * OpenSearch 1–3, selecting exactly the documents `toPredicate` selects.
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
 *   is a metadata field (`_id`, `_index`, ...).
 *
 * @example
 * A token with filters `kubernetes.namespace: prod` and `service.name: api` (`AND`):
 * ```ts
 * toElasticsearchQuery(compileAccess(filters, 'AND'));
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
  return emit(planAccess(expression, options.fields));
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
