/**
 * Median scan time of each implementation over the same documents, with the
 * implementations interleaved inside every repetition (and their order
 * rotated) so that drift on a shared machine hits them all alike.
 *
 * The time is the process's CPU time (user + system, `process.cpuUsage`),
 * not the wall clock: on a machine shared with other work, wall time mostly
 * measures waiting for a core, while CPU time measures the scan. Wall time
 * is kept too, for reference.
 */
import { performance } from 'node:perf_hooks';
import type { DocTest } from './candidate.js';
import { countMatches } from './count-matches.js';

/** The timing of one implementation. */
export interface Throughput {
  /** Median CPU seconds for one timed run. */
  readonly medianSeconds: number;
  /** Documents per CPU second at the median. */
  readonly docsPerSecond: number;
  /** Documents per wall-clock second at the median wall time. */
  readonly wallDocsPerSecond: number;
  /** Matches in the last pass (the same in every pass). */
  readonly matches: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Times `tests` over `docs`: `repetitions` rounds, each running every test
 * once over all of `docs` (`passes` times when the documents are few).
 */
export function measureThroughput(
  tests: readonly DocTest[],
  docs: readonly unknown[],
  repetitions: number,
  passes = 1,
): Throughput[] {
  const times: number[][] = tests.map(() => []);
  const walls: number[][] = tests.map(() => []);
  const matches: number[] = tests.map(() => 0);
  for (let round = 0; round < repetitions; round++) {
    for (let k = 0; k < tests.length; k++) {
      const index = (k + round) % tests.length;
      const test = tests[index] as DocTest;
      const wallStart = performance.now();
      const cpuStart = process.cpuUsage();
      let found = 0;
      for (let pass = 0; pass < passes; pass++) found = countMatches(test, docs);
      const cpu = process.cpuUsage(cpuStart);
      (walls[index] as number[]).push((performance.now() - wallStart) / 1000);
      (times[index] as number[]).push((cpu.user + cpu.system) / 1e6);
      matches[index] = found;
    }
  }
  return tests.map((_, index) => {
    const medianSeconds = median(times[index] as number[]);
    return {
      medianSeconds,
      docsPerSecond: (docs.length * passes) / medianSeconds,
      wallDocsPerSecond: (docs.length * passes) / median(walls[index] as number[]),
      matches: matches[index] as number,
    };
  });
}

/** Median CPU microseconds to build one test with `compile`, over several rounds of many builds. */
export function measureCompileMicros(compile: () => DocTest): number {
  const rounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    let count = 0;
    let sink = 0;
    const start = process.cpuUsage();
    let elapsedMicros = 0;
    do {
      for (let i = 0; i < 50; i++) if (compile() !== undefined) sink++;
      count += 50;
      const used = process.cpuUsage(start);
      elapsedMicros = used.user + used.system;
    } while (elapsedMicros < 10_000);
    rounds.push(elapsedMicros / count);
    if (sink !== count) throw new Error('compile returned nothing');
  }
  return median(rounds);
}
