/**
 * `npm run bench:guard`: what `guardSearchRequest` costs per MiB of request,
 * for the widest request shapes an attacker can send, and how fast it
 * refuses pathological index lists.
 *
 * The bound: at most 100 ms of CPU per MiB of request for any shape (the
 * guard's work is linear in the request's size), and a refusal of the
 * index lists (85k names, a 1 MB name) in under 50 ms. Every row says
 * PASS or over.
 *
 * Each shape is built at about 1 MiB (the default body limit) and guarded
 * under limits raised far enough that the guard walks all of it (rows
 * marked "default" keep the default limits: the time to refuse). Time is
 * CPU time (`process.cpuUsage`): on a shared machine wall time measures the
 * neighbours. Per row: the first (cold) call, then the median and the best
 * of `--runs` calls; the verdict is on the median. "JSON.parse ms" is the
 * median time to parse the body's text (NDJSON line by line), which any
 * proxy pays: a reference for how fast the machine was at the time, and
 * "× JSON.parse" the guard's median over it, the figure that does not move
 * with the machine's speed.
 *
 * Fresh process (the default): every row runs in its own new process, so
 * no row profits from another's warm-up. `--busy`: one process for all
 * rows that has first compiled and run 300 predicates and guarded the
 * dashboard corpus and every shape at a small size with other field names,
 * as a long-running host has (shared code paths have seen many shapes).
 *
 * Options: `--busy`, `--runs N` (default 5), `--only TEXT` (rows whose name
 * contains TEXT), `--source` (time `src/` through `tsx` instead of the built
 * package). Prints the load average with the table: figures from a loaded
 * machine are upper bounds.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { AccessExpression, GuardOptions } from '../src/index.js';
import { makeHostBusy } from './busy-host.js';

const SOURCE_FLAG = '--source';
/** `--source`: time `src/` through `tsx` instead of the built package (read once, passed on to each row's process). */
const TIMES_SOURCE = process.argv.includes(SOURCE_FLAG);

/** Newest modification time of any file under `dir`, in ms. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs);
  }
  return newest;
}

/**
 * What is timed: by default the built package (`dist/`, what a host imports; `npm run bench:guard` builds it
 * first), or with `--source` the TypeScript source through `tsx`, whose transform adds a `__name` call per
 * named closure created, which the package does not have. A `dist/` older than `src/` is refused.
 */
async function loadLibrary(): Promise<typeof import('../src/index.js')> {
  if (TIMES_SOURCE) return import('../src/index.js');
  const built = fileURLToPath(new URL('../dist/index.js', import.meta.url));
  if (!existsSync(built) || statSync(built).mtimeMs < newestMtime(fileURLToPath(new URL('../src/', import.meta.url)))) {
    throw new Error(`dist/ is missing or older than src/: run \`npm run build\` first (or pass ${SOURCE_FLAG} to time the source).`);
  }
  return (await import(built)) as typeof import('../src/index.js');
}

const library = await loadLibrary();
const { guardSearchRequest, UnsafeRequestError } = library;
const MEASURED = TIMES_SOURCE ? 'the source through tsx' : 'the built package (dist/)';

const MIB = 1024 * 1024;
const BOUND_MS_PER_MIB = 100;
const BOUND_INDEX_LIST_MS = 50;
const CHILD_FLAG = '--child';

const TOKEN: AccessExpression = { kind: 'term', field: 'tenant', value: 'acme' };
const FIELDS = { tenant: { type: 'keyword' } } as const;
const PATTERNS = Array.from({ length: 20 }, (_, i) => `logs-${i}-*`);
const DEFAULTS: GuardOptions = { indices: PATTERNS, fields: FIELDS };
const RAISED: GuardOptions = {
  indices: PATTERNS,
  fields: FIELDS,
  limits: { maxBodyBytes: 2 * MIB, maxClauses: 1_000_000, maxAggregations: 1_000_000, maxSearches: 100_000, maxIndexNames: 1_000_000 },
};

/** One row: a request of about 1 MiB, the limits it is guarded under, and the bound it is held to. */
interface Row {
  readonly name: string;
  readonly limits: 'raised' | 'default';
  /** `per-mib`: ms per MiB of request ≤ 100; `index-list`: ms ≤ 50 (a pathological index list, refused or not). */
  readonly bound: 'per-mib' | 'index-list';
  readonly build: () => { readonly path: string; readonly body?: unknown };
}

const bytesOf = (value: unknown): number => (value === undefined ? 0 : Buffer.byteLength(typeof value === 'string' ? value : JSON.stringify(value), 'utf8'));

/** Repeats `make(i)` until the JSON of the items reaches about `target` bytes. */
function grow<T>(make: (i: number) => T, target = MIB - 512): T[] {
  const items: T[] = [];
  let size = 0;
  while (size < target) {
    const item = make(items.length);
    items.push(item);
    size += bytesOf(item) + 1;
  }
  return items;
}

const search = (body: unknown) => ({ path: '/logs-1-a/_search', body });

/** `depth` nested bools around a match, each with a name (a compound clause at every level). */
function nestedBools(depth: number, i: number): unknown {
  let query: unknown = { match: { msg: `w${i}` } };
  for (let d = 0; d < depth; d += 1) query = { bool: { filter: [query], _name: `n${d}` } };
  return query;
}

/** Aggregations nested `depth` deep, each a terms aggregation with an average beside the next level. */
function nestedAggs(depth: number, i: number): Record<string, unknown> {
  let aggs: Record<string, unknown> = { m: { avg: { field: 'code' } } };
  for (let d = depth - 1; d >= 1; d -= 1) aggs = { [`l${d}_${i}`]: { terms: { field: `f${d}`, size: 5 }, aggs } };
  return aggs;
}

/** JSON nested `depth` levels deep inside aggregation `meta` (opaque data, copied). */
function deepMeta(depth: number, i: number): unknown {
  let value: unknown = `leaf${i}`;
  for (let d = 0; d < depth; d += 1) value = d % 2 === 0 ? { [`k${d}`]: value } : [value];
  return value;
}

const dashboardSearches = (): { header: unknown; body: unknown }[] => {
  const dir = new URL('../test/guard/dashboard-requests/', import.meta.url);
  const out: { header: unknown; body: unknown }[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const { request } = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { request: { path: string; body: unknown } };
    if (!request.path.endsWith('_msearch') && !request.path.endsWith('_search')) continue;
    if (request.path.endsWith('_search') && typeof request.body === 'object') out.push({ header: {}, body: request.body });
  }
  return out;
};

const ROWS: readonly Row[] = [
  { name: 'bool of term clauses', limits: 'raised', bound: 'per-mib', build: () => search({ query: { bool: { should: grow((i) => ({ term: { [`f${i % 50}`]: { value: `v${i}`, boost: 1 } } })) } } }) },
  { name: 'terms with many values', limits: 'raised', bound: 'per-mib', build: () => search({ query: { terms: { service: grow((i) => `value-${i}`) } } }) },
  { name: 'ids with many values', limits: 'raised', bound: 'per-mib', build: () => search({ query: { ids: { values: grow((i) => `id-${i}`) } } }) },
  { name: 'bools nested 15 deep, repeated', limits: 'raised', bound: 'per-mib', build: () => search({ query: { bool: { must: grow((i) => nestedBools(15, i)) } } }) },
  { name: 'bools nested to the query depth limit (20)', limits: 'raised', bound: 'per-mib', build: () => search({ query: { bool: { must: grow((i) => nestedBools(19, i)) } } }) },
  {
    name: 'many aggregations',
    limits: 'raised',
    bound: 'per-mib',
    build: () => search({ size: 0, aggs: Object.fromEntries(grow((i) => [`a${i}`, { terms: { field: 'service', size: 10, order: { _count: 'desc' } }, aggs: { m: { avg: { field: 'code' } } } }] as const)) }),
  },
  { name: 'aggregations nested 5 deep, repeated', limits: 'raised', bound: 'per-mib', build: () => search({ size: 0, aggs: Object.assign({}, ...grow((i) => nestedAggs(5, i))) }) },
  {
    name: 'meta nested to the JSON depth limit, repeated',
    limits: 'raised',
    bound: 'per-mib',
    build: () => search({ size: 0, aggs: Object.fromEntries(grow((i) => [`a${i}`, { max: { field: 'code' }, meta: { deep: deepMeta(56, i) } }] as const)) }),
  },
  { name: 'many sorts (objects)', limits: 'raised', bound: 'per-mib', build: () => search({ sort: grow((i) => ({ [`f${i}`]: { order: 'desc', missing: '_last', unmapped_type: 'long' } })) }) },
  { name: 'many one-key sorts', limits: 'raised', bound: 'per-mib', build: () => search({ sort: grow((i) => ({ [`f${i}`]: 'desc' })) }) },
  { name: 'wide highlight fields', limits: 'raised', bound: 'per-mib', build: () => search({ highlight: { fields: Object.fromEntries(grow((i) => [`field_${i}`, { number_of_fragments: 1, fragment_size: 100 }] as const)) } }) },
  { name: 'many fields (with formats)', limits: 'raised', bound: 'per-mib', build: () => search({ fields: grow((i) => (i % 2 === 0 ? `f${i}` : { field: `f${i}`, format: 'epoch_millis' })) }) },
  { name: 'many docvalue_fields', limits: 'raised', bound: 'per-mib', build: () => search({ docvalue_fields: grow((i) => `field.number_${i}`) }) },
  { name: 'many stored_fields', limits: 'raised', bound: 'per-mib', build: () => search({ stored_fields: grow((i) => `field.number_${i}`) }) },
  { name: 'many _source includes', limits: 'raised', bound: 'per-mib', build: () => search({ _source: { includes: grow((i) => `field.number_${i}`), excludes: ['secret'] } }) },
  { name: 'wide indices_boost', limits: 'raised', bound: 'per-mib', build: () => search({ indices_boost: grow((i) => ({ [`logs-${i % 20}-${i}`]: 1.5 })) }) },
  { name: 'long search_after', limits: 'raised', bound: 'per-mib', build: () => search({ sort: [{ ts: 'asc' }], search_after: grow((i) => (i % 2 === 0 ? i : `after-${i}`)) }) },
  { name: 'geo polygon with many points', limits: 'raised', bound: 'per-mib', build: () => search({ query: { geo_polygon: { location: { points: grow((i) => ({ lat: (i % 180) - 90, lon: (i % 360) - 180 })) } } } }) },
  { name: 'long strings (4 KiB phrases)', limits: 'raised', bound: 'per-mib', build: () => search({ query: { bool: { should: grow((i) => ({ match_phrase: { msg: `${'x'.repeat(4096)}${i}` } })) } } }) },
  { name: 'one 1 MiB string', limits: 'raised', bound: 'per-mib', build: () => search({ query: { match: { msg: 'x'.repeat(MIB - 64) } } }) },
  { name: 'one 1 MiB field name', limits: 'raised', bound: 'per-mib', build: () => search({ query: { term: { ['k'.repeat(MIB - 64)]: 'v' } } }) },
  {
    name: 'JSON text, nested aggregations',
    limits: 'raised',
    bound: 'per-mib',
    build: () =>
      search(
        JSON.stringify({
          size: 0,
          aggs: Object.fromEntries(
            grow((i) => [`d${i}`, { date_histogram: { field: 'ts', calendar_interval: 'day', min_doc_count: 0, extended_bounds: { min: 0, max: 86_400_000 * 30 } }, aggs: { t: { terms: { field: 's' }, aggs: { h: { top_hits: { size: 1, sort: [{ ts: 'desc' }] } } } } } }] as const),
          ),
        }),
      ),
  },
  {
    name: '_msearch of tiny searches (NDJSON)',
    limits: 'raised',
    bound: 'per-mib',
    build: () => ({ path: '/_msearch', body: grow((i) => `${JSON.stringify({ index: `logs-${i % 20}-x` })}\n${JSON.stringify({ query: { term: { level: 'error' } }, size: 1 })}\n`).join('') }),
  },
  {
    name: '_msearch of tiny searches (array)',
    limits: 'raised',
    bound: 'per-mib',
    build: () => ({ path: '/_msearch', body: grow((i) => [{ index: `logs-${i % 20}-x` }, { query: { term: { level: 'error' } }, size: 1 }]).flat() }),
  },
  {
    name: '_msearch of dashboard searches (NDJSON)',
    limits: 'raised',
    bound: 'per-mib',
    build: () => {
      const corpus = dashboardSearches();
      return { path: '/_msearch', body: grow((i) => `${JSON.stringify({ index: `logs-${i % 20}-x` })}\n${JSON.stringify(corpus[i % corpus.length]!.body)}\n`).join('') };
    },
  },
  {
    name: '_msearch of tiny searches (NDJSON)',
    limits: 'default',
    bound: 'per-mib',
    build: () => ({ path: '/_msearch', body: grow((i) => `${JSON.stringify({ index: `logs-${i % 20}-x` })}\n${JSON.stringify({ query: { term: { level: 'error' } }, size: 1 })}\n`).join('') }),
  },
  { name: 'bool of term clauses', limits: 'default', bound: 'per-mib', build: () => search({ query: { bool: { should: grow((i) => ({ term: { [`f${i % 50}`]: { value: `v${i}`, boost: 1 } } }), MIB - 4096) } } }) },
  // Index lists, under the default limits: refused before any per-name work.
  { name: '_msearch header naming 85k indices', limits: 'default', bound: 'index-list', build: () => ({ path: '/_msearch', body: [{ index: Array.from({ length: 85_000 }, (_, i) => `l${i}`).join(',') }, {}] }) },
  { name: '_msearch header array of 85k indices', limits: 'default', bound: 'index-list', build: () => ({ path: '/_msearch', body: [{ index: Array.from({ length: 85_000 }, (_, i) => `l${i}`) }, {}] }) },
  { name: 'path naming 85k indices', limits: 'default', bound: 'index-list', build: () => ({ path: `/${Array.from({ length: 85_000 }, (_, i) => `l${i}`).join(',')}/_search` }) },
  { name: 'a 1 MB index name in the path', limits: 'default', bound: 'index-list', build: () => ({ path: `/logs-1-${'a'.repeat(1_000_000)}/_search` }) },
  { name: 'a 1 MB index name in an _msearch header', limits: 'default', bound: 'index-list', build: () => ({ path: '/_msearch', body: [{ index: `logs-1-${'a'.repeat(1_000_000)}` }, {}] }) },
  {
    name: '_msearch, 50 headers × 5 names of 255 bytes',
    limits: 'default',
    bound: 'index-list',
    build: () => ({ path: '/_msearch', body: Array.from({ length: 50 }, (_, i) => [{ index: Array.from({ length: 5 }, (_u, j) => `logs-${(i + j) % 20}-${'b'.repeat(240)}${j}`) }, {}]).flat() }),
  },
];

function rowKey(row: Row): string {
  return `${row.name} [${row.limits}]`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** CPU time of one guard call, in ms, and its outcome. */
function timeOnce(request: unknown, options: GuardOptions): { ms: number; outcome: string } {
  const started = process.cpuUsage();
  let outcome = 'accepted';
  try {
    guardSearchRequest(request, TOKEN, options);
  } catch (error) {
    if (!(error instanceof UnsafeRequestError)) throw error;
    outcome = `refused ${error.reason}`;
  }
  const used = process.cpuUsage(started);
  return { ms: (used.user + used.system) / 1000, outcome };
}

interface Measured {
  readonly key: string;
  readonly mib: number;
  readonly outcome: string;
  readonly firstMs: number;
  readonly medianMs: number;
  readonly bestMs: number;
  /** Median CPU time of `JSON.parse` on the body's text (each line of NDJSON): a reference for the machine's speed at the time. */
  readonly parseMs: number;
}

/** Parses the body's text as a host would receive it: one JSON text, or NDJSON line by line. */
function parseBodyText(body: unknown): void {
  if (body === undefined) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (typeof body === 'string' && text.includes('\n')) {
    for (const line of text.split('\n')) if (line.length > 0) JSON.parse(line);
  } else {
    JSON.parse(text);
  }
}

function cpuMs(run: () => void): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

function measure(row: Row, runs: number): Measured {
  const request = row.build();
  const mib = (bytesOf(request.body) + Buffer.byteLength(request.path)) / MIB;
  const options = row.limits === 'raised' ? RAISED : DEFAULTS;
  const first = timeOnce(request, options);
  const times = Array.from({ length: runs }, () => timeOnce(request, options).ms);
  const text = typeof request.body === 'string' || request.body === undefined ? request.body : JSON.stringify(request.body);
  const parseMs = median(Array.from({ length: runs }, () => cpuMs(() => parseBodyText(text))));
  return { key: rowKey(row), mib, outcome: first.outcome, firstMs: first.ms, medianMs: median(times), bestMs: Math.min(...times), parseMs };
}

/** A long-running host: predicates compiled and run, the dashboard corpus and every shape (small, other field names) guarded. */
function warmUp(): string {
  const busy = makeHostBusy(11, library);
  let guarded = 0;
  const dir = new URL('../test/guard/dashboard-requests/', import.meta.url);
  for (let round = 0; round < 20; round += 1) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const { request } = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { request: unknown };
      timeOnce(request, { indices: ['*'], fields: FIELDS });
      guarded += 1;
    }
  }
  for (const row of ROWS) {
    // The same shape at about 1/100 of its size, with renamed fields, guarded a few times.
    const request = row.build();
    const text = JSON.stringify(request.body ?? null).replace(/"f(\d)/g, '"g$1');
    const small = typeof request.body === 'string' ? request.body.slice(0, Math.max(2, request.body.indexOf('\n', 10_000) + 1)) : JSON.parse(text.length > 20_000 ? JSON.stringify(request.body) : text);
    for (let i = 0; i < 3; i += 1) {
      timeOnce({ path: request.path.length > 10_000 ? '/logs-1-a/_search' : request.path, body: small }, row.limits === 'raised' ? RAISED : DEFAULTS);
      guarded += 1;
    }
  }
  return `${busy.predicates} predicates compiled and run on ${busy.shapes} document shapes, then ${guarded} requests guarded (the dashboard corpus and every shape) before the rows`;
}

function verdict(row: Row, m: Measured): string {
  if (row.bound === 'index-list') return m.medianMs <= BOUND_INDEX_LIST_MS ? 'PASS' : 'over';
  return m.medianMs / m.mib <= BOUND_MS_PER_MIB ? 'PASS' : 'over';
}

function print(results: readonly [Row, Measured][], mode: string): void {
  const header = ['shape', 'limits', 'MiB', 'outcome', 'first ms', 'median ms', 'best ms', 'median ms/MiB', 'JSON.parse ms', '× JSON.parse', 'bound', 'verdict'];
  const rows = results.map(([row, m]) => [
    row.name,
    row.limits,
    m.mib.toFixed(2),
    m.outcome,
    m.firstMs.toFixed(1),
    m.medianMs.toFixed(1),
    m.bestMs.toFixed(1),
    row.bound === 'per-mib' ? (m.medianMs / m.mib).toFixed(1) : '',
    m.parseMs.toFixed(1),
    // The machine-independent figure: the guard's time over the time to parse the same text, both
    // measured in the same process at the same moment (index-list rows parse next to nothing).
    row.bound === 'per-mib' && m.parseMs >= 1 ? (m.medianMs / m.parseMs).toFixed(1) : '',
    row.bound === 'per-mib' ? `≤ ${BOUND_MS_PER_MIB} ms/MiB` : `≤ ${BOUND_INDEX_LIST_MS} ms`,
    verdict(row, m),
  ]);
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] as string).length)));
  const numeric = new Set([2, 4, 5, 6, 7, 8, 9]);
  for (const r of all) process.stdout.write(`${r.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c] as number) : cell.padEnd(widths[c] as number))).join('  ')}\n`);
  const over = results.filter(([row, m]) => verdict(row, m) !== 'PASS').length;
  process.stdout.write(
    `\n${over} of ${results.length} rows over their bound. Timed: ${MEASURED}. ${mode}. CPU time; node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`,
  );
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  const runs = Number(option('--runs') ?? 5);
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error('--runs takes a positive integer');
  const only = option('--only');
  const selected = ROWS.filter((row) => only === undefined || row.name.includes(only));
  const child = option(CHILD_FLAG);
  if (child !== undefined) {
    // One row in this fresh process: print its measurement as one JSON line for the parent.
    const row = ROWS.find((r) => rowKey(r) === child);
    if (row === undefined) throw new Error(`no row ${child}`);
    process.stdout.write(`${JSON.stringify(measure(row, runs))}\n`);
    return;
  }
  if (process.argv.includes('--busy')) {
    const summary = warmUp();
    print(
      selected.map((row) => [row, measure(row, runs)]),
      `Busy process: ${summary}; median of ${runs} runs after one cold run`,
    );
    return;
  }
  const results: [Row, Measured][] = [];
  for (const row of selected) {
    const args = [process.argv[1] as string, CHILD_FLAG, rowKey(row), '--runs', String(runs), ...(TIMES_SOURCE ? [SOURCE_FLAG] : [])];
    const spawned = spawnSync(process.execPath, [...process.execArgv, ...args], { encoding: 'utf8', maxBuffer: 16 * MIB });
    if (spawned.status !== 0) throw new Error(`row ${rowKey(row)} failed: ${spawned.stderr}`);
    results.push([row, JSON.parse(spawned.stdout.trim().split('\n').pop() as string) as Measured]);
  }
  print(results, `Fresh process per row; median of ${runs} runs after one cold run`);
}

main();
