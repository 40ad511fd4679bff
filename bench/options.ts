/**
 * Command-line options of `npm run bench`.
 */
import { defaultDataDir } from './data-dir.js';

/** What the run does. */
export interface BenchOptions {
  /** Generated documents. Default 1,000,000; `--quick`: 100,000. */
  readonly docs: number;
  /** Generator seed. Default 20260105. */
  readonly seed: number;
  /** Timed repetitions per row (the median is reported). Default 5; `--quick`: 3. */
  readonly repetitions: number;
  /** Minimum documents scanned per timed run on the (small) real log files. */
  readonly logScanTarget: number;
  /** Run the real-log workloads when the files exist. Default true; `--no-logs` turns it off. */
  readonly logs: boolean;
  /**
   * Run the generated-document workloads first. Default true; `--only-logs` turns them off, so the
   * real logs are measured in a process whose readers have seen no other documents.
   */
  readonly generated: boolean;
  /** Shared data directory (ECS catalog, logs). Default `test/fixtures/`. */
  readonly dataDir: string;
  readonly quick: boolean;
  /** Make the process a busy host first (many predicates over many paths and shapes). Default false; `--busy`. */
  readonly busy: boolean;
}

/** The usage text shown for `--help` and on a bad option. */
export const USAGE = `usage: npm run bench -- [--quick] [--docs=N] [--seed=N] [--reps=N] [--no-logs] [--data=DIR]
  --quick      100,000 documents, 3 repetitions (a short run)
  --docs=N     generated documents (default 1,000,000)
  --seed=N     generator seed (default 20260105)
  --reps=N     timed repetitions per row; the median is reported (default 5)
  --no-logs    skip the real logs in test/fixtures/logs/
  --only-logs  skip the generated documents: only the real logs, in a fresh process
  --busy       first compile and run 300 predicates over 40 document shapes (a long-running host)
  --data=DIR   the shared data directory (default test/fixtures/)`;

function positiveInteger(name: string, text: string): number {
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${text}\n${USAGE}`);
  return value;
}

/** Parses `argv` (without node and the script); throws with the usage on a bad option. */
export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  const quick = argv.includes('--quick');
  let docs = quick ? 100_000 : 1_000_000;
  let seed = 20260105;
  let repetitions = quick ? 3 : 5;
  let logs = true;
  let generated = true;
  let busy = false;
  let dataDir = defaultDataDir();
  for (const arg of argv) {
    const [name = '', value = ''] = arg.split(/=(.*)/s);
    switch (name) {
      case '--quick':
        break;
      case '--help':
      case '-h':
        return 'help';
      case '--docs':
        docs = positiveInteger(name, value);
        break;
      case '--seed':
        seed = positiveInteger(name, value);
        break;
      case '--reps':
        repetitions = positiveInteger(name, value);
        break;
      case '--no-logs':
        logs = false;
        break;
      case '--only-logs':
        generated = false;
        break;
      case '--busy':
        busy = true;
        break;
      case '--data':
        dataDir = value;
        break;
      default:
        throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  if (!logs && !generated) throw new Error(`--no-logs and --only-logs leave nothing to run\n${USAGE}`);
  return { docs, seed, repetitions, logScanTarget: quick ? 40_000 : 150_000, logs, generated, dataDir, quick, busy };
}
