/**
 * `npx tsx bench/guard-size.ts`: what `guardSearchRequest` costs per MiB of
 * request, for request shapes an attacker controls: a deep and wide `bool`,
 * many aggregations, a long `_msearch`, `_msearch` headers naming many
 * indices, one long string value, and one long key. Sizes from 10 KiB to
 * 1 MiB; each is timed under the default limits (where a large request is
 * refused, the time is the time to refuse it) and under limits raised far
 * enough that the guard walks the whole request. The bound is 100 ms per MiB
 * for any shape, refusals included; the last column says which rows exceed it.
 *
 * Options: `--runs N` (timed runs per row, default 5; the median is shown;
 * a row slower than a second is timed once). Figures from a loaded machine
 * are upper bounds: the load average is printed with them.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { guardSearchRequest, UnsafeRequestError } from '../src/index.js';
import type { AccessExpression, GuardOptions } from '../src/index.js';

const MIB = 1024 * 1024;
const SIZES = [10 * 1024, 100 * 1024, MIB - 1024];
/** A row whose warm-up run takes longer than this is timed once more, not `runs` times: the bench stays under two minutes. */
const SLOW_MS = 1000;
const BOUND_MS_PER_MIB = 100;

const TOKEN: AccessExpression = {
  kind: 'and',
  children: [
    { kind: 'term', field: 'organization.id', value: 'acme' },
    { kind: 'terms', field: 'service.name', values: ['api', 'web', 'billing'] },
  ],
};

/** Twenty allowed patterns, as a token over a few tenants' data streams might have. */
const PATTERNS = Array.from({ length: 20 }, (_unused, i) => `logs-tenant${i}-*`);
const FIELDS = { 'organization.id': { type: 'keyword' }, 'service.name': { type: 'keyword' } } as const;

const DEFAULT_OPTIONS: GuardOptions = { indices: PATTERNS, fields: FIELDS };
const RAISED_OPTIONS: GuardOptions = {
  indices: PATTERNS,
  fields: FIELDS,
  limits: { maxBodyBytes: 4 * MIB, maxJsonDepth: 1000, maxClauses: 1_000_000, maxQueryDepth: 500, maxAggregationDepth: 100, maxAggregations: 1_000_000, maxSearches: 1_000_000 },
};

interface Shape {
  readonly name: string;
  /** A request of about `bytes` bytes (body text). */
  readonly build: (bytes: number) => { request: unknown; bytes: number };
}

const textSize = (body: unknown): number => Buffer.byteLength(typeof body === 'string' ? body : JSON.stringify(body));

/** Repeats `unit(i)` until the body reaches `bytes`. */
function fill<T>(bytes: number, overhead: number, unit: (i: number) => T): T[] {
  const items: T[] = [];
  let size = overhead;
  for (let i = 0; size < bytes; i += 1) {
    const item = unit(i);
    size += textSize(item) + 1;
    items.push(item);
  }
  return items;
}

const term = (i: number): unknown => ({ term: { 'service.name': { value: `svc-${i}` } } });

const SHAPES: readonly Shape[] = [
  {
    name: 'deep bool (depth 12, wide)',
    build: (bytes) => {
      const depth = 12;
      const perLevel = fill(bytes, 200, term).length / depth;
      let query: unknown = { match_all: {} };
      for (let level = 0; level < depth; level += 1) {
        const clauses = Array.from({ length: Math.max(1, Math.floor(perLevel)) }, (_u, i) => term(level * 100_000 + i));
        query = { bool: { filter: clauses, must: [query] } };
      }
      const body = { query, size: 10 };
      return { request: { method: 'POST', path: '/logs-tenant3-2024/_search', body }, bytes: textSize(body) };
    },
  },
  {
    name: 'wide aggregations',
    build: (bytes) => {
      const aggs = Object.fromEntries(
        fill(bytes, 100, (i) => [`agg_${i}`, { terms: { field: 'service.name', size: 10 }, aggs: { m: { avg: { field: 'event.duration' } } } }] as const),
      );
      const body = { size: 0, aggs };
      return { request: { method: 'POST', path: '/logs-tenant3-2024/_search', body }, bytes: textSize(body) };
    },
  },
  {
    name: 'long _msearch',
    build: (bytes) => {
      const lines = fill(bytes, 0, (i) =>
        i % 2 === 0 ? JSON.stringify({ index: `logs-tenant${i % 20}-2024` }) : JSON.stringify({ query: { match: { message: `error ${i}` } }, size: 10 }),
      );
      if (lines.length % 2 === 1) lines.pop();
      const body = `${lines.join('\n')}\n`;
      return { request: { method: 'POST', path: '/_msearch', body }, bytes: textSize(body) };
    },
  },
  {
    name: '_msearch headers naming many indices',
    build: (bytes) => {
      // One header listing as many names as fit, none covered by a pattern until the last.
      const names = fill(bytes, 200, (i) => `logs-other${i}-2024`);
      const body = `${JSON.stringify({ index: [...names, 'logs-tenant3-2024'].join(',') })}\n${JSON.stringify({ query: { match_all: {} } })}\n`;
      return { request: { method: 'POST', path: '/_msearch', body }, bytes: textSize(body) };
    },
  },
  {
    name: 'path naming many indices',
    build: (bytes) => {
      const names = fill(bytes, 50, (i) => `logs-tenant${i % 20}-${i}`);
      const path = `/${names.join(',')}/_search`;
      return { request: { method: 'POST', path, body: { query: { match_all: {} } } }, bytes: Buffer.byteLength(path) };
    },
  },
  {
    name: 'one long string value',
    build: (bytes) => {
      const body = { query: { match: { message: 'x'.repeat(bytes - 60) } } };
      return { request: { method: 'POST', path: '/logs-tenant3-2024/_search', body }, bytes: textSize(body) };
    },
  },
  {
    name: 'one long key',
    build: (bytes) => {
      const body = { query: { term: { ['k'.repeat(bytes - 60)]: 'v' } } };
      return { request: { method: 'POST', path: '/logs-tenant3-2024/_search', body }, bytes: textSize(body) };
    },
  },
];

function timeOnce(request: unknown, options: GuardOptions): { ms: number; outcome: string } {
  const start = performance.now();
  let outcome = 'accepted';
  try {
    guardSearchRequest(request, TOKEN, options);
  } catch (error) {
    if (!(error instanceof UnsafeRequestError)) throw error;
    outcome = `refused ${error.reason}`;
  }
  return { ms: performance.now() - start, outcome };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function main(): void {
  const runsFlag = process.argv.indexOf('--runs');
  const runs = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 5;
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error('--runs takes a positive integer');
  const rows: string[][] = [['shape', 'limits', 'size', 'outcome', 'median ms', 'ms/MiB', `≤ ${BOUND_MS_PER_MIB} ms/MiB`]];
  let over = 0;
  for (const shape of SHAPES) {
    for (const target of SIZES) {
      const { request, bytes } = shape.build(target);
      for (const [limitsName, options] of [['default', DEFAULT_OPTIONS], ['raised', RAISED_OPTIONS]] as const) {
        const warmUp = timeOnce(request, options);
        const timings = Array.from({ length: warmUp.ms > SLOW_MS ? 1 : runs }, () => timeOnce(request, options));
        const ms = median(timings.map((t) => t.ms));
        const perMib = ms / (bytes / MIB);
        const ok = perMib <= BOUND_MS_PER_MIB;
        if (!ok) over += 1;
        rows.push([shape.name, limitsName, `${(bytes / 1024).toFixed(0)} KiB`, timings[0]?.outcome ?? '', ms.toFixed(2), perMib.toFixed(1), ok ? 'yes' : 'NO']);
      }
    }
  }
  const widths = rows[0]?.map((_cell, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  for (const row of rows) process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}\n`);
  process.stdout.write(`\n${over} of ${rows.length - 1} rows above ${BOUND_MS_PER_MIB} ms/MiB (node ${process.version}, ${runs} runs per row, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);
}

main();
