/**
 * The oracle never answers by accident: whatever the query and the
 * documents, it returns a set of ids or throws one of its two errors
 * (never a TypeError, never a hang). Near-valid queries are generated from
 * the modelled grammar with random damage so the parsers are exercised, not
 * just the "not an object" branch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldTypes } from '../../src/access/mapping/field-types.js';
import { ReferenceQueryError, UnsupportedQueryError, evaluateOnDocs, indexDocuments } from '../support/reference-evaluator.js';

const fields: FieldTypes = {
  k: { type: 'keyword', normalizer: 'lowercase', ignoreAbove: 10, nullValue: 'N' },
  n: { type: 'long' },
  i: { type: 'integer', ignoreMalformed: true },
  f: { type: 'half_float' },
  s: { type: 'scaled_float', scalingFactor: 10 },
  u: { type: 'unsigned_long' },
  b: { type: 'boolean' },
  d: { type: 'date' },
  ip: { type: 'ip' },
  t: { type: 'text' },
  c: { type: 'constant_keyword', value: 'v' },
  l: { type: 'flattened' },
  'o.k': { type: 'keyword', nestedPaths: ['o'] },
};
const FIELD_NAMES = [...Object.keys(fields), 'l.x', 'o', 'missing', '_id', '_index'];

const value = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('200', '2e2', ' 1', '-0', 'NaN', 'true', '10.0.0.0/8', '::1', '2020-01-01', '1e400', 'v*', ''),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const field = fc.constantFrom(...FIELD_NAMES);

const query: fc.Arbitrary<unknown> = fc.letrec<{ q: unknown }>((tie) => ({
  q: fc.oneof(
    { depthSize: 'small' },
    fc.record({ term: fc.dictionary(field, fc.oneof(value, fc.record({ value }))) }),
    fc.record({ terms: fc.dictionary(field, fc.array(value, { maxLength: 3 }), { maxKeys: 1 }) }),
    fc.record({ match: fc.dictionary(field, value, { maxKeys: 1 }) }),
    fc.record({ prefix: fc.dictionary(field, value, { maxKeys: 1 }) }),
    fc.record({ range: fc.dictionary(field, fc.record({ gte: value, lt: value }, { requiredKeys: [] }), { maxKeys: 1 }) }),
    fc.record({ exists: fc.record({ field }) }),
    fc.record({ ids: fc.record({ values: fc.array(value, { maxLength: 2 }) }) }),
    fc.record({ match_all: fc.constant({}) }),
    fc.record(
      {
        bool: fc.record(
          {
            must: fc.array(tie('q'), { maxLength: 2 }),
            filter: tie('q'),
            should: fc.array(tie('q'), { maxLength: 3 }),
            must_not: fc.array(tie('q'), { maxLength: 2 }),
            minimum_should_match: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('50%', '-1', 'x', '1<2')),
          },
          { requiredKeys: [] },
        ),
      },
    ),
    fc.record({ nested: fc.record({ path: fc.constantFrom('o', 'k', 'zz'), query: tie('q') }) }),
    fc.record({ dis_max: fc.record({ queries: fc.array(tie('q'), { maxLength: 2 }) }) }),
    fc.jsonValue({ maxDepth: 2 }),
  ),
})).q;

const source = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELD_NAMES, 'o.k', 'l.y.z', 'a..b', '__proto__', 'constructor'), fc.oneof(value, fc.array(value), fc.jsonValue({ maxDepth: 2 }))),
  fc.anything({ maxDepth: 2 }),
);

const isOracleError = (e: unknown): boolean => e instanceof ReferenceQueryError || e instanceof UnsupportedQueryError;

describe('robustness', () => {
  it('answers a set of known ids or throws its own errors, with or without a mapping', () => {
    fc.assert(
      fc.property(query, fc.array(source, { maxLength: 4 }), fc.boolean(), (q, sources, mapped) => {
        const docs = sources.map((s, i) => ({ _id: `d${i}`, _source: s }));
        try {
          const ids = evaluateOnDocs(q, docs, mapped ? fields : undefined);
          for (const id of ids) expect(docs.some((d) => d._id === id)).toBe(true);
        } catch (e) {
          if (!isOracleError(e)) throw e;
        }
      }),
    );
  });

  it('indexing never throws: refused documents are marked, not thrown', () => {
    fc.assert(
      fc.property(fc.array(source, { maxLength: 4 }), (sources) => {
        const index = indexDocuments(
          sources.map((s, i) => ({ _id: `d${i}`, _source: s })),
          fields,
        );
        expect(index.documents.length).toBe(sources.length);
      }),
    );
  });
});
