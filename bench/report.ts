/**
 * Turns suite results into the printed report: a table per workload, the
 * verdict against the targets, and loud lines for any disagreement.
 * The floor row (f) does not move the targets; it says, per row, whether the
 * lead target is reachable at all on this machine and data: when even the
 * floor does not lead the fastest library by 2.5x, nothing can.
 */
import type { RowResult, WorkloadResult } from './run-suite.js';
import { fixed, grouped, textTable } from './text-table.js';
import { describeFilters } from './workload.js';

/** The speed targets: within 1.5x of a hand-written closure, 2.5x ahead of the fastest library, no allocation per document. */
export const TARGETS = {
  /** Predicate time ÷ (a) time must not exceed this. */
  maxVsBaseline: 1.5,
  /** What we aim for. */
  aimVsBaseline: 1.25,
  /** Fastest of sift/mingo/ucast time ÷ predicate time must reach this. */
  minLeadOverLibraries: 2.5,
  /**
   * Below this many bytes per document we call it no per-document allocation:
   * the smallest heap object is 12–16 bytes, so an allocation in a quarter of
   * the documents already shows; the rest is JIT and inline-cache metadata
   * (baseline (a), which allocates nothing by construction, shows that floor).
   */
  noAllocationBytesPerDoc: 4,
} as const;

/** How a workload did against the targets, for the summary. */
export interface Verdict {
  readonly workload: string;
  readonly predicate: string;
  readonly vsBaseline?: number;
  readonly leadOverLibraries?: number;
  readonly fastestLibrary?: string;
  /** Predicate time ÷ floor (f) time. */
  readonly vsFloor?: number;
  /**
   * Fastest library time ÷ floor (f) time: how far the floor itself leads the
   * fastest library, i.e. the largest lead any implementation could show.
   * Unset when the floor is missing or fails the correctness guard.
   */
  readonly floorLead?: number;
  readonly bytesPerDoc?: number;
  readonly pass: boolean;
  readonly problems: readonly string[];
}

function matchesCell(row: RowResult): string {
  const a = row.agreement;
  if (a === undefined) return '';
  return `${grouped(a.matches)}${!row.candidate.readsDottedKeys && a.dottedMissed > 0 ? '*' : ''}`;
}

function rowCells(row: RowResult): string[] {
  if (row.error !== undefined) return [row.candidate.label, 'not built'];
  const t = row.throughput;
  return [
    row.candidate.label,
    matchesCell(row),
    row.agreement === undefined ? '' : grouped(row.agreement.nestedMatches),
    t === undefined ? '' : fixed(t.docsPerSecond / 1e6, 2),
    t === undefined ? '' : fixed(1e9 / t.docsPerSecond, 1),
    t === undefined ? '' : fixed(t.wallDocsPerSecond / 1e6, 2),
    row.timeVsBaseline === undefined ? '' : `${fixed(row.timeVsBaseline, 2)}x`,
    row.timeVsFloor === undefined ? '' : `${fixed(row.timeVsFloor, 2)}x`,
    row.bytesPerDoc === undefined ? '' : fixed(row.bytesPerDoc, 1),
    // bytes per document × 10^6 documents = that many (decimal) megabytes
    row.bytesPerDoc === undefined ? '' : `${fixed(row.bytesPerDoc, 1)} MB`,
    row.compileMicros !== undefined ? fixed(row.compileMicros, 2) : (row.candidate.compileNote ?? ''),
  ];
}

const COLUMNS = [
  { header: 'implementation' },
  { header: 'matches', right: true },
  { header: 'of nested docs', right: true },
  { header: 'M docs/s', right: true },
  { header: 'ns/doc', right: true },
  { header: 'wall M docs/s', right: true },
  { header: 'time vs (a)', right: true },
  { header: 'time vs floor', right: true },
  { header: 'alloc B/doc', right: true },
  { header: 'heap/1M docs', right: true },
  { header: 'compile µs', right: true },
] as const;

/** Judges every predicate row of `result` against the targets. */
export function verdicts(result: WorkloadResult): Verdict[] {
  const libraries = result.rows.filter((row) => row.candidate.role === 'library' && row.throughput !== undefined);
  const fastest = libraries.reduce<RowResult | undefined>(
    (best, row) =>
      best === undefined || (row.throughput?.medianSeconds ?? Infinity) < (best.throughput?.medianSeconds ?? Infinity) ? row : best,
    undefined,
  );
  const floor = result.rows.find((row) => row.candidate.role === 'floor');
  // A floor that fails the guard selects other documents: it bounds nothing.
  const floorSeconds = floor?.problem === undefined ? floor?.throughput?.medianSeconds : undefined;
  const floorLead =
    floorSeconds !== undefined && fastest?.throughput !== undefined ? fastest.throughput.medianSeconds / floorSeconds : undefined;
  return result.rows
    .filter((row) => row.candidate.role === 'predicate')
    .map((row): Verdict => {
      const problems: string[] = [];
      if (row.error !== undefined) problems.push(`not built: ${row.error}`);
      if (row.problem !== undefined) problems.push(`DISAGREES WITH (a): ${row.problem}`);
      const vs = row.timeVsBaseline;
      if (vs !== undefined && vs > TARGETS.maxVsBaseline) problems.push(`${fixed(vs, 2)}x the time of (a) > ${TARGETS.maxVsBaseline}x`);
      const lead =
        fastest?.throughput !== undefined && row.throughput !== undefined
          ? fastest.throughput.medianSeconds / row.throughput.medianSeconds
          : undefined;
      // The same ratio run-suite computed, kept only when the floor passed the guard.
      const vsFloor = floorSeconds === undefined ? undefined : row.timeVsFloor;
      if (lead !== undefined && lead < TARGETS.minLeadOverLibraries) {
        const missed = `lead over ${fastest?.candidate.label ?? '?'} only ${fixed(lead, 2)}x < ${TARGETS.minLeadOverLibraries}x`;
        const why =
          floorLead === undefined
            ? ''
            : floorLead < TARGETS.minLeadOverLibraries
              ? `; unreachable here: the floor itself leads by only ${fixed(floorLead, 2)}x`
              : `; reachable here: the floor leads by ${fixed(floorLead, 2)}x`;
        problems.push(missed + why);
      }
      if (row.bytesPerDoc !== undefined && row.bytesPerDoc >= TARGETS.noAllocationBytesPerDoc) {
        problems.push(`allocates ${fixed(row.bytesPerDoc, 1)} B per document`);
      }
      return {
        workload: result.workload.title,
        predicate: row.candidate.label,
        ...(vs === undefined ? {} : { vsBaseline: vs }),
        ...(lead === undefined ? {} : { leadOverLibraries: lead }),
        ...(fastest === undefined ? {} : { fastestLibrary: fastest.candidate.label }),
        ...(vsFloor === undefined ? {} : { vsFloor }),
        ...(floorLead === undefined ? {} : { floorLead }),
        ...(row.bytesPerDoc === undefined ? {} : { bytesPerDoc: row.bytesPerDoc }),
        pass: problems.length === 0,
        problems,
      };
    });
}

/** The printed block of one workload. */
export function workloadReport(result: WorkloadResult, dottedDocs: number): string {
  const lines: string[] = [];
  lines.push(`### ${result.workload.title}`);
  lines.push(`    ${describeFilters(result.workload)}`);
  lines.push('');
  lines.push(textTable(COLUMNS, result.rows.map(rowCells)));
  const missed = result.rows.filter((row) => !row.candidate.readsDottedKeys && (row.agreement?.dottedMissed ?? 0) > 0);
  if (missed.length > 0) {
    const first = missed[0]?.agreement?.dottedMissed ?? 0;
    lines.push(
      `    * reads nested keys only: misses ${grouped(first)} matching documents among the ${grouped(dottedDocs)} written with dotted keys` +
        ' (agrees with (a) on every nested document).',
    );
  }
  for (const row of result.rows) {
    if (row.error !== undefined) lines.push(`    ${row.candidate.label} not built: ${row.error}`);
    if (row.problem !== undefined) lines.push(`    !!! CORRECTNESS: ${row.candidate.label}: ${row.problem}`);
  }
  for (const verdict of verdicts(result)) {
    const parts = [
      verdict.vsBaseline === undefined ? 'vs (a): n/a' : `time vs (a) ${fixed(verdict.vsBaseline, 2)}x (target ≤ ${TARGETS.maxVsBaseline}x, aim ≤ ${TARGETS.aimVsBaseline}x)`,
      verdict.leadOverLibraries === undefined
        ? 'lead: n/a'
        : `lead over the fastest library, ${verdict.fastestLibrary ?? '?'}: ${fixed(verdict.leadOverLibraries, 2)}x (target ≥ ${TARGETS.minLeadOverLibraries}x)`,
      verdict.vsFloor === undefined || verdict.floorLead === undefined
        ? 'floor: n/a'
        : `time vs floor ${fixed(verdict.vsFloor, 2)}x, floor leads the fastest library by ${fixed(verdict.floorLead, 2)}x`,
      verdict.bytesPerDoc === undefined ? 'alloc: n/a' : `${fixed(verdict.bytesPerDoc, 1)} B/doc allocated`,
    ];
    lines.push(`    ${verdict.pass ? 'PASS' : 'MISS'} ${verdict.predicate}: ${parts.join('; ')}`);
    for (const problem of verdict.problems) lines.push(`         - ${problem}`);
  }
  return lines.join('\n');
}

/** One line per target: how many predicate rows meet it. */
export function targetCounts(all: readonly Verdict[]): string[] {
  const count = (ok: (v: Verdict) => boolean): string => `${all.filter(ok).length} of ${all.length}`;
  const leadMet = (v: Verdict): boolean => v.leadOverLibraries !== undefined && v.leadOverLibraries >= TARGETS.minLeadOverLibraries;
  const reachable = all.filter((v) => v.floorLead !== undefined && v.floorLead >= TARGETS.minLeadOverLibraries);
  return [
    `time within ${TARGETS.maxVsBaseline}x of (a): ${count((v) => v.vsBaseline !== undefined && v.vsBaseline <= TARGETS.maxVsBaseline)} rows` +
      ` (within the ${TARGETS.aimVsBaseline}x aim: ${count((v) => v.vsBaseline !== undefined && v.vsBaseline <= TARGETS.aimVsBaseline)})`,
    `at least ${TARGETS.minLeadOverLibraries}x faster than the fastest of sift/mingo/ucast: ${count(leadMet)} rows`,
    `rows where even the floor leads the fastest library by less than ${TARGETS.minLeadOverLibraries}x (target unreachable on this machine): ${count((v) => v.floorLead !== undefined && v.floorLead < TARGETS.minLeadOverLibraries)}`,
    `lead target met on ${reachable.filter(leadMet).length} of the ${reachable.length} rows where the floor makes it reachable (floor lead ≥ ${TARGETS.minLeadOverLibraries}x)`,
    `no per-document allocation (< ${TARGETS.noAllocationBytesPerDoc} B/doc): ${count((v) => v.bytesPerDoc !== undefined && v.bytesPerDoc < TARGETS.noAllocationBytesPerDoc)} rows`,
  ];
}

/** The closing summary over every workload of every suite. */
export function summaryReport(all: readonly Verdict[]): string {
  const rows = all.map((v) => [
    v.workload,
    v.predicate,
    v.vsBaseline === undefined ? '' : `${fixed(v.vsBaseline, 2)}x`,
    v.leadOverLibraries === undefined ? '' : `${fixed(v.leadOverLibraries, 2)}x`,
    v.vsFloor === undefined ? '' : `${fixed(v.vsFloor, 2)}x`,
    v.floorLead === undefined ? '' : `${fixed(v.floorLead, 2)}x`,
    v.bytesPerDoc === undefined ? '' : fixed(v.bytesPerDoc, 1),
    v.pass ? 'PASS' : 'MISS',
  ]);
  return textTable(
    [
      { header: 'workload' },
      { header: 'predicate' },
      { header: 'time vs (a) ≤1.5x', right: true },
      { header: 'lead over libs ≥2.5x', right: true },
      { header: 'vs floor', right: true },
      { header: 'floor lead', right: true },
      { header: 'alloc B/doc', right: true },
      { header: 'verdict' },
    ],
    rows,
  );
}
