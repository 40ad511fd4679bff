/**
 * `parseJsonDocument` against `JSON.parse` on about 1 MiB of real log
 * documents (the fixtures in `test/fixtures/logs/`, as one JSON array and as
 * NDJSON lines), printing MiB/s and the ratio. Run: `npx tsx bench/lossless-parse.ts`.
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

function time(run: () => void, minMs = 1500): number {
  for (let k = 0; k < 5; k++) run();
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    run();
    runs++;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return elapsed / runs;
}

const mib = arrayText.length / (1 << 20);
const rows: [string, number, number][] = [];
const plainArray = time(() => JSON.parse(arrayText));
const losslessArray = time(() => parseJsonDocument(arrayText));
rows.push(['1 MiB array', plainArray, losslessArray]);
const plainLines = time(() => {
  for (const line of picked) JSON.parse(line);
});
const losslessLines = time(() => {
  for (const line of picked) parseJsonDocument(line);
});
rows.push([`${picked.length} NDJSON lines`, plainLines, losslessLines]);
console.log(`lossless JSON parse, ${mib.toFixed(2)} MiB of ${picked.length} log documents (node ${process.version})`);
for (const [name, plain, lossless] of rows) {
  console.log(
    `${name.padEnd(22)} JSON.parse ${plain.toFixed(2)} ms (${(mib / (plain / 1000)).toFixed(0)} MiB/s)  parseJsonDocument ${lossless.toFixed(2)} ms (${(mib / (lossless / 1000)).toFixed(0)} MiB/s)  ratio ${(lossless / plain).toFixed(2)}x`,
  );
}
