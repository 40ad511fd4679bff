import { describe, expect, it } from 'vitest';
import { compileAccess } from '../../src/access/plan/compile-access.js';
import { toElasticsearchQuery } from '../../src/access/query/elasticsearch-query.js';
import type { AccessExpression, FilterTerm } from '../../src/access/expression/expression.js';
import type { FieldTypes } from '../../src/access/mapping/field-types.js';
import { prepareTerm } from '../../src/access/values/prepare-term.js';
import { SharedTokenError } from '../../src/errors.js';

const f = (field: string, value: string): FilterTerm => ({ field, value });
const and = (...filters: FilterTerm[]): AccessExpression => compileAccess(filters, 'AND');
const or = (...filters: FilterTerm[]): AccessExpression => compileAccess(filters, 'OR');

function validationContext(run: () => unknown): Record<string, unknown> {
  try {
    run();
  } catch (error) {
    if (error instanceof SharedTokenError && error.code === 'VALIDATION') return { ...error.context };
    throw error;
  }
  throw new Error('expected a VALIDATION error');
}

describe('toElasticsearchQuery: the query structure', () => {
  // Plain keyword fields: a term is the value as typed.
  const fields: FieldTypes = Object.fromEntries(['a', 'b', 'c', 'service.name', 'kubernetes.namespace'].map((name) => [name, { type: 'keyword' as const }]));
  const wildcards: FieldTypes = { 'service.name': { type: 'wildcard' } };

  it('emits match_all for an unrestricted token and match_none for an empty OR, with or without fields', () => {
    expect(toElasticsearchQuery(and())).toEqual({ match_all: {} });
    expect(toElasticsearchQuery({ kind: 'none' })).toEqual({ match_none: {} });
    expect(toElasticsearchQuery(and(), { fields })).toEqual({ match_all: {} });
  });

  it('refuses an expression naming a field without field types: no term query means the same under every mapping', () => {
    // On a dynamically mapped index a string is `text`: a plain term on it matches one analysed token.
    expect(validationContext(() => toElasticsearchQuery(and(f('status', 'error'))))).toEqual({ field: 'status', reason: 'field-types-required' });
    expect(validationContext(() => toElasticsearchQuery(or(f('a', '1'), f('status', ' 200'))))).toMatchObject({ reason: 'field-types-required' });
  });

  it('emits a term on the field as named, with the value as typed', () => {
    expect(toElasticsearchQuery(and(f('kubernetes.namespace', 'Prod ')), { fields })).toEqual({
      term: { 'kubernetes.namespace': { value: 'Prod ' } },
    });
  });

  it('emits AND as bool.filter, and OR of one non-keyword field as term clauses', () => {
    expect(toElasticsearchQuery(and(f('service.name', 'api'), f('kubernetes.namespace', 'prod')), { fields })).toEqual({
      bool: {
        filter: [{ term: { 'kubernetes.namespace': { value: 'prod' } } }, { term: { 'service.name': { value: 'api' } } }],
      },
    });
    expect(toElasticsearchQuery(or(f('service.name', 'web'), f('service.name', 'api')), { fields: wildcards })).toEqual({
      bool: { should: [{ term: { 'service.name': { value: 'api' } } }, { term: { 'service.name': { value: 'web' } } }], minimum_should_match: 1 },
    });
  });

  it('emits the examples of its documentation', () => {
    expect(toElasticsearchQuery(and(f('kubernetes.namespace', 'prod'), f('service.name', 'api')), { fields })).toEqual({
      bool: {
        filter: [{ term: { 'kubernetes.namespace': { value: 'prod' } } }, { term: { 'service.name': { value: 'api' } } }],
      },
    });
    expect(toElasticsearchQuery(or(f('service.name', 'api'), f('service.name', 'web'), f('kubernetes.namespace', 'prod')), { fields })).toEqual({
      bool: {
        should: [{ term: { 'kubernetes.namespace': { value: 'prod' } } }, { terms: { 'service.name': ['api', 'web'] } }],
        minimum_should_match: 1,
      },
    });
  });

  it('emits OR as bool.should with minimum_should_match 1, inside an AND too', () => {
    const expression: AccessExpression = {
      kind: 'and',
      children: [
        { kind: 'or', children: [{ kind: 'term', field: 'a', value: '1' }, { kind: 'term', field: 'b', value: '2' }] },
        { kind: 'term', field: 'c', value: '3' },
      ],
    };
    expect(toElasticsearchQuery(expression, { fields })).toEqual({
      bool: {
        filter: [
          {
            bool: {
              should: [{ term: { a: { value: '1' } } }, { term: { b: { value: '2' } } }],
              minimum_should_match: 1,
            },
          },
          { term: { c: { value: '3' } } },
        ],
      },
    });
  });

  it('returns a fresh object on every call', () => {
    const expression = and(f('a', 'x'), f('b', 'y'));
    const first = toElasticsearchQuery(expression, { fields });
    (first as { bool: { filter: unknown[] } }).bool.filter.push({ match_all: {} });
    expect(toElasticsearchQuery(expression, { fields })).toEqual({
      bool: { filter: [{ term: { a: { value: 'x' } } }, { term: { b: { value: 'y' } } }] },
    });
  });

  it('rejects metadata fields, whose term reads the index instead of _source', () => {
    expect(validationContext(() => toElasticsearchQuery(and(f('_id', 'x')), { fields }))).toMatchObject({ field: '_id', reason: 'metadata-field' });
    expect(validationContext(() => toElasticsearchQuery(and(f('_index', 'logs-*')), { fields }))).toMatchObject({ field: '_index' });
  });
});

describe('toElasticsearchQuery with fields', () => {
  const fields: FieldTypes = {
    'service.name': { type: 'keyword' },
    message: { type: 'text', keywordSubfield: 'message.keyword' },
    'message.keyword': { type: 'keyword', ignoreAbove: 256, sourcePaths: ['message'] },
    note: { type: 'match_only_text' },
    'order.items.sku': { type: 'keyword', nestedPaths: ['order', 'order.items'] },
    'order.id': { type: 'keyword', nestedPaths: ['order'] },
    labels: { type: 'flattened' },
    status: { type: 'long' },
    geo: { type: 'unsupported', mappedType: 'geo_point' },
  };

  it('queries a text field through its keyword sub-field', () => {
    expect(toElasticsearchQuery(and(f('message', 'Acme Corp')), { fields })).toEqual({
      term: { 'message.keyword': { value: 'Acme Corp' } },
    });
  });

  it('rejects a text field without a keyword sub-field, naming the field and type', () => {
    expect(validationContext(() => toElasticsearchQuery(and(f('note', 'x')), { fields }))).toMatchObject({
      field: 'note',
      fieldType: 'match_only_text',
      reason: 'text-without-keyword-subfield',
    });
  });

  it('wraps a nested field in one nested query per level, outermost first', () => {
    expect(toElasticsearchQuery(and(f('order.items.sku', 'A-1')), { fields })).toEqual({
      nested: { path: 'order', query: { nested: { path: 'order.items', query: { term: { 'order.items.sku': { value: 'A-1' } } } } } },
    });
  });

  it('keeps two terms on one nested path as independent nested queries', () => {
    expect(toElasticsearchQuery(and(f('order.id', '7'), f('order.items.sku', 'A-1')), { fields })).toEqual({
      bool: {
        filter: [
          { nested: { path: 'order', query: { term: { 'order.id': { value: '7' } } } } },
          {
            nested: {
              path: 'order',
              query: { nested: { path: 'order.items', query: { term: { 'order.items.sku': { value: 'A-1' } } } } },
            },
          },
        ],
      },
    });
    expect(toElasticsearchQuery(or(f('order.id', '7'), f('order.id', '8')), { fields })).toEqual({
      nested: { path: 'order', query: { terms: { 'order.id': ['7', '8'] } } },
    });
  });

  it('makes an unmapped field match nothing, folded into its group', () => {
    expect(toElasticsearchQuery(and(f('nope', 'x')), { fields })).toEqual({ match_none: {} });
    expect(toElasticsearchQuery(and(f('nope', 'x'), f('service.name', 'api')), { fields })).toEqual({ match_none: {} });
    expect(toElasticsearchQuery(or(f('nope', 'x'), f('service.name', 'api')), { fields })).toEqual({
      term: { 'service.name': { value: 'api' } },
    });
    // An object path is not a field either.
    expect(toElasticsearchQuery(and(f('order', 'x')), { fields })).toEqual({ match_none: {} });
  });

  it('queries a flattened root and a key inside it by name', () => {
    expect(toElasticsearchQuery(or(f('labels', 'x'), f('labels.team', 'core')), { fields })).toEqual({
      bool: {
        should: [{ term: { labels: { value: 'x' } } }, { term: { 'labels.team': { value: 'core' } } }],
        minimum_should_match: 1,
      },
    });
  });

  it('states several values of a keyword field as one terms', () => {
    expect(toElasticsearchQuery(or(f('service.name', 'web'), f('service.name', 'api')), { fields })).toEqual({
      terms: { 'service.name': ['api', 'web'] },
    });
  });

  it('states several numeric values as term clauses, not terms (terms rejects values term accepts)', () => {
    const values = ['200', '404'].map((value) => {
      const prepared = prepareTerm('status', { type: 'long' }, value);
      return prepared.queryValue;
    });
    expect(toElasticsearchQuery(or(f('status', '404'), f('status', '200')), { fields })).toEqual({
      bool: { should: values.map((value) => ({ term: { status: { value } } })), minimum_should_match: 1 },
    });
  });

  it('rejects every term on an unsupported field type', () => {
    expect(validationContext(() => toElasticsearchQuery(and(f('geo', '1,2')), { fields }))).toMatchObject({ field: 'geo' });
  });

  it('folds constant_keyword terms to match_all / match_none', () => {
    const constant: FieldTypes = { org: { type: 'constant_keyword', value: 'acme' }, a: { type: 'keyword' } };
    expect(toElasticsearchQuery(and(f('org', 'acme'), f('a', 'x')), { fields: constant })).toEqual({ term: { a: { value: 'x' } } });
    expect(toElasticsearchQuery(and(f('org', 'other'), f('a', 'x')), { fields: constant })).toEqual({ match_none: {} });
    expect(toElasticsearchQuery(or(f('org', 'acme'), f('a', 'x')), { fields: constant })).toEqual({ match_all: {} });
  });
});
