/**
 * Findings of a hostile review of the guard, as example tests. Each
 * `refuses` test names a request the guard accepted that reads what the
 * token cannot see (the engine suite's `guard-attack.test.ts` shows each on
 * the real engine); each `keeps` test pins a nearby behaviour that is safe.
 */
import { describe, expect, it } from 'vitest';
import { expectRefused, guard, guardedBody, refusalOf } from './guard-helpers.js';

const search = (body: unknown, params: Record<string, string> = {}): unknown => ({ method: 'POST', path: '/logs-app/_search', params, body });

describe('fuzzy syntax smuggled past the query text check', () => {
  // A fuzzy term keeps at most 50 expansions of the whole index (Lucene FuzzyQuery's default
  // TopTermsBlendedFreqScoringRewrite), so hidden terms one edit away push a visible one out.
  it('refuses a fuzzy term after a quote inside a query_string regexp', () => {
    expectRefused(search({ query: { query_string: { query: 'message:/x"/ OR message:qqqqqq~2' } } }), 'term-dictionary-oracle', {
      pointer: '/query/query_string/query',
    });
  });

  it('refuses a fuzzy term inside an unterminated simple_query_string quote', () => {
    // SimpleQueryParser reads an unterminated quote as ordinary text, so qqqqqq~2 is fuzzy.
    expectRefused(search({ query: { simple_query_string: { query: '"qqqqqq~2', fields: ['message'] } } }), 'term-dictionary-oracle', {
      pointer: '/query/simple_query_string/query',
    });
  });

  it('refuses a fuzzy term after a stray simple_query_string quote', () => {
    expectRefused(search({ query: { simple_query_string: { query: 'a" qqqqqq~2', fields: ['message'] } } }), 'term-dictionary-oracle', {
      pointer: '/query/simple_query_string/query',
    });
  });

  it('keeps phrase slop in both syntaxes', () => {
    for (const query of [{ query_string: { query: '"a b"~2' } }, { simple_query_string: { query: '"a b"~2 c' } }]) {
      expect(guardedBody(search({ query })).query).toBeDefined();
    }
  });
});

describe('date_histogram bounds the guard and the engine read differently', () => {
  // The default date format strict_date_optional_time||epoch_millis reads "1000" as the year 1000,
  // not as 1000 ms: the guard counts 9,001 one-ms buckets, the engine builds about 2.8e14.
  const histogram = (extra: Record<string, unknown>): unknown =>
    search({ size: 0, aggs: { h: { date_histogram: { field: 'ts', fixed_interval: '1ms', ...extra } } } });

  it('refuses digit-string extended_bounds without format epoch_millis', () => {
    expect(refusalOf(histogram({ extended_bounds: { min: '1000', max: '9999' } })).reason).toMatch(/^(histogram-unbounded|too-many-buckets)$/);
  });

  it('refuses digit-string hard_bounds without format epoch_millis', () => {
    expect(refusalOf(histogram({ hard_bounds: { min: '1000', max: '9999' } })).reason).toMatch(/^(histogram-unbounded|too-many-buckets)$/);
  });

  it('refuses digit-string bounds with format strict_date_optional_time (years to the engine)', () => {
    expect(refusalOf(histogram({ format: 'strict_date_optional_time', extended_bounds: { min: '1000', max: '9999' } })).reason).toMatch(
      /^(histogram-unbounded|too-many-buckets)$/,
    );
  });

  it('keeps numeric epoch-ms bounds and ISO dates, with hard_bounds pinned', () => {
    const numeric = guardedBody(histogram({ fixed_interval: '1h', extended_bounds: { min: 0, max: 3_600_000 } })) as { aggs: { h: { date_histogram: Record<string, unknown> } } };
    expect(numeric.aggs.h.date_histogram['hard_bounds']).toEqual({ min: 0, max: 3_600_000 });
    const iso = guardedBody(histogram({ fixed_interval: '1d', extended_bounds: { min: '2024-01-01', max: '2024-02-01' } })) as { aggs: { h: { date_histogram: Record<string, unknown> } } };
    expect(iso.aggs.h.date_histogram['hard_bounds']).toEqual({ min: '2024-01-01', max: '2024-02-01' });
  });
});

describe('regexp determinization work', () => {
  // On OpenSearch 2.19, { regexp: { message: { value: '.*a.{18}', max_determinized_states: 2000000000 } } }
  // kept a search thread busy for 27 s, '.{20}' for more than two minutes (each +2 costs about 6x):
  // the engine's default limit of 10,000 refuses these patterns at once.
  it('refuses max_determinized_states above the engine default in regexp', () => {
    expect(refusalOf(search({ query: { regexp: { message: { value: '.*a.{20}', max_determinized_states: 2_000_000_000 } } } })).context.pointer).toBe(
      '/query/regexp/message/max_determinized_states',
    );
  });

  it('refuses max_determinized_states above the engine default in query_string', () => {
    expect(refusalOf(search({ query: { query_string: { query: '/.*a.{20}/', max_determinized_states: 2_000_000_000 } } })).context.pointer).toBe(
      '/query/query_string/max_determinized_states',
    );
  });

  it('keeps max_determinized_states up to the engine default', () => {
    expect(guardedBody(search({ query: { regexp: { message: { value: 'ab.*', max_determinized_states: 10_000 } } } })).query).toBeDefined();
  });
});

describe('shard counters that count hidden documents', () => {
  // _seq_no is a per-shard counter of every write, and a _doc sort value is the Lucene doc id:
  // both count the hidden documents indexed before a visible one, and a range on _seq_no
  // selects visible documents by that count.
  it('refuses seq_no_primary_term: true in the body', () => {
    expectRefused(search({ seq_no_primary_term: true }), 'sequence-numbers', { pointer: '/seq_no_primary_term' });
  });

  it('refuses seq_no_primary_term: true in inner hits and top hits', () => {
    expect(refusalOf(search({ collapse: { field: 'user', inner_hits: { name: 'n', seq_no_primary_term: true } } })).reason).toBe('sequence-numbers');
    expect(refusalOf(search({ aggs: { t: { top_hits: { seq_no_primary_term: true } } } })).reason).toBe('sequence-numbers');
  });

  it('refuses the seq_no_primary_term URL parameter', () => {
    expect(refusalOf(search({}, { seq_no_primary_term: 'true' })).context.parameter).toBe('seq_no_primary_term');
  });

  for (const [name, body] of [
    ['a range query', { query: { range: { _seq_no: { gte: 50 } } } }],
    ['a query_string field', { query: { query_string: { query: '_seq_no:>=50' } } }],
    ['a sort', { sort: [{ _seq_no: 'asc' }] }],
    ['an aggregation', { aggs: { m: { max: { field: '_seq_no' } } } }],
    ['docvalue_fields', { docvalue_fields: ['_seq_no'] }],
    ['fields (_primary_term)', { fields: ['_primary_term'] }],
  ] as const) {
    it(`refuses _seq_no / _primary_term in ${name}`, () => {
      refusalOf(search(body));
    });
  }
});

describe('JSON text tricks the guard reads as the engine would', () => {
  it('keeps only the last of duplicate keys, and forwards only what it checked', () => {
    const text = '{"query":{"terms":{"code":{"index":"other","id":"1","path":"p"}}},"query":{"match_all":{}}}';
    const guarded = guard(search(text));
    expect(JSON.stringify(guarded.body)).not.toContain('other');
    expect(() => guard(search('{"query":{"match_all":{}},"query":{"terms":{"code":{"index":"other","id":"1","path":"p"}}}}'))).toThrow();
  });

  it('reads unicode escapes in keys as the engine does', () => {
    expectRefused(search('{"\\u0071uery":{"terms":{"code":{"index":"other","id":"1","path":"p"}}}}'), 'terms-lookup', { pointer: '/query/terms/code' });
  });

  it('treats __proto__ as an ordinary key: a clause type it refuses, an aggregation name it keeps', () => {
    expectRefused(search('{"query":{"__proto__":{"match_all":{}}}}'), 'query-type-not-allowed', { pointer: '/query/__proto__' });
    const body = guardedBody(search('{"aggs":{"__proto__":{"max":{"field":"n"}}}}')) as { aggs: object };
    expect(Object.prototype.hasOwnProperty.call(body.aggs, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(body.aggs)).toBe(Object.prototype);
  });
});
