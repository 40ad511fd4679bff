/**
 * The rows of a workload: the library's predicate (schemaless, and with ECS
 * field types when the workload's fields are all typed), baseline (a), the
 * floor (f) (literal reads, nested keys only: a reference, not a competitor),
 * and (b) sift, (c) mingo, (d) @ucast/js with the same filters.
 */
import { interpret } from '@ucast/js';
import { Query } from 'mingo';
import sift from 'sift';
import type { FieldTypes } from '../src/access/mapping/field-types.js';
import type { Candidate } from './candidate.js';
import type { LibraryCompilers } from './library-compilers.js';
import { mongoQuery, ucastCondition } from './library-queries.js';
import type { Workload } from './workload.js';

/** Every row to run for `workload`; predicate rows only when `compilers` loaded. */
export function candidatesFor(
  workload: Workload,
  compilers: LibraryCompilers | undefined,
  fields: FieldTypes | undefined,
): Candidate[] {
  const rows: Candidate[] = [];
  const { filters, operator } = workload;
  if (compilers !== undefined) {
    rows.push({
      label: 'predicate, schemaless',
      role: 'predicate',
      readsDottedKeys: true,
      compile: () => compilers.toPredicate(compilers.compileAccess(filters, operator)),
    });
    if (fields !== undefined && filters.every((f) => fields[f.field] !== undefined)) {
      rows.push({
        label: 'predicate, ECS field types',
        role: 'predicate',
        readsDottedKeys: true,
        compile: () => compilers.toPredicate(compilers.compileAccess(filters, operator), { fields }),
      });
    }
  }
  rows.push({
    label: '(a) hand-written closure',
    role: 'baseline',
    readsDottedKeys: true,
    compile: () => workload.handWritten,
    compileNote: 'written by hand',
  });
  rows.push({
    label: '(f) floor: literal reads, nested keys only',
    role: 'floor',
    readsDottedKeys: false,
    compile: () => workload.floor,
    compileNote: 'written by hand',
  });
  const query = mongoQuery(filters, operator);
  rows.push({
    label: '(b) sift',
    role: 'library',
    readsDottedKeys: false,
    compile: () => sift(query),
  });
  rows.push({
    label: '(c) mingo',
    role: 'library',
    readsDottedKeys: false,
    compile: () => {
      const compiled = new Query(query);
      return (doc) => compiled.test(doc as Record<string, unknown>);
    },
  });
  const condition = ucastCondition(filters, operator);
  rows.push({
    label: '(d) @ucast/js',
    role: 'library',
    readsDottedKeys: false,
    compile: () => (doc) => interpret(condition, doc),
    compileNote: 'interprets per document',
  });
  return rows;
}
