/**
 * The guard's table of query clauses (`test/guard/engine-parsers-query-specs.ts`) against the
 * engines' own parsers: every clause body the guard accepts there (the minimal body, and each
 * parameter with its right kind) is sent to the node as is, and the node must read it. A parse
 * error would mean the guard accepts a grammar the engine does not, the gap in which a key is read
 * as something else (a field, an unknown option) by one of the two. Semantic refusals that say
 * nothing about the grammar (an origin that is a point on a date field) are listed with why.
 *
 * The OpenSearch nodes load the geo, percolator and parent-join modules, so `percolate`, `parent_id`
 * and `geo_shape` are read there (OpenSearch's geo_shape query wants a geo_shape field: its rows go
 * to a second index where `loc` is one). Clauses whose parser or field type is not on a node are
 * counted and printed per engine, and only these may be: on Elasticsearch `percolate`,
 * `parent_id` and `rank_feature` (modules not published on Maven) and X-Pack's `shape` and
 * `pinned`; on OpenSearch `shape` and `pinned` (X-Pack's), and `combined_fields` on 2.x.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAUSE_SPECS, withValue } from '../guard/engine-parsers-query-specs.js';
import { engineIdentity, recordEngineSkip } from './engine.js';
import { createIndex, engine } from './plain-rest.js';
import { recordSummary } from './run-summary.js';

const index = 'engine-guard-parser-specs';
/** OpenSearch's geo_shape query runs on geo_shape fields only (a geo_point field "does not support point queries"). */
const shapesIndex = 'engine-guard-parser-specs-shapes';
const identity = engineIdentity();

/** Where a clause's bodies are sent. */
function indexFor(type: string): string {
  return identity.product === 'opensearch' && type === 'geo_shape' ? shapesIndex : index;
}

/** The fields the table's clauses name, each of a type its clause works on. */
function properties(): Record<string, unknown> {
  const text = { type: 'text' };
  const common: Record<string, unknown> = {
    f: text,
    g: text,
    h: text,
    n: { type: 'long' },
    m: { type: 'long' },
    d: { type: 'date' },
    e: { type: 'date' },
    loc: { type: 'geo_point' },
    items: { type: 'nested', properties: { f: text } },
    lines: { type: 'nested', properties: { f: text } },
  };
  if (identity.product !== 'opensearch') return common;
  // rank_feature is in OpenSearch's mapper-extras module, percolator and join in the percolator and parent-join
  // modules (all loaded); on Elasticsearch all three are modules not published on Maven.
  return {
    ...common,
    r: { type: 'rank_feature' },
    s: { type: 'rank_feature' },
    q: { type: 'percolator' },
    q2: { type: 'percolator' },
    rel: { type: 'join', relations: { parent: ['child', 'c2'] } },
  };
}

/** A node's answer: read (2xx), or its error. */
type Outcome = { readonly ok: true } | { readonly ok: false; readonly status: number; readonly type: string; readonly reason: string };

async function search(type: string, query: Record<string, unknown>): Promise<Outcome> {
  const response = await engine(`/${indexFor(type)}/_search`, { method: 'POST', body: JSON.stringify({ query }) });
  if (response.status < 300) return { ok: true };
  const error = (response.body as { error?: { root_cause?: Array<{ type?: string; reason?: string }>; type?: string; reason?: string } } | undefined)?.error;
  const cause = error?.root_cause?.[0] ?? error;
  return { ok: false, status: response.status, type: cause?.type ?? 'unknown', reason: (cause?.reason ?? '').slice(0, 300) };
}

/** A clause the node has no parser or field type for: its body fails whatever the parameters. */
function notOnThisNode(outcome: Outcome): boolean {
  return !outcome.ok && /unknown query \[|no \[query\] registered for|failed to find.*field|only works on \[rank_feature\]|\[shape\] query|field \[loc\] is of type \[geo_point\], but only|does not support \[shape\]/i.test(`${outcome.type}: ${outcome.reason}`);
}

/**
 * Parameters whose right kind the parser reads, but whose value the query then refuses on this
 * index for a reason outside the grammar; keyed `type path`, with the error the node gives.
 */
const SEMANTIC_REFUSALS: ReadonlyArray<{ readonly row: string; readonly error: RegExp; readonly why: string }> = [
  { row: 'distance_feature origin', error: /./, why: 'the probe origin [0, 0] is a geo point, and the field is a date' },
  { row: 'distance_feature pivot', error: /./, why: 'the probe pivot "1km" is a distance, and the field is a date' },
  // The probe's tie_breaker "1.5" shows the numeric-string kind is read; Lucene then wants it in [0, 1].
  { row: 'multi_match tie_breaker', error: /tie ?breaker/i, why: 'tie_breaker 1.5 is outside [0, 1]' },
  { row: 'query_string tie_breaker', error: /tie ?breaker/i, why: 'tie_breaker 1.5 is outside [0, 1]' },
  { row: 'dis_max tie_breaker', error: /tie ?breaker/i, why: 'tie_breaker 1.5 is outside [0, 1]' },
];

interface Row {
  readonly type: string;
  readonly at: string;
  readonly body: Record<string, unknown>;
}

const rows: Row[] = CLAUSE_SPECS.flatMap((spec) => [
  { type: spec.type, at: '(minimal body)', body: spec.base },
  ...spec.probes.map((probe) => ({ type: spec.type, at: probe.at.join('.'), body: withValue(spec.base, probe.at, probe.good) })),
]);

const unavailable = new Map<string, string>();
const semantic: string[] = [];
let checked = 0;
let notOnNode = 0;
const started = Date.now();

describe(`the guard's query clause table, read by ${identity.name}`, () => {
  beforeAll(async () => {
    await createIndex(index, properties(), [{ f: 'a b', g: 'a', n: 1, d: '2020-01-01', loc: { lat: 0, lon: 0 } }]);
    if (identity.product === 'opensearch') {
      await createIndex(shapesIndex, { ...properties(), loc: { type: 'geo_shape' } }, [{ f: 'a b', loc: { type: 'point', coordinates: [0, 0] } }]);
    }
    for (const spec of CLAUSE_SPECS) {
      const outcome = await search(spec.type, { [spec.type]: spec.base });
      if (notOnThisNode(outcome) && !outcome.ok) {
        unavailable.set(spec.type, `${outcome.type}: ${outcome.reason}`);
        recordEngineSkip(`query clause ${spec.type}`, `not on this node (${outcome.type}: ${outcome.reason.slice(0, 120)})`);
      }
    }
  }, 120_000);

  afterAll(() => {
    const checkedTypes = new Set(rows.filter((row) => !unavailable.has(row.type)).map((row) => row.type));
    recordSummary({
      name: 'guard-parsers-specs',
      documents: 1,
      documentsRejectedByEngine: 0,
      filterSets: 0,
      queries: rows.length,
      disagreements: 0,
      seconds: (Date.now() - started) / 1000,
      notes: [
        `clause bodies read by the node: ${checked} of ${rows.length}; clause types checked: ${checkedTypes.size} of ${CLAUSE_SPECS.length}`,
        `not on this node (their bodies all fail the same way): ${[...unavailable.keys()].join(', ') || 'none'} (${notOnNode} bodies)`,
        `semantic refusals (listed in the test): ${semantic.length}`,
      ],
    });
  });

  it.each(rows.map((row) => [row.type, row.at, row] as const))('%s: %s', async (_type, _at, row) => {
    const outcome = await search(row.type, { [row.type]: row.body });
    if (unavailable.has(row.type)) {
      // The clause is missing from this node: every body of it fails for that reason, not for its parameters.
      expect(notOnThisNode(outcome), JSON.stringify(outcome)).toBe(true);
      notOnNode += 1;
      return;
    }
    const expected = SEMANTIC_REFUSALS.find((refusal) => refusal.row === `${row.type} ${row.at}`);
    if (expected !== undefined && !outcome.ok) {
      expect(`${outcome.type}: ${outcome.reason}`).toMatch(expected.error);
      expect(outcome.type, 'a semantic refusal, not a parse error').not.toMatch(/parsing_exception|x_content_parse_exception|named_object_not_found/);
      semantic.push(`${row.type} ${row.at}`);
      return;
    }
    expect(outcome, JSON.stringify({ [row.type]: row.body })).toEqual({ ok: true });
    checked += 1;
  });

  it('checks every clause type the node has, and leaves out only those it lacks', () => {
    // Every engine has the core query parsers. Only these may be missing: X-Pack clauses (shape, pinned; X-Pack is
    // not on Maven), on Elasticsearch the clauses of modules not published on Maven (percolator, parent-join, the
    // rank_feature mapper), and on OpenSearch 2 combined_fields, which it does not have (a search with it fails
    // there, so accepting it cannot widen access). OpenSearch loads percolator, parent-join and geo: their
    // clauses must be read there.
    const mayLack =
      identity.product === 'opensearch'
        ? ['shape', 'pinned', ...(identity.major === 2 ? ['combined_fields'] : [])]
        : ['percolate', 'parent_id', 'rank_feature', 'shape', 'pinned'];
    expect([...unavailable.keys()].filter((type) => !mayLack.includes(type))).toEqual([]);
  });
});
