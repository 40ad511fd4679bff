#!/usr/bin/env node
// Bundle-size budget of the built package (run `npx tsup` first).
// Bundles a few typical imports of `shared-tokens` for the browser with
// esbuild (minified, ESM), gzips each, prints a table and exits 1 when one is
// over its ceiling. Each import has a target (what the package aims at) and a
// ceiling (what CI enforces, so nothing grows unnoticed): the exact emulation
// of date formats, time zones and normalizers (their tables) put the package
// over its targets, which the table says on every run. Imports go through the package name, so `exports` and
// `sideEffects` apply as they would in a consumer's bundle.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const KB = 1024;

/** Each case: what a consumer imports, its gzipped target, and the ceiling CI enforces. */
const cases = [
  { name: 'only toPredicate', source: "import { toPredicate } from 'shared-tokens'; globalThis.kept = toPredicate;", target: 20 * KB, ceiling: 34 * KB },
  { name: 'only guardSearchRequest', source: "import { guardSearchRequest } from 'shared-tokens'; globalThis.kept = guardSearchRequest;", target: 40 * KB, ceiling: 53 * KB },
  { name: 'whole main entry', source: "import * as all from 'shared-tokens'; globalThis.kept = all;", target: 60 * KB, ceiling: 90 * KB },
];

if (!existsSync(join(root, 'dist', 'index.js'))) {
  console.error('size-check: dist/index.js is missing; run `npx tsup` first');
  process.exit(2);
}

const rows = [];
for (const { name, source, target, ceiling } of cases) {
  const result = await build({
    stdin: { contents: source, resolveDir: root, sourcefile: 'size-check-entry.js' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  const gzipped = gzipSync(code, { level: 9 }).length;
  rows.push({ name, minified: code.length, gzipped, target, ceiling, ok: gzipped <= ceiling, onTarget: gzipped <= target });
}

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const table = [
  ['import', 'minified', 'gzipped', 'target', 'ceiling', ''],
  ...rows.map((r) => [r.name, kb(r.minified), kb(r.gzipped), kb(r.target), kb(r.ceiling), !r.ok ? 'OVER CEILING' : r.onTarget ? 'ok' : 'over target']),
];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
for (const row of table) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd());

const missed = rows.filter((r) => !r.onTarget).length;
if (missed > 0) console.log(`${missed} of ${rows.length} imports are over their target (see docs/benchmarks.md, "Bundle size").`);
const over = rows.filter((r) => !r.ok).length;
console.log(`${rows.length - over} passed, ${over} failed`);
process.exit(over === 0 ? 0 : 1);
