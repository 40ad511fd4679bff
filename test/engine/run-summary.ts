/**
 * Seeds and summaries shared by the engine test files. Each file writes its
 * counts to `<ENGINE_SUMMARY_DIR>/summary-<name>.json` (one folder per
 * engine); the runner adds them up per engine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { engineIdentity, engineSkips } from './engine.js';
import type { EngineSkip } from './engine.js';

/**
 * The fast-check seed: `ENGINE_SEED` (a number, or `random`), else a fixed
 * one so that CI runs are reproducible. Always printed.
 */
export function engineSeed(): number {
  const raw = process.env['ENGINE_SEED'];
  if (raw === 'random') return Math.floor(Math.random() * 2 ** 31);
  if (raw !== undefined && raw !== '') {
    const seed = Number(raw);
    if (!Number.isSafeInteger(seed)) throw new Error(`ENGINE_SEED must be an integer or "random", not ${raw}`);
    return seed;
  }
  return 20_260_529;
}

/** What one engine test file did. */
export interface FileSummary {
  readonly name: string;
  readonly seed?: number;
  readonly documents: number;
  readonly documentsRejectedByEngine: number;
  readonly filterSets: number;
  readonly queries: number;
  readonly disagreements: number;
  readonly seconds: number;
  readonly notes?: readonly string[];
}

/** A {@link FileSummary} as written: with the engine and what was left out for it. */
export interface WrittenSummary extends FileSummary {
  readonly engine: string;
  /** Fixture parts this engine cannot run (from `indexBodyForEngine` and `recordEngineSkip`), with the reason. */
  readonly skippedForEngine: readonly EngineSkip[];
}

/** Prints a summary and writes it for the runner. */
export function recordSummary(summary: FileSummary): void {
  const engine = engineIdentity().name;
  const skipped = [...engineSkips()];
  const lines = [
    `\n[engine] ${engine}: ${summary.name}${summary.seed === undefined ? '' : ` (seed ${summary.seed})`}`,
    `  documents indexed: ${summary.documents} (rejected by the engine: ${summary.documentsRejectedByEngine})`,
    `  filter sets: ${summary.filterSets}, queries run: ${summary.queries}`,
    `  disagreements: ${summary.disagreements}`,
    `  time: ${summary.seconds.toFixed(1)}s`,
    ...(summary.notes ?? []).map((note) => `  ${note}`),
    ...(skipped.length === 0 ? [] : [`  skipped for ${engine}: ${skipped.length}`, ...skipped.map((skip) => `    ${skip.what}: ${skip.reason}`)]),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const written: WrittenSummary = { ...summary, engine, skippedForEngine: skipped };
  const dir = process.env['ENGINE_SUMMARY_DIR'] ?? '.engine';
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `summary-${summary.name}.json`), `${JSON.stringify(written, null, 2)}\n`);
}
