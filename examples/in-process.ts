/**
 * Filtering a log file in process with a link's predicate, as a service that
 * exports logs for a shared link would: stream a gzipped NDJSON file, keep
 * the documents the link sees, and say how many that is.
 *
 *   npx tsx examples/in-process.ts [file.ndjson.gz] [field=value ...]
 *
 * Defaults: the Linux auth log fixture and the filter `process.name=sshd`.
 * Progress goes to stderr once a file takes more than a second; the result
 * goes to stdout.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { createInMemoryRepository, createSharedTokens, parseJsonDocument, toPredicate, type Actor } from '../src/index.js';

const [file = 'test/fixtures/logs/linux-auth-2017.ndjson.gz', ...pairs] = process.argv.slice(2);
const filters = (pairs.length > 0 ? pairs : ['process.name=sshd']).map((pair) => {
  const at = pair.indexOf('=');
  if (at <= 0) throw new Error(`a filter is field=value, got ${JSON.stringify(pair)}`);
  return { field: pair.slice(0, at), value: pair.slice(at + 1) };
});

const admin: Actor = { accountId: 'acme', userId: 'alice', role: 'admin' };
const tokens = createSharedTokens({ repository: createInMemoryRepository() });
const filterIds: string[] = [];
for (const filter of filters) filterIds.push((await tokens.createFilter(admin, filter)).id);
const { secret } = await tokens.createToken(admin, { name: 'export', filterIds });

// What a request with the link's secret would do: resolve, then compile once and test every document.
const access = await tokens.resolve(secret);
const sees = toPredicate(access.expression);

const started = Date.now();
let lastProgress = started;
let read = 0;
let seen = 0;
const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
for await (const line of lines) {
  if (line === '') continue;
  read++;
  // parseJsonDocument keeps each number's spelling, so `5.0` on a keyword field is read as the engine indexes it.
  if (sees(parseJsonDocument(line) as object)) seen++;
  const now = Date.now();
  if (now - lastProgress >= 1000) {
    lastProgress = now;
    process.stderr.write(`${read.toLocaleString('en')} documents read, ${seen.toLocaleString('en')} seen, ${((now - started) / 1000).toFixed(0)} s\n`);
  }
}
const filterText = filters.map((f) => `${f.field}: ${JSON.stringify(f.value)}`).join(' AND ');
process.stdout.write(`The link (${filterText}) sees ${seen.toLocaleString('en')} of ${read.toLocaleString('en')} documents in ${file}.\n`);
