/**
 * Small helpers for the oracle's own tests: one document `doc` (plus a
 * control document that never matches), and assertions on the outcome.
 */
import { expect } from 'vitest';
import type { FieldTypes } from '../../src/access/mapping/field-types.js';
import { ReferenceQueryError, UnsupportedQueryError, evaluateOnDocs } from '../support/reference-evaluator.js';

/** The query's matches over one document with id `doc`. */
export function matchesOne(query: unknown, source: unknown, fields?: FieldTypes): boolean {
  return evaluateOnDocs(query, [{ _id: 'doc', _source: source }], fields).has('doc');
}

/** `{ term: { field: value } }`. */
export function term(field: string, value: unknown): unknown {
  return { term: { [field]: value } };
}

/** Asserts the engine would fail the request (a shard failure). */
export function expectShardError(query: unknown, source: unknown, fields?: FieldTypes): void {
  let error: unknown;
  try {
    evaluateOnDocs(query, [{ _id: 'doc', _source: source }], fields);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ReferenceQueryError);
  expect((error as ReferenceQueryError).kind).toBe('shard');
  // and the failure does not depend on the documents
  expect(() => evaluateOnDocs(query, [], fields)).toThrow(ReferenceQueryError);
}

/** Asserts the oracle refuses to answer (not modelled). */
export function expectUnsupported(query: unknown, source: unknown, fields?: FieldTypes): void {
  expect(() => evaluateOnDocs(query, [{ _id: 'doc', _source: source }], fields)).toThrow(UnsupportedQueryError);
}
