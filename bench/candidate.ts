/**
 * One implementation of a workload, as the benchmark runs it.
 */

/** A document test, however it was built. */
export type DocTest = (doc: unknown) => boolean;

/** What a row of the table stands for. */
export type CandidateRole = 'predicate' | 'baseline' | 'library';

/** An implementation of a workload: how to build its test, and what it can read. */
export interface Candidate {
  /** Row label, e.g. `(b) sift`. */
  readonly label: string;
  readonly role: CandidateRole;
  /** False for sift, mingo and @ucast/js: `{"a.b": x}` is not `{a: {b: x}}` to them. */
  readonly readsDottedKeys: boolean;
  /** Builds the test from the workload's filters (timed as the compile cost). */
  readonly compile: () => DocTest;
  /** Note shown next to the compile time, e.g. `interprets per document`. */
  readonly compileNote?: string;
}
