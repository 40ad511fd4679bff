/**
 * Term-dictionary oracles: options and clauses whose matching documents
 * depend on the terms of the whole index (hidden documents included): a
 * capped or top-N expansion, a document-frequency threshold. A known
 * attack: `prefix` with `rewrite: top_terms_1` returns nothing when a
 * hidden document holds the best term. Each is refused wherever a query can
 * be; the constant-score forms, which match every expanded term, are not.
 */
import { describe, expect, it } from 'vitest';
import { expectRefused, guardedBody, wrapped } from './guard-helpers.js';
import { queryPlacements } from './placements.js';

describe.each([
  ['prefix with rewrite top_terms_1 (a known attack)', { prefix: { message: { value: 'sec', rewrite: 'top_terms_1' } } }, '/prefix/message/rewrite'],
  ['prefix with rewrite top_terms_boost_5', { prefix: { message: { value: 'sec', rewrite: 'top_terms_boost_5' } } }, '/prefix/message/rewrite'],
  ['prefix with rewrite constant_score_boolean (fails past the clause limit, counting hidden terms)', { prefix: { message: { value: 's', rewrite: 'constant_score_boolean' } } }, '/prefix/message/rewrite'],
  ['wildcard with rewrite top_terms_blended_freqs_3', { wildcard: { message: { value: 's*', rewrite: 'top_terms_blended_freqs_3' } } }, '/wildcard/message/rewrite'],
  ['regexp with rewrite scoring_boolean', { regexp: { message: { value: 's.*', rewrite: 'scoring_boolean' } } }, '/regexp/message/rewrite'],
  ['fuzzy (default max_expansions 50)', { fuzzy: { message: 'secret' } }, '/fuzzy'],
  ['fuzzy with rewrite', { fuzzy: { message: { value: 'secret', rewrite: 'top_terms_1' } } }, '/fuzzy'],
  ['match_phrase_prefix (default max_expansions 50)', { match_phrase_prefix: { message: 'the sec' } }, '/match_phrase_prefix'],
  ['span_multi', { span_multi: { match: { prefix: { message: 'sec' } } } }, '/span_multi'],
  ['more_like_this (document frequencies of the whole index)', { more_like_this: { fields: ['message'], like: 'secret', min_doc_freq: 1 } }, '/more_like_this'],
  ['more_like_this with max_doc_freq', { more_like_this: { fields: ['message'], like: 'secret', max_doc_freq: 2 } }, '/more_like_this'],
  ['match with fuzziness', { match: { message: { query: 'secret', fuzziness: 'AUTO' } } }, '/match/message/fuzziness'],
  ['match with max_expansions', { match: { message: { query: 'secret', max_expansions: 1 } } }, '/match/message/max_expansions'],
  ['match with fuzzy_rewrite', { match: { message: { query: 'secret', fuzzy_rewrite: 'top_terms_1' } } }, '/match/message/fuzzy_rewrite'],
  ['match with cutoff_frequency', { match: { message: { query: 'the secret', cutoff_frequency: 0.01 } } }, '/match/message/cutoff_frequency'],
  ['match_bool_prefix with fuzziness', { match_bool_prefix: { message: { query: 'the sec', fuzziness: 1 } } }, '/match_bool_prefix/message/fuzziness'],
  ['match_bool_prefix with max_expansions', { match_bool_prefix: { message: { query: 'the sec', max_expansions: 1 } } }, '/match_bool_prefix/message/max_expansions'],
  ['multi_match with fuzziness', { multi_match: { query: 'secret', fields: ['message'], fuzziness: 1 } }, '/multi_match/fuzziness'],
  ['multi_match with max_expansions', { multi_match: { query: 'secret', fields: ['message'], max_expansions: 1 } }, '/multi_match/max_expansions'],
  ['multi_match of type phrase_prefix', { multi_match: { query: 'the sec', fields: ['message'], type: 'phrase_prefix' } }, '/multi_match/type'],
  ['multi_match with cutoff_frequency', { multi_match: { query: 'secret', fields: ['message'], cutoff_frequency: 0.1 } }, '/multi_match/cutoff_frequency'],
  ['multi_match with rewrite', { multi_match: { query: 'secret', fields: ['message'], rewrite: 'top_terms_1' } }, '/multi_match/rewrite'],
  ['query_string with rewrite top_terms_1', { query_string: { query: 'sec*', rewrite: 'top_terms_1' } }, '/query_string/rewrite'],
  ['query_string with fuzzy_rewrite', { query_string: { query: 'secret', fuzzy_rewrite: 'top_terms_1' } }, '/query_string/fuzzy_rewrite'],
  ['query_string with fuzzy_max_expansions', { query_string: { query: 'secret', fuzzy_max_expansions: 1 } }, '/query_string/fuzzy_max_expansions'],
  ['query_string with fuzziness', { query_string: { query: 'secret', fuzziness: 2 } }, '/query_string/fuzziness'],
  ['query_string with type phrase_prefix', { query_string: { query: 'the sec', type: 'phrase_prefix' } }, '/query_string/type'],
  ['query_string fuzzy syntax term~', { query_string: { query: 'message:secret~' } }, '/query_string/query'],
  ['query_string fuzzy syntax term~1 after a phrase', { query_string: { query: '"a b"~2 AND secret~1' } }, '/query_string/query'],
  ['simple_query_string fuzzy syntax', { simple_query_string: { query: 'secret~2', fields: ['message'] } }, '/simple_query_string/query'],
  ['simple_query_string with fuzzy_max_expansions', { simple_query_string: { query: 'secret', fuzzy_max_expansions: 1 } }, '/simple_query_string/fuzzy_max_expansions'],
  ['intervals prefix', { intervals: { message: { prefix: { prefix: 'sec' } } } }, '/intervals/message/prefix'],
  ['intervals wildcard', { intervals: { message: { wildcard: { pattern: 'sec*' } } } }, '/intervals/message/wildcard'],
  ['intervals fuzzy', { intervals: { message: { fuzzy: { term: 'secret' } } } }, '/intervals/message/fuzzy'],
  ['intervals prefix inside all_of', { intervals: { message: { all_of: { intervals: [{ match: { query: 'a' } }, { prefix: { prefix: 'sec' } }] } } } }, '/intervals/message/all_of/intervals/1/prefix'],
  ['intervals prefix inside a filter', { intervals: { message: { match: { query: 'a', filter: { before: { prefix: { prefix: 's' } } } } } } }, '/intervals/message/match/filter/before/prefix'],
])('%s is refused', (_name, clause, inside) => {
  it.each(queryPlacements(clause))('in %s', (_where, request, pointer) => {
    expectRefused(request, 'term-dictionary-oracle', { pointer: `${pointer}${inside}` });
  });
});

describe('multi-term forms that match every expanded term are accepted', () => {
  it.each([
    ['prefix (constant-score rewrite by default)', { prefix: { message: 'sec' } }],
    ['prefix with rewrite constant_score', { prefix: { message: { value: 'sec', rewrite: 'constant_score' } } }],
    ['wildcard', { wildcard: { message: { value: 's*t', case_insensitive: true } } }],
    ['regexp', { regexp: { message: { value: 's.*', flags: 'ALL', max_determinized_states: 1000 } } }],
    ['match_bool_prefix without fuzziness', { match_bool_prefix: { message: 'the sec' } }],
    ['match with prefix_length alone (inert without fuzziness)', { match: { message: { query: 'secret', prefix_length: 2, operator: 'and' } } }],
    ['query_string with wildcards and phrase slop', { query_string: { query: 'sec* AND "a b"~2 AND message:\\~literal', analyze_wildcard: true, default_field: '*' } }],
    ['simple_query_string with a prefix and phrase slop', { simple_query_string: { query: 'sec* | "a b"~3', fields: ['message'] } }],
    ['multi_match of type bool_prefix', { multi_match: { query: 'the sec', fields: ['message'], type: 'bool_prefix' } }],
    ['intervals match', { intervals: { message: { all_of: { ordered: true, intervals: [{ match: { query: 'a' } }, { any_of: { intervals: [{ match: { query: 'b' } }] } }] } } } }],
  ])('%s', (_name, clause) => {
    expect(guardedBody({ body: { query: clause } })['query']).toEqual(wrapped(clause));
  });
});

describe('highlighting', () => {
  it('refuses the fvh highlighter (it expands multi-term queries over the whole index), at the top and per field', () => {
    expectRefused({ body: { highlight: { type: 'fvh', fields: { msg: {} } } } }, 'term-dictionary-oracle', { pointer: '/highlight/type' });
    expectRefused({ body: { aggs: { h: { top_hits: { highlight: { fields: { msg: { type: 'fvh' } } } } } } } }, 'term-dictionary-oracle', {
      pointer: '/aggs/h/top_hits/highlight/fields/msg/type',
    });
  });

  it('accepts the unified and plain highlighters', () => {
    for (const type of ['unified', 'plain']) {
      const highlight = { type, fields: { msg: { type } } };
      expect(guardedBody({ body: { highlight } })['highlight']).toEqual(highlight);
    }
  });
});
