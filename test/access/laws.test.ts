import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileAccess } from '../../src/access/plan/compile-access.js';
import { emitAccessPlan, toElasticsearchQuery } from '../../src/access/query/elasticsearch-query.js';
import { planAccess } from '../../src/access/plan/access-plan.js';
import type { AccessExpression, FilterTerm } from '../../src/access/expression/expression.js';
import { normalizeExpression } from '../../src/access/expression/expression-normal-form.js';
import type { FieldTypes } from '../../src/access/mapping/field-types.js';
import { toPredicate } from '../../src/access/predicate/predicate.js';
import { documentArbitrary } from '../support/document-arbitraries.js';
import type { SourceDocument } from '../support/document-arbitraries.js';
import { flattenedForm, fullyNestedForm } from './support/document-forms.js';
import { fieldNames, filterArb, filtersArb, rawExpressionArb, termsOf } from './support/expression-arbitraries.js';

/** The field sets the laws hold under: schemaless, and a mapping mixing multi-fields, normalizers, null_value, nested and unmapped paths. */
const fieldSets: readonly (FieldTypes | undefined)[] = [
  undefined,
  {
    a: { type: 'keyword' },
    'a.b': { type: 'keyword', normalizer: 'lowercase', sourcePaths: ['a'] },
    b: { type: 'keyword', nullValue: 'x' },
    'x.y': { type: 'keyword', nestedPaths: ['x'] },
  },
  { a: { type: 'flattened' }, b: { type: 'keyword', ignoreAbove: 0 }, 'x.y': { type: 'keyword', sourcePaths: ['b', 'x.y'] } },
];
const fieldsArb = fc.constantFrom(...fieldSets);

const leafArb = fc.constantFrom<unknown>('x', 'y', 'X', '1', '', 'é', 1, -0, true, null);
const docArb = documentArbitrary(fieldNames, () => leafArb);

/** Documents that hold most of `filters`' values somewhere in random shapes, so that matches are common. */
const docFor = (filters: readonly FilterTerm[]): fc.Arbitrary<SourceDocument> =>
  documentArbitrary(fieldNames, () => leafArb, { seeded: filters.map(({ field, value }) => ({ path: field, value })) });


/** A raw expression with a document planted with its values. */
const rawWithDocArb = rawExpressionArb.chain((raw) => fc.tuple(fc.constant(raw), docFor(termsOf(raw))));

const matches = (expression: AccessExpression, fields: FieldTypes | undefined, doc: unknown): boolean =>
  toPredicate(expression, fields === undefined ? {} : { fields })(doc);

describe('laws of the compiled access', () => {
  it('adding a filter to an AND never adds a match', () => {
    fc.assert(
      fc.property(
        fc.tuple(filtersArb, filterArb).chain(([filters, extra]) => fc.tuple(fc.constant(filters), fc.constant(extra), docFor([...filters, extra]))),
        fieldsArb,
        ([filters, extra, doc], fields) => {
        const narrowed = matches(compileAccess([...filters, extra], 'AND'), fields, doc);
        if (narrowed) expect(matches(compileAccess(filters, 'AND'), fields, doc)).toBe(true);
        },
      ),
    );
  });

  it('adding a filter to a non-empty OR never removes a match', () => {
    fc.assert(
      fc.property(filtersArb.filter((filters) => filters.length > 0), filterArb, fieldsArb, docArb, (filters, extra, fields, doc) => {
        if (matches(compileAccess(filters, 'OR'), fields, doc)) {
          expect(matches(compileAccess([...filters, extra], 'OR'), fields, doc)).toBe(true);
        }
      }),
    );
  });

  it('normalization (order, duplicates, grouping, constants) never changes what matches', () => {
    fc.assert(
      fc.property(rawWithDocArb, fieldsArb, ([raw, doc], fields) => {
        expect(matches(normalizeExpression(raw), fields, doc)).toBe(matches(raw, fields, doc));
      }),
    );
  });

  it('the order of the filters and duplicates do not matter', () => {
    fc.assert(
      fc.property(
        filtersArb.chain((filters) => fc.tuple(fc.constant(filters), docFor(filters))),
        fc.constantFrom('AND' as const, 'OR' as const),
        fieldsArb,
        ([filters, doc], operator, fields) => {
        const reordered = [...filters, ...filters].reverse();
        expect(matches(compileAccess(reordered, operator), fields, doc)).toBe(matches(compileAccess(filters, operator), fields, doc));
        },
      ),
    );
  });

  it('a document, its flattened form and its fully nested form match alike', () => {
    fc.assert(
      fc.property(rawWithDocArb, fieldsArb, ([raw, doc], fields) => {
        const expected = matches(raw, fields, doc);
        expect(matches(raw, fields, flattenedForm(doc))).toBe(expected);
        expect(matches(raw, fields, fullyNestedForm(doc))).toBe(expected);
      }),
    );
  });

  it('no emitted query holds an empty bool, a should without minimum_should_match, or anything JSON would change', () => {
    fc.assert(
      fc.property(rawExpressionArb, fieldsArb, (raw, fields) => {
        const query = fields === undefined ? emitAccessPlan(planAccess(raw, undefined)) : toElasticsearchQuery(raw, { fields });
        for (const bool of boolClauses(query)) {
          const lists = ['filter', 'should', 'must', 'must_not'].filter((key) => key in bool);
          expect(lists.length).toBeGreaterThan(0);
          for (const key of lists) expect((bool[key] as unknown[]).length).toBeGreaterThan(0);
          if ('should' in bool) expect(bool['minimum_should_match']).toBe(1);
        }
        expect(JSON.parse(JSON.stringify(query))).toEqual(query);
      }),
    );
  });
});

function boolClauses(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(boolClauses);
  if (typeof value !== 'object' || value === null) return [];
  const own = Object.entries(value).flatMap(([key, child]) =>
    key === 'bool' && typeof child === 'object' && child !== null ? [child as Record<string, unknown>] : [],
  );
  return [...own, ...Object.values(value).flatMap(boolClauses)];
}
