/**
 * The seeded generator of ECS-like log documents. About 95% are written
 * nested, about 5% with dotted keys (half fully flat, half a random mix of
 * nesting and dotted keys), and about 1% carry `http.response.status_code`
 * as a string, as some shippers send it.
 */
import { reshape, type DocShape } from './doc-shapes.js';
import { createFleet, SERVICES, type Service } from './ecs-fleet.js';
import { createRandom, weightedPicker, zipf, type Random } from './prng.js';

/**
 * The leaf fields every generated document may carry, with the ECS type the
 * generator writes for it. `kubernetes.namespace` is not in ECS (it comes
 * from Beats' Kubernetes metadata, mapped as `keyword` there).
 */
export const GENERATED_FIELDS: Readonly<Record<string, string>> = {
  '@timestamp': 'date',
  message: 'match_only_text',
  'event.kind': 'keyword',
  'event.category': 'keyword',
  'event.dataset': 'keyword',
  'event.outcome': 'keyword',
  'service.name': 'keyword',
  'service.environment': 'keyword',
  'host.name': 'keyword',
  'cloud.region': 'keyword',
  'kubernetes.namespace': 'keyword',
  'log.level': 'keyword',
  'http.request.method': 'keyword',
  'http.response.status_code': 'long',
  'http.response.body.bytes': 'long',
  'url.path': 'wildcard',
  'source.ip': 'ip',
  'related.ip': 'ip',
  'user.name': 'keyword',
  'trace.id': 'keyword',
  'tags': 'keyword',
  'process.pid': 'long',
};

/** Options of {@link generateDocuments}. */
export interface GenerateOptions {
  readonly count: number;
  readonly seed: number;
  /** Share of documents written with dotted keys. Default 0.05. */
  readonly dottedShare?: number;
  /** Share of documents whose status code is a string. Default 0.01. */
  readonly stringStatusShare?: number;
}

/** The documents and how each one is written. */
export interface GeneratedDocuments {
  readonly docs: readonly unknown[];
  /** `shapes[i]` is how `docs[i]` is written. */
  readonly shapes: readonly DocShape[];
  /** The documents written nested only (what sift/mingo/ucast can read). */
  readonly nestedOnly: readonly unknown[];
}

const pickEnvironment = weightedPicker([['production', 75], ['staging', 20], ['development', 5]]);
const pickRegion = weightedPicker([['us-east-1', 55], ['eu-west-1', 30], ['ap-southeast-2', 15]]);
const pickKind = weightedPicker([['event', 97], ['alert', 2], ['metric', 1]]);
const pickMethod = weightedPicker([['GET', 70], ['POST', 20], ['PUT', 5], ['DELETE', 3], ['PATCH', 2]]);
const pickStatus = weightedPicker([
  [200, 78], [201, 4], [204, 3], [301, 2], [304, 3], [400, 2], [401, 1.5], [403, 1], [404, 3],
  [500, 1.2], [502, 0.5], [503, 0.6], [504, 0.2],
]);
const pickService = weightedPicker(zipf(SERVICES, 0.9));
const pickLevel = weightedPicker([['info', 85], ['debug', 10], ['warn', 5]]);
const ENV_TAG: Readonly<Record<string, string>> = { production: 'prod', staging: 'stage', development: 'dev' };
const HEX = '0123456789abcdef';

function traceId(random: Random): string {
  let id = '';
  for (let i = 0; i < 32; i++) id += HEX[random.int(16)];
  return id;
}

function tagsFor(random: Random, service: Service, environment: string): string[] {
  const tags = ['k8s', ENV_TAG[environment] ?? environment, random.chance(0.5) ? 'blue' : 'green'];
  if (service.namespace === 'payments') tags.push('pci');
  if (random.chance(0.03)) tags.push('canary');
  if (random.chance(0.02)) tags.push('beta');
  return tags;
}

/**
 * Generates `count` documents, deterministic from `seed`.
 *
 * @example
 * ```ts
 * const { docs } = generateDocuments({ count: 1000, seed: 42 });
 * // docs[0]: { '@timestamp': '2026-01-05T00:00:00.000Z', service: { name: 'frontend', ... }, ... }
 * ```
 */
export function generateDocuments(options: GenerateOptions): GeneratedDocuments {
  const random = createRandom(options.seed);
  const fleet = createFleet(random);
  const dottedShare = options.dottedShare ?? 0.05;
  const stringStatusShare = options.stringStatusShare ?? 0.01;
  const docs: unknown[] = [];
  const shapes: DocShape[] = [];
  const nestedOnly: unknown[] = [];
  let time = Date.UTC(2026, 0, 5);
  for (let i = 0; i < options.count; i++) {
    time += random.int(170);
    const service = pickService(random);
    const environment = pickEnvironment(random);
    const method = pickMethod(random);
    const status = pickStatus(random);
    const path = random.pick(fleet.paths);
    const hostIndex = random.int(fleet.hosts.length);
    const clientIp = random.pick(fleet.clientIps);
    const hostIp = fleet.hostIps[hostIndex] as string;
    const failed = status >= 400;
    const doc: Record<string, unknown> = {
      '@timestamp': new Date(time).toISOString(),
      message: `${method} ${path} ${status}`,
      event: {
        kind: pickKind(random),
        category: random.chance(0.9) ? ['web'] : ['web', 'network'],
        dataset: service.edge ? 'nginx.access' : 'kubernetes.container_logs',
        outcome: failed ? 'failure' : 'success',
      },
      service: { name: service.name, environment },
      host: { name: fleet.hosts[hostIndex] },
      cloud: { region: pickRegion(random) },
      kubernetes: { namespace: service.namespace },
      log: { level: status >= 500 ? 'error' : status >= 400 ? 'warn' : pickLevel(random) },
      http: {
        request: { method },
        response: {
          status_code: random.chance(stringStatusShare) ? String(status) : status,
          body: { bytes: status === 204 || status === 304 ? 0 : 200 + random.int(40_000) },
        },
      },
      url: { path },
      source: { ip: clientIp },
      related: { ip: random.chance(0.2) ? [clientIp, hostIp, random.pick(fleet.hostIps)] : [clientIp, hostIp] },
      tags: tagsFor(random, service, environment),
      process: { pid: 1 + random.int(32_768) },
    };
    if (random.chance(0.35)) doc.user = { name: random.pick(fleet.users) };
    if (random.chance(0.4)) doc.trace = { id: traceId(random) };
    const shape: DocShape = random.chance(dottedShare) ? (random.chance(0.5) ? 'flat' : 'mixed') : 'nested';
    const written = reshape(doc, shape, random);
    docs.push(written);
    shapes.push(shape);
    if (shape === 'nested') nestedOnly.push(written);
  }
  return { docs, shapes, nestedOnly };
}
