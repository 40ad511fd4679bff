/**
 * The guard's threat model (docs/security.md), other body features:: refused ones where a request puts
 * them and nested deeper; allowed ones keep their shape with their queries
 * walked.
 */
import { describe, expect, it } from 'vitest';
import { guardSearchRequest } from '../../src/index.js';
import type { GuardOptions } from '../../src/index.js';
import { expectRefused, guardedBody, TOKEN, wrapped, TOKEN_FIELDS } from './guard-helpers.js';

function guardSearchRequestFor(request: unknown, options: GuardOptions) {
  return guardSearchRequest(request, TOKEN, options);
}

describe('features that leak are refused', () => {
  it('suggest (term, phrase, completion), also inside an _msearch item', () => {
    expectRefused({ body: { suggest: { s: { text: 'ac', term: { field: 'tenant' } } } } }, 'suggest', { pointer: '/suggest' });
    expectRefused({ body: { suggest: { s: { prefix: 'a', completion: { field: 'c' } } } } }, 'suggest', { pointer: '/suggest' });
    expectRefused({ path: '/_msearch', body: [{}, { suggest: {} }] }, 'suggest', { pointer: '/1/suggest' });
  });

  it('profile: true (false is harmless and kept), also inside an _msearch item', () => {
    expectRefused({ body: { profile: true } }, 'profile', { pointer: '/profile' });
    expectRefused({ path: '/_msearch', body: [{}, {}, {}, { profile: 'true' }] }, 'profile', { pointer: '/3/profile' });
    expect(guardedBody({ profile: false })['profile']).toBe(false);
  });

  it('explain: true at the top, in inner_hits of a nested query, in collapse inner_hits, and as a URL parameter', () => {
    expectRefused({ body: { explain: true } }, 'explain', { pointer: '/explain' });
    expectRefused({ body: { query: { nested: { path: 'items', query: { match_all: {} }, inner_hits: { explain: true } } } } }, 'explain', { pointer: '/query/nested/inner_hits/explain' });
    expectRefused({ body: { collapse: { field: 's', inner_hits: [{ name: 'a' }, { name: 'b', explain: true }] } } }, 'explain', { pointer: '/collapse/inner_hits/1/explain' });
    expectRefused({ params: { explain: 'true' } }, 'explain', { parameter: 'explain' });
  });

  it('script_fields, at the top and inside top_hits', () => {
    expectRefused({ body: { script_fields: { x: { script: 'x' } } } }, 'script', { pointer: '/script_fields' });
    expectRefused({ body: { aggs: { t: { terms: { field: 's' }, aggs: { h: { top_hits: { script_fields: { x: { script: 'x' } } } } } } } } }, 'script', { pointer: '/aggs/t/aggs/h/top_hits/script_fields' });
  });

  it('script sorts, at the top and inside inner_hits', () => {
    expectRefused({ body: { sort: { _script: { type: 'number', script: 'x' } } } }, 'script', { pointer: '/sort/_script' });
    expectRefused({ body: { collapse: { field: 's', inner_hits: { name: 'a', sort: [{ _script: {} }] } } } }, 'script', { pointer: '/collapse/inner_hits/sort/0/_script' });
  });

  it('script and geo sorts written as { name: order } in a sort list (the form the walker takes whole, without a pointer)', () => {
    expectRefused({ body: { sort: ['code', { ts: 'desc' }, { _script: 'asc' }] } }, 'script', { pointer: '/sort/2/_script' });
    expectRefused({ body: { sort: [{ ts: 'desc' }, { _geo_distance: 'asc' }] } }, 'malformed', { pointer: '/sort/1/_geo_distance' });
    expectRefused({ body: { sort: [{ ts: 'desc' }, { _score: 'desc', code: 'asc' }] } }, 'malformed', { pointer: '/sort/1' });
    expectRefused({ body: { sort: [{ ts: 'up' }] } }, 'malformed', { pointer: '/sort/0/ts' });
  });

  it('a rescorer other than query rescoring', () => {
    expectRefused({ body: { rescore: { learning_to_rank: { model_id: 'm' } } } }, 'rescorer-not-allowed', { pointer: '/rescore/learning_to_rank' });
  });
});

describe('features that only narrow or decorate hits are kept, their queries walked', () => {
  it('post_filter, rescore, collapse with inner_hits, highlight, sort, paging and source filtering', () => {
    const body = {
      query: { match: { msg: 'x' } },
      post_filter: { term: { level: 'error' } },
      rescore: { window_size: 10, query: { rescore_query: { match_phrase: { msg: 'x y' } }, query_weight: 0.7 } },
      collapse: { field: 'service', inner_hits: { name: 'latest', size: 1, sort: [{ code: 'desc' }] }, max_concurrent_group_searches: 2 },
      highlight: { fields: { msg: { highlight_query: { match: { msg: 'y' } } } }, pre_tags: ['<b>'] },
      sort: [{ code: { order: 'desc', missing: '_last' } }, '_score'],
      size: 10,
      from: 5,
      min_score: 0.1,
      track_total_hits: 1000,
      terminate_after: 100,
      search_after: [1, 'x'],
      slice: { id: 0, max: 2 },
      stored_fields: ['_none_'],
      docvalue_fields: ['code'],
      fields: [{ field: 'ts', format: 'epoch_millis' }],
      _source: { includes: ['msg'] },
      version: true,
      stats: ['group'],
    };
    const { query, ...rest } = body;
    expect(guardedBody(body)).toEqual({ query: wrapped(query), ...rest });
  });

  it('sort lists of names and { name: order } objects are kept as they are, each a new object', () => {
    const input = JSON.parse('{"sort":["code",{"ts":"desc"},{"_score":"asc"},{"__proto__":"desc"},{"a.b":{"order":"asc"}}]}') as { sort: unknown[] };
    const out = guardedBody(input)['sort'] as unknown[];
    expect(JSON.stringify(out)).toBe(JSON.stringify(input.sort));
    out.forEach((item, i) => {
      if (typeof item === 'object') expect(item).not.toBe(input.sort[i]);
    });
  });

  it('the query comes first in the guarded body, whatever the input order', () => {
    expect(Object.keys(guardedBody({ size: 1, query: { match_all: {} } }))).toEqual(['query', 'size']);
  });
});

describe('point in time is refused unless bound to the token', () => {
  const body = { pit: { id: 'pit-1', keep_alive: '1m' }, query: { match_all: {} } };

  it('is refused without a binding, or when the binding says no', () => {
    expectRefused({ body }, 'pit-not-bound', { pointer: '/pit/id' });
    expectRefused({ body }, 'pit-not-bound', { pointer: '/pit/id' }, { fields: TOKEN_FIELDS, indices: ['logs-app'], bindings: { checkPitId: (id) => id === 'pit-2' } });
  });

  it('is accepted when bound, without indices in the path (the PIT fixes them)', () => {
    const options = { fields: TOKEN_FIELDS, indices: ['logs-app'], bindings: { checkPitId: (id: string) => id === 'pit-1' } };
    const guarded = guardSearchRequestFor({ path: '/_search', body }, options);
    expect(guarded.path).toBe('/_search');
    expect(guarded.params).toEqual({});
    expectRefused({ path: '/logs-app/_search', body }, 'pit-with-index', { pointer: '/pit' }, options);
  });
});
