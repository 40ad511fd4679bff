/**
 * Options that make the engine preallocate memory in proportion to their
 * value (a t-digest's arrays, a top-docs priority queue, a fragment queue)
 * are capped: the cap itself is accepted and re-emitted unchanged, one more
 * is refused with `option-too-large` and the pointer to the value, in every
 * position the option can appear.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALLOCATION_CAPS } from '../../src/guard/allocation-caps.js';
import type { AllocationCapName } from '../../src/guard/allocation-caps.js';
import { expectRefused, guard, refusalOf } from './guard-helpers.js';
import { aggregationPlacements } from './placements.js';

const ndjson = (...lines: unknown[]): string => lines.map((l) => `${JSON.stringify(l)}\n`).join('');

/** The value at a JSON pointer of a guarded body (NDJSON text is read line by line, as the guard numbers it). */
function valueAt(body: unknown, pointer: string): unknown {
  let at: unknown = typeof body === 'string' ? body.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as unknown) : body;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** One capped aggregation option: the cap's name, the aggregation with `value` set, and the option's pointer inside it. */
type AggregationCase = readonly [AllocationCapName, (value: unknown) => Record<string, unknown>, string];

const AGGREGATION_CASES: readonly AggregationCase[] = [
  ['tdigestCompression', (v) => ({ percentiles: { field: 'code', tdigest: { compression: v } } }), '/percentiles/tdigest/compression'],
  ['tdigestCompression', (v) => ({ percentile_ranks: { field: 'code', values: [1], tdigest: { compression: v } } }), '/percentile_ranks/tdigest/compression'],
  ['hdrSignificantDigits', (v) => ({ percentiles: { field: 'code', hdr: { number_of_significant_value_digits: v } } }), '/percentiles/hdr/number_of_significant_value_digits'],
  ['hdrSignificantDigits', (v) => ({ percentile_ranks: { field: 'code', values: [1], hdr: { number_of_significant_value_digits: v } } }), '/percentile_ranks/hdr/number_of_significant_value_digits'],
  ['medianAbsoluteDeviationCompression', (v) => ({ median_absolute_deviation: { field: 'code', compression: v } }), '/median_absolute_deviation/compression'],
  ['samplerShardSize', (v) => ({ sampler: { shard_size: v } }), '/sampler/shard_size'],
  ['samplerShardSize', (v) => ({ diversified_sampler: { field: 'service', shard_size: v } }), '/diversified_sampler/shard_size'],
  ['diversifiedMaxDocsPerValue', (v) => ({ diversified_sampler: { field: 'service', max_docs_per_value: v } }), '/diversified_sampler/max_docs_per_value'],
  ['variableWidthBuffer', (v) => ({ variable_width_histogram: { field: 'code', shard_size: v } }), '/variable_width_histogram/shard_size'],
  ['variableWidthBuffer', (v) => ({ variable_width_histogram: { field: 'code', initial_buffer: v } }), '/variable_width_histogram/initial_buffer'],
  ['serialDiffLag', (v) => ({ serial_diff: { buckets_path: '_count', lag: v } }), '/serial_diff/lag'],
];

/** Options the engine's hand-written parser reads only as a number token: a numeric string is malformed there, not coerced. */
const NUMBER_TOKEN_ONLY = new Set(['/sampler/shard_size', '/serial_diff/lag']);

/** A highlight with `number_of_fragments: v`, in every place a highlight can appear: input, input pointer, output pointer. */
function highlightPlacements(v: unknown): Array<readonly [string, Record<string, unknown>, string, string]> {
  const top = { number_of_fragments: v, fields: { msg: {} } };
  const field = { fields: { msg: { number_of_fragments: v } } };
  return [
    ['top-level highlight', { body: { highlight: top } }, '/highlight/number_of_fragments', '/highlight/number_of_fragments'],
    ['per-field highlight', { body: { highlight: field } }, '/highlight/fields/msg/number_of_fragments', '/highlight/fields/msg/number_of_fragments'],
    ['highlight.fields as an array', { body: { highlight: { fields: [{ msg: { number_of_fragments: v } }] } } }, '/highlight/fields/0/msg/number_of_fragments', '/highlight/fields/0/msg/number_of_fragments'],
    ['top_hits', { body: { aggs: { h: { top_hits: { highlight: top } } } } }, '/aggs/h/top_hits/highlight/number_of_fragments', '/aggs/h/top_hits/highlight/number_of_fragments'],
    [
      'top_hits under terms',
      { body: { aggs: { t: { terms: { field: 'service' }, aggs: { h: { top_hits: { highlight: field } } } } } } },
      '/aggs/t/aggs/h/top_hits/highlight/fields/msg/number_of_fragments',
      '/aggs/t/aggs/h/top_hits/highlight/fields/msg/number_of_fragments',
    ],
    ['collapse inner_hits', { body: { collapse: { field: 'service', inner_hits: { name: 'i', highlight: top } } } }, '/collapse/inner_hits/highlight/number_of_fragments', '/collapse/inner_hits/highlight/number_of_fragments'],
    [
      'collapse inner_hits array',
      { body: { collapse: { field: 'service', inner_hits: [{ name: 'a' }, { name: 'i', highlight: field }] } } },
      '/collapse/inner_hits/1/highlight/fields/msg/number_of_fragments',
      '/collapse/inner_hits/1/highlight/fields/msg/number_of_fragments',
    ],
    [
      'nested query inner_hits (the user query is wrapped under bool.must)',
      { body: { query: { nested: { path: 'items', query: { match_all: {} }, inner_hits: { highlight: top } } } } },
      '/query/nested/inner_hits/highlight/number_of_fragments',
      '/query/bool/must/0/nested/inner_hits/highlight/number_of_fragments',
    ],
    ['second _msearch item', { path: '/_msearch', body: ndjson({}, {}, { index: 'logs-app' }, { highlight: top }) }, '/3/highlight/number_of_fragments', '/3/highlight/number_of_fragments'],
  ];
}

describe.each(AGGREGATION_CASES)('%s: %s', (name, aggregation, inside) => {
  const cap = ALLOCATION_CAPS[name];
  it.each(aggregationPlacements(aggregation(cap)))('the cap is accepted and re-emitted (%s)', (_where, request, pointer) => {
    expect(valueAt(guard(request).body, `${pointer}${inside}`)).toBe(cap);
  });
  it.each(aggregationPlacements(aggregation(cap + 1)))('cap + 1 is refused (%s)', (_where, request, pointer) => {
    expectRefused(request, 'option-too-large', { pointer: `${pointer}${inside}` });
    expect(refusalOf(request).context['limit']).toBe(cap);
  });
  it('a numeric string above the cap is refused too (the engine coerces it, or reads only a number token)', () => {
    const reason = NUMBER_TOKEN_ONLY.has(inside) ? 'malformed' : 'option-too-large';
    expectRefused({ body: { aggs: { a: aggregation(String(cap + 1)) } } }, reason, { pointer: `/aggs/a${inside}` });
  });
});

describe('highlight number_of_fragments', () => {
  const cap = ALLOCATION_CAPS.highlightFragments;
  it.each(highlightPlacements(cap))('the cap is accepted and re-emitted (%s)', (_where, request, _in, out) => {
    expect(valueAt(guard(request).body, out)).toBe(cap);
  });
  it.each(highlightPlacements(cap + 1))('cap + 1 is refused (%s)', (_where, request, pointer) => {
    expectRefused(request, 'option-too-large', { pointer });
    expect(refusalOf(request).context['limit']).toBe(cap);
  });
  it('fragment_size is not capped: Discover sends 2147483647', () => {
    expect(() => guard({ body: { highlight: { fragment_size: 2147483647, fields: { '*': {} } } } })).not.toThrow();
  });
});

describe('accepted ⇔ value ≤ cap, for random numbers', () => {
  // Numbers around the cap (both sides of it, and on it), and far above it.
  const value = (cap: number): fc.Arbitrary<number> =>
    fc.oneof(
      fc.integer({ min: -10, max: 2 * cap }),
      fc.double({ min: -10, max: 2 * cap, noNaN: true }),
      fc.constantFrom(cap, cap + 1, cap + 0.5, 1e300, Number.MAX_SAFE_INTEGER, 2147483647, 2147483648),
    );
  const asJson = fc.boolean();
  it.each(AGGREGATION_CASES)('%s: %s', (name, aggregation, inside) => {
    const cap = ALLOCATION_CAPS[name];
    let above = 0;
    let within = 0;
    fc.assert(
      fc.property(value(cap), asJson, (v, asString) => {
        const sent = asString ? String(v) : v;
        const request = { body: { aggs: { a: aggregation(sent) } } };
        if (asString && NUMBER_TOKEN_ONLY.has(inside)) {
          expect(refusalOf(request).reason).toBe('malformed');
        } else if (v <= cap) {
          within += 1;
          expect(valueAt(guard(request).body, `/aggs/a${inside}`)).toBe(sent);
        } else {
          above += 1;
          const error = refusalOf(request);
          expect([error.reason, error.context['pointer']]).toEqual(['option-too-large', `/aggs/a${inside}`]);
        }
      }),
      { numRuns: 200 },
    );
    // Both sides of the law were reached.
    expect(within).toBeGreaterThan(10);
    expect(above).toBeGreaterThan(10);
  });
  it('highlight number_of_fragments', () => {
    const cap = ALLOCATION_CAPS.highlightFragments;
    let above = 0;
    let within = 0;
    fc.assert(
      fc.property(value(cap), (v) => {
        const request = { body: { highlight: { fields: { msg: { number_of_fragments: v } } } } };
        if (v <= cap) {
          within += 1;
          expect(valueAt(guard(request).body, '/highlight/fields/msg/number_of_fragments')).toBe(v);
        } else {
          above += 1;
          expect(refusalOf(request).reason).toBe('option-too-large');
        }
      }),
      { numRuns: 200 },
    );
    expect(within).toBeGreaterThan(10);
    expect(above).toBeGreaterThan(10);
  });
});
