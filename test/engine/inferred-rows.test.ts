/**
 * The rows of docs/term-semantics.md that were inferred ([I]) rather than read in
 * the engine's source: what OpenSearch really does with them. Each probe is
 * one field, one document (raw JSON text, so number spellings survive) and
 * one `term` filter, on a fresh index. The expectations are this node's
 * observed behaviour; where it differs from the semantics document, the
 * `documented` column says what the document claimed and
 * docs/engine-suite.md records the correction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@opensearch-project/opensearch';
import { engineClient, engineIdentity, fieldMappingForEngine, readSearchResponse, recordEngineSkip } from './engine.js';
import { recordSummary } from './run-summary.js';

type Outcome = 'match' | 'none' | 'error' | 'doc-rejected';

interface Probe {
  /** The §7 row (or section) it checks. */
  readonly row: string;
  readonly mapping: Record<string, unknown>;
  /** The document's `_source` as JSON text; the field is `f`. */
  readonly source: string;
  readonly filter: string;
  /** What docs/term-semantics.md says for OpenSearch (its Elasticsearch column where the OpenSearch one is silent). */
  readonly documented: Outcome;
  /** What OpenSearch 2.19 does. */
  readonly observed: Outcome;
  /** What Elasticsearch 8.19 does, where it differs from {@link observed}. */
  readonly observedOnElasticsearch?: Outcome;
}

/** The outcome expected on the engine under test. */
function expectedOn(probe: Probe): Outcome {
  return engineIdentity().product === 'elasticsearch' ? (probe.observedOnElasticsearch ?? probe.observed) : probe.observed;
}

const probes: readonly Probe[] = [
  { row: '§7 #11 keyword holding a JSON number', mapping: { type: 'keyword' }, source: '{"f":5}', filter: '5', documented: 'match', observed: 'match' },
  { row: '§1 keyword keeps a number\'s literal spelling (1.0)', mapping: { type: 'keyword' }, source: '{"f":1.0}', filter: '1.0', documented: 'match', observed: 'match' },
  { row: '§1 keyword keeps a number\'s literal spelling (1.0 ≠ "1")', mapping: { type: 'keyword' }, source: '{"f":1.0}', filter: '1', documented: 'none', observed: 'none' },
  { row: '§1 keyword keeps a number\'s literal spelling (1e2)', mapping: { type: 'keyword' }, source: '{"f":1e2}', filter: '1e2', documented: 'match', observed: 'match' },
  { row: '§1 keyword holding a boolean', mapping: { type: 'keyword' }, source: '{"f":true}', filter: 'true', documented: 'match', observed: 'match' },
  { row: '§7 #27 double 0 vs "-0"', mapping: { type: 'double' }, source: '{"f":0}', filter: '-0', documented: 'none', observed: 'none' },
  { row: '§7 #27 double -0.0 vs "0"', mapping: { type: 'double' }, source: '{"f":-0.0}', filter: '0', documented: 'none', observed: 'none' },
  { row: '§7 #30 half_float 200.1 vs "200.125"', mapping: { type: 'half_float' }, source: '{"f":200.1}', filter: '200.125', documented: 'match', observed: 'match' },
  { row: '§2 half_float "70000" (beyond binary16)', mapping: { type: 'half_float' }, source: '{"f":1}', filter: '70000', documented: 'error', observed: 'error', observedOnElasticsearch: 'none' },
  { row: '§7 #32 unsigned_long 200 vs "200.0"', mapping: { type: 'unsigned_long' }, source: '{"f":200}', filter: '200.0', documented: 'match', observed: 'match' },
  { row: '§7 #33 unsigned_long 200 vs Arabic-Indic digits', mapping: { type: 'unsigned_long' }, source: '{"f":200}', filter: '\u0662\u0660\u0660', documented: 'error', observed: 'error' },
  { row: '§2 unsigned_long 200 vs "2e2" (OS row silent; ES none)', mapping: { type: 'unsigned_long' }, source: '{"f":200}', filter: '2e2', documented: 'none', observed: 'match' },
  { row: '§2 unsigned_long 200 vs "+200"', mapping: { type: 'unsigned_long' }, source: '{"f":200}', filter: '+200', documented: 'match', observed: 'match' },
  { row: '§2 unsigned_long 200 vs " 200"', mapping: { type: 'unsigned_long' }, source: '{"f":200}', filter: ' 200', documented: 'none', observed: 'error' },
  { row: '§2 unsigned_long 0 vs "-0"', mapping: { type: 'unsigned_long' }, source: '{"f":0}', filter: '-0', documented: 'none', observed: 'match' },
  { row: '§2 unsigned_long 200 vs "200.000000000000000001"', mapping: { type: 'unsigned_long' }, source: '{"f":200}', filter: '200.000000000000000001', documented: 'none', observed: 'match' },
  { row: '§2 unsigned_long max vs "18446744073709551616"', mapping: { type: 'unsigned_long' }, source: '{"f":18446744073709551615}', filter: '18446744073709551616', documented: 'error', observed: 'error' },
  { row: '§2 unsigned_long 200 vs "200.5"', mapping: { type: 'unsigned_long' }, source: '{"f":200}', filter: '200.5', documented: 'none', observed: 'none' },
  { row: '§7 #36 boolean "" in the document vs "false"', mapping: { type: 'boolean' }, source: '{"f":""}', filter: 'false', documented: 'match', observed: 'match' },
  { row: '§7 #42 ip ::ffff:10.0.0.1 vs "10.0.0.1"', mapping: { type: 'ip' }, source: '{"f":"::ffff:10.0.0.1"}', filter: '10.0.0.1', documented: 'match', observed: 'match' },
  { row: '§3 ip 10.0.0.1 vs "::ffff:10.0.0.1"', mapping: { type: 'ip' }, source: '{"f":"10.0.0.1"}', filter: '::ffff:10.0.0.1', documented: 'match', observed: 'match' },
  { row: '§7 #46 flat_object {"p":5} vs root "5"', mapping: { type: 'flat_object' }, source: '{"f":{"p":5}}', filter: '5', documented: 'match', observed: 'match' },
  { row: '§1 flat_object numbers compare as strings ("5.0" ≠ 5)', mapping: { type: 'flat_object' }, source: '{"f":{"p":5}}', filter: '5.0', documented: 'none', observed: 'none' },
  { row: '§1 wildcard with a lowercase normalizer', mapping: { type: 'wildcard', normalizer: 'lowercase' }, source: '{"f":"Acme"}', filter: 'ACME', documented: 'match', observed: 'match' },
  { row: '§1 constant_keyword "?" stays literal', mapping: { type: 'constant_keyword', value: 'acme' }, source: '{}', filter: 'ac?e', documented: 'none', observed: 'none' },
  { row: '§7 #44 constant_keyword "*"', mapping: { type: 'constant_keyword', value: 'acme' }, source: '{}', filter: '*', documented: 'match', observed: 'match' },
  // Not [I] rows: engine facts the engine suite ran into.
  { row: 'found: unsigned_long truncates a decimal document value (200.5 is indexed as 200)', mapping: { type: 'unsigned_long' }, source: '{"f":200.5}', filter: '200', documented: 'none', observed: 'match' },
  { row: 'found: unsigned_long truncates rather than rounds (200.9 is indexed as 200)', mapping: { type: 'unsigned_long' }, source: '{"f":200.9}', filter: '200', documented: 'none', observed: 'match' },
  { row: 'found: unsigned_long truncates a decimal string too ("200.9")', mapping: { type: 'unsigned_long' }, source: '{"f":"200.9"}', filter: '200', documented: 'none', observed: 'match' },
  { row: 'found: wildcard does not match an empty string', mapping: { type: 'wildcard' }, source: '{"f":""}', filter: '', documented: 'match', observed: 'none' },
  { row: 'found: keyword matches an empty string', mapping: { type: 'keyword' }, source: '{"f":""}', filter: '', documented: 'match', observed: 'match' },
  { row: '§4 dotted key mixed with an object', mapping: { properties: { b: { type: 'keyword' } } }, source: '{"f":{"b":"x"},"f.b":"y"}', filter: 'y', documented: 'match', observed: 'match' },
];

describe('the [I] rows of docs/term-semantics.md on a real OpenSearch node', () => {
  const started = Date.now();
  let client: Client;
  const observations: Array<Probe & { actual: Outcome; detail: string }> = [];

  beforeAll(() => {
    client = engineClient();
  });

  afterAll(async () => {
    await client.indices.delete({ index: 'probe-*', ignore_unavailable: true });
    const rows = observations.map((o) => `  ${o.actual === o.documented ? ' ' : '≠'} ${o.row}: documented ${o.documented}, engine ${o.actual}${o.detail ? ` (${o.detail})` : ''}`);
    process.stdout.write(`\n[I] rows on the engine:\n${rows.join('\n')}\n`);
    // The probes pin the engine's behaviour; a changed outcome fails its own test.
    recordSummary({
      name: 'inferred-rows',
      documents: observations.length,
      documentsRejectedByEngine: observations.filter((o) => o.actual === 'doc-rejected').length,
      filterSets: observations.length,
      queries: observations.length,
      disagreements: observations.filter((o) => o.actual !== expectedOn(o)).length,
      seconds: (Date.now() - started) / 1000,
    });
  });

  probes.forEach((probe, index) => {
    // The field type this engine has (flat_object is flattened on Elasticsearch), or the reason it has
    // none: then the row is no test on this engine (its embedded node lacks the type), and the engine
    // summary counts it with the reason, so nothing is skipped silently and nothing passes unrun.
    const mapping = fieldMappingForEngine('f', probe.mapping, []);
    if ('skip' in mapping) {
      recordEngineSkip(probe.row, mapping.skip);
      return;
    }
    it(`${probe.row}: ${JSON.stringify(probe.filter)} → ${expectedOn(probe)}`, async () => {
      const name = `probe-${index}`;
      // Sub-field probes name `f.b`; the filter goes to the leaf either way.
      const field = probe.mapping['properties'] === undefined ? 'f' : 'f.b';
      const { actual, detail } = await runProbe(client, name, mapping.mapping, probe.source, field, probe.filter);
      observations.push({ ...probe, actual, detail });
      expect(actual).toBe(expectedOn(probe));
    });
  });

  it('§0 a term that fails on some shards only: HTTP 200, the failures in _shards, partial hits', async () => {
    await client.indices.create({ index: 'probe-partial-long', body: { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties: { f: { type: 'long' } } } } });
    await client.indices.create({ index: 'probe-partial-keyword', body: { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { properties: { f: { type: 'keyword' } } } } });
    await client.index({ index: 'probe-partial-long', id: 'l', body: { f: 1 }, refresh: true });
    await client.index({ index: 'probe-partial-keyword', id: 'k', body: { f: 'abc' }, refresh: true });
    const response = await client.search({ index: 'probe-partial-long,probe-partial-keyword', body: { query: { term: { f: 'abc' } } } });
    const body = response.body as unknown as { _shards: { failed: number; total: number }; hits: { hits: Array<{ _id: string }> } };
    expect(response.statusCode).toBe(200);
    expect(body._shards.failed).toBe(1);
    expect(body.hits.hits.map((hit) => hit._id)).toEqual(['k']);
  });
});

async function runProbe(
  client: Client,
  index: string,
  mapping: Record<string, unknown>,
  source: string,
  field: string,
  filter: string,
): Promise<{ actual: Outcome; detail: string }> {
  await client.indices.create({
    index,
    body: { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { dynamic: false, properties: { f: mapping } } },
  });
  // Raw text: JSON.stringify would respell 1.0 as 1 and 1e2 as 100.
  const indexed = await client.transport.request(
    { method: 'PUT', path: `/${index}/_doc/1`, querystring: { refresh: 'true' }, body: source },
    { ignore: [400] },
  );
  if (indexed.statusCode !== 201) return { actual: 'doc-rejected', detail: JSON.stringify(indexed.body).slice(0, 200) };
  const response = await client.transport.request(
    { method: 'POST', path: `/${index}/_search`, body: { query: { term: { [field]: filter } } } },
    { ignore: [400] },
  );
  const outcome = readSearchResponse(response.body as Record<string, unknown>, 10);
  if (outcome.kind === 'error') return { actual: 'error', detail: outcome.error.slice(0, 160) };
  return { actual: outcome.ids.has('1') ? 'match' : 'none', detail: '' };
}
