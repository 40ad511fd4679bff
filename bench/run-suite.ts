/**
 * Runs a set of workloads over one set of documents: builds every row,
 * checks it against baseline (a), warms everything up, then measures
 * throughput, allocation and compile time.
 */
import type { FieldTypes } from '../src/access/mapping/field-types.js';
import type { Candidate, DocTest } from './candidate.js';
import { candidatesFor } from './candidates.js';
import { agreementProblem, checkAgreement, type Agreement } from './check-agreement.js';
import { countMatches } from './count-matches.js';
import type { LibraryCompilers } from './library-compilers.js';
import { measureAllocation } from './measure-allocation.js';
import { measureCompileMicros, measureThroughput, type Throughput } from './measure-throughput.js';
import type { Workload } from './workload.js';

/** What to run. */
export interface SuiteInput {
  readonly docs: readonly unknown[];
  /** `dotted[i]`: `docs[i]` has a dotted key somewhere. */
  readonly dotted: readonly boolean[];
  readonly workloads: readonly Workload[];
  readonly compilers: LibraryCompilers | undefined;
  /** Field types for the typed predicate row; none when `undefined`. */
  readonly fields: FieldTypes | undefined;
  readonly repetitions: number;
  /** Passes over `docs` per timed run (more when the documents are few). */
  readonly passes: number;
}

/** One row's results. */
export interface RowResult {
  readonly candidate: Candidate;
  /** Set when building the row failed (e.g. the predicate rejected a value). */
  readonly error?: string;
  readonly agreement?: Agreement;
  /** Set when the row disagrees with (a) beyond the explained dotted-key effect. */
  readonly problem?: string;
  readonly throughput?: Throughput;
  /** Median time of this row / median time of (a). */
  readonly timeVsBaseline?: number;
  /** Median time of this row / median time of the floor (f). */
  readonly timeVsFloor?: number;
  readonly bytesPerDoc?: number;
  readonly compileMicros?: number;
}

/** A workload and its rows. */
export interface WorkloadResult {
  readonly workload: Workload;
  readonly rows: readonly RowResult[];
}

interface Built {
  readonly candidate: Candidate;
  readonly test?: DocTest;
  readonly error?: string;
}

function build(candidate: Candidate): Built {
  try {
    return { candidate, test: candidate.compile() };
  } catch (error) {
    return { candidate, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** Exactly `count` documents: a prefix of `docs`, or `docs` repeated. */
function repeatTo(docs: readonly unknown[], count: number): unknown[] {
  if (docs.length === 0) return [];
  if (docs.length >= count) return docs.slice(0, count);
  return Array.from({ length: count }, (_, i) => docs[i % docs.length]);
}

/** Runs `input`, reporting progress through `progress`. */
export function runSuite(input: SuiteInput, progress: (line: string) => void): WorkloadResult[] {
  const built = input.workloads.map((workload) => candidatesFor(workload, input.compilers, input.fields).map(build));
  const warmDocs = input.docs.slice(0, Math.min(input.docs.length, 50_000));
  // Bytes per document do not depend on how many documents are scanned; a
  // slice keeps the slow libraries from doubling the run time.
  const allocationDocs = repeatTo(input.docs, 100_000);

  progress('  correctness guard: every row against (a), document by document');
  const agreements = input.workloads.map((workload, w) => {
    const expected = input.docs.map((doc) => workload.handWritten(doc));
    return (built[w] as Built[]).map((row) =>
      row.test === undefined ? undefined : checkAgreement(row.test, expected, input.docs, input.dotted),
    );
  });

  progress('  warm-up: every row of every workload');
  for (let round = 0; round < 2; round++) {
    for (const rows of built) for (const row of rows) if (row.test !== undefined) countMatches(row.test, warmDocs);
  }

  return input.workloads.map((workload, w) => {
    progress(`  timing: ${workload.title}`);
    const rows = built[w] as Built[];
    const runnable = rows.filter((row): row is Built & { test: DocTest } => row.test !== undefined);
    const timings = measureThroughput(
      runnable.map((row) => row.test),
      input.docs,
      input.repetitions,
      input.passes,
    );
    const baselineIndex = runnable.findIndex((row) => row.candidate.role === 'baseline');
    const baselineSeconds = timings[baselineIndex]?.medianSeconds;
    const floorIndex = runnable.findIndex((row) => row.candidate.role === 'floor');
    const floorSeconds = timings[floorIndex]?.medianSeconds;
    return {
      workload,
      rows: rows.map((row, r): RowResult => {
        if (row.test === undefined) return { candidate: row.candidate, error: row.error ?? 'not built' };
        const throughput = timings[runnable.indexOf(row as Built & { test: DocTest })] as Throughput;
        const agreement = agreements[w]?.[r] as Agreement;
        const problem = agreementProblem(agreement, row.candidate.readsDottedKeys);
        const allocation = measureAllocation(row.test, allocationDocs);
        return {
          candidate: row.candidate,
          agreement,
          ...(problem === undefined ? {} : { problem }),
          throughput,
          ...(baselineSeconds === undefined ? {} : { timeVsBaseline: throughput.medianSeconds / baselineSeconds }),
          ...(floorSeconds === undefined ? {} : { timeVsFloor: throughput.medianSeconds / floorSeconds }),
          bytesPerDoc: allocation.bytesPerDoc,
          ...(row.candidate.compileNote === undefined ? { compileMicros: measureCompileMicros(row.candidate.compile) } : {}),
        };
      }),
    };
  });
}
