/**
 * `parseJsonDocument` against `JSON.parse` on about 1 MiB of real log
 * documents (the fixtures in `test/fixtures/logs/`, as one JSON array and as
 * NDJSON lines), printing MiB/s and the ratio (medians of runs alternating
 * between the two, so that load on a shared machine hits both alike). Run: `npx tsx bench/lossless-parse.ts`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseJsonDocument } from '../src/access/documents/parse-json-document.js';

const dir = join(import.meta.dirname, '..', 'test', 'fixtures', 'logs');
const lines: string[] = [];
for (const name of readdirSync(dir).filter((n) => n.endsWith('.ndjson.gz')).sort()) {
  for (const line of gunzipSync(readFileSync(join(dir, name))).toString('utf8').split('\n')) if (line.trim() !== '') lines.push(line);
}
const target = 1 << 20;
const picked: string[] = [];
let size = 2;
for (let k = 0; size < target; k++) {
  const line = lines[k % lines.length] as string;
  picked.push(line);
  size += line.length + 1;
}
const arrayText = `[${picked.join(',')}]`;

/** Median time per run of `a` and of `b`, measured alternately (so a load change on a shared machine hits both alike). */
function timePair(a: () => void, b: () => void, rounds = 21): [number, number] {
  for (let k = 0; k < 5; k++) {
    a();
    b();
  }
  const as: number[] = [];
  const bs: number[] = [];
  for (let k = 0; k < rounds; k++) {
    let start = performance.now();
    a();
    as.push(performance.now() - start);
    start = performance.now();
    b();
    bs.push(performance.now() - start);
  }
  const median = (xs: number[]): number => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
  return [median(as), median(bs)];
}

const mib = arrayText.length / (1 << 20);
const rows: [string, number, number][] = [];
const [plainArray, losslessArray] = timePair(
  () => JSON.parse(arrayText),
  () => parseJsonDocument(arrayText),
);
rows.push(['1 MiB array', plainArray, losslessArray]);
const [plainLines, losslessLines] = timePair(
  () => {
    for (const line of picked) JSON.parse(line);
  },
  () => {
    for (const line of picked) parseJsonDocument(line);
  },
);
rows.push([`${picked.length} NDJSON lines`, plainLines, losslessLines]);
console.log(`lossless JSON parse, ${mib.toFixed(2)} MiB of ${picked.length} log documents (node ${process.version})`);
for (const [name, plain, lossless] of rows) {
  console.log(
    `${name.padEnd(22)} JSON.parse ${plain.toFixed(2)} ms (${(mib / (plain / 1000)).toFixed(0)} MiB/s)  parseJsonDocument ${lossless.toFixed(2)} ms (${(mib / (lossless / 1000)).toFixed(0)} MiB/s)  ratio ${(lossless / plain).toFixed(2)}x`,
  );
}
