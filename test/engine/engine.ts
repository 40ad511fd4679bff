/**
 * The running OpenSearch node, through the official client: create an index,
 * bulk-load documents (keeping only those the engine accepted), and run many
 * searches in `_msearch` batches.
 */
import { Client } from '@opensearch-project/opensearch';
import { toJsonText } from './source-leaves.js';
import type { Json } from './value-pools.js';

/** The node's URL, set by `conformance/run-engine-suite.mjs`. */
export function engineUrl(): string {
  const url = process.env['OPENSEARCH_URL'];
  if (url === undefined || url === '') {
    throw new Error('OPENSEARCH_URL is not set: run the engine suite with `npm run test:engine`.');
  }
  return url;
}

/** A client for the node. */
export function engineClient(): Client {
  return new Client({ node: engineUrl(), requestTimeout: 120_000 });
}

/** A document with its id, as sent to `_bulk`. */
export interface IdentifiedDocument {
  readonly id: string;
  readonly source: Record<string, Json>;
}

/** What `_bulk` did with the documents. */
export interface BulkOutcome {
  /** Documents the engine indexed. */
  readonly indexed: IdentifiedDocument[];
  /** Documents it refused, with the error type (`mapper_parsing_exception`, ...). */
  readonly rejected: Array<{ readonly document: IdentifiedDocument; readonly reason: string }>;
}

/** (Re)creates an index. */
export async function recreateIndex(client: Client, index: string, body: Record<string, unknown>): Promise<void> {
  await client.indices.delete({ index, ignore_unavailable: true });
  await client.indices.create({ index, body });
}

/** Indexes documents with `refresh: true`, in chunks; a refused document is recorded, not fatal. */
export async function bulkIndex(client: Client, index: string, documents: readonly IdentifiedDocument[]): Promise<BulkOutcome> {
  const indexed: IdentifiedDocument[] = [];
  const rejected: Array<{ document: IdentifiedDocument; reason: string }> = [];
  const chunkSize = 1000;
  for (let start = 0; start < documents.length; start += chunkSize) {
    const chunk = documents.slice(start, start + chunkSize);
    // NDJSON text of our own: bigints must reach the engine as plain digits.
    const body = chunk.map((document) => `${JSON.stringify({ index: { _index: index, _id: document.id } })}\n${toJsonText(document.source)}\n`).join('');
    const response = await client.transport.request({ method: 'POST', path: '/_bulk', querystring: { refresh: 'true' }, bulkBody: body });
    const items = (response.body as { items: unknown }).items as Array<Record<string, { status: number; error?: { type?: string; reason?: string } }>>;
    items.forEach((item, position) => {
      const document = chunk[position];
      const result = item['index'];
      if (document === undefined || result === undefined) throw new Error(`bulk answered ${items.length} items for ${chunk.length} documents`);
      if (result.error === undefined) indexed.push(document);
      else rejected.push({ document, reason: `${result.error.type ?? 'error'}: ${result.error.reason ?? ''}` });
    });
  }
  return { indexed, rejected };
}

/** One search's outcome: the ids it matched, or the engine's error. */
export type SearchOutcome =
  | { readonly kind: 'hits'; readonly ids: ReadonlySet<string>; readonly response: Record<string, unknown> }
  | { readonly kind: 'error'; readonly error: string };

/**
 * Runs searches against one index through `_msearch`, in batches. Every
 * search asks for up to `size` ids and the exact total; a response with
 * failed shards counts as an error (partial results are not an answer).
 */
export async function searchMany(
  client: Client,
  index: string,
  bodies: readonly Record<string, unknown>[],
  size: number,
): Promise<SearchOutcome[]> {
  const outcomes: SearchOutcome[] = [];
  const batchSize = 200;
  for (let start = 0; start < bodies.length; start += batchSize) {
    const batch = bodies.slice(start, start + batchSize);
    const body = batch.flatMap((search) => [{ index }, { size, track_total_hits: true, _source: false, ...search }]);
    const response = await client.msearch({ body });
    const responses = response.body.responses as Array<Record<string, unknown>>;
    if (responses.length !== batch.length) throw new Error(`msearch answered ${responses.length} of ${batch.length}`);
    for (const item of responses) outcomes.push(readSearchResponse(item, size));
  }
  return outcomes;
}

/** Reads one search response (from `_search` or an `_msearch` item). */
export function readSearchResponse(item: Record<string, unknown>, size: number): SearchOutcome {
  if (item['error'] !== undefined) return { kind: 'error', error: describeError(item['error']) };
  const shards = item['_shards'] as { failed?: number; failures?: unknown[] } | undefined;
  if (shards !== undefined && (shards.failed ?? 0) > 0) {
    return { kind: 'error', error: `partial failure: ${JSON.stringify(shards.failures ?? []).slice(0, 500)}` };
  }
  const hits = item['hits'] as { total?: { value: number; relation: string }; hits: Array<{ _id: string }> };
  const ids = new Set(hits.hits.map((hit) => hit._id));
  if (hits.total !== undefined && hits.total.value > size) {
    throw new Error(`a search matched ${hits.total.value} documents, more than the ${size} asked for`);
  }
  return { kind: 'hits', ids, response: item };
}

function describeError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const record = error as { type?: string; reason?: string; root_cause?: Array<{ type?: string; reason?: string }> };
  const root = record.root_cause?.[0];
  return `${record.type ?? 'error'}: ${record.reason ?? ''}${root ? ` (root cause ${root.type ?? ''}: ${root.reason ?? ''})` : ''}`;
}

/** `GET <index>/_mapping`, as the client returns its body: the input of `fieldTypesFromMapping`. */
export async function getMapping(client: Client, index: string): Promise<Record<string, unknown>> {
  const response = await client.indices.getMapping({ index });
  return response.body as Record<string, unknown>;
}
