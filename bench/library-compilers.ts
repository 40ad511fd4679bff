/**
 * The library functions the benchmark measures, through the public entry
 * (`src/index.ts`), as a host would import them.
 */
import type { AccessExpression, FilterTerm, FiltersOperator } from '../src/access/expression/expression.js';
import { compileAccess, toPredicate, type PredicateOptions } from '../src/index.js';

/** The two library functions the benchmark measures. */
export interface LibraryCompilers {
  readonly compileAccess: (filters: readonly FilterTerm[], operator: FiltersOperator) => AccessExpression;
  readonly toPredicate: (expression: AccessExpression, options?: PredicateOptions) => (doc: unknown) => boolean;
  /** Which module they came from. */
  readonly from: string;
}

/** The compilers, or why they could not be loaded. */
export type LoadedCompilers = { readonly ok: true; readonly compilers: LibraryCompilers } | { readonly ok: false; readonly reason: string };

/** The public entry's `compileAccess` and `toPredicate`. */
export async function loadCompilers(): Promise<LoadedCompilers> {
  if (typeof compileAccess !== 'function' || typeof toPredicate !== 'function') {
    return { ok: false, reason: 'src/index.ts does not export compileAccess and toPredicate' };
  }
  return { ok: true, compilers: { compileAccess, toPredicate, from: 'src/index.ts' } };
}
