/**
 * Bounded guard work and short refusals. One `_msearch` naming 85k indices
 * used to block the guard for seconds, a 1 MB index name was accepted, and
 * a 1 MiB key came back in `context.pointer`. Index names
 * are capped in number (per request, `_msearch` headers together) and in
 * length before any per-name work; a refusal carries at most a short
 * prefix of any attacker text. The time bound asserted here is generous
 * (the benchmark `bench/guard-cost.ts` gives the real figures).
 */
import { describe, expect, it } from 'vitest';
import { patternCovers } from '../../src/guard/index-expression.js';
import { expectRefused, guard, refusalOf, TOKEN_FIELDS } from './guard-helpers.js';

const MANY_PATTERNS = { fields: TOKEN_FIELDS, indices: Array.from({ length: 20 }, (_, i) => `logs-${i}-*`) };

/** Every string in a refusal: message and context. */
function refusalText(request: unknown, options?: Parameters<typeof refusalOf>[1]): string[] {
  const error = refusalOf(request, options);
  return [error.message, ...Object.values(error.context).filter((v): v is string => typeof v === 'string')];
}

describe('index name caps', () => {
  it('refuses an _msearch naming 85k indices, fast, before matching them', () => {
    const names = Array.from({ length: 85_000 }, (_, i) => `l${i}`).join(',');
    const started = performance.now();
    const error = refusalOf({ path: '/_msearch', body: [{ index: names }, {}] }, MANY_PATTERNS);
    expect(performance.now() - started).toBeLessThan(1000);
    expect({ reason: error.reason, pointer: error.context.pointer }).toEqual({ reason: 'too-many-indices', pointer: '/0/index' });
  });

  it('counts names across the path and every _msearch header', () => {
    const header = (n: number, from: number) => ({ index: Array.from({ length: n }, (_, i) => `logs-web-${from + i}`) });
    expect(() => guard({ path: '/logs-app/_msearch', body: [header(100, 0), {}, header(155, 100), {}] })).not.toThrow();
    expectRefused({ path: '/logs-app/_msearch', body: [header(100, 0), {}, header(156, 100), {}] }, 'too-many-indices', { pointer: '/2/index' });
    expectRefused({ path: `/${Array.from({ length: 257 }, (_, i) => `logs-web-${i}`).join(',')}/_search` }, 'too-many-indices', { parameter: 'path' });
    expect(() => guard({ path: '/logs-web-1,logs-web-2/_search' }, { fields: TOKEN_FIELDS, indices: ['logs-web-*'], limits: { maxIndexNames: 2 } })).not.toThrow();
    expectRefused({ path: '/logs-web-1,logs-web-2,logs-app/_search' }, 'too-many-indices', { parameter: 'path' }, { fields: TOKEN_FIELDS, indices: ['logs-*'], limits: { maxIndexNames: 2 } });
  });

  it('spends the names of an _msearch header expression each time it repeats, though its check is done once', () => {
    const body = (n: number) => Array.from({ length: n }, () => [{ index: 'logs-web-1,logs-web-2' }, {}]).flat();
    const options = { fields: TOKEN_FIELDS, indices: ['logs-web-*'], limits: { maxIndexNames: 6 } };
    expect(guard({ path: '/_msearch', body: body(3) }, options).indices).toEqual(['logs-web-1,logs-web-2', 'logs-web-1,logs-web-2', 'logs-web-1,logs-web-2']);
    expectRefused({ path: '/_msearch', body: body(4) }, 'too-many-indices', { pointer: '/6/index' }, options);
    // A repeated expression outside the token's indices is refused where it first appears.
    expectRefused({ path: '/_msearch', body: [{ index: 'logs-web-1' }, {}, { index: 'logs-app' }, {}, { index: 'logs-app' }, {}] }, 'index-not-allowed', { pointer: '/2/index' }, options);
  });

  it('emits each checked part of the guard\'s own copy once: meta and one-key sorts are not shared between places', () => {
    for (const body of [
      { sort: [{ ts: 'desc' }, { code: 'asc' }], aggs: { a: { max: { field: 'code' }, meta: { m: [{ x: 1 }] } }, b: { max: { field: 'code' }, meta: { m: [{ x: 1 }] } } } },
      JSON.stringify({ sort: [{ ts: 'desc' }, { code: 'asc' }], aggs: { a: { max: { field: 'code' }, meta: { m: [{ x: 1 }] } } } }),
    ]) {
      const out = guard({ path: '/logs-app/_search', body }).body as Record<string, unknown>;
      const seen = new Set<object>();
      const visit = (value: unknown): void => {
        if (typeof value !== 'object' || value === null) return;
        expect(seen.has(value)).toBe(false);
        seen.add(value);
        for (const item of Object.values(value)) visit(item);
      };
      visit(out);
      expect(out['sort']).toEqual([{ ts: 'desc' }, { code: 'asc' }]);
      expect((out['aggs'] as Record<string, { meta: unknown }>)['a']?.meta).toEqual({ m: [{ x: 1 }] });
    }
  });

  it('refuses a name longer than 255 UTF-8 bytes, and never echoes more than a short prefix of it', () => {
    expect(() => guard({ path: `/logs-web-${'a'.repeat(246)}/_search` })).not.toThrow();
    expectRefused({ path: `/logs-web-${'a'.repeat(247)}/_search` }, 'index-invalid', { parameter: 'path' });
    // 9 + 2 × 124 = 257 bytes in 133 characters
    expectRefused({ path: `/logs-web-${'é'.repeat(124)}/_search` }, 'index-invalid', { parameter: 'path' });
    const huge = `logs-web-${'a'.repeat(1_000_000)}`;
    for (const request of [{ path: `/${huge}/_search` }, { path: '/_msearch', body: [{ index: huge }, {}] }]) {
      const texts = refusalText(request);
      for (const text of texts) expect(text.length).toBeLessThan(200);
    }
  });

  it('matches patterns in time linear in the name, without backtracking blow-up', () => {
    const started = performance.now();
    for (let i = 0; i < 1000; i += 1) patternCovers('*a*a*a*a*a*a*a*a*b', 'a'.repeat(255));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(patternCovers('*a*a*b', 'xaxaxb')).toBe(true);
    expect(patternCovers('*a*a*b', 'xaxb')).toBe(false);
  });
});

describe('refusals carry at most a short prefix of attacker text', () => {
  const key = 'k'.repeat(1024 * 1024);

  it.each([
    ['a 1 MiB unknown body key', { body: { [key]: 1 } }],
    ['a 1 MiB query type', { body: { query: { [key]: {} } } }],
    ['a 1 MiB key deep in an aggregation', { body: { aggs: { t: { terms: { field: 's' }, aggs: { [key]: { [key]: {} } } } } } }],
    ['a 1 MiB sort field with a bad order', { body: { sort: [{ [key]: 'sideways' }] } }],
    ['a 1 MiB URL parameter name', { params: { [key]: 'x' }, body: {} }],
    ['a 1 MiB field beside another field', { body: { query: { term: { a: 'x', [key]: 'y' } } } }],
    ['a 1 MiB aggregation type', { body: { aggs: { a: { [key]: {} } } } }],
  ])('%s', (_name, request) => {
    const texts = refusalText(request, { fields: TOKEN_FIELDS, indices: ['logs-app'], limits: { maxBodyBytes: 4 * 1024 * 1024 } });
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(300);
  });

  it('keeps pointers exact when they are short', () => {
    expectRefused({ body: { aggs: { by_service: { terms: { field: 's', lookup: 1 } } } } }, 'aggregation-option-not-allowed', { pointer: '/aggs/by_service/terms/lookup' });
  });
});

describe('JSON text is read exactly', () => {
  it('refuses a number that overflows a double instead of forwarding it as null', () => {
    expectRefused({ path: '/logs-app/_search', body: '{"query":{"range":{"code":{"gte":1e400}}}}' }, 'body-not-json', { pointer: '' });
    expectRefused({ path: '/_msearch', body: '{"index":"logs-app"}\n{"size":-1e999}\n' }, 'body-not-json', { pointer: '/1' });
  });
});
