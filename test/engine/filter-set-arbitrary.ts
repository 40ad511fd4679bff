/**
 * Random filter sets over a field → candidate values table: 1–5 filters,
 * `AND` or `OR`, often several values on one field (so `OR` compiles to
 * `terms`) and sometimes the same filter twice.
 */
import fc from 'fast-check';
import type { FilterTerm } from '../../src/index.js';
import type { FilterSet } from './compare-filter-sets.js';

/** Candidate values per field; a field with no candidates is never picked. */
export type ValueTable = ReadonlyMap<string, readonly string[]>;

function filterOn(table: ValueTable, fields: fc.Arbitrary<string>): fc.Arbitrary<FilterTerm> {
  return fields.chain((field) => fc.constantFrom(...(table.get(field) ?? [''])).map((value) => ({ field, value })));
}

/** Filter sets whose fields and values come from `table`. */
export function filterSetArbitrary(table: ValueTable): fc.Arbitrary<FilterSet> {
  const names = [...table.keys()].filter((field) => (table.get(field) ?? []).length > 0);
  const anyField = fc.constantFrom(...names);
  return fc
    .tuple(fc.constantFrom<'AND' | 'OR'>('AND', 'OR'), fc.subarray(names, { minLength: 1, maxLength: 2 }))
    .chain(([operator, focus]) => {
      const field = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...focus) }, { weight: 1, arbitrary: anyField });
      return fc
        .array(filterOn(table, field), { minLength: 1, maxLength: 5 })
        .chain((filters) =>
          fc.oneof(
            { weight: 9, arbitrary: fc.constant(filters) },
            // A filter attached twice counts once.
            { weight: 1, arbitrary: fc.constantFrom(...filters).map((again) => [...filters, again]) },
          ),
        )
        .map((filters): FilterSet => ({ operator, filters }));
    });
}
