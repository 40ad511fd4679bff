/**
 * The made-up fleet the generated logs come from: services (with their
 * Kubernetes namespace), hosts, client IPs, users and URL paths. Built from
 * the seed, so it is the same on every run.
 */
import type { Random } from './prng.js';

/** A service and where it runs. */
export interface Service {
  readonly name: string;
  readonly namespace: string;
  /** Edge services log through nginx; the rest through container logs. */
  readonly edge: boolean;
}

/** Ordered by traffic rank: the generator draws them Zipf-like. */
export const SERVICES: readonly Service[] = [
  { name: 'frontend', namespace: 'web', edge: true },
  { name: 'api-gateway', namespace: 'edge', edge: true },
  { name: 'checkout', namespace: 'shop', edge: false },
  { name: 'cart', namespace: 'shop', edge: false },
  { name: 'catalog', namespace: 'shop', edge: false },
  { name: 'search', namespace: 'shop', edge: false },
  { name: 'auth', namespace: 'identity', edge: false },
  { name: 'payments', namespace: 'payments', edge: false },
  { name: 'orders', namespace: 'shop', edge: false },
  { name: 'recommendations', namespace: 'shop', edge: false },
  { name: 'users', namespace: 'identity', edge: false },
  { name: 'inventory', namespace: 'supply', edge: false },
  { name: 'shipping', namespace: 'supply', edge: false },
  { name: 'billing', namespace: 'payments', edge: false },
  { name: 'notifications', namespace: 'messaging', edge: false },
  { name: 'fraud-detection', namespace: 'payments', edge: false },
  { name: 'reviews', namespace: 'shop', edge: false },
  { name: 'email', namespace: 'messaging', edge: false },
  { name: 'ads', namespace: 'marketing', edge: false },
  { name: 'analytics', namespace: 'data', edge: false },
  { name: 'etl', namespace: 'data', edge: false },
  { name: 'scheduler', namespace: 'platform', edge: false },
  { name: 'config', namespace: 'platform', edge: false },
  { name: 'metrics-exporter', namespace: 'observability', edge: false },
];

/** Pools the generator draws from. */
export interface Fleet {
  readonly hosts: readonly string[];
  readonly hostIps: readonly string[];
  readonly clientIps: readonly string[];
  readonly users: readonly string[];
  readonly paths: readonly string[];
}

const RESOURCES = ['cart', 'orders', 'products', 'users', 'payments', 'search', 'reviews', 'sessions', 'inventory'];
const FIRST = ['ana', 'ben', 'chen', 'dara', 'eli', 'fatima', 'goran', 'hana', 'ivan', 'jules', 'kofi', 'lena'];

/** Draws the fleet's pools; sizes are those of a mid-sized production cluster. */
export function createFleet(random: Random): Fleet {
  const hosts: string[] = [];
  const hostIps: string[] = [];
  for (let i = 0; i < 320; i++) {
    const a = random.int(16);
    const b = 1 + random.int(254);
    hosts.push(`ip-10-0-${a}-${b}`);
    hostIps.push(`10.0.${a}.${b}`);
  }
  const clientIps: string[] = [];
  for (let i = 0; i < 5000; i++) {
    clientIps.push(`${1 + random.int(223)}.${random.int(256)}.${random.int(256)}.${1 + random.int(254)}`);
  }
  const users: string[] = [];
  for (let i = 0; i < 600; i++) users.push(`${random.pick(FIRST)}.${i}`);
  const paths: string[] = [];
  for (const resource of RESOURCES) {
    paths.push(`/api/v1/${resource}`);
    for (let i = 0; i < 12; i++) paths.push(`/api/v1/${resource}/${random.int(1_000_000)}`);
  }
  paths.push('/', '/healthz', '/static/app.js', '/static/app.css', '/favicon.ico');
  return { hosts, hostIps, clientIps, users, paths };
}
