/**
 * The request guard's cost per request shape, in ms per MiB of request.
 * Each shape is built at about 1 MiB (the default body limit) and guarded
 * several times; the median is reported. The guard's work should be linear
 * in the request's size: every shape stays well under 100 ms/MiB.
 * Also times the refusal of pathological index lists (85k names, a 1 MB
 * name), which must be well under 50 ms.
 *
 * Times are CPU time (`process.cpuUsage`), median of 5 runs after a warm-up.
 *
 * Run: npx tsx bench/guard-cost.ts
 */
import { guardSearchRequest } from '../src/index.js';
import type { AccessExpression, GuardOptions } from '../src/index.js';
import { UnsafeRequestError } from '../src/errors.js';

const TOKEN: AccessExpression = { kind: 'term', field: 'tenant', value: 'acme' };
const PATTERNS = Array.from({ length: 20 }, (_, i) => `logs-${i}-*`);
const FIELDS = { tenant: { type: 'keyword' } } as const;
const OPTIONS: GuardOptions = {
  indices: PATTERNS,
  fields: FIELDS,
  limits: { maxBodyBytes: 2 * 1024 * 1024, maxClauses: 1_000_000, maxAggregations: 1_000_000, maxSearches: 100_000, maxIndexNames: 1_000_000 },
};
const RUNS = 5;

const bytesOf = (value: unknown): number => Buffer.byteLength(typeof value === 'string' ? value : JSON.stringify(value), 'utf8');

/** Repeats `make(i)` until the JSON of `wrap(items)` reaches about 1 MiB. */
function grow<T>(make: (i: number) => T, wrap: (items: T[]) => unknown): unknown {
  const items: T[] = [];
  let size = 0;
  while (size < 1024 * 1024 - 512) {
    const item = make(items.length);
    items.push(item);
    size += bytesOf(item) + 1;
  }
  return wrap(items);
}

const SHAPES: Record<string, () => unknown> = {
  'bool of term clauses': () => grow((i) => ({ term: { [`f${i % 50}`]: { value: `v${i}`, boost: 1 } } }), (should) => ({ path: '/logs-1-a/_search', body: { query: { bool: { should } } } })),
  'terms with many values': () => grow((i) => `value-${i}`, (values) => ({ path: '/logs-1-a/_search', body: { query: { terms: { service: values } } } })),
  'deep bool nesting, repeated': () =>
    grow(
      (i) => {
        let q: unknown = { match: { msg: `w${i}` } };
        for (let d = 0; d < 15; d += 1) q = { bool: { filter: [q], _name: `n${d}` } };
        return q;
      },
      (must) => ({ path: '/logs-1-a/_search', body: { query: { bool: { must } } } }),
    ),
  'many aggregations': () =>
    grow(
      (i) => [`a${i}`, { terms: { field: 'service', size: 10, order: { _count: 'desc' } }, aggs: { m: { avg: { field: 'code' } } } }] as const,
      (entries) => ({ path: '/logs-1-a/_search', body: { size: 0, aggs: Object.fromEntries(entries) } }),
    ),
  'many sorts': () => grow((i) => ({ [`f${i}`]: { order: 'desc', missing: '_last', unmapped_type: 'long' } }), (sort) => ({ path: '/logs-1-a/_search', body: { sort } })),
  'long strings': () => grow((i) => ({ match_phrase: { msg: `${'x'.repeat(4096)}${i}` } }), (should) => ({ path: '/logs-1-a/_search', body: { query: { bool: { should } } } })),
  'wide highlight fields': () => grow((i) => [`field_${i}`, { number_of_fragments: 1, fragment_size: 100 }] as const, (entries) => ({ path: '/logs-1-a/_search', body: { highlight: { fields: Object.fromEntries(entries) } } })),
  '_msearch of small searches (text)': () =>
    grow(
      (i) => `${JSON.stringify({ index: `logs-${i % 20}-x` })}\n${JSON.stringify({ query: { term: { level: 'error' } }, size: 1 })}\n`,
      (lines) => ({ path: '/_msearch', body: lines.join('') }),
    ),
  'body as JSON text, nested aggregations': () =>
    grow(
      (i) => [`d${i}`, { date_histogram: { field: 'ts', calendar_interval: 'day', min_doc_count: 0, extended_bounds: { min: 0, max: 86_400_000 * 30 } }, aggs: { t: { terms: { field: 's' }, aggs: { h: { top_hits: { size: 1, sort: [{ ts: 'desc' }] } } } } } }] as const,
      (entries) => ({ path: '/logs-1-a/_search', body: JSON.stringify({ size: 0, aggs: Object.fromEntries(entries) }) }),
    ),
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** CPU time of `run`, in ms: on a shared machine wall time measures the neighbours. */
function time(run: () => void): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

function guardOrRefusal(request: unknown, options: GuardOptions): string {
  try {
    guardSearchRequest(request, TOKEN, options);
    return 'accepted';
  } catch (error) {
    if (error instanceof UnsafeRequestError) return `refused: ${error.reason}`;
    throw error;
  }
}

const rows: string[][] = [['shape', 'MiB', 'ms (median)', 'ms/MiB', 'outcome']];
for (const [name, build] of Object.entries(SHAPES)) {
  const request = build();
  const mib = bytesOf((request as { body: unknown }).body) / (1024 * 1024);
  const outcome = guardOrRefusal(request, OPTIONS);
  guardOrRefusal(request, OPTIONS); // warm-up
  const ms = median(Array.from({ length: RUNS }, () => time(() => guardOrRefusal(request, OPTIONS))));
  rows.push([name, mib.toFixed(2), ms.toFixed(1), (ms / mib).toFixed(1), outcome]);
}

const DEFAULTS: GuardOptions = { indices: PATTERNS, fields: FIELDS };
const pathological: Record<string, unknown> = {
  '_msearch naming 85k indices': { path: '/_msearch', body: [{ index: Array.from({ length: 85_000 }, (_, i) => `l${i}`).join(',') }, {}] },
  'path naming 85k indices': { path: `/${Array.from({ length: 85_000 }, (_, i) => `l${i}`).join(',')}/_search` },
  'a 1 MB index name': { path: `/logs-1-${'a'.repeat(1_000_000)}/_search` },
  '_msearch, 50 headers × 255-byte names': {
    path: '/_msearch',
    body: Array.from({ length: 50 }, (_, i) => [{ index: Array.from({ length: 5 }, (_, j) => `logs-${(i + j) % 20}-${'b'.repeat(240)}${j}`) }, {}]).flat(),
  },
};
for (const [name, request] of Object.entries(pathological)) {
  const outcome = guardOrRefusal(request, DEFAULTS);
  const ms = median(Array.from({ length: RUNS }, () => time(() => guardOrRefusal(request, DEFAULTS))));
  const mib = bytesOf(request) / (1024 * 1024);
  rows.push([name, mib.toFixed(2), ms.toFixed(1), (ms / mib).toFixed(1), outcome]);
}

const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const row of rows) process.stdout.write(`${row.map((cell, c) => (c === 0 || c === 4 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')}\n`);
