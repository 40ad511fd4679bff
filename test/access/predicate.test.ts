import { describe, expect, it } from 'vitest';
import { compileAccess } from '../../src/access/plan/compile-access.js';
import type { AccessExpression, FilterTerm } from '../../src/access/expression/expression.js';
import type { FieldTypes } from '../../src/access/mapping/field-types.js';
import { toPredicate } from '../../src/access/predicate/predicate.js';
import { SharedTokenError } from '../../src/errors.js';

const f = (field: string, value: string): FilterTerm => ({ field, value });
const and = (...filters: FilterTerm[]): AccessExpression => compileAccess(filters, 'AND');
const or = (...filters: FilterTerm[]): AccessExpression => compileAccess(filters, 'OR');

describe('toPredicate without fields (schemaless)', () => {
  it('matches nothing that is not a document object, even when unrestricted', () => {
    const all = toPredicate(and());
    for (const doc of [null, undefined, 'x', 5, [], [{}], true]) expect(all(doc)).toBe(false);
    expect(all({})).toBe(true);
  });

  it('reads dotted keys and nested objects alike, at every level', () => {
    const canSee = toPredicate(and(f('kubernetes.pod.name', 'web-1')));
    expect(canSee({ kubernetes: { pod: { name: 'web-1' } } })).toBe(true);
    expect(canSee({ 'kubernetes.pod.name': 'web-1' })).toBe(true);
    expect(canSee({ 'kubernetes.pod': { name: 'web-1' } })).toBe(true);
    expect(canSee({ kubernetes: { 'pod.name': 'web-1' } })).toBe(true);
    expect(canSee({ kubernetes: { pod: { name: 'web-2' } }, 'kubernetes.pod.name': 'web-1' })).toBe(true);
    expect(canSee({ kubernetes: { pod: 'web-1' } })).toBe(false);
  });

  it('matches an array when any element matches, at any level', () => {
    const canSee = toPredicate(and(f('tags', 'b')));
    expect(canSee({ tags: ['a', 'b'] })).toBe(true);
    expect(canSee({ tags: [['a'], ['b']] })).toBe(true);
    expect(canSee({ tags: [] })).toBe(false);
    expect(toPredicate(and(f('a.b', 'x')))({ a: [{ b: 'y' }, { b: ['z', 'x'] }] })).toBe(true);
  });

  it('flattens arrays of objects: terms on sibling fields may match different elements (term-semantics §7 row 13)', () => {
    const doc = { a: [{ b: 'x', c: '1' }, { b: 'y', c: '2' }] };
    expect(toPredicate(and(f('a.b', 'x'), f('a.c', '2')))(doc)).toBe(true);
  });

  it('compares strings exactly: no case folding, no trimming, wildcards are characters', () => {
    expect(toPredicate(and(f('env', 'prod')))({ env: 'Prod' })).toBe(false);
    expect(toPredicate(and(f('env', 'prod')))({ env: 'prod ' })).toBe(false);
    expect(toPredicate(and(f('env', 'pr*')))({ env: 'prod' })).toBe(false);
    expect(toPredicate(and(f('env', 'pr*')))({ env: 'pr*' })).toBe(true);
  });

  it('never matches null, [] or a missing field', () => {
    const canSee = toPredicate(and(f('a', 'null')));
    expect(canSee({ a: null })).toBe(false);
    expect(canSee({ a: [null] })).toBe(false);
    expect(canSee({ a: [] })).toBe(false);
    expect(canSee({})).toBe(false);
  });

  it('combines filters with AND and OR', () => {
    const doc = { service: { name: 'api' }, env: 'prod' };
    expect(toPredicate(and(f('service.name', 'api'), f('env', 'prod')))(doc)).toBe(true);
    expect(toPredicate(and(f('service.name', 'api'), f('env', 'dev')))(doc)).toBe(false);
    expect(toPredicate(or(f('service.name', 'web'), f('env', 'prod')))(doc)).toBe(true);
    expect(toPredicate(or(f('service.name', 'web'), f('service.name', 'api')))(doc)).toBe(true);
    expect(toPredicate({ kind: 'none' })(doc)).toBe(false);
  });

  it('rejects metadata fields like the query compiler', () => {
    expect(() => toPredicate(and(f('_id', 'x')))).toThrow(SharedTokenError);
  });
});

describe('toPredicate with fields', () => {
  const fields: FieldTypes = {
    message: { type: 'text', keywordSubfield: 'message.keyword' },
    'message.keyword': { type: 'keyword', sourcePaths: ['message'] },
    'order.id': { type: 'keyword', nestedPaths: ['order'] },
    'order.sku': { type: 'keyword', nestedPaths: ['order'] },
    full: { type: 'keyword', sourcePaths: ['full', 'first', 'last'] },
    '@timestamp_name': { type: 'keyword', sourcePaths: ['name'] },
    labels: { type: 'flattened' },
    status: { type: 'keyword', nullValue: 'NULL' },
    note: { type: 'text' },
  };

  it('reads a text field through its keyword sub-field, from the text field in _source', () => {
    const canSee = toPredicate(and(f('message', 'Acme Corp')), { fields });
    expect(canSee({ message: 'Acme Corp' })).toBe(true);
    expect(canSee({ message: 'acme corp' })).toBe(false);
    expect(canSee({ message: { keyword: 'Acme Corp' } })).toBe(false);
    expect(toPredicate(and(f('message.keyword', 'Acme Corp')), { fields })({ message: 'Acme Corp' })).toBe(true);
  });

  it('rejects a text field without a keyword sub-field', () => {
    expect(() => toPredicate(and(f('note', 'x')), { fields })).toThrow(/keyword sub-field/);
  });

  it('matches nothing on an unmapped field, even when _source has it (term-semantics §7 row 16)', () => {
    expect(toPredicate(and(f('z', 'x')), { fields })({ z: 'x' })).toBe(false);
    expect(toPredicate(or(f('z', 'x'), f('message', 'm')), { fields })({ z: 'x', message: 'm' })).toBe(true);
  });

  it('treats each term on a nested field as its own "some nested object matches"', () => {
    const doc = { order: [{ id: '1', sku: 'A' }, { id: '2', sku: 'B' }] };
    expect(toPredicate(and(f('order.id', '1'), f('order.sku', 'B')), { fields })(doc)).toBe(true);
    expect(toPredicate(and(f('order.id', '3')), { fields })(doc)).toBe(false);
  });

  it('reads copy_to targets and aliases from their source paths', () => {
    const doc = { first: 'Ada', last: 'Lovelace', name: 'n' };
    expect(toPredicate(and(f('full', 'Lovelace')), { fields })(doc)).toBe(true);
    expect(toPredicate(and(f('@timestamp_name', 'n')), { fields })(doc)).toBe(true);
  });

  it('matches a flattened root on any leaf, and a key on its own leaves (dotted or nested)', () => {
    const doc = { labels: { team: 'core', 'region.zone': ['eu-1'] } };
    expect(toPredicate(and(f('labels', 'eu-1')), { fields })(doc)).toBe(true);
    expect(toPredicate(and(f('labels', 'eu-1')), { fields })({ 'labels.region': { zone: 'eu-1' } })).toBe(true);
    expect(toPredicate(and(f('labels.region.zone', 'eu-1')), { fields })(doc)).toBe(true);
    expect(toPredicate(and(f('labels.team', 'eu-1')), { fields })(doc)).toBe(false);
  });

  it('gives null and null elements the null_value, but not [] or a missing field (term-semantics §7 rows 9-10)', () => {
    const canSee = toPredicate(and(f('status', 'NULL')), { fields });
    expect(canSee({ status: null })).toBe(true);
    expect(canSee({ status: ['x', null] })).toBe(true);
    expect(canSee({ status: [] })).toBe(false);
    expect(canSee({})).toBe(false);
  });
});
