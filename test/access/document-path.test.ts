import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePathMatcher } from '../../src/access/predicate/document-path.js';

/** Every leaf the matcher passes to its test, in visiting order. */
function leavesAt(path: string, doc: object, anyLeaf = false): unknown[] {
  const seen: unknown[] = [];
  compilePathMatcher(path, (leaf) => {
    seen.push(leaf);
    return false;
  }, anyLeaf)(doc);
  return seen;
}

describe('compilePathMatcher', () => {
  it.each([
    [{ a: { b: { c: 'x' } } }],
    [{ 'a.b.c': 'x' }],
    [{ 'a.b': { c: 'x' } }],
    [{ a: { 'b.c': 'x' } }],
    [{ a: [{ b: [{ c: ['x'] }] }] }],
    [{ a: [[{ 'b.c': [['x']] }]] }],
  ])('reaches a.b.c in %j', (doc) => {
    expect(leavesAt('a.b.c', doc)).toEqual(['x']);
  });

  it('visits every spelling present in one document', () => {
    expect(leavesAt('a.b', { a: { b: 1 }, 'a.b': [2, 3], 'a.x': 4 }).sort()).toEqual([1, 2, 3]);
  });

  it('passes null leaves and null array elements (for null_value), but not missing values or []', () => {
    expect(leavesAt('a', { a: null })).toEqual([null]);
    expect(leavesAt('a', { a: [null, 'x'] })).toEqual([null, 'x']);
    expect(leavesAt('a', { a: [] })).toEqual([]);
    expect(leavesAt('a', { b: 1 })).toEqual([]);
    expect(leavesAt('a', { a: undefined })).toEqual([]);
  });

  it('does not pass objects at the end of the path, nor walk through scalars or null on the way', () => {
    expect(leavesAt('a', { a: { b: 1 } })).toEqual([]);
    expect(leavesAt('a.b', { a: 'x' })).toEqual([]);
    expect(leavesAt('a.b', { a: null })).toEqual([]);
    expect(leavesAt('a.b', { a: [1, null, { b: 2 }] })).toEqual([2]);
  });

  it('passes every scalar type as is', () => {
    expect(leavesAt('a', { a: ['s', 1, -0, true, 10n] })).toEqual(['s', 1, -0, true, 10n]);
  });

  it('with anyLeaf (a flattened root), passes every leaf under the path', () => {
    expect(leavesAt('labels', { labels: { a: 1, b: { c: ['x', null] }, 'd.e': [{ f: true }] } }, true)).toEqual([1, 'x', null, true]);
    expect(leavesAt('labels', { labels: 'x' }, true)).toEqual(['x']);
    expect(leavesAt('a.labels', { 'a.labels.team': 'core', a: { 'labels.x.y': [1], labelsx: 2 }, 'a.labels': 3 }, true).sort()).toEqual([
      1, 3, 'core',
    ]);
  });

  it('never takes inherited members for document values', () => {
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(leavesAt(key, {})).toEqual([]);
      expect(leavesAt(`${key}.x`, {})).toEqual([]);
    }
    expect(leavesAt('__proto__', JSON.parse('{"__proto__": "own"}') as object)).toEqual(['own']);
    expect(leavesAt('a.__proto__.b', JSON.parse('{"a": {"__proto__": {"b": 1}}}') as object)).toEqual([1]);
    expect(leavesAt('constructor', { constructor: 'own' })).toEqual(['own']);
  });

  it('stops at the first leaf that passes', () => {
    let calls = 0;
    const matches = compilePathMatcher('a', (leaf) => {
      calls++;
      return leaf === 2;
    }, false);
    expect(matches({ a: [1, 2, 3] })).toBe(true);
    expect(calls).toBe(2);
  });

  it('finds a leaf however the path is split into dotted keys and objects', () => {
    // Any split of a.b.c.d into consecutive key groups, each level optionally wrapped in an array.
    const splits = fc.array(fc.boolean(), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(splits, fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), (cuts, wraps) => {
        const segments = ['a', 'b', 'c', 'd'];
        const keys: string[] = [];
        let current = segments[0] as string;
        cuts.forEach((cut, index) => {
          if (cut) {
            keys.push(current);
            current = segments[index + 1] as string;
          } else {
            current = `${current}.${segments[index + 1] as string}`;
          }
        });
        keys.push(current);
        let doc: unknown = 'leaf';
        keys.reverse().forEach((key, index) => {
          doc = { [key]: wraps[index] === true ? [doc] : doc };
        });
        expect(leavesAt('a.b.c.d', doc as object)).toEqual(['leaf']);
      }),
    );
  });
});
