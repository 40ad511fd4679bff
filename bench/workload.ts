/**
 * A benchmark workload: the filters a token would carry, how they combine,
 * the hand-written closure (baseline (a)) that selects the same documents,
 * and the floor (f): the cheapest literal closure for the nested documents.
 */
import type { FilterTerm, FiltersOperator } from '../src/access/expression/expression.js';

/** One thing to filter by, measured across every implementation. */
export interface Workload {
  /** Short label for the table, e.g. `AND of 3 dotted fields`. */
  readonly title: string;
  readonly filters: readonly FilterTerm[];
  readonly operator: FiltersOperator;
  /** Baseline (a): written by hand for exactly these filters. */
  readonly handWritten: (doc: unknown) => boolean;
  /**
   * Row (f), a reference rather than a competitor: written by hand with
   * literal property names (`d.http?.request?.method === 'GET'`), the
   * cheapest closure that selects the same documents among those written
   * with nested keys only (see `floor-closures.ts`). Like the libraries it
   * does not read dotted keys.
   */
  readonly floor: (doc: unknown) => boolean;
}

/** `field=value AND field=value ...` for the table's header line. */
export function describeFilters(workload: Workload): string {
  return workload.filters.map((f) => `${f.field}=${JSON.stringify(f.value)}`).join(` ${workload.operator} `);
}
