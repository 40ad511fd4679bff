/**
 * Pins the search evaluator (the soundness oracle) on small cases, so a bug in
 * it cannot hide a bug in the guard.
 */
import { describe, expect, it } from 'vitest';
import { evaluateSearch } from '../support/search-evaluator.js';
import type { EvalDoc, SearchOutcome } from '../support/search-evaluator.js';
import { TEST_FIELDS } from '../support/request-arbitraries.js';

const docs: EvalDoc[] = [
  { _id: 'a', _source: { tenant: 'acme', service: 'api', code: 200, items: [{ sku: 'A-1', qty: 1 }, { sku: 'B-2', qty: 2 }] } },
  { _id: 'b', _source: { tenant: 'acme', service: 'web', code: 500 } },
  { _id: 'g', _source: { tenant: 'globex', service: 'api', code: 200, items: [{ sku: 'C-3', qty: 3 }] } },
];

const acme = { term: { tenant: 'acme' } };

function where(outcome: SearchOutcome, place: string): string[] {
  return [...(outcome.revealed.find((r) => r.where === place)?.ids ?? [])].sort();
}

describe('search evaluator', () => {
  it('hits are query ∩ post_filter; aggregations see the query scope, not the post filter', () => {
    const outcome = evaluateSearch({ query: acme, post_filter: { term: { service: 'web' } }, aggs: { s: { terms: { field: 'service' } } } }, docs, TEST_FIELDS);
    expect([...outcome.hits]).toEqual(['b']);
    expect(where(outcome, 'aggs/s/"api"')).toEqual(['a']);
    expect(where(outcome, 'aggs/s/"web"')).toEqual(['b']);
  });

  it('top-level knn is OR-ed with the query, through its filter', () => {
    const outcome = evaluateSearch({ query: acme, knn: { field: 'v', query_vector: [1], k: 1, num_candidates: 1, filter: { term: { tenant: 'globex' } } } }, docs, TEST_FIELDS);
    expect([...outcome.hits].sort()).toEqual(['a', 'b', 'g']);
  });

  it('nested and reverse_nested keep the root documents; filter aggregations narrow', () => {
    const skus = { terms: { field: 'items.sku' }, aggs: { back: { reverse_nested: {} } } };
    const aggs = { n: { nested: { path: 'items' }, aggs: { sku: skus } }, f: { filter: { term: { code: 500 } } } };
    const outcome = evaluateSearch({ query: acme, aggs }, docs, TEST_FIELDS);
    expect(where(outcome, 'aggs/n/nested')).toEqual(['a']);
    expect(where(outcome, 'aggs/n/nested/sku/"B-2"/back/reverse_nested')).toEqual(['a']);
    expect(where(outcome, 'aggs/f/filter')).toEqual(['b']);
  });

  it('models the escapes: global, min_doc_count 0 and significant_terms reach outside the query', () => {
    const global = evaluateSearch({ query: acme, aggs: { g: { global: {} } } }, docs, TEST_FIELDS);
    expect(where(global, 'aggs/g/global')).toEqual(['a', 'b', 'g']);
    const zero = evaluateSearch({ query: acme, aggs: { t: { terms: { field: 'tenant', min_doc_count: 0 } } } }, docs, TEST_FIELDS);
    expect(where(zero, 'aggs/t/"globex"/background')).toEqual(['g']);
    const significant = evaluateSearch({ query: acme, aggs: { s: { significant_terms: { field: 'service' } } } }, docs, TEST_FIELDS);
    expect(significant.revealed.flatMap((r) => [...r.ids])).toContain('g');
  });

  it('a URL q replaces the query', () => {
    expect([...evaluateSearch({ query: acme }, docs, TEST_FIELDS, { q: '*' }).hits].sort()).toEqual(['a', 'b', 'g']);
  });

  it('throws on what it does not model, instead of answering', () => {
    expect(() => evaluateSearch({ query: acme, brand_new: 1 }, docs, TEST_FIELDS)).toThrow(/unmodelled body key/);
    expect(() => evaluateSearch({ query: acme, aggs: { x: { brand_new_agg: {} } } }, docs, TEST_FIELDS)).toThrow(/unmodelled bucket aggregation/);
  });

  it('unmodelled query clauses match a deterministic subset', () => {
    const q = { query_string: { query: 'anything' } };
    expect(evaluateSearch({ query: q }, docs, TEST_FIELDS).hits).toEqual(evaluateSearch({ query: q }, docs, TEST_FIELDS).hits);
  });
});
