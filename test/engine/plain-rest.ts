/**
 * Plain REST calls to the node, for tests that must see exactly what the
 * engine answers (status and body), with no client in between.
 */
import { expect } from 'vitest';
import { engineUrl } from './engine.js';

/** One call to the node; the body parsed as JSON when there is one. */
export async function engine(path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${engineUrl()}${path}`, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

/** (Re)creates a one-shard index with these properties and documents (`<name>-<i>` ids), refreshed. */
export async function createIndex(name: string, properties: Record<string, unknown>, docs: readonly Record<string, unknown>[]): Promise<void> {
  await engine(`/${name}`, { method: 'DELETE' });
  const created = await engine(`/${name}`, { method: 'PUT', body: JSON.stringify({ settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties } }) });
  expect(created.status).toBe(200);
  const bulk = docs.map((doc, i) => `${JSON.stringify({ index: { _index: name, _id: `${name}-${i}` } })}\n${JSON.stringify(doc)}\n`).join('');
  const loaded = await engine('/_bulk?refresh=true', { method: 'POST', body: bulk, headers: { 'content-type': 'application/x-ndjson' } });
  expect((loaded.body as { errors: boolean }).errors).toBe(false);
}

/** A request to a proxy under test, carrying `secret` as a bearer token; a string body is sent as is. */
export function bearerRequest(secret: string, path: string, body?: unknown, method = 'POST'): Request {
  return new Request(`http://proxy.test${path}`, {
    method,
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}
