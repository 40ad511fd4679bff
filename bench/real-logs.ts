/**
 * The real logs in `../shared/data/logs/` (NDJSON, gzip) and a few
 * workloads per file on fields that exist in it, with values that occur in
 * it (picked by looking at the data, see docs/benchmarks.md).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { handAnd3, handAnyOf, handOne } from './hand-written.js';
import type { Workload } from './workload.js';

/** One log file, parsed. */
export interface LogFile {
  readonly name: string;
  readonly docs: readonly unknown[];
}

/** Reads every `*.ndjson.gz` in `dir` (sorted by name). */
export function readLogFiles(dir: string): LogFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ndjson.gz'))
    .sort()
    .map((name) => {
      const text = gunzipSync(readFileSync(join(dir, name))).toString('utf8');
      const docs = text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line): unknown => JSON.parse(line));
      return { name, docs };
    });
}

type Spec = readonly [field: string, value: string];

function one([field, value]: Spec, title = 'one field'): Workload {
  return { title, filters: [{ field, value }], operator: 'AND', handWritten: handOne(field, value) };
}

function and3(specs: readonly [Spec, Spec, Spec]): Workload {
  const filters = specs.map(([field, value]) => ({ field, value }));
  return { title: 'AND of 3 dotted fields', filters, operator: 'AND', handWritten: handAnd3(filters) };
}

function anyOf(field: string, values: readonly [string, string, string]): Workload {
  return {
    title: 'OR of 3 values',
    filters: values.map((value) => ({ field, value })),
    operator: 'OR',
    handWritten: handAnyOf(field, values),
  };
}

// Filters are listed in the canonical (code-unit) order compileAccess sorts
// them into, so every implementation evaluates an AND in the same order.
const BY_FILE: Readonly<Record<string, () => Workload[]>> = {
  'apache-access-2015.ndjson.gz': () => [
    one(['http.response.status_code', '404']),
    and3([['event.outcome', 'success'], ['http.request.method', 'GET'], ['url.extension', 'png']]),
    anyOf('http.response.status_code', ['301', '304', '404']),
    one(['related.ip', '66.249.73.135'], 'array membership (related.ip)'),
  ],
  'kafka-broker-2016.ndjson.gz': () => [
    one(['log.level', 'ERROR']),
    and3([['event.dataset', 'kafka.server'], ['host.name', 'kafka0'], ['log.level', 'INFO']]),
    anyOf('log.level', ['DEBUG', 'ERROR', 'WARN']),
    one(['kafka.isr', '2'], 'array membership (kafka.isr, numbers)'),
  ],
  'linux-auth-2017.ndjson.gz': () => [
    one(['user.name', 'root']),
    and3([['event.outcome', 'failure'], ['process.name', 'sshd'], ['system.auth.ssh.event', 'Invalid']]),
    anyOf('user.name', ['admin', 'root', 'ubuntu']),
    one(['event.category', 'authentication'], 'array membership (event.category)'),
  ],
  'nasa-ksc-http-1995.ndjson.gz': () => [
    one(['http.response.status_code', '304']),
    and3([['http.request.method', 'GET'], ['http.response.status_code', '200'], ['url.extension', 'gif']]),
    anyOf('url.extension', ['html', 'jpg', 'mpg']),
    one(['related.ip', '129.188.154.200'], 'array membership (related.ip)'),
  ],
};

/** The workloads for a log file, or `undefined` for a file the benchmark does not know. */
export function logWorkloads(file: string): Workload[] | undefined {
  return BY_FILE[file]?.();
}
