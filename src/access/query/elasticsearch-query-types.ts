/**
 * The structural type of the query DSL `toElasticsearchQuery` emits.
 *
 * Declared here rather than imported from `@elastic/elasticsearch`, so that
 * consumers compile without that package; a type test proves it is
 * assignable to the official client's `estypes.QueryDslQueryContainer`
 * (and to the OpenSearch client's query type), so it can be passed to
 * either client's `search` as is.
 *
 * @packageDocumentation
 */

/** A value in a `term`/`terms` query: the filter value, or its canonical form for the field's type. */
export type ElasticsearchTermValue = string | number | boolean;

/** `{ "match_all": {} }`: every document. */
export interface ElasticsearchMatchAllQuery {
  match_all: Record<string, never>;
}

/** `{ "match_none": {} }`: no document. */
export interface ElasticsearchMatchNoneQuery {
  match_none: Record<string, never>;
}

/** `{ "term": { "<field>": { "value": v } } }`: exact match on one indexed term. */
export interface ElasticsearchTermQuery {
  term: Record<string, { value: ElasticsearchTermValue }>;
}

/** `{ "terms": { "<field>": [v1, v2] } }`: any of the values. */
export interface ElasticsearchTermsQuery {
  terms: Record<string, ElasticsearchTermValue[]>;
}

/** `{ "bool": { "filter": [...] } }`: every clause matches (no scoring). */
export interface ElasticsearchBoolFilterQuery {
  bool: { filter: ElasticsearchQuery[] };
}

/** `{ "bool": { "should": [...], "minimum_should_match": 1 } }`: at least one clause matches. */
export interface ElasticsearchBoolShouldQuery {
  bool: { should: ElasticsearchQuery[]; minimum_should_match: 1 };
}

/** `{ "nested": { "path": p, "query": q } }`: some object of the nested path `p` matches `q`. */
export interface ElasticsearchNestedQuery {
  nested: { path: string; query: ElasticsearchQuery };
}

/**
 * A query emitted by `toElasticsearchQuery`: a fresh, mutable plain object,
 * ready to send or to wrap.
 */
export type ElasticsearchQuery =
  | ElasticsearchMatchAllQuery
  | ElasticsearchMatchNoneQuery
  | ElasticsearchTermQuery
  | ElasticsearchTermsQuery
  | ElasticsearchBoolFilterQuery
  | ElasticsearchBoolShouldQuery
  | ElasticsearchNestedQuery;
