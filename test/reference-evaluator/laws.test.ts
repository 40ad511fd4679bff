/**
 * Laws the oracle must obey whatever the documents: the same document in
 * dotted, nested or mixed form indexes the same; bool is set algebra over
 * its clauses; terms is an OR of terms; results do not depend on document
 * order. Both under the schemaless rules and under a keyword mapping.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldTypes } from '../../src/access/mapping/field-types.js';
import { evaluateOnDocs } from '../support/reference-evaluator.js';

const KEYS = ['a', 'b', 'c'] as const;
const PATHS = ['a', 'b', 'a.b', 'a.c', 'b.a', 'a.b.c', 'c.c'];
const VALUES = ['x', 'y', 'X', '5', '', '5.0', 'true'] as const;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const leaf: fc.Arbitrary<Json> = fc.oneof(fc.constantFrom<Json>(...VALUES, 5, 5.5, 0, -0, true, false, null));
const tree: fc.Arbitrary<{ [k: string]: Json }> = fc.letrec<{ node: Json; obj: { [k: string]: Json } }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('node'), { maxLength: 3 }), tie('obj')),
  obj: fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 3 }),
})).obj;

/**
 * Every leaf (scalars and nulls) under its full dotted path, arrays flattened.
 * An object that yields no leaf (`{}`, `{b: []}`) stays as `{}` at its path:
 * it is not nothing to the engine (it rejects an object in a keyword field).
 * Returns how many entries it added.
 */
function dotted(value: Json, path: string, out: Map<string, Json[]>): number {
  const add = (v: Json): number => {
    out.set(path, [...(out.get(path) ?? []), v]);
    return 1;
  };
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + dotted(v, path, out), 0);
  if (value !== null && typeof value === 'object') {
    let added = 0;
    for (const [k, v] of Object.entries(value)) added += dotted(v, path === '' ? k : `${path}.${k}`, out);
    return added === 0 && path !== '' ? add({}) : added;
  }
  return add(value);
}

function flatForm(doc: { [k: string]: Json }): { [k: string]: Json } {
  const out = new Map<string, Json[]>();
  dotted(doc, '', out);
  return Object.fromEntries(out);
}

/** The flat form re-nested: each path's values as an array, next to objects for longer paths. */
function nestedForm(doc: { [k: string]: Json }): { [k: string]: Json } {
  const root: { [k: string]: Json[] } = {};
  const place = (obj: { [k: string]: Json[] }, segments: string[], values: Json[]): void => {
    const [head, ...rest] = segments as [string, ...string[]];
    const slot = (obj[head] ??= []);
    if (rest.length === 0) {
      slot.push(...values);
      return;
    }
    const child: { [k: string]: Json[] } = {};
    place(child, rest, values);
    slot.push(child);
  };
  for (const [path, values] of Object.entries(flatForm(doc))) place(root, path.split('.'), values as Json[]);
  return root;
}

const leafQuery = fc.oneof(
  fc.record({ term: fc.dictionary(fc.constantFrom(...PATHS), fc.constantFrom<string | number>(...VALUES, 5), { minKeys: 1, maxKeys: 1 }) }),
  fc.record({ exists: fc.record({ field: fc.constantFrom(...PATHS) }) }),
  fc.record({ prefix: fc.dictionary(fc.constantFrom(...PATHS), fc.constantFrom('x', 'X', '5', ''), { minKeys: 1, maxKeys: 1 }) }),
);

const keywordMapping: FieldTypes = Object.fromEntries(PATHS.map((p) => [p, { type: 'keyword' as const }]));
const modes: [string, FieldTypes | undefined][] = [
  ['schemaless', undefined],
  ['keyword mapping', keywordMapping],
];

const docsOf = (sources: { [k: string]: Json }[]) => sources.map((s, i) => ({ _id: `d${i}`, _source: s }));
const sorted = (s: Set<string>): string[] => [...s].sort();

describe.each(modes)('oracle laws (%s)', (_label, fields) => {
  it('a document answers the same in its original, flat-dotted and re-nested forms', () => {
    fc.assert(
      fc.property(tree, leafQuery, (doc, query) => {
        const original = evaluateOnDocs(query, [{ _id: 'd', _source: doc }], fields).has('d');
        expect(evaluateOnDocs(query, [{ _id: 'd', _source: flatForm(doc) }], fields).has('d')).toBe(original);
        expect(evaluateOnDocs(query, [{ _id: 'd', _source: nestedForm(doc) }], fields).has('d')).toBe(original);
      }),
    );
  });

  it('bool is set algebra over its clauses', () => {
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 6 }), leafQuery, leafQuery, (sources, a, b) => {
        const docs = docsOf(sources);
        const run = (q: unknown) => evaluateOnDocs(q, docs, fields);
        const all = run({ match_all: {} });
        const A = run(a);
        const B = run(b);
        expect(sorted(run({ bool: { filter: [a, b] } }))).toEqual([...A].filter((id) => B.has(id)).sort());
        expect(sorted(run({ bool: { should: [a, b] } }))).toEqual(sorted(new Set([...A, ...B])));
        expect(sorted(run({ bool: { must_not: [a] } }))).toEqual([...all].filter((id) => !A.has(id)).sort());
        expect(sorted(run({ bool: { filter: [a], should: [b] } }))).toEqual(sorted(A));
        expect(sorted(run({ bool: { filter: [a], should: [b], minimum_should_match: 1 } }))).toEqual([...A].filter((id) => B.has(id)).sort());
        expect(sorted(run({ bool: { should: [a, b], minimum_should_match: 2 } }))).toEqual([...A].filter((id) => B.has(id)).sort());
      }),
    );
  });

  it('terms is an OR of terms, and document order does not matter', () => {
    fc.assert(
      fc.property(
        fc.array(tree, { maxLength: 6 }),
        fc.constantFrom(...PATHS),
        fc.uniqueArray(fc.constantFrom(...VALUES), { maxLength: 3 }),
        (sources, field, values) => {
          const docs = docsOf(sources);
          const viaTerms = evaluateOnDocs({ terms: { [field]: values } }, docs, fields);
          const viaShould = evaluateOnDocs({ bool: { should: values.map((v) => ({ term: { [field]: v } })), minimum_should_match: 1 } }, docs, fields);
          expect(sorted(viaTerms)).toEqual(values.length === 0 ? [] : sorted(viaShould));
          expect(sorted(evaluateOnDocs({ terms: { [field]: values } }, [...docs].reverse(), fields))).toEqual(sorted(viaTerms));
        },
      ),
    );
  });
});
