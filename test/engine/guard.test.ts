/**
 * The request guard on a real node: for random tokens and random user
 * requests, every request the guard accepts returns, on the full index,
 * exactly what the unguarded request returns on an index holding only the
 * documents the token's predicate allows: the same hits, the same totals,
 * the same aggregation buckets and counts. So it returns only hits and
 * bucket counts the predicate allows, and an escape the guard let through
 * (a `global` aggregation, a lookup, a runtime field) shows up as a
 * difference.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@opensearch-project/opensearch';
import { compileAccess, fieldTypesFromMapping, toPredicate } from '../../src/index.js';
import type { AccessExpression, FieldTypes } from '../../src/index.js';
import { guardSearchRequest } from '../../src/index.js';
import type { GuardedSearchRequest } from '../../src/index.js';
import { isSharedTokenError } from '../../src/errors.js';
import { allTypesMappings } from './all-types-index.js';
import type { FilterSet } from './compare-filter-sets.js';
import { documentArbitrary } from './document-arbitrary.js';
import { bulkIndex, engineClient, getMapping, recreateIndex, engineIdentity } from './engine.js';
import type { IdentifiedDocument } from './engine.js';
import { filterSetArbitrary } from './filter-set-arbitrary.js';
import { engineSeed, recordSummary } from './run-summary.js';
import { userSearchBodyArbitrary } from './user-request-arbitrary.js';

const fullIndex = 'engine-guard-full';
const tokenCount = 12;
const requestsPerToken = 40;
// One shard: terms aggregations are then exact, so bucket counts compare exactly.
const settings = { number_of_shards: 1, number_of_replicas: 0, analysis: { normalizer: { lowercase_only: { type: 'custom', filter: ['lowercase'] } } } };

/** Token filters that compile on this mapping. */
const tokenValues = new Map<string, string[]>([
  ['kw', ['Acme', 'acme', 'a', 'b', '*']],
  ['kw_lower', ['ACME', 'a']],
  ['long_f', ['200', '0', '7']],
  ['int_f', ['200', '1', '127']],
  ['bool_f', ['true', 'false']],
  ['ip_f', ['10.0.0.1', '192.168.1.7']],
  ['date_f', ['2020-01-01']],
  ['items.sku', ['A-1', 'B-2']],
  ['obj.a', ['x', 'y']],
  ['const_f', ['acme']],
  ['message', ['Acme Corp', 'quick']],
]);

interface Normalized {
  readonly value: unknown;
  readonly ids: string[];
}

/**
 * A response reduced to what must be equal across the two indices: scores
 * and timings go, hit lists become sorted id lists (or only their total,
 * when a `top_hits` page is cut by score), every hit id is collected.
 */
function normalize(value: unknown, ids: string[] = []): Normalized {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const record = node as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(record)) {
      if (['took', 'max_score', '_score', '_shards', 'timed_out', '_clusters'].includes(key)) continue;
      // An aggregation over an index with no documents answers an empty `meta`; it says nothing about access.
      if (key === 'meta' && typeof child === 'object' && child !== null && Object.keys(child).length === 0) continue;
      if (key === 'hits' && typeof child === 'object' && child !== null && Array.isArray((child as { hits?: unknown }).hits)) {
        const hits = child as { total?: { value: number }; hits: Array<{ _id: string }> };
        const pageIds = hits.hits.map((hit) => hit._id).sort();
        ids.push(...pageIds);
        const complete = hits.total === undefined || hits.total.value === pageIds.length;
        out[key] = { total: hits.total, ids: complete ? pageIds : `(top ${pageIds.length} of ${hits.total?.value ?? '?'})` };
        continue;
      }
      out[key] = walk(child);
    }
    return out;
  };
  return { value: walk(value), ids };
}

/** The `_msearch` header equivalent to a guarded request's path and URL parameters. */
function headerOf(guarded: GuardedSearchRequest): Record<string, unknown> {
  if (guarded.endpoint !== 'search') throw new Error(`unexpected endpoint ${guarded.endpoint}`);
  const header: Record<string, unknown> = { index: guarded.indices.join(',') };
  for (const [key, value] of Object.entries(guarded.params)) header[key] = value;
  return header;
}

async function msearchItems(client: Client, items: ReadonlyArray<readonly [Record<string, unknown>, unknown]>): Promise<unknown[]> {
  if (items.length === 0) return [];
  const response = await client.msearch({ body: items.flatMap(([header, body]) => [header, body ?? {}]) as never });
  return (response.body as { responses: unknown[] }).responses;
}

describe('guardSearchRequest on OpenSearch: a guarded request sees exactly the allowed documents', () => {
  const started = Date.now();
  const seed = engineSeed() + 1;
  let client: Client;
  let fields: FieldTypes;
  let indexed: IdentifiedDocument[];
  let rejectedByEngine = 0;

  beforeAll(async () => {
    client = engineClient();
    await recreateIndex(client, fullIndex, { settings, mappings: allTypesMappings });
    fields = fieldTypesFromMapping(await getMapping(client, fullIndex), { engine: engineIdentity().product });
    const documents = fc.sample(documentArbitrary, { seed, numRuns: 800 }).map((source, n) => ({ id: `g${n}`, source }));
    const outcome = await bulkIndex(client, fullIndex, documents);
    indexed = outcome.indexed;
    rejectedByEngine = outcome.rejected.length;
  });

  afterAll(async () => {
    await client.indices.delete({ index: 'engine-guard-allowed-*', ignore_unavailable: true });
  });

  it('accepted requests return the same hits, totals and buckets as the same request on the allowed documents alone', async () => {
    const tokens: FilterSet[] = [{ operator: 'AND', filters: [] }, ...fc.sample(filterSetArbitrary(tokenValues), { seed, numRuns: tokenCount - 1 })];
    const bodies = fc.sample(userSearchBodyArbitrary, { seed, numRuns: tokens.length * requestsPerToken });
    const refusals = new Map<string, number>();
    const differences: string[] = [];
    let accepted = 0;
    let queries = 0;
    for (const [n, token] of tokens.entries()) {
      const expression: AccessExpression = compileAccess(token.filters, token.operator);
      const allows = toPredicate(expression, { fields });
      const allowedIds = new Set(indexed.filter((document) => allows(document.source)).map((document) => document.id));
      const allowedIndex = `engine-guard-allowed-${n}`;
      await recreateIndex(client, allowedIndex, { settings, mappings: allTypesMappings });
      const copied = await bulkIndex(client, allowedIndex, indexed.filter((document) => allowedIds.has(document.id)));
      expect(copied.rejected, 'documents the full index took must fit the allowed index too').toEqual([]);

      const acceptedHere: Array<{ body: Record<string, unknown>; guarded: GuardedSearchRequest }> = [];
      for (const body of bodies.slice(n * requestsPerToken, (n + 1) * requestsPerToken)) {
        try {
          const guarded = guardSearchRequest({ method: 'POST', path: `/${fullIndex}/_search`, body }, expression, { indices: [fullIndex], fields });
          acceptedHere.push({ body, guarded });
        } catch (error) {
          if (!isSharedTokenError(error, 'UNSAFE_REQUEST')) throw error;
          const reason = String(error.context['reason'] ?? 'unknown');
          refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
        }
      }
      accepted += acceptedHere.length;
      // Both sides in one _msearch each: the guarded request's path and URL
      // parameters become the item header, its body the item body.
      const [viaGuard, reference] = await Promise.all([
        msearchItems(client, acceptedHere.map(({ guarded }) => [headerOf(guarded), guarded.body])),
        msearchItems(client, acceptedHere.map(({ body }) => [{ index: allowedIndex }, body])),
      ]);
      queries += 2 * acceptedHere.length;
      acceptedHere.forEach(({ body, guarded }, position) => {
        const got = normalize(viaGuard[position]);
        const want = normalize(reference[position]);
        const leaked = got.ids.filter((id) => !allowedIds.has(id));
        if (leaked.length > 0 || JSON.stringify(got.value) !== JSON.stringify(want.value)) {
          differences.push(
            [
              `--- token ${JSON.stringify(token)} (expression ${JSON.stringify(expression)})`,
              `user body: ${JSON.stringify(body)}`,
              `guarded: ${JSON.stringify(guarded)}`,
              `hits outside the token: ${JSON.stringify(leaked.slice(0, 10))}`,
              `guarded result: ${JSON.stringify(got.value).slice(0, 1500)}`,
              `reference result: ${JSON.stringify(want.value).slice(0, 1500)}`,
            ].join('\n'),
          );
        }
      });
    }
    recordSummary({
      name: 'guard',
      seed,
      documents: indexed.length,
      documentsRejectedByEngine: rejectedByEngine,
      filterSets: tokens.length,
      queries,
      disagreements: differences.length,
      seconds: (Date.now() - started) / 1000,
      notes: [
        `user requests: ${bodies.length}, accepted by the guard ${accepted}, refused ${bodies.length - accepted}`,
        `refusals by reason: ${JSON.stringify(Object.fromEntries(refusals))}`,
      ],
    });
    for (const difference of differences.slice(0, 15)) process.stdout.write(`${difference}\n`);
    expect(accepted, 'the guard must accept a good share of ordinary requests').toBeGreaterThan(bodies.length / 3);
    expect(differences.length, 'guarded requests that saw more (or other) than the allowed documents').toBe(0);
  });
});
