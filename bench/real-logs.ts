/**
 * The real logs in `test/fixtures/logs/` (NDJSON, gzip) and a few
 * workloads per file on fields that exist in it, with values that occur in
 * it (picked by looking at the data, see docs/benchmarks.md). Each workload
 * carries its floor (f) from `floor-closures.ts`, written for these filters.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as floor from './floor-closures.js';
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

/** Row (f) of a workload, written by hand in `floor-closures.ts`. */
type Floor = Workload['floor'];

function one([field, value]: Spec, floorClosure: Floor, title = 'one field'): Workload {
  return { title, filters: [{ field, value }], operator: 'AND', handWritten: handOne(field, value), floor: floorClosure };
}

function and3(specs: readonly [Spec, Spec, Spec], floorClosure: Floor): Workload {
  const filters = specs.map(([field, value]) => ({ field, value }));
  return { title: 'AND of 3 dotted fields', filters, operator: 'AND', handWritten: handAnd3(filters), floor: floorClosure };
}

function anyOf(field: string, values: readonly [string, string, string], floorClosure: Floor): Workload {
  return {
    title: 'OR of 3 values',
    filters: values.map((value) => ({ field, value })),
    operator: 'OR',
    handWritten: handAnyOf(field, values),
    floor: floorClosure,
  };
}

// Filters are listed in the canonical (code-unit) order compileAccess sorts
// them into, so every implementation evaluates an AND in the same order.
const BY_FILE: Readonly<Record<string, () => Workload[]>> = {
  'apache-access-2015.ndjson.gz': () => [
    one(['http.response.status_code', '404'], floor.floorApacheStatus404),
    and3([['event.outcome', 'success'], ['http.request.method', 'GET'], ['url.extension', 'png']], floor.floorApacheAnd3),
    anyOf('http.response.status_code', ['301', '304', '404'], floor.floorApacheStatusAnyOf),
    one(['related.ip', '66.249.73.135'], floor.floorApacheRelatedIp, 'array membership (related.ip)'),
  ],
  'kafka-broker-2016.ndjson.gz': () => [
    one(['log.level', 'ERROR'], floor.floorKafkaLevel),
    and3([['event.dataset', 'kafka.server'], ['host.name', 'kafka0'], ['log.level', 'INFO']], floor.floorKafkaAnd3),
    anyOf('log.level', ['DEBUG', 'ERROR', 'WARN'], floor.floorKafkaLevelAnyOf),
    one(['kafka.isr', '2'], floor.floorKafkaIsr, 'array membership (kafka.isr, numbers)'),
  ],
  'linux-auth-2017.ndjson.gz': () => [
    one(['user.name', 'root'], floor.floorAuthUser),
    and3([['event.outcome', 'failure'], ['process.name', 'sshd'], ['system.auth.ssh.event', 'Invalid']], floor.floorAuthAnd3),
    anyOf('user.name', ['admin', 'root', 'ubuntu'], floor.floorAuthUserAnyOf),
    one(['event.category', 'authentication'], floor.floorAuthCategory, 'array membership (event.category)'),
  ],
  'nasa-ksc-http-1995.ndjson.gz': () => [
    one(['http.response.status_code', '304'], floor.floorNasaStatus304),
    and3([['http.request.method', 'GET'], ['http.response.status_code', '200'], ['url.extension', 'gif']], floor.floorNasaAnd3),
    anyOf('url.extension', ['html', 'jpg', 'mpg'], floor.floorNasaExtensionAnyOf),
    one(['related.ip', '129.188.154.200'], floor.floorNasaRelatedIp, 'array membership (related.ip)'),
  ],
};

/** The workloads for a log file, or `undefined` for a file the benchmark does not know. */
export function logWorkloads(file: string): Workload[] | undefined {
  return BY_FILE[file]?.();
}
