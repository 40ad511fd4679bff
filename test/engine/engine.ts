/**
 * The running engine node, through the OpenSearch client (plain HTTP and
 * JSON; it makes no product check, so it talks to Elasticsearch 8 as well):
 * which engine it is, create an index in the form this engine accepts,
 * bulk-load documents (keeping only those the engine accepted), and run many
 * searches in `_msearch` batches.
 */
import { Client } from '@opensearch-project/opensearch';
import { toJsonText } from './source-leaves.js';
import type { Json } from './value-pools.js';

/** The node's URL, set by `engine/run-engine-suite.mjs`. */
export function engineUrl(): string {
  const url = process.env['ENGINE_URL'];
  if (url === undefined || url === '') {
    throw new Error('ENGINE_URL is not set: run the engine suite with `npm run test:engine`.');
  }
  return url;
}

/** Which engine the suite runs against. */
export interface EngineIdentity {
  /** `opensearch-2.19.6`, `elasticsearch-8.19.21`: the label of every test and summary. */
  readonly name: string;
  readonly product: 'opensearch' | 'elasticsearch';
  /** The full version, `2.19.6`. */
  readonly version: string;
  /** The major version, `2`. */
  readonly major: number;
}

/**
 * The engine under test, from `ENGINE_PRODUCT` and `ENGINE_VERSION` (set by
 * the runner, which knows which node it started). Tests branch on it only
 * where engines genuinely differ.
 */
export function engineIdentity(): EngineIdentity {
  const product = process.env['ENGINE_PRODUCT'];
  const version = process.env['ENGINE_VERSION'] ?? '';
  if (product !== 'opensearch' && product !== 'elasticsearch') {
    throw new Error(`ENGINE_PRODUCT is ${JSON.stringify(product)}: run the engine suite with \`npm run test:engine\`.`);
  }
  const major = Number(version.split('.')[0]);
  if (!Number.isSafeInteger(major)) throw new Error(`ENGINE_VERSION is ${JSON.stringify(version)}, not a version`);
  return { name: `${product}-${version}`, product, version, major };
}

/** A client for the node. */
export function engineClient(): Client {
  return new Client({ node: engineUrl(), requestTimeout: 120_000 });
}

/** A part of a fixture this engine cannot run, and why: counted in the file's summary. */
export interface EngineSkip {
  /** The field path (or setting) left out. */
  readonly what: string;
  readonly reason: string;
}

const skips: EngineSkip[] = [];

/** What this test file left out for the engine so far (read by `recordSummary`). */
export function engineSkips(): readonly EngineSkip[] {
  return skips;
}

/** Records that this test file leaves `what` out on this engine, and why; it shows in the file's summary. */
export function recordEngineSkip(what: string, reason: string): void {
  // A fixture built once per index (the guard builds many) is left out once.
  if (!skips.some((skip) => skip.what === what && skip.reason === reason)) skips.push({ what, reason });
}

/**
 * Field types the embedded Elasticsearch node does not have: they live in
 * X-Pack plugins (`wildcard`, `constant_keyword`, `unsigned_long`) or in the
 * `mapper-extras` module (`scaled_float`, `match_only_text`), none of which is published on
 * Maven Central, so the in-process node has only the server's mappers.
 */
const missingOnElasticsearchNode: Readonly<Record<string, string>> = {
  wildcard: 'wildcard is an X-Pack plugin, not on Maven Central: the embedded Elasticsearch node lacks it',
  constant_keyword: 'constant_keyword is an X-Pack plugin, not on Maven Central: the embedded Elasticsearch node lacks it',
  unsigned_long: 'unsigned_long is an X-Pack plugin, not on Maven Central: the embedded Elasticsearch node lacks it',
  scaled_float: 'scaled_float is in the mapper-extras module, not on Maven Central: the embedded Elasticsearch node lacks it',
  match_only_text: 'match_only_text is in the mapper-extras module, not on Maven Central: the embedded Elasticsearch node lacks it',
};

/**
 * Token filters a custom normalizer may name on the embedded Elasticsearch
 * node: the server registers `lowercase` itself; `asciifolding`, `uppercase`,
 * `trim`, `cjk_width` and `decimal_digit` belong to the `analysis-common`
 * module, which is not on Maven Central, and are registered on the node by
 * its test plugin `NormalizerFiltersPlugin` (Lucene's filters, wired as that
 * module's factories wire them). Any other filter is missing.
 */
const normalizerFiltersOnElasticsearchNode: ReadonlySet<string> = new Set(['lowercase', 'asciifolding', 'uppercase', 'trim', 'cjk_width', 'decimal_digit']);

/**
 * Types a custom filter definition (`analysis.filter.<name>.type`) may have on
 * the embedded Elasticsearch node: those `NormalizerFiltersPlugin` registers
 * as factories (the server's own `lowercase` is pre-configured only).
 */
const customFilterTypesOnElasticsearchNode: ReadonlySet<string> = new Set(['lowercase', 'asciifolding', 'uppercase', 'trim', 'cjk_width', 'decimal_digit']);

/**
 * One field mapping in the form this engine takes, or the reason it cannot
 * be had at all. `flat_object` (OpenSearch) and `flattened` (Elasticsearch)
 * are the same idea, the object's leaves indexed as keywords and queried by
 * root or by sub-key, so each engine gets its own name for it. A sub-property
 * or multi-field the engine lacks is left out on its own and pushed on
 * `left`, with its dotted path, so that one `wildcard` deep in an object does
 * not cost the whole object.
 */
export function fieldMappingForEngine(
  path: string,
  mapping: Record<string, unknown>,
  left: EngineSkip[],
  engine: EngineIdentity = engineIdentity(),
  unusableNormalizers: ReadonlySet<string> = new Set(),
): { readonly mapping: Record<string, unknown> } | { readonly skip: string } {
  const type = mapping['type'];
  let out: Record<string, unknown> = { ...mapping };
  if (engine.product === 'elasticsearch') {
    if (typeof type === 'string' && missingOnElasticsearchNode[type] !== undefined) return { skip: missingOnElasticsearchNode[type] };
    if (type === 'flat_object') out = { ...out, type: 'flattened' };
  } else if (type === 'flattened') {
    out = { ...out, type: 'flat_object' };
  }
  const normalizer = out['normalizer'];
  if (typeof normalizer === 'string' && unusableNormalizers.has(normalizer)) {
    return { skip: `normalizer ${normalizer} uses a token filter the embedded Elasticsearch node lacks (analysis-common is not on Maven Central; its test plugin registers only the normalizer filters the library emulates)` };
  }
  for (const key of ['properties', 'fields'] as const) {
    const children = out[key];
    if (children === undefined || typeof children !== 'object' || children === null) continue;
    const adapted: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(children as Record<string, Record<string, unknown>>)) {
      const childPath = `${path}.${name}`;
      const result = fieldMappingForEngine(childPath, child, left, engine, unusableNormalizers);
      if ('skip' in result) left.push({ what: childPath, reason: result.skip });
      else adapted[name] = result.mapping;
    }
    out = { ...out, [key]: adapted };
  }
  return { mapping: out };
}

/**
 * An index body (`settings`, `mappings`) in the form this engine takes: each
 * field is kept, renamed to this engine's equivalent type, or left out with
 * its reason recorded in {@link engineSkips} (and so in the file's summary).
 * Under `dynamic: false` a left-out field is simply unmapped: the engine and
 * the predicate both treat it as such, so the comparison stays exact, it just
 * covers less.
 */
export function indexBodyForEngine(body: Record<string, unknown>, engine: EngineIdentity = engineIdentity()): Record<string, unknown> {
  const settings = (body['settings'] ?? {}) as Record<string, unknown>;
  const unusableNormalizers = new Set<string>();
  let adaptedSettings = settings;
  if (engine.product === 'elasticsearch') {
    const analysis = settings['analysis'] as { normalizer?: Record<string, { filter?: unknown }>; filter?: Record<string, { type?: unknown }> } | undefined;
    // A custom filter definition of a type the node lacks would fail the whole index: it is left out,
    // and so is every normalizer naming it (a definition shadows a built-in filter of the same name).
    const customFilters = analysis?.filter ?? {};
    const keptFilters: Record<string, unknown> = {};
    const droppedFilters = new Set<string>();
    for (const [name, definition] of Object.entries(customFilters)) {
      if (typeof definition.type === 'string' && customFilterTypesOnElasticsearchNode.has(definition.type)) keptFilters[name] = definition;
      else droppedFilters.add(name);
    }
    const usable = (filter: unknown): boolean =>
      typeof filter === 'string' && !droppedFilters.has(filter) && (filter in keptFilters || normalizerFiltersOnElasticsearchNode.has(filter));
    const normalizers = analysis?.normalizer ?? {};
    const kept: Record<string, unknown> = {};
    for (const [name, definition] of Object.entries(normalizers)) {
      const filters = Array.isArray(definition.filter) ? (definition.filter as unknown[]) : [];
      if (filters.every(usable)) kept[name] = definition;
      else unusableNormalizers.add(name);
    }
    for (const name of droppedFilters) recordEngineSkip(`analysis.filter.${name}`, 'its type is a token filter the embedded Elasticsearch node lacks');
    if (unusableNormalizers.size > 0 || droppedFilters.size > 0) {
      const { filter: _all, ...rest } = analysis ?? {};
      adaptedSettings = { ...settings, analysis: { ...rest, normalizer: kept, ...(Object.keys(keptFilters).length > 0 ? { filter: keptFilters } : {}) } };
    }
  }
  const mappings = body['mappings'] as Record<string, unknown> | undefined;
  if (mappings === undefined) return { ...body, settings: adaptedSettings };
  const properties = (mappings['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  const adapted: Record<string, unknown> = {};
  const left: EngineSkip[] = [];
  for (const [name, mapping] of Object.entries(properties)) {
    const result = fieldMappingForEngine(name, mapping, left, engine, unusableNormalizers);
    if ('skip' in result) left.push({ what: name, reason: result.skip });
    else adapted[name] = result.mapping;
  }
  for (const skip of left) recordEngineSkip(skip.what, skip.reason);
  return { ...body, settings: adaptedSettings, mappings: { ...mappings, properties: adapted } };
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

/** (Re)creates an index, its body adapted to this engine by {@link indexBodyForEngine}. */
export async function recreateIndex(client: Client, index: string, body: Record<string, unknown>): Promise<void> {
  await client.indices.delete({ index, ignore_unavailable: true });
  await client.indices.create({ index, body: indexBodyForEngine(body) });
}

/**
 * Sends documents as their exact JSON text to `_bulk` with `refresh: true`, in chunks; answers, per
 * document in order, the engine's refusal (`type: reason`) or `undefined` where it was indexed.
 */
export async function bulkIndexTexts(client: Client, index: string, documents: ReadonlyArray<{ readonly id: string; readonly text: string }>): Promise<Array<string | undefined>> {
  const refusals: Array<string | undefined> = [];
  const chunkSize = 1000;
  for (let start = 0; start < documents.length; start += chunkSize) {
    const chunk = documents.slice(start, start + chunkSize);
    const body = chunk.map((document) => `${JSON.stringify({ index: { _index: index, _id: document.id } })}\n${document.text}\n`).join('');
    const response = await client.transport.request({ method: 'POST', path: '/_bulk', querystring: { refresh: 'true' }, bulkBody: body });
    const items = (response.body as { items: unknown }).items as Array<Record<string, { status: number; error?: { type?: string; reason?: string } }>>;
    if (items.length !== chunk.length) throw new Error(`bulk answered ${items.length} items for ${chunk.length} documents`);
    for (const item of items) {
      const result = item['index'];
      if (result === undefined) throw new Error('bulk answered an item without an index result');
      refusals.push(result.error === undefined ? undefined : `${result.error.type ?? 'error'}: ${result.error.reason ?? ''}`);
    }
  }
  return refusals;
}

/** Indexes documents with `refresh: true`, in chunks; a refused document is recorded, not fatal. */
export async function bulkIndex(client: Client, index: string, documents: readonly IdentifiedDocument[]): Promise<BulkOutcome> {
  // NDJSON text of our own: bigints must reach the engine as plain digits.
  const refusals = await bulkIndexTexts(client, index, documents.map((document) => ({ id: document.id, text: toJsonText(document.source) })));
  const indexed: IdentifiedDocument[] = [];
  const rejected: Array<{ document: IdentifiedDocument; reason: string }> = [];
  documents.forEach((document, position) => {
    const reason = refusals[position];
    if (reason === undefined) indexed.push(document);
    else rejected.push({ document, reason });
  });
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

/**
 * `GET <index>`, as the client returns its body: mappings *and* settings (normalizers), the input
 * of `fieldTypesFromMapping` (with `{ engine: engineIdentity().product }`).
 */
export async function getMapping(client: Client, index: string): Promise<Record<string, unknown>> {
  const response = await client.indices.get({ index });
  return response.body as Record<string, unknown>;
}
