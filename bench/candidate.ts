/**
 * One implementation of a workload, as the benchmark runs it.
 */

/** A document test, however it was built. */
export type DocTest = (doc: unknown) => boolean;

/**
 * What a row of the table stands for: the library's predicate, baseline (a),
 * the floor (f) (literal reads, nested keys only: a reference for what the
 * memory reads alone cost), or one of the query libraries.
 */
export type CandidateRole = 'predicate' | 'baseline' | 'floor' | 'library';

/** An implementation of a workload: how to build its test, and what it can read. */
export interface Candidate {
  /** Row label, e.g. `(b) sift`. */
  readonly label: string;
  readonly role: CandidateRole;
  /** False for the floor and sift, mingo, @ucast/js: `{"a.b": x}` is not `{a: {b: x}}` to them. */
  readonly readsDottedKeys: boolean;
  /** Builds the test from the workload's filters (timed as the compile cost). */
  readonly compile: () => DocTest;
  /** Note shown next to the compile time, e.g. `interprets per document`. */
  readonly compileNote?: string;
}
