/**
 * Document shapes: dotted keys and nesting in any mix, arrays at any level,
 * arrays of objects, null/[]/missing, nested child documents, and the
 * documents the engine refuses to index (which then match nothing).
 */
import { describe, expect, it } from 'vitest';
import type { FieldTypes } from '../../src/access/mapping/field-types.js';
import { evaluateOnDocs, indexDocuments, rejectedDocuments } from '../support/reference-evaluator.js';
import { matchesOne, term } from './helpers.js';

describe('paths', () => {
  const fields: FieldTypes = { 'a.b.c': { type: 'keyword' } };
  const shapes: unknown[] = [
    { a: { b: { c: 'v' } } },
    { 'a.b.c': 'v' },
    { 'a.b': { c: 'v' } },
    { a: { 'b.c': 'v' } },
    { a: [{ b: [{ c: ['w', ['v']] }] }] },
    { a: [{ 'b.c': 'w' }, { b: { c: 'v' } }] },
    { 'a.b': [{ c: 'v' }], a: { b: { c: 'w' } } },
  ];
  for (const source of shapes) {
    it(`finds a.b.c in ${JSON.stringify(source)}`, () => {
      expect(matchesOne(term('a.b.c', 'v'), source, fields)).toBe(true);
      expect(matchesOne(term('a.b.c', 'v'), source)).toBe(true);
      expect(matchesOne(term('a.b.c', 'u'), source, fields)).toBe(false);
    });
  }

  it('null, [null], [] and a missing field hold no value', () => {
    for (const source of [{ k: null }, { k: [null] }, { k: [] }, {}, { k: [[], [null]] }]) {
      expect(matchesOne({ exists: { field: 'k' } }, source, { k: { type: 'keyword' } })).toBe(false);
      expect(matchesOne({ exists: { field: 'k' } }, source)).toBe(false);
    }
    expect(matchesOne({ exists: { field: 'k' } }, { k: [null, ''] }, { k: { type: 'keyword' } })).toBe(true);
  });

  it('the JSON the engine would receive: undefined is dropped, non-finite numbers are null, toJSON is used', () => {
    const fields: FieldTypes = { k: { type: 'keyword', nullValue: 'N' }, d: { type: 'date' } };
    expect(matchesOne(term('k', 'N'), { k: Number.NaN }, fields)).toBe(true);
    expect(matchesOne(term('k', 'N'), { k: [undefined] }, fields)).toBe(true);
    expect(matchesOne(term('k', 'N'), { k: undefined }, fields)).toBe(false);
    expect(matchesOne(term('d', '2020-01-01'), { d: new Date('2020-01-01T05:00:00Z') }, fields)).toBe(true);
  });
});

describe('nested', () => {
  const fields: FieldTypes = {
    'items.sku': { type: 'keyword', nestedPaths: ['items'] },
    'items.qty': { type: 'integer', nestedPaths: ['items'] },
    'items.parts.id': { type: 'keyword', nestedPaths: ['items', 'items.parts'] },
    owner: { type: 'keyword' },
  };
  const source = {
    owner: 'ann',
    items: [
      { sku: 'A', qty: 1, parts: [{ id: 'p1' }, { id: 'p2' }] },
      { sku: 'B', qty: 2, parts: { id: 'p3' } },
    ],
  };
  const nested = (path: string, query: unknown): unknown => ({ nested: { path, query } });

  it('keeps each object as its own child document', () => {
    expect(matchesOne(nested('items', { bool: { filter: [term('items.sku', 'A'), term('items.qty', '1')] } }), source, fields)).toBe(true);
    expect(matchesOne(nested('items', { bool: { filter: [term('items.sku', 'A'), term('items.qty', '2')] } }), source, fields)).toBe(false);
  });

  it('nests deeper, and reaches grandchildren from the root too', () => {
    expect(matchesOne(nested('items', { bool: { filter: [term('items.sku', 'B'), nested('items.parts', term('items.parts.id', 'p3'))] } }), source, fields)).toBe(true);
    expect(matchesOne(nested('items', { bool: { filter: [term('items.sku', 'B'), nested('items.parts', term('items.parts.id', 'p1'))] } }), source, fields)).toBe(false);
    expect(matchesOne(nested('items.parts', term('items.parts.id', 'p2')), source, fields)).toBe(true);
  });

  it('root fields are not visible inside a nested query, nested fields not outside', () => {
    expect(matchesOne(nested('items', term('owner', 'ann')), source, fields)).toBe(false);
    expect(matchesOne(term('items.sku', 'A'), source, fields)).toBe(false);
    expect(matchesOne(term('owner', 'ann'), source, fields)).toBe(true);
  });

  it('a dotted key crossing the nested path makes a child document', () => {
    expect(matchesOne(nested('items', term('items.sku', 'C')), { 'items.sku': 'C' }, fields)).toBe(true);
  });

  it('an unknown nested path is an error unless ignore_unmapped', () => {
    expect(() => evaluateOnDocs(nested('owner', term('owner', 'ann')), [], fields)).toThrow(/nested/);
    expect(matchesOne({ nested: { path: 'nope', query: { match_all: {} }, ignore_unmapped: true } }, source, fields)).toBe(false);
    expect(() => evaluateOnDocs(nested('items', { match_all: {} }), [])).toThrow(/nested/);
  });
});

describe('rejected documents', () => {
  const fields: FieldTypes = {
    k: { type: 'keyword' },
    n: { type: 'integer' },
    m: { type: 'integer', ignoreMalformed: true },
    'o.p': { type: 'keyword' },
  };
  const cases: [string, unknown][] = [
    ['an object in a keyword field', { k: { x: 1 } }],
    ['an empty object in a keyword field', { k: {} }],
    ['a malformed number', { n: 'abc' }],
    ['an out-of-range number', { n: 2 ** 40 }],
    ['a keyword over 32766 UTF-8 bytes', { k: 'é'.repeat(16384) }],
    ['a concrete value where the mapping has an object', { o: 'x' }],
    ['an empty key segment', { 'a..b': 1 }],
    ['a metadata field', { _id: 'x' }],
  ];
  for (const [label, source] of cases) {
    it(`rejects ${label}, which then matches nothing`, () => {
      const docs = [{ _id: 'doc', _source: source }];
      expect(rejectedDocuments(docs, fields).has('doc')).toBe(true);
      expect(evaluateOnDocs({ match_all: {} }, docs, fields).size).toBe(0);
    });
  }

  it('skips a malformed value with ignore_malformed and keeps the document', () => {
    const docs = [{ _id: 'doc', _source: { m: ['abc', 7] } }];
    expect(rejectedDocuments(docs, fields).size).toBe(0);
    expect(evaluateOnDocs(term('m', '7'), docs, fields).has('doc')).toBe(true);
  });

  it('keeps a keyword of exactly 32766 bytes, and a non-object _source is rejected', () => {
    expect(matchesOne(term('k', 'a'.repeat(32766)), { k: 'a'.repeat(32766) }, fields)).toBe(true);
    expect(indexDocuments([{ _id: 'doc', _source: ['x'] }]).documents[0]?.rejected).toBeDefined();
  });

  it('the last document with an _id replaces the earlier one', () => {
    const docs = [
      { _id: 'doc', _source: { k: 'old' } },
      { _id: 'doc', _source: { k: 'new' } },
    ];
    expect(evaluateOnDocs(term('k', 'old'), docs, fields).size).toBe(0);
    expect(evaluateOnDocs(term('k', 'new'), docs, fields).has('doc')).toBe(true);
  });
});
