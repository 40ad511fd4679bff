/**
 * fast-check arbitraries for documents of the all-types index, in the shapes
 * that make `_source` differ from what the engine indexes: arrays, `null`,
 * `[]`, `[null, x]`, dotted keys next to objects, arrays of objects, values
 * of the wrong JSON type, coercible strings, values out of a type's range.
 * The engine rejects some of them at index time; the suite compares against
 * the documents it kept.
 */
import fc from 'fast-check';
import { documentValues } from './value-pools.js';
import type { Json, ScalarDocumentField } from './value-pools.js';

const absent = Symbol('absent');
type Maybe<T> = T | typeof absent;

/** One field's value in the shapes `_source` allows: scalar, array, null, [], [null, x]. */
export function fieldValueArbitrary(pool: readonly Json[]): fc.Arbitrary<Json> {
  const scalar = fc.constantFrom(...pool);
  return fc.oneof(
    { weight: 12, arbitrary: scalar },
    { weight: 3, arbitrary: fc.array(scalar, { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant<Json>([]) },
    { weight: 1, arbitrary: scalar.map((value) => [null, value]) },
  );
}

/** Absent three times out of four: documents stay small and most survive indexing. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<Maybe<T>> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant<typeof absent>(absent) }, { weight: 1, arbitrary: arbitrary });
}

const flatLeaf = fc.constantFrom<Json>('x', 'y', 'a', 'b', 'Acme', 5, 5.0, 5.5, true, '5', '5.0', '');

const flatObjectArbitrary: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ p: flatLeaf }),
  fc.record({ p: fieldValueArbitrary(['x', 'y', 5]), q: fc.record({ r: flatLeaf }) }),
  fc.record({ q: fc.record({ r: fc.array(flatLeaf, { minLength: 1, maxLength: 3 }) }) }),
  fc.record({ 'q.r': flatLeaf }),
  fc.record({ z: flatLeaf, p: flatLeaf }),
);

const itemArbitrary = fc.record(
  { sku: fc.constantFrom<Json>('A-1', 'B-2', 'C-3', 'a-1'), qty: fc.constantFrom<Json>(1, 2, 3, '2') },
  { requiredKeys: [] },
);

const objLeafA = fieldValueArbitrary(['x', 'y', 'X', 5, '1']);
const objLeafN = fieldValueArbitrary([1, 2, 5, '5', 1.5]);
const objLeafC = fieldValueArbitrary(['x', 'y', '2']);
const objInner = fc.record({ c: objLeafC }, { requiredKeys: [] });
const objBody = fc.record({ a: objLeafA, n: objLeafN, inner: objInner }, { requiredKeys: [] });

type Entries = Array<readonly [string, Json]>;

/**
 * The `obj` subtree in one of the spellings the engine treats alike:
 * an object, an array of objects (flattened: a.b=x AND a.c=2 may match
 * across elements), dotted top-level keys, or a mixture.
 */
const objEntriesArbitrary: fc.Arbitrary<Entries> = fc.oneof(
  objBody.map((body): Entries => [['obj', body]]),
  fc.array(objBody, { minLength: 1, maxLength: 3 }).map((bodies): Entries => [['obj', bodies]]),
  fc
    .record({ 'obj.a': objLeafA, 'obj.inner.c': objLeafC, 'obj.n': objLeafN }, { requiredKeys: [] })
    .map((dotted): Entries => Object.entries(dotted)),
  fc.tuple(objLeafA, objLeafC).map(([a, c]): Entries => [
    ['obj', { a, 'inner.c': c }],
    ['obj.inner', { c: 'y' }],
  ]),
);

const scalarFields = Object.keys(documentValues) as ScalarDocumentField[];

/** A document of the all-types index (without `_id`). */
export const documentArbitrary: fc.Arbitrary<Record<string, Json>> = fc
  .tuple(
    fc.tuple(...scalarFields.map((field) => sometimes(fieldValueArbitrary(documentValues[field])))),
    sometimes(fc.oneof({ weight: 8, arbitrary: flatObjectArbitrary }, { weight: 1, arbitrary: fc.array(flatObjectArbitrary, { minLength: 1, maxLength: 2 }) })),
    sometimes(fc.oneof(fc.array(itemArbitrary, { maxLength: 3 }), itemArbitrary)),
    sometimes(objEntriesArbitrary),
  )
  .map(([scalars, flat, items, objEntries]) => {
    const doc: Record<string, Json> = {};
    scalars.forEach((value, index) => {
      const field = scalarFields[index];
      if (value !== absent && field !== undefined) doc[field] = value;
    });
    if (flat !== absent) doc['flat_f'] = flat;
    if (items !== absent) doc['items'] = items;
    if (objEntries !== absent) for (const [key, value] of objEntries) doc[key] = value;
    return doc;
  });
