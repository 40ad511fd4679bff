/**
 * `npx tsx bench/reader-copies.ts [--quick]`: do the pooled reader copies of
 * the predicate's path walker pay, in a fresh process and in a busy host?
 *
 * For each workload (one field path, one wanted string), the same matcher is
 * built twice: with a pooled reader copy (`'pooled'`, what `toPredicate`
 * used) and with the generic walk (`'generic'`), then both are timed over
 * the same generated documents, interleaved: a large memory-bound scan and
 * a small cache-resident set.
 *
 * - fresh: each workload in a child process of its own that has compiled
 *   nothing else (a short-lived process, or the first token a host sees);
 * - busy: one process that first compiles a few hundred matchers over a few
 *   dozen paths, the workloads' own and others, and runs them over
 *   documents of many shapes (a long-running host serving many tokens over
 *   many indices), and then times the workloads.
 *
 * Prints "generic ÷ pooled" per row (above 1: the copies are faster) and the
 * verdict against the bar the copies had to clear to stay: at least 1.3x on
 * every row of both kinds.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compilePathMatcher } from '../src/access/predicate/document-path.js';
import type { DocTest } from './candidate.js';
import { generateDocuments } from './generate-documents.js';
import { measureThroughput } from './measure-throughput.js';
import { createRandom } from './prng.js';

interface PathWorkload {
  readonly path: string;
  readonly value: string;
}

const WORKLOADS: readonly PathWorkload[] = [
  { path: 'service.name', value: 'checkout' },
  { path: 'http.request.method', value: 'GET' },
  { path: 'kubernetes.namespace', value: 'payments' },
  { path: 'log.level', value: 'error' },
  { path: 'http.response.status_code', value: '500' },
  { path: 'user.name', value: 'root' },
];

const BAR = 1.3;
const quick = process.argv.includes('--quick');
const count = quick ? 50_000 : 200_000;
const repetitions = quick ? 5 : 9;

function matcher(workload: PathWorkload, readers: 'pooled' | 'generic'): DocTest {
  const wanted = workload.value;
  const test = (leaf: unknown): boolean => leaf === wanted || (typeof leaf === 'number' && String(leaf) === wanted);
  return compilePathMatcher(workload.path, test, false, [wanted], readers) as DocTest;
}

/** ns per document of [pooled, generic] for one workload. */
function time(workload: PathWorkload, docs: readonly unknown[], passes = 1): [number, number] {
  const [pooled, generic] = measureThroughput([matcher(workload, 'pooled'), matcher(workload, 'generic')], docs, repetitions, passes);
  return [1e9 / (pooled?.docsPerSecond ?? NaN), 1e9 / (generic?.docsPerSecond ?? NaN)];
}

/** Compiles and runs many matchers over many shapes, as a host serving many tokens would. */
function makeBusy(): void {
  const random = createRandom(11);
  const otherPaths = Array.from({ length: 30 }, (_, i) => `app${i % 7}.${['meta', 'labels', 'ctx'][i % 3]}.k${i}`);
  const paths = [...WORKLOADS.map((w) => w.path), ...otherPaths, 'a', 'b.c', 'x.y.z.w'];
  const shapes: object[] = [];
  for (let s = 0; s < 40; s++) {
    const doc: Record<string, unknown> = { [`extra${s}`]: s };
    for (const path of paths) {
      if (random.next() < 0.4) continue;
      const segments = path.split('.');
      // Each path written nested, dotted, or partly each: many hidden classes per read site.
      const split = Math.floor(random.next() * segments.length);
      let node = doc;
      for (const segment of segments.slice(0, split)) {
        const child = node[segment];
        node = (typeof child === 'object' && child !== null && !Array.isArray(child) ? child : (node[segment] = {})) as Record<string, unknown>;
      }
      node[segments.slice(split).join('.')] = random.next() < 0.5 ? `v${s}` : [s, `v${s}`];
    }
    shapes.push(doc);
  }
  for (let i = 0; i < 300; i++) {
    const path = paths[i % paths.length] as string;
    for (const readers of ['pooled', 'generic'] as const) {
      const test = compilePathMatcher(path, (leaf) => leaf === `v${i % 40}`, false, [`v${i % 40}`], readers);
      for (let r = 0; r < 200; r++) for (const doc of shapes) test(doc);
    }
  }
}

function child(mode: string, index: number): void {
  const docs = generateDocuments({ count, seed: 7 }).docs;
  if (mode === 'busy') makeBusy();
  const rows = mode === 'busy' ? WORKLOADS : [WORKLOADS[index] as PathWorkload];
  // Large scans are memory-bound; a small, cache-resident set shows the reads themselves.
  const small = docs.slice(0, 5000);
  for (const workload of rows) {
    const [pooled, generic] = time(workload, docs);
    process.stdout.write(`${JSON.stringify({ path: workload.path, pooled, generic })}\n`);
    const [smallPooled, smallGeneric] = time(workload, small, 40);
    process.stdout.write(`${JSON.stringify({ path: `${workload.path} (5,000 docs in cache)`, pooled: smallPooled, generic: smallGeneric })}\n`);
  }
}

interface Row {
  readonly path: string;
  readonly pooled: number;
  readonly generic: number;
}

function runChild(mode: string, index: number): Row[] {
  const self = fileURLToPath(import.meta.url);
  const result = spawnSync(process.execPath, [...process.execArgv, self, '--child', mode, String(index), ...(quick ? ['--quick'] : [])], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (result.status !== 0) throw new Error(`child ${mode} ${index} failed: ${result.stderr}`);
  return result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Row);
}

function main(): void {
  const out = (line = ''): void => void process.stdout.write(`${line}\n`);
  out(`# Pooled reader copies vs the generic walk (${count} generated documents, median of ${repetitions})`);
  out();
  out('| row | path | pooled ns/doc | generic ns/doc | generic ÷ pooled |');
  out('|---|---|---:|---:|---:|');
  const ratios: number[] = [];
  const print = (kind: string, rows: readonly Row[]): void => {
    for (const row of rows) {
      const ratio = row.generic / row.pooled;
      ratios.push(ratio);
      out(`| ${kind} | \`${row.path}\` | ${row.pooled.toFixed(1)} | ${row.generic.toFixed(1)} | ${ratio.toFixed(2)}x |`);
    }
  };
  print('fresh', WORKLOADS.flatMap((_, index) => runChild('fresh', index)));
  print('busy', runChild('busy', 0));
  const below = ratios.filter((ratio) => ratio < BAR).length;
  out();
  out(`Rows where the copies beat the generic walk by at least ${BAR}x: ${ratios.length - below} of ${ratios.length}.`);
  out(below === 0 ? 'Verdict: the copies clear the bar on every row.' : 'Verdict: the copies do not clear the bar on every row.');
}

const at = process.argv.indexOf('--child');
if (at >= 0) child(process.argv[at + 1] as string, Number(process.argv[at + 2]));
else main();
