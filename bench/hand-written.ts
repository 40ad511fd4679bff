/**
 * Baseline (a): closures written by hand for each workload shape, straight
 * line, every path and value precomputed outside the closure. They share the
 * allocation-free walk of `hand-path.ts`, which handles nested objects,
 * dotted keys and arrays exactly like the schemaless predicate must.
 */
import type { FilterTerm } from '../src/access/expression/expression.js';
import { handPath, has, hasAny, wanted, type HandPath, type Wanted } from './hand-path.js';

function at(filters: readonly FilterTerm[], index: number): FilterTerm {
  const filter = filters[index];
  if (filter === undefined) throw new Error(`hand-written baseline needs a filter #${index}`);
  return filter;
}

/** `field = value`. */
export function handOne(field: string, value: string): (doc: unknown) => boolean {
  const p = handPath(field);
  const w = wanted(value);
  return (doc) => has(doc, p, w);
}

/** `field = v1 OR field = v2 OR ...`: one walk of the field, any of the values. */
export function handAnyOf(field: string, values: readonly string[]): (doc: unknown) => boolean {
  const p = handPath(field);
  const ws = values.map(wanted);
  return (doc) => hasAny(doc, p, ws);
}

/** Three filters, all required, evaluated in the order given. */
export function handAnd3(filters: readonly FilterTerm[]): (doc: unknown) => boolean {
  const [f0, f1, f2] = [at(filters, 0), at(filters, 1), at(filters, 2)];
  const p0 = handPath(f0.field), w0 = wanted(f0.value);
  const p1 = handPath(f1.field), w1 = wanted(f1.value);
  const p2 = handPath(f2.field), w2 = wanted(f2.value);
  return (doc) => has(doc, p0, w0) && has(doc, p1, w1) && has(doc, p2, w2);
}

/** Ten filters, all required, evaluated in the order given. */
export function handAnd10(filters: readonly FilterTerm[]): (doc: unknown) => boolean {
  const f = Array.from({ length: 10 }, (_, i) => at(filters, i));
  type Ten<T> = [T, T, T, T, T, T, T, T, T, T];
  const [p0, p1, p2, p3, p4, p5, p6, p7, p8, p9] = f.map((x) => handPath(x.field)) as Ten<HandPath>;
  const [w0, w1, w2, w3, w4, w5, w6, w7, w8, w9] = f.map((x) => wanted(x.value)) as Ten<Wanted>;
  return (doc) =>
    has(doc, p0, w0) && has(doc, p1, w1) && has(doc, p2, w2) && has(doc, p3, w3) && has(doc, p4, w4) &&
    has(doc, p5, w5) && has(doc, p6, w6) && has(doc, p7, w7) && has(doc, p8, w8) && has(doc, p9, w9);
}
