/**
 * Unbounded empty buckets: `histogram` / `date_histogram` with
 * `min_doc_count: 0` (their default) build every empty bucket between the
 * bounds before `search.max_buckets` applies. Interval 1 over 0..10⁹, or 1 ms
 * over 130 years, runs a node out of memory. The
 * guard requires absolute bounds, counts the buckets from the interval and
 * the bounds, refuses above `maxHistogramBuckets`, and pins `hard_bounds`.
 */
import { describe, expect, it } from 'vitest';
import { expectRefused, guard, guardedBody, OPTIONS, refusalOf } from './guard-helpers.js';
import { aggregationPlacements } from './placements.js';

const YEAR_MS = 365 * 86_400_000;

describe.each([
  ['histogram interval 1 over 0..10⁹ (a known attack)', { histogram: { field: 'code', interval: 1, min_doc_count: 0, extended_bounds: { min: 0, max: 1e9 } } }, 'too-many-buckets', '/histogram'],
  ['date_histogram 1 ms over 130 years (a known attack)', { date_histogram: { field: 'ts', fixed_interval: '1ms', min_doc_count: 0, extended_bounds: { min: 0, max: 130 * YEAR_MS } } }, 'too-many-buckets', '/date_histogram'],
  ['histogram without min_doc_count (0 by default) and without bounds', { histogram: { field: 'code', interval: 10 } }, 'histogram-unbounded', '/histogram'],
  ['date_histogram with min_doc_count 0 and no bounds', { date_histogram: { field: 'ts', calendar_interval: 'day', min_doc_count: 0 } }, 'histogram-unbounded', '/date_histogram'],
  ['date_histogram with date-math bounds', { date_histogram: { field: 'ts', fixed_interval: '1h', extended_bounds: { min: 'now-1d', max: 'now' } } }, 'histogram-unbounded', '/date_histogram/extended_bounds/min'],
  ['date_histogram with string bounds in a custom format', { date_histogram: { field: 'ts', fixed_interval: '1h', format: 'dd/MM/yyyy', extended_bounds: { min: '01/01/2024', max: '02/01/2024' } } }, 'histogram-unbounded', '/date_histogram/extended_bounds/min'],
  ['histogram with only one bound', { histogram: { field: 'code', interval: 10, extended_bounds: { min: 0 } } }, 'histogram-unbounded', '/histogram/extended_bounds/max'],
  ['calendar minutes over 30 days', { date_histogram: { field: 'ts', calendar_interval: '1m', extended_bounds: { min: 0, max: 30 * 86_400_000 } } }, 'too-many-buckets', '/date_histogram'],
  // Elasticsearch 8 reads the deprecated interval only under the 7.x compatibility header.
  ['a legacy interval', { date_histogram: { field: 'ts', interval: 1, hard_bounds: { min: 0, max: YEAR_MS } } }, 'aggregation-option-not-allowed', '/date_histogram/interval'],
  ['extended_bounds outside hard_bounds', { histogram: { field: 'code', interval: 10, hard_bounds: { min: 0, max: 100 }, extended_bounds: { min: 0, max: 1e9 } } }, 'malformed', '/histogram/extended_bounds'],
  ['an unreadable fixed interval', { date_histogram: { field: 'ts', fixed_interval: '1w', min_doc_count: 0, extended_bounds: { min: 0, max: 1 } } }, 'malformed', '/date_histogram/fixed_interval'],
  ['two intervals', { date_histogram: { field: 'ts', fixed_interval: '1h', calendar_interval: '1d' } }, 'malformed', '/date_histogram'],
  ['a zero numeric interval', { histogram: { field: 'code', interval: 0, min_doc_count: 1 } }, 'malformed', '/histogram/interval'],
])('%s is refused', (_name, aggregation, reason, inside) => {
  it.each(aggregationPlacements(aggregation))('%s', (_where, request, pointer) => {
    expectRefused(request, reason, { pointer: `${pointer}${inside}` });
  });
});

describe('bounded empty buckets are accepted, with hard_bounds pinned to the bounds', () => {
  it.each([
    [
      'numeric histogram with extended_bounds',
      { histogram: { field: 'code', interval: 100, min_doc_count: 0, extended_bounds: { min: 0, max: 600 } } },
      { histogram: { field: 'code', interval: 100, min_doc_count: 0, extended_bounds: { min: 0, max: 600 }, hard_bounds: { min: 0, max: 600 } } },
    ],
    [
      'date_histogram by calendar day over a year (Visualize "show empty buckets")',
      { date_histogram: { field: 'ts', calendar_interval: '1d', time_zone: 'Europe/Paris', min_doc_count: 0, extended_bounds: { min: 1704067200000, max: 1735689600000 } } },
      {
        date_histogram: {
          field: 'ts', calendar_interval: '1d', time_zone: 'Europe/Paris', min_doc_count: 0,
          extended_bounds: { min: 1704067200000, max: 1735689600000 }, hard_bounds: { min: 1704067200000, max: 1735689600000 },
        },
      },
    ],
    [
      'date_histogram with ISO bounds and a fixed interval',
      { date_histogram: { field: 'ts', fixed_interval: '30s', extended_bounds: { min: '2024-05-01T00:00:00.000Z', max: '2024-05-01T12:00:00.000Z' } } },
      {
        date_histogram: {
          field: 'ts', fixed_interval: '30s', extended_bounds: { min: '2024-05-01T00:00:00.000Z', max: '2024-05-01T12:00:00.000Z' },
          hard_bounds: { min: '2024-05-01T00:00:00.000Z', max: '2024-05-01T12:00:00.000Z' },
        },
      },
    ],
    [
      'hard_bounds alone',
      { histogram: { field: 'code', interval: 1, hard_bounds: { min: 0, max: 2000 } } },
      { histogram: { field: 'code', interval: 1, hard_bounds: { min: 0, max: 2000 } } },
    ],
    [
      'min_doc_count 1 needs no bounds (only non-empty buckets)',
      { date_histogram: { field: 'ts', fixed_interval: '1ms', min_doc_count: 1 } },
      { date_histogram: { field: 'ts', fixed_interval: '1ms', min_doc_count: 1 } },
    ],
  ])('%s', (_name, aggregation, expected) => {
    for (const [, request] of aggregationPlacements(aggregation)) expect(() => guard(request)).not.toThrow();
    expect(guardedBody({ body: { aggs: { a: aggregation } } })['aggs']).toEqual({ a: expected });
  });

  it('counts buckets against limits.maxHistogramBuckets (10,000 by default)', () => {
    const histogram = (max: number) => ({ aggs: { h: { histogram: { field: 'code', interval: 1, extended_bounds: { min: 0, max } } } } });
    expect(() => guard({ body: histogram(9997) })).not.toThrow();
    expectRefused({ body: histogram(9999) }, 'too-many-buckets', { pointer: '/aggs/h/histogram' });
    const small = { ...OPTIONS, limits: { maxHistogramBuckets: 12 } };
    expect(() => guard({ body: histogram(10) }, small)).not.toThrow();
    expectRefused({ body: histogram(11) }, 'too-many-buckets', { pointer: '/aggs/h/histogram' }, small);
  });

  it('multiplies empty buckets by the buckets of the aggregations enclosing them (limits.maxNestedBuckets, 65,535)', () => {
    const histogram = (max: number) => ({ histogram: { field: 'n', interval: 1, min_doc_count: 0, extended_bounds: { min: 0, max } } });
    const under = (parent: Record<string, unknown>, max: number) => ({ body: { aggs: { p: { ...parent, aggs: { h: histogram(max) } } } } });
    // terms of size 10 keeps 25 buckets per shard (size × 1.5 + 10): 25 × 2,621 = 65,525 fits, 25 × 2,622 does not.
    expect(() => guard(under({ terms: { field: 'service' } }, 2619))).not.toThrow();
    expect(refusalOf(under({ terms: { field: 'service' } }, 2620))).toMatchObject({ reason: 'too-many-buckets', context: { pointer: '/aggs/p/aggs/h/histogram', limit: 65_535 } });
    // An explicit shard_size counts; so does a size above it. A 20,000-bucket terms with 1,000 empty buckets each
    // kept the OpenSearch node busy for minutes (the engine test of this bound).
    expect(refusalOf(under({ terms: { field: 'service', size: 20_000 } }, 998))).toMatchObject({ reason: 'too-many-buckets', context: { pointer: '/aggs/p/aggs/h/histogram' } });
    expect(refusalOf(under({ terms: { field: 'service', size: 10, shard_size: 100 } }, 998))).toMatchObject({ reason: 'too-many-buckets', context: { pointer: '/aggs/p/aggs/h/histogram' } });
    expect(refusalOf(under({ terms: { field: 'service', size: '20000' } }, 998))).toMatchObject({ reason: 'too-many-buckets', context: { pointer: '/aggs/p/aggs/h/histogram' } });
    expect(() => guard(under({ terms: { field: 'service', size: 10, shard_size: 60 } }, 998))).not.toThrow();
    // composite counts its size, filters and ranges their count, single-bucket types 1.
    expect(() => guard(under({ composite: { size: 65, sources: [{ s: { terms: { field: 'service' } } }] } }, 998))).not.toThrow();
    expect(refusalOf(under({ composite: { size: 66, sources: [{ s: { terms: { field: 'service' } } }] } }, 998))).toMatchObject({ reason: 'too-many-buckets', context: { pointer: '/aggs/p/aggs/h/histogram' } });
    const filters = (n: number) => ({ filters: { filters: Array.from({ length: n }, () => ({ match_all: {} })), other_bucket: true } });
    expect(() => guard(under(filters(64), 998))).not.toThrow();
    expect(refusalOf(under(filters(65), 998))).toMatchObject({ reason: 'too-many-buckets', context: { pointer: '/aggs/p/aggs/h/histogram' } });
    expect(() => guard(under({ filter: { match_all: {} } }, 9997))).not.toThrow();
    // A histogram whose buckets the data decides has no bound: nothing with empty buckets under it.
    expect(refusalOf(under({ date_histogram: { field: 'ts', fixed_interval: '1h', min_doc_count: 1 } }, 0))).toMatchObject({ reason: 'too-many-buckets', context: { pointer: '/aggs/p/aggs/h/histogram' } });
    expect(refusalOf(under({ rare_terms: { field: 'service' } }, 0))).toMatchObject({ reason: 'too-many-buckets', context: { pointer: '/aggs/p/aggs/h/histogram' } });
    // Two levels multiply; a limit set lower applies.
    const twoLevels = { body: { aggs: { t: { terms: { field: 'service', size: 2 }, aggs: { r: { range: { field: 'n', ranges: [{ to: 1 }, { from: 1 }] }, aggs: { h: histogram(2000) } } } } } } };
    expect(() => guard(twoLevels)).not.toThrow(); // 13 × 2 × 2,002
    expect(refusalOf(twoLevels, { ...OPTIONS, limits: { maxNestedBuckets: 50_000 } })).toMatchObject({ reason: 'too-many-buckets', context: { pointer: '/aggs/t/aggs/r/aggs/h/histogram', limit: 50_000 } });
    // Buckets that come from the data are not multiplied: terms under terms.
    expect(() => guard({ body: { aggs: { t: { terms: { field: 'service', size: 60_000 }, aggs: { u: { terms: { field: 'level', size: 60_000 } } } } } } })).not.toThrow();
  });

  it('is idempotent: guarding a guarded histogram changes nothing', () => {
    const once = guard({ body: { aggs: { d: { date_histogram: { field: 'ts', calendar_interval: 'month', extended_bounds: { min: 0, max: YEAR_MS } } } } } });
    expect(guard(once)).toEqual(once);
  });
});

describe('auto_date_histogram', () => {
  it('accepts a bucket target up to maxHistogramBuckets and refuses more', () => {
    const aggs = (buckets: number) => ({ aggs: { d: { auto_date_histogram: { field: 'ts', buckets } } } });
    expect(guardedBody({ body: aggs(100) })['aggs']).toEqual(aggs(100).aggs);
    expectRefused({ body: aggs(10_001) }, 'too-many-buckets', { pointer: '/aggs/d/auto_date_histogram/buckets' });
  });
});

describe('any histogram under many parent buckets (limits.maxHistogramParentBuckets, 1,024)', () => {
  const types = {
    histogram: { histogram: { field: 'n', interval: 1_000_000, min_doc_count: 1 } },
    date_histogram: { date_histogram: { field: 'ts', calendar_interval: 'year', min_doc_count: 1 } },
    auto_date_histogram: { auto_date_histogram: { field: 'ts', buckets: 2 } },
  };
  const under = (parent: Record<string, unknown>, child: Record<string, unknown>) => ({ body: { aggs: { p: { ...parent, aggs: { h: child } } } } });

  it.each(Object.entries(types))('%s: under terms up to a shard size of 1,024, in any position', (type, child) => {
    // size 676 keeps 676 × 1.5 + 10 = 1,024 buckets per shard; size 677 keeps 1,025. Under terms of 15,010
    // shard buckets, each of these with two buckets per parent ran the 1 GB OpenSearch 2.19 node out of memory.
    expect(() => guard(under({ terms: { field: 'service', size: 676 } }, child))).not.toThrow();
    expect(refusalOf(under({ terms: { field: 'service', size: 677 } }, child))).toMatchObject({ reason: 'too-many-buckets', context: { pointer: `/aggs/p/aggs/h/${type}`, limit: 1024 } });
    expect(refusalOf(under({ terms: { field: 'service', size: 10, shard_size: 1025 } }, child))).toMatchObject({ reason: 'too-many-buckets', context: { pointer: `/aggs/p/aggs/h/${type}` } });
    expect(refusalOf(under({ terms: { field: 'service', size: 10_000 } }, child))).toMatchObject({ reason: 'too-many-buckets', context: { pointer: `/aggs/p/aggs/h/${type}` } });
    // Sizes written as numeric strings count as the engines read them (they coerce them).
    expect(refusalOf(under({ terms: { field: 'service', size: '10000' } }, child))).toMatchObject({ reason: 'too-many-buckets', context: { pointer: `/aggs/p/aggs/h/${type}` } });
    expect(refusalOf(under({ terms: { field: 'service', size: 10, shard_size: '1025' } }, child))).toMatchObject({ reason: 'too-many-buckets' });
    expect(refusalOf(under({ multi_terms: { terms: [{ field: 'a' }, { field: 'b' }], size: '5000' } }, child))).toMatchObject({ reason: 'too-many-buckets' });
    expect(refusalOf(under({ composite: { size: '1025', sources: [{ s: { terms: { field: 'service' } } }] } }, child))).toMatchObject({ reason: 'too-many-buckets' });
    expect(() => guard(under({ terms: { field: 'service', size: '676' } }, child))).not.toThrow();
    // Parents multiply through single-bucket aggregations and levels; data-driven parents have no bound.
    const twoLevels = (size: number) => ({ body: { aggs: { a: { terms: { field: 'service', size }, aggs: { f: { filter: { match_all: {} }, aggs: { b: { terms: { field: 'level', size }, aggs: { h: child } } } } } } } } });
    expect(() => guard(twoLevels(10))).not.toThrow(); // 25 × 1 × 25 = 625
    expect(refusalOf(twoLevels(20))).toMatchObject({ reason: 'too-many-buckets', context: { pointer: `/aggs/a/aggs/f/aggs/b/aggs/h/${type}` } }); // 40 × 40
    expect(refusalOf(under({ date_histogram: { field: 'ts', fixed_interval: '1h', min_doc_count: 1 } }, child))).toMatchObject({ reason: 'too-many-buckets', context: { pointer: `/aggs/p/aggs/h/${type}` } });
    expect(refusalOf(under({ rare_terms: { field: 'service' } }, child))).toMatchObject({ reason: 'too-many-buckets' });
    expect(() => guard(under({ composite: { size: 1024, sources: [{ s: { terms: { field: 'service' } } }] } }, child))).not.toThrow();
    expect(refusalOf(under({ composite: { size: 1025, sources: [{ s: { terms: { field: 'service' } } }] } }, child))).toMatchObject({ reason: 'too-many-buckets' });
    // At the top level, or under one bucket, any number of its own buckets; a host may set the limit lower.
    expect(() => guard({ body: { aggs: { h: child } } })).not.toThrow();
    expect(() => guard(under({ filter: { match_all: {} } }, child))).not.toThrow();
    expect(refusalOf(under({ terms: { field: 'service' } }, child), { ...OPTIONS, limits: { maxHistogramParentBuckets: 24 } })).toMatchObject({ reason: 'too-many-buckets', context: { limit: 24 } });
  });

  it('terms, ranges and metrics under many parents are not limited by it', () => {
    const wide = { terms: { field: 'service', size: 10_000 } };
    for (const child of [{ terms: { field: 'level', size: 2 } }, { range: { field: 'n', ranges: [{ to: 1 }, { from: 1 }] } }, { avg: { field: 'n' } }, { variable_width_histogram: { field: 'n', buckets: 2 } }]) {
      expect(() => guard(under(wide, child))).not.toThrow();
    }
  });
});
