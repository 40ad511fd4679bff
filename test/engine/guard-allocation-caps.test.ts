/**
 * The guard caps options that make the engine preallocate memory in
 * proportion to their value. A cap must not refuse what the engine itself
 * accepts and what a dashboard sends: every capped option is sent AT its cap,
 * through the guard, and the node answers 200. (Values above the cap are
 * never sent: on a shared node they are what the cap is for.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { guardSearchRequest } from '../../src/index.js';
import type { AccessExpression } from '../../src/index.js';
import { ALLOCATION_CAPS } from '../../src/guard/allocation-caps.js';
import { engineIdentity } from './engine.js';
import { createIndex, engine } from './plain-rest.js';

const index = 'guard-allocation-caps';
const TOKEN: AccessExpression = { kind: 'term', field: 'tenant', value: 'acme' };
const OPTIONS = { indices: [index], fields: { tenant: { type: 'keyword' } } } as const;
const C = ALLOCATION_CAPS;

const PROPERTIES = { tenant: { type: 'keyword' }, service: { type: 'keyword' }, code: { type: 'long' }, msg: { type: 'text' } };

beforeAll(async () => {
  await createIndex(index, PROPERTIES, [
    { tenant: 'acme', service: 'a', code: 1, msg: 'hello world, a short text to highlight' },
    { tenant: 'acme', service: 'b', code: 2, msg: 'hello there, another text to highlight' },
    { tenant: 'acme', service: 'b', code: 7, msg: 'hello again' },
    { tenant: 'other', service: 'c', code: 3, msg: 'hello from a hidden document' },
  ]);
}, 120_000);

// serial_diff needs a parent histogram with min_doc_count 0, which the guard accepts only with bounds.
const histogramWith = (aggs: Record<string, unknown>): Record<string, unknown> => ({
  histogram: { field: 'code', interval: 1, min_doc_count: 0, extended_bounds: { min: 0, max: 10 } },
  aggs,
});

const AT_CAP: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  ['percentiles tdigest.compression', { size: 0, aggs: { p: { percentiles: { field: 'code', tdigest: { compression: C.tdigestCompression } } } } }],
  ['percentile_ranks tdigest.compression', { size: 0, aggs: { p: { percentile_ranks: { field: 'code', values: [2], tdigest: { compression: C.tdigestCompression } } } } }],
  ['percentiles tdigest.compression under terms', { size: 0, aggs: { t: { terms: { field: 'service' }, aggs: { p: { percentiles: { field: 'code', tdigest: { compression: C.tdigestCompression } } } } } } }],
  ['percentiles hdr.number_of_significant_value_digits under terms', { size: 0, aggs: { t: { terms: { field: 'service' }, aggs: { p: { percentiles: { field: 'code', hdr: { number_of_significant_value_digits: C.hdrSignificantDigits } } } } } } }],
  ['percentile_ranks hdr.number_of_significant_value_digits', { size: 0, aggs: { p: { percentile_ranks: { field: 'code', values: [2], hdr: { number_of_significant_value_digits: C.hdrSignificantDigits } } } } }],
  ['median_absolute_deviation.compression', { size: 0, aggs: { m: { median_absolute_deviation: { field: 'code', compression: C.medianAbsoluteDeviationCompression } } } }],
  ['sampler.shard_size', { size: 0, query: { match: { msg: 'hello' } }, aggs: { s: { sampler: { shard_size: C.samplerShardSize }, aggs: { t: { terms: { field: 'service' } } } } } }],
  [
    'diversified_sampler shard_size and max_docs_per_value',
    {
      size: 0, query: { match: { msg: 'hello' } },
      aggs: { s: { diversified_sampler: { field: 'service', shard_size: C.samplerShardSize, max_docs_per_value: C.diversifiedMaxDocsPerValue }, aggs: { t: { terms: { field: 'service' } } } } },
    },
  ],
  [
    'variable_width_histogram shard_size and initial_buffer',
    { size: 0, aggs: { v: { variable_width_histogram: { field: 'code', buckets: 2, shard_size: C.variableWidthBuffer, initial_buffer: C.variableWidthBuffer } } } },
  ],
  ['serial_diff.lag', { size: 0, aggs: { h: histogramWith({ d: { serial_diff: { buckets_path: '_count', lag: C.serialDiffLag } } }) } }],
  ['highlight number_of_fragments (unified)', { query: { match: { msg: 'hello' } }, highlight: { type: 'unified', number_of_fragments: C.highlightFragments, fields: { msg: {} } } }],
  ['highlight number_of_fragments (plain, per field)', { query: { match: { msg: 'hello' } }, highlight: { fields: { msg: { type: 'plain', number_of_fragments: C.highlightFragments, fragment_size: 10 } } } }],
  [
    'highlight number_of_fragments in top_hits',
    { size: 0, query: { match: { msg: 'hello' } }, aggs: { h: { top_hits: { size: 1, highlight: { type: 'plain', number_of_fragments: C.highlightFragments, fields: { msg: {} } } } } } },
  ],
  [
    'highlight number_of_fragments in collapse inner_hits',
    { query: { match: { msg: 'hello' } }, collapse: { field: 'service', inner_hits: { name: 'i', size: 1, highlight: { number_of_fragments: C.highlightFragments, fields: { msg: {} } } } } },
  ],
];

describe(`options at the guard's allocation caps run on the node (${engineIdentity().name})`, () => {
  it.each(AT_CAP)('%s', async (_name, body) => {
    const guarded = guardSearchRequest({ method: 'POST', path: `/${index}/_search`, body }, TOKEN, OPTIONS);
    const answer = await engine(`${guarded.path}?expand_wildcards=open`, { method: 'POST', body: JSON.stringify(guarded.body) });
    expect(answer.status, JSON.stringify(answer.body).slice(0, 400)).toBe(200);
  });
});
