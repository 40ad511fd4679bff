#!/usr/bin/env node
// Runs the real-engine conformance suite (test/engine/**) against an in-process
// OpenSearch node: builds the node with Maven when its build is missing or older
// than its sources, starts it, waits for its OPENSEARCH_PORT line, runs vitest
// with OPENSEARCH_URL set, stops the node, and exits with vitest's status.
//
// Usage: node conformance/run-engine-suite.mjs [extra vitest args]
// The node's log is written to .engine/opensearch.log.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const project = join(root, 'conformance', 'opensearch');
const classpathFile = join(project, 'target', 'classpath.txt');
const classesDir = join(project, 'target', 'classes');
// Written by this script after a successful build: Maven leaves classpath.txt
// untouched when it has not changed, so its own mtime says nothing.
const buildStamp = join(project, 'target', 'built-by-runner.stamp');
const engineDir = join(root, '.engine');
const logFile = join(engineDir, 'opensearch.log');
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

function buildIsStale() {
  if (!existsSync(classpathFile) || !existsSync(classesDir) || !existsSync(buildStamp)) return true;
  const built = statSync(buildStamp).mtimeMs;
  return newestMtime(join(project, 'pom.xml')) > built || newestMtime(join(project, 'src')) > built;
}

function buildNode() {
  if (!buildIsStale()) return;
  say('building the OpenSearch node (mvn package; the first run fills the Maven cache)');
  const result = spawnSync('mvn', ['-B', '-q', 'package'], { cwd: project, stdio: 'inherit' });
  if (result.error) throw new Error(`cannot run mvn: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`mvn package failed with status ${result.status}`);
  writeFileSync(buildStamp, `${new Date().toISOString()}\n`);
}

function startNode() {
  mkdirSync(engineDir, { recursive: true });
  const log = createWriteStream(logFile);
  const classpath = `${classesDir}:${readFileSync(classpathFile, 'utf8').trim()}`;
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const child = spawn(
    java,
    [
      '-Xms512m',
      '-Xmx1g',
      '-XX:+UseSerialGC',
      '-Dopensearch.set.netty.runtime.available.processors=false',
      '-cp',
      classpath,
      'dev.sharedtokens.conformance.ConformanceNode',
      '--exit-on-stdin-eof',
    ],
    // stdin stays an open pipe: the node exits when it closes, i.e. when we die.
    { cwd: project, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  child.stderr.pipe(log);
  const port = new Promise((resolvePort, rejectPort) => {
    const timer = setTimeout(() => rejectPort(new Error(`no OPENSEARCH_PORT line within ${startTimeoutMs / 1000}s`)), startTimeoutMs);
    createInterface({ input: child.stdout }).on('line', (line) => {
      log.write(`[stdout] ${line}\n`);
      const match = /^OPENSEARCH_PORT=(\d+)$/.exec(line);
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

// Each engine test file writes .engine/summary-<name>.json; add them up.
function printTotals(seconds) {
  const files = existsSync(engineDir) ? readdirSync(engineDir).filter((name) => /^summary-.*\.json$/.test(name)) : [];
  const totals = { documents: 0, filterSets: 0, queries: 0, disagreements: 0 };
  for (const file of files) {
    const summary = JSON.parse(readFileSync(join(engineDir, file), 'utf8'));
    for (const key of Object.keys(totals)) totals[key] += Number(summary[key] ?? 0);
  }
  say(
    `summary (${files.length} files): documents ${totals.documents}, filter sets ${totals.filterSets}, ` +
      `queries ${totals.queries}, disagreements ${totals.disagreements}, time ${seconds.toFixed(1)}s`,
  );
}

function runVitest(url, extraArgs) {
  return new Promise((resolveRun) => {
    const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
    const run = spawn(process.execPath, [vitest, 'run', '--config', 'conformance/vitest.engine.config.ts', ...extraArgs], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, OPENSEARCH_URL: url, ENGINE_SUMMARY_DIR: engineDir },
    });
    run.on('exit', (code, signal) => resolveRun(code ?? (signal ? 1 : 0)));
    run.on('error', () => resolveRun(1));
  });
}

async function main() {
  const started = Date.now();
  mkdirSync(engineDir, { recursive: true });
  for (const name of readdirSync(engineDir)) if (/^summary-.*\.json$/.test(name)) rmSync(join(engineDir, name));
  buildNode();
  const { child, port } = startNode();
  const stopOnSignal = (signal) => {
    void stopNode(child).then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  let status = 1;
  try {
    const ready = await port;
    say(`OpenSearch is up on 127.0.0.1:${ready} after ${((Date.now() - started) / 1000).toFixed(1)}s`);
    status = await runVitest(`http://127.0.0.1:${ready}`, process.argv.slice(2));
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
    if (existsSync(logFile)) {
      const tail = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
      say(`last lines of ${logFile}:\n${tail}`);
    }
  } finally {
    await stopNode(child);
  }
  printTotals((Date.now() - started) / 1000);
  say(`done, status ${status}`);
  process.exit(status);
}

main().catch((error) => {
  say(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
