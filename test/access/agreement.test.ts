import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emitAccessPlan, toElasticsearchQuery } from '../../src/access/query/elasticsearch-query.js';
import { planAccess } from '../../src/access/plan/access-plan.js';
import type { AccessExpression } from '../../src/access/expression/expression.js';
import type { FieldSpec, FieldType, FieldTypes } from '../../src/access/mapping/field-types.js';
import { toPredicate } from '../../src/access/predicate/predicate.js';
import { SharedTokenError } from '../../src/errors.js';
import { documentArbitrary } from '../support/document-arbitraries.js';
import { evaluateOnDocs, rejectedDocuments } from '../support/reference-evaluator.js';
import { termsOf } from './support/expression-arbitraries.js';
import { filterValueArbitrary, keywordStringArbitrary, leafValueArbitrary } from '../support/value-arbitraries.js';

/**
 * The predicate and the emitted query select the same documents: the query
 * is answered by the independent reference evaluator (test/support), the
 * predicate runs over the same `_source`s. Documents the engine would refuse
 * to index are left out on both sides (no search returns them).
 */

/** Every emulated field type, with the options that change matching. */
const TYPE_CASES: readonly FieldType[] = [
  { type: 'keyword' },
  { type: 'keyword', normalizer: 'lowercase' },
  { type: 'keyword', ignoreAbove: 5 },
  { type: 'keyword', nullValue: 'NULL' },
  { type: 'keyword', normalizer: 'lowercase', ignoreAbove: 4, nullValue: 'Acme' },
  { type: 'wildcard' },
  { type: 'constant_keyword', value: 'acme' },
  { type: 'constant_keyword' },
  { type: 'long' },
  { type: 'integer' },
  { type: 'short' },
  { type: 'byte' },
  { type: 'integer', coerce: false },
  { type: 'long', coerce: false },
  { type: 'long', nullValue: 0 },
  { type: 'double' },
  { type: 'float' },
  { type: 'half_float' },
  { type: 'double', coerce: false },
  { type: 'scaled_float', scalingFactor: 100 },
  { type: 'scaled_float', scalingFactor: 10 },
  { type: 'unsigned_long' },
  { type: 'boolean' },
  { type: 'boolean', nullValue: false },
  { type: 'date' },
  { type: 'date_nanos' },
  { type: 'date', format: 'epoch_second' },
  { type: 'ip' },
  { type: 'ip', nullValue: '0.0.0.0' },
  { type: 'flattened' },
  { type: 'flat_object' },
];

/**
 * The layout every case maps: a field spelled with a dot (`a.b`), two fields
 * of the same type inside one `nested` object (`n.v`, `n.w`: an AND of terms
 * on them may match different nested objects, as the emitted independent
 * `nested` queries do), and an unmapped path (`z`). For `flattened`, a key
 * under the root (`a.b.k`) too.
 */
function layout(type: FieldType): { fields: FieldTypes; filterFields: string[]; docPaths: string[] } {
  const inNested: FieldSpec = { ...type, nestedPaths: ['n'] };
  const fields: Record<string, FieldSpec> = { 'a.b': type, 'n.v': inNested, 'n.w': inNested };
  const flattened = type.type === 'flattened' || type.type === 'flat_object';
  if (type.type === 'constant_keyword' && type.value === undefined) {
    // No document has set the constant yet: one that did would have set it in the mapping.
    return { fields, filterFields: ['a.b', 'n.v', 'z'], docPaths: ['z'] };
  }
  const common = ['n.v', 'n.w', 'z'];
  return {
    fields,
    filterFields: flattened ? ['a.b', 'a.b.k', ...common] : ['a.b', ...common],
    docPaths: flattened ? ['a.b', 'a.b.k', 'a.b.k.l', ...common] : ['a.b', ...common],
  };
}

function expressionArbitrary(fields: readonly string[], value: fc.Arbitrary<string>): fc.Arbitrary<AccessExpression> {
  const field = fc.constantFrom(...fields);
  return fc.letrec<{ expression: AccessExpression }>((tie) => ({
    expression: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ kind: fc.constant('term' as const), field, value }),
      fc.record({ kind: fc.constant('terms' as const), field, values: fc.array(value, { minLength: 1, maxLength: 3 }) }),
      fc.record({ kind: fc.constant('and' as const), children: fc.array(tie('expression'), { maxLength: 3 }) }),
      fc.record({ kind: fc.constant('or' as const), children: fc.array(tie('expression'), { maxLength: 3 }) }),
    ),
  })).expression;
}


/** The leaf a document would typically hold for a filter value: numbers as JSON numbers, booleans as JSON booleans. */
function typicalLeaf(type: FieldType | undefined, value: string): unknown {
  switch (type?.type) {
    case 'long':
    case 'integer':
    case 'short':
    case 'byte':
    case 'double':
    case 'float':
    case 'half_float':
    case 'scaled_float':
    case 'unsigned_long': {
      const number = Number(value);
      return value.trim() !== '' && Number.isFinite(number) ? number : value;
    }
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    default:
      return value;
  }
}

/** An expression and 2–6 documents, most of them holding some of its values. */
function caseArbitrary(
  filterFields: readonly string[],
  docPaths: readonly string[],
  filterValue: fc.Arbitrary<string>,
  leaf: fc.Arbitrary<unknown>,
  type?: FieldType,
): fc.Arbitrary<{ expression: AccessExpression; docs: { _id: string; _source: Record<string, unknown> }[] }> {
  return expressionArbitrary(filterFields, filterValue).chain((expression) => {
    const seeded = termsOf(expression)
      .filter(({ field }) => docPaths.includes(field))
      .map(({ field, value }) => ({ path: field, value: typicalLeaf(type, value) }));
    // Half the random leaves are filter values as a document would hold them: near misses and hits, rarely refused.
    const mixedLeaf = fc.oneof(filterValue.map((value) => typicalLeaf(type, value)), leaf);
    const doc = documentArbitrary(docPaths, () => mixedLeaf, { seeded, maxPlacements: 3 });
    return fc.record({
      expression: fc.constant(expression),
      docs: fc.array(doc, { minLength: 2, maxLength: 6 }).map((sources) => sources.map((_source, i) => ({ _id: String(i), _source }))),
    });
  });
}

function rejection(run: () => unknown): SharedTokenError | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof SharedTokenError && error.code === 'VALIDATION') return error;
    throw error;
  }
}

/** How many runs of a property compiled, selected documents, left documents out. */
interface Coverage {
  compiled: number;
  /** Runs where the query selected at least one document. */
  someMatched: number;
  /** Runs where the query left out at least one indexed document. */
  someUnmatched: number;
}

function assertAgreement(
  expression: AccessExpression,
  docs: readonly { _id: string; _source: Record<string, unknown> }[],
  fields: FieldTypes | undefined,
  coverage: Coverage,
): void {
  const options = fields === undefined ? {} : { fields };
  // Without field types toElasticsearchQuery refuses every field; the schemaless predicate is
  // compared with what a plain term on the field means under the reference evaluator's schemaless model.
  const compile = (): unknown => (fields === undefined ? emitAccessPlan(planAccess(expression, undefined)) : toElasticsearchQuery(expression, options));
  const queryRejection = rejection(compile);
  const predicateRejection = rejection(() => toPredicate(expression, options));
  expect(predicateRejection?.message).toBe(queryRejection?.message);
  if (queryRejection !== undefined) return;

  const query = compile() as ReturnType<typeof toElasticsearchQuery>;
  const predicate = toPredicate(expression, options);
  const rejected = rejectedDocuments(docs, fields);
  const expected = evaluateOnDocs(query, docs, fields);
  const actual = new Set(docs.filter((doc) => !rejected.has(doc._id) && predicate(doc._source)).map((doc) => doc._id));
  expect({ query, ids: [...actual] }).toEqual({ query, ids: [...expected] });
  coverage.compiled++;
  const someMatched = expected.size > 0;
  const someUnmatched = expected.size < docs.length - rejected.size;
  if (someMatched) coverage.someMatched++;
  if (someUnmatched) coverage.someUnmatched++;
}

/**
 * Runs the agreement property and checks it was not vacuous: enough runs
 * compiled (were not rejected) and selected some documents but not others.
 */
function checkAgreement(arbitrary: fc.Arbitrary<{ expression: AccessExpression; docs: { _id: string; _source: Record<string, unknown> }[] }>, fields: FieldTypes | undefined): Coverage {
  const coverage: Coverage = { compiled: 0, someMatched: 0, someUnmatched: 0 };
  fc.assert(fc.property(arbitrary, ({ expression, docs }) => assertAgreement(expression, docs, fields, coverage)));
  return coverage;
}

/** The property was not vacuous: some runs compiled and selected documents, some left documents out. */
function expectBothOutcomes(coverage: Coverage): void {
  expect(coverage.someMatched).toBeGreaterThan(0);
  expect(coverage.someUnmatched).toBeGreaterThan(0);
}

describe('the predicate agrees with the reference evaluator of the emitted query', () => {
  it('without fields (schemaless rules)', () => {
    const leaf = fc.oneof(leafValueArbitrary({ type: 'keyword' }), leafValueArbitrary({ type: 'long' }), leafValueArbitrary({ type: 'boolean' }));
    const value = fc.oneof(keywordStringArbitrary, filterValueArbitrary({ type: 'long' }), filterValueArbitrary({ type: 'boolean' }));
    const coverage = checkAgreement(caseArbitrary(['a.b', 'a.c', 'z'], ['a.b', 'a.c', 'z'], value, leaf), undefined);
    expectBothOutcomes(coverage);
  });

  it('through a text field to its keyword sub-field', () => {
    const fields: FieldTypes = {
      m: { type: 'text', keywordSubfield: 'm.keyword' },
      'm.keyword': { type: 'keyword', ignoreAbove: 6, sourcePaths: ['m'] },
      copy: { type: 'keyword', sourcePaths: ['copy', 'm'] },
    };
    const leaf = leafValueArbitrary({ type: 'keyword' });
    const coverage = checkAgreement(caseArbitrary(['m', 'm.keyword', 'copy'], ['m', 'copy'], keywordStringArbitrary, leaf), fields);
    expectBothOutcomes(coverage);
  });

  it.each(TYPE_CASES.map((type) => [JSON.stringify(type), type] as const))('on %s fields', (_, type) => {
    const { fields, filterFields, docPaths } = layout(type);
    const coverage = checkAgreement(caseArbitrary(filterFields, docPaths, filterValueArbitrary(type), leafValueArbitrary(type), type), fields);
    expectBothOutcomes(coverage);
  });
});
