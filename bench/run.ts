/**
 * `npm run bench`: the predicate benchmark: the predicate against a hand-written closure and three query libraries.
 *
 * Generates ECS-like documents from a seed (about 5% with dotted keys),
 * then times the library's predicate against (a) a hand-written closure with
 * the same semantics, (b) sift, (c) mingo and (d) @ucast/js on the spec's
 * workloads, with (f) the floor (literal reads, nested keys only) as a
 * reference for what the memory reads alone cost, and again on the real
 * logs in test/fixtures/logs/ (or --data=DIR) when present.
 * Prints the tables to stdout, progress to stderr.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { hasDottedKey } from './check-agreement.js';
import { dataFile } from './data-dir.js';
import { readEcsCatalog, typedFields, type EcsCatalog } from './ecs-catalog.js';
import { GENERATED_FIELDS, generateDocuments } from './generate-documents.js';
import { loadCompilers } from './library-compilers.js';
import { machineLines } from './machine.js';
import { canCollect } from './measure-allocation.js';
import { makeHostBusy } from './busy-host.js';
import { parseOptions, USAGE, type BenchOptions } from './options.js';
import { readLogFiles, logWorkloads } from './real-logs.js';
import { summaryReport, targetCounts, verdicts, workloadReport, type Verdict } from './report.js';
import { runSuite } from './run-suite.js';
import { syntheticWorkloads } from './synthetic-workloads.js';
import { grouped } from './text-table.js';

const CHILD_MARK = 'SHARED_TOKENS_BENCH_CHILD';

function out(text = ''): void {
  process.stdout.write(`${text}\n`);
}

function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Forced collections make the allocation numbers clean; re-run ourselves with `--expose-gc` if needed. */
function relaunchWithGc(): number | undefined {
  if (canCollect() || process.env[CHILD_MARK] !== undefined) return undefined;
  const child = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [CHILD_MARK]: '1' },
  });
  return child.status ?? 1;
}

function loadCatalog(options: BenchOptions): EcsCatalog | undefined {
  const file = dataFile(options.dataDir, 'ecs-fields.json');
  return file === undefined ? undefined : readEcsCatalog(file);
}

async function main(options: BenchOptions): Promise<number> {
  const started = performance.now();
  out('# shared-tokens predicate benchmark');
  out();
  for (const line of machineLines()) out(`- ${line}`);
  out(`- options: ${options.generated ? `${grouped(options.docs)} documents` : 'no generated documents (--only-logs)'}, seed ${options.seed}, median of ${options.repetitions} repetitions${options.quick ? ' (--quick)' : ''}`);
  out(`- allocation: ${canCollect() ? 'heap collected before each scan (--expose-gc)' : 'no --expose-gc: allocation counted without a forced collection first'}`);

  const loaded = await loadCompilers();
  if (loaded.ok) out(`- library: compileAccess + toPredicate from ${loaded.compilers.from}`);
  else out(`- library: NOT AVAILABLE, predicate rows skipped (${loaded.reason})`);
  const compilers = loaded.ok ? loaded.compilers : undefined;

  const catalog = loadCatalog(options);
  const typed = typedFields(catalog, GENERATED_FIELDS);
  if (catalog === undefined) out(`- ECS catalog not found in ${options.dataDir}: field types as the generator declares them`);
  else out(`- ECS catalog: ${catalog.fields.size} fields from ${catalog.source}`);
  if (typed.notInCatalog.length > 0) out(`  not in the ECS catalog (typed as keyword, as Beats maps them): ${typed.notInCatalog.join(', ')}`);
  for (const mismatch of typed.mismatches) out(`  !!! generator type differs from ECS: ${mismatch}`);

  out('- time is CPU time of this process (median of the repetitions): "M docs/s" and "ns/doc" and "time vs (a)"');
  out('  are per CPU second; "wall M docs/s" is the wall clock, which on a busy machine mostly measures waiting.');
  out('- sift, mingo and @ucast/js read nested keys only: they run on every document like the others, their');
  out('  "matches" miss the matching dotted-key documents (marked *), and "of nested docs" compares like with like.');
  out('- (f) floor: a closure written by hand with literal property names (d.http?.request?.method === \'GET\'), the');
  out('  cheapest test that selects the same nested documents; a reference, not a competitor. "time vs floor" is');
  out('  a row\'s time ÷ its time; "floor lead" (fastest library ÷ floor) is the largest lead any implementation');
  out('  could show: below 2.5x the lead target is unreachable on this machine (the row still counts as a MISS).');

  if (options.busy) {
    progress('making the process a busy host');
    const busy = makeHostBusy();
    out(`- busy host: before any row, ${busy.predicates} predicates over ${busy.paths} field paths were compiled and run on ${busy.shapes} document shapes (--busy)`);
  } else {
    out('- fresh process: nothing compiled before the rows (run with --busy for a long-running host)');
  }

  const allVerdicts: Verdict[] = [];
  if (!options.generated) {
    out('- generated documents: skipped (--only-logs)');
    out();
  } else {
    progress(`generating ${grouped(options.docs)} documents (seed ${options.seed})...`);
    const t0 = performance.now();
    const generated = generateDocuments({ count: options.docs, seed: options.seed });
    const dotted = generated.shapes.map((shape) => shape !== 'nested');
    const dottedCount = dotted.filter(Boolean).length;
    const flat = generated.shapes.filter((shape) => shape === 'flat').length;
    out(
      `- documents: ${grouped(options.docs)} generated in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
        `${grouped(dottedCount)} (${((100 * dottedCount) / options.docs).toFixed(1)}%) with dotted keys ` +
        `(${grouped(flat)} fully flat, ${grouped(dottedCount - flat)} mixed nesting and dotted keys)`,
    );
    out();
    out('## Generated ECS-like documents');
    out();
    progress('synthetic workloads');
    const results = runSuite(
      {
        docs: generated.docs,
        dotted,
        workloads: syntheticWorkloads(),
        compilers,
        fields: typed.fields,
        repetitions: options.repetitions,
        passes: 1,
      },
      progress,
    );
    for (const result of results) {
      out(workloadReport(result, dottedCount));
      out();
      allVerdicts.push(...verdicts(result));
    }
  }

  out('## Real logs');
  out();
  const logDir = options.logs ? dataFile(options.dataDir, 'logs') : undefined;
  if (!options.logs) out('skipped (--no-logs)');
  else if (logDir === undefined) out(`not present: no ${options.dataDir}logs/ directory, real-log workloads skipped`);
  else {
    for (const file of readLogFiles(logDir)) {
      const workloads = logWorkloads(file.name);
      out(`### ${file.name}: ${grouped(file.docs.length)} documents`);
      if (workloads === undefined) {
        out('no workloads defined for this file: skipped');
        out();
        continue;
      }
      const logDotted = file.docs.map(hasDottedKey);
      const passes = Math.max(1, Math.ceil(options.logScanTarget / file.docs.length));
      out(`(${grouped(logDotted.filter(Boolean).length)} with dotted keys; each timed run scans the file ${passes} times)`);
      out();
      progress(`real logs: ${file.name}`);
      const logResults = runSuite(
        {
          docs: file.docs,
          dotted: logDotted,
          workloads,
          compilers,
          fields: undefined,
          repetitions: options.repetitions,
          passes,
        },
        progress,
      );
      for (const result of logResults) {
        out(workloadReport(result, logDotted.filter(Boolean).length).replace(/^### /, `#### ${file.name}: `));
        out();
        allVerdicts.push(...verdicts(result).map((v) => ({ ...v, workload: `${file.name.replace('.ndjson.gz', '')}: ${v.workload}` })));
      }
    }
  }

  out('## Summary against the targets');
  out();
  out(allVerdicts.length === 0 ? 'no predicate rows (library not available)' : summaryReport(allVerdicts));
  out();
  const failed = allVerdicts.filter((v) => !v.pass).length;
  for (const line of targetCounts(allVerdicts)) out(`- ${line}`);
  out(`- ${allVerdicts.length - failed} of ${allVerdicts.length} predicate rows meet every target.`);
  out(`load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}; total ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return 0;
}

const relaunched = relaunchWithGc();
if (relaunched !== undefined) {
  process.exitCode = relaunched;
} else {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(process.argv.slice(2));
  } catch (error) {
    progress(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  if (parsed === 'help') {
    out(USAGE);
  } else {
    process.exitCode = await main(parsed);
  }
}
