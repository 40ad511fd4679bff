#!/usr/bin/env node
// Runs the real-engine suite (test/engine/**) once per engine, one node at a
// time: for each engine, builds its in-process node with Maven when the build
// is missing or older than its sources, starts it with a JDK it runs on, waits
// for its `<ENGINE>_PORT=` line, runs vitest with ENGINE_URL and ENGINE set,
// stops the node, and goes on to the next. Exits 0 only if every engine's run
// passed.
//
// Usage: node engine/run-engine-suite.mjs [--engines=opensearch-2,elasticsearch-8] [vitest args]
//   ENGINES=opensearch-3 node engine/run-engine-suite.mjs test/engine/guard.test.ts
// Engines: see engine/engines.mjs (a prefix such as `opensearch` selects both lines).
// With --outputFile.json=FILE, each engine's vitest JSON report is written to
// .engine/<engine>/vitest-report.json and FILE receives one merged report: the
// counts added up, every test named after its engine, and an engine that never
// came up counted as one failed suite.
// Node logs: .engine/<engine>/node.log.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { moduleVersion, selectModules } from './engines.mjs';
import { javaFeature, javaHomeFor } from './java-homes.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runtimeDir = join(root, '.engine');
const startTimeoutMs = 240_000;
const stopTimeoutMs = 30_000;

function say(message) {
  process.stderr.write(`[engine] ${message}\n`);
}

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Splits the runner's own `--engines` from the arguments meant for vitest. */
function parseArguments(argv) {
  let engines = process.env.ENGINES;
  let jsonReport;
  const vitestArgs = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--engines') engines = argv[++i];
    else if (arg.startsWith('--engines=')) engines = arg.slice('--engines='.length);
    else if (arg === '--outputFile.json') jsonReport = argv[++i];
    else if (arg.startsWith('--outputFile.json=')) jsonReport = arg.slice('--outputFile.json='.length);
    else vitestArgs.push(arg);
  }
  return { engines, jsonReport, vitestArgs };
}

function paths(module) {
  const project = join(root, 'engine', module.dir);
  return {
    project,
    classpathFile: join(project, 'target', 'classpath.txt'),
    classesDir: join(project, 'target', 'classes'),
    // Written after a successful build: Maven leaves classpath.txt untouched
    // when it has not changed, so its own mtime says nothing.
    buildStamp: join(project, 'target', 'built-by-runner.stamp'),
  };
}

function buildIsStale(module) {
  const { project, classpathFile, classesDir, buildStamp } = paths(module);
  if (!existsSync(classpathFile) || !existsSync(classesDir) || !existsSync(buildStamp)) return true;
  const built = statSync(buildStamp).mtimeMs;
  return newestMtime(join(project, 'pom.xml')) > built || newestMtime(join(project, 'src')) > built;
}

function buildNode(module, javaHome) {
  if (!buildIsStale(module)) return;
  const { project, buildStamp } = paths(module);
  say(`${module.id}: building the node (mvn package; the first run fills the Maven cache)`);
  const result = spawnSync('mvn', ['-B', '-q', 'package'], { cwd: project, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, JAVA_HOME: javaHome } });
  if (result.error) throw new Error(`cannot run mvn: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`mvn package failed with status ${result.status}`);
  writeFileSync(buildStamp, `${new Date().toISOString()}\n`);
}

function startNode(module, javaHome, logFile) {
  const { project, classpathFile, classesDir } = paths(module);
  const log = createWriteStream(logFile);
  const classpath = `${classesDir}:${readFileSync(classpathFile, 'utf8').trim()}`;
  const jvmOptions = [
    '-Xms512m',
    '-Xmx1g',
    '-XX:+UseSerialGC',
    // Netty must not size its pools from a processor count the node overrides.
    '-Dopensearch.set.netty.runtime.available.processors=false',
    '-Des.set.netty.runtime.available.processors=false',
  ];
  // Lucene 10 and Elasticsearch call restricted java.lang.foreign methods.
  if ((javaFeature(javaHome) ?? 17) >= 21) jvmOptions.push('--enable-native-access=ALL-UNNAMED');
  const child = spawn(
    join(javaHome, 'bin', 'java'),
    [...jvmOptions, '-cp', classpath, module.mainClass, '--exit-on-stdin-eof'],
    // stdin stays an open pipe: the node exits when it closes, i.e. when we die.
    { cwd: project, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  child.stderr.pipe(log);
  const linePattern = new RegExp(`^${module.portLine}=(\\d+)$`);
  const port = new Promise((resolvePort, rejectPort) => {
    const timer = setTimeout(() => rejectPort(new Error(`no ${module.portLine} line within ${startTimeoutMs / 1000}s`)), startTimeoutMs);
    createInterface({ input: child.stdout }).on('line', (line) => {
      log.write(`[stdout] ${line}\n`);
      const match = linePattern.exec(line);
      if (match) {
        clearTimeout(timer);
        resolvePort(Number(match[1]));
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      rejectPort(new Error(`the node exited before it was ready (code ${code}, signal ${signal}); see ${logFile}`));
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      rejectPort(error);
    });
  });
  return { child, port };
}

function stopNode(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => {
      say('the node did not stop in time; killing it');
      child.kill('SIGKILL');
    }, stopTimeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}

function runVitest(engine, url, summaryDir, vitestArgs) {
  return new Promise((resolveRun) => {
    const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
    const run = spawn(process.execPath, [vitest, 'run', '--config', 'engine/vitest.engine.config.ts', ...vitestArgs], {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        ENGINE: engine.name,
        ENGINE_PRODUCT: engine.product,
        ENGINE_VERSION: engine.version,
        ENGINE_URL: url,
        ENGINE_SUMMARY_DIR: summaryDir,
      },
    });
    run.on('exit', (code, signal) => resolveRun(code ?? (signal ? 1 : 0)));
    run.on('error', () => resolveRun(1));
  });
}

/** Adds up the summary-*.json files the test files wrote for one engine. */
function readTotals(summaryDir) {
  const files = existsSync(summaryDir) ? readdirSync(summaryDir).filter((name) => /^summary-.*\.json$/.test(name)) : [];
  const totals = { files: files.length, documents: 0, filterSets: 0, queries: 0, disagreements: 0, skipped: 0 };
  for (const file of files) {
    const summary = JSON.parse(readFileSync(join(summaryDir, file), 'utf8'));
    for (const key of ['documents', 'filterSets', 'queries', 'disagreements']) totals[key] += Number(summary[key] ?? 0);
    totals.skipped += Array.isArray(summary.skippedForEngine) ? summary.skippedForEngine.length : 0;
  }
  return totals;
}

/** One merged vitest JSON report: counts added, tests named after their engine. */
function mergeReports(runs) {
  const merged = {
    numTotalTestSuites: 0,
    numPassedTestSuites: 0,
    numFailedTestSuites: 0,
    numPendingTestSuites: 0,
    numTotalTests: 0,
    numPassedTests: 0,
    numFailedTests: 0,
    numPendingTests: 0,
    numTodoTests: 0,
    startTime: Date.now(),
    success: true,
    testResults: [],
  };
  for (const run of runs) {
    const report = run.reportFile && existsSync(run.reportFile) ? JSON.parse(readFileSync(run.reportFile, 'utf8')) : undefined;
    if (report === undefined) {
      // The engine never ran its tests (build or start failed): one failed suite, no assertions.
      merged.numTotalTestSuites += 1;
      merged.numFailedTestSuites += 1;
      merged.success = false;
      merged.testResults.push({ name: `[${run.engine}] engine node`, status: 'failed', message: run.error ?? 'no report', assertionResults: [], startTime: 0, endTime: 0 });
      continue;
    }
    for (const key of Object.keys(merged)) if (typeof merged[key] === 'number' && key !== 'startTime') merged[key] += Number(report[key] ?? 0);
    merged.startTime = Math.min(merged.startTime, Number(report.startTime ?? merged.startTime));
    merged.success = merged.success && report.success === true && run.status === 0;
    for (const file of report.testResults ?? []) {
      merged.testResults.push({
        ...file,
        name: `[${run.engine}] ${file.name}`,
        assertionResults: (file.assertionResults ?? []).map((assertion) => ({
          ...assertion,
          ancestorTitles: [run.engine, ...(assertion.ancestorTitles ?? [])],
          fullName: `[${run.engine}] ${assertion.fullName ?? assertion.title}`,
        })),
      });
    }
  }
  return merged;
}

async function runEngine(module, vitestArgs, wantReport) {
  const started = Date.now();
  const version = moduleVersion(root, module);
  const engine = { id: module.id, product: module.product, version, name: `${module.product}-${version}` };
  const dir = join(runtimeDir, engine.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, 'node.log');
  const reportFile = wantReport ? join(dir, 'vitest-report.json') : undefined;
  const result = { engine: engine.name, status: 1, reportFile, error: undefined, seconds: 0, totals: undefined };
  const javaHome = javaHomeFor(module);
  if (javaHome instanceof Error) {
    result.error = javaHome.message;
    say(result.error);
    return result;
  }
  say(`${engine.name}: Java ${javaFeature(javaHome)} (${javaHome})`);
  let child;
  try {
    buildNode(module, javaHome);
    const node = startNode(module, javaHome, logFile);
    child = node.child;
    currentChild = child;
    const ready = await node.port;
    say(`${engine.name} is up on 127.0.0.1:${ready} after ${((Date.now() - started) / 1000).toFixed(1)}s`);
    const args = reportFile ? [...vitestArgs, `--outputFile.json=${reportFile}`] : vitestArgs;
    result.status = await runVitest(engine, `http://127.0.0.1:${ready}`, dir, args);
  } catch (error) {
    result.error = `${engine.name}: ${error instanceof Error ? error.message : String(error)}`;
    say(result.error);
    if (existsSync(logFile)) {
      const tail = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
      say(`last lines of ${logFile}:\n${tail}`);
    }
  } finally {
    if (child) await stopNode(child);
    currentChild = undefined;
  }
  result.seconds = (Date.now() - started) / 1000;
  result.totals = readTotals(dir);
  return result;
}

let currentChild;

async function main() {
  const { engines, jsonReport, vitestArgs } = parseArguments(process.argv.slice(2));
  const modules = selectModules(engines);
  mkdirSync(runtimeDir, { recursive: true });
  const stopOnSignal = (signal) => {
    void (currentChild ? stopNode(currentChild) : Promise.resolve()).then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  say(`engines: ${modules.map((module) => module.id).join(', ')}`);
  const runs = [];
  for (const module of modules) runs.push(await runEngine(module, vitestArgs, jsonReport !== undefined));
  if (jsonReport !== undefined) writeFileSync(jsonReport, `${JSON.stringify(mergeReports(runs))}\n`);
  say('summary by engine:');
  for (const run of runs) {
    const t = run.totals;
    const counts = t
      ? `documents ${t.documents}, filter sets ${t.filterSets}, queries ${t.queries}, disagreements ${t.disagreements}, skipped for this engine ${t.skipped} (${t.files} summary files)`
      : 'no summary';
    say(`  ${run.engine}: ${run.status === 0 ? 'passed' : 'FAILED'}, ${counts}, time ${run.seconds.toFixed(1)}s${run.error ? ` — ${run.error}` : ''}`);
  }
  const status = runs.every((run) => run.status === 0) ? 0 : 1;
  say(`done, status ${status}`);
  process.exit(status);
}

main().catch((error) => {
  say(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
