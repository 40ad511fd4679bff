/**
 * The `_msearch` NDJSON the guard writes is spliced from text (the token's
 * filter written once per request, headers from a template) instead of
 * `JSON.stringify` of a guarded object per line. These properties hold it to
 * the byte: every body line is `JSON.stringify` of what `_search` makes of
 * the same body, every header line `JSON.stringify` of `guardedHeader`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { guardSearchRequest } from '../../src/index.js';
import { UnsafeRequestError } from '../../src/errors.js';
import type { AccessExpression } from '../../src/access/expression/expression.js';
import { guardedHeader, guardedHeaderText, pairMsearchLines } from '../../src/guard/msearch.js';
import type { JsonObject } from '../../src/guard/json-value.js';
import { expressionArbitrary, searchBodyArbitrary, TOKEN_INDICES } from '../support/request-arbitraries.js';
import { keywordFieldsOf } from '../support/keyword-fields.js';

type Outcome = { readonly body: unknown; readonly indices: readonly string[] } | { readonly reason: string; readonly pointer: unknown };

function outcome(request: unknown, expression: AccessExpression): Outcome {
  try {
    const guarded = guardSearchRequest(request, expression, { indices: [...TOKEN_INDICES], fields: keywordFieldsOf(expression) });
    return { body: guarded.body, indices: guarded.indices };
  } catch (error) {
    if (!(error instanceof UnsafeRequestError)) throw error;
    return { reason: error.reason, pointer: error.context.pointer };
  }
}

/** Strings JSON.stringify escapes or writes as they are: quotes, backslashes, controls, lone surrogates, astral characters. */
const awkwardText = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('"', '\\', '\n', '\u2028', '\ud800', '\udfff', '😀', '__proto__', 'constructor', '0', '1e3', '</script>'),
);

/** Bodies with awkward text in field names, values, aggregation names and sort keys. */
const awkwardBody = fc
  .record({ field: awkwardText, value: awkwardText, name: awkwardText.filter((n) => n.length > 0), sortField: awkwardText.filter((f) => f !== '_script' && f !== '_geo_distance' && f !== '_geoDistance') })
  .map(({ field, value, name, sortField }) => ({
    query: { bool: { must: [{ match: { [field]: value } }], filter: [{ term: { [field]: { value } } }] } },
    aggs: { [name]: { terms: { field }, meta: { [value]: [value, { [field]: 1 }] } } },
    sort: [{ [sortField]: 'desc' }, { [sortField]: { order: 'asc' } }],
    size: 3,
  }));

const headerArbitrary = fc.record(
  {
    index: fc.constantFrom('logs-app', 'logs-web-1', ['logs-app', 'logs-web-*'], 'logs-web-*,logs-app'),
    preference: fc.constantFrom('x', 1733389200000),
    expand_wildcards: fc.constant('open'),
    search_type: fc.constant('query_then_fetch'),
    request_cache: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('_msearch text: byte for byte what JSON.stringify of the guarded objects gives', () => {
  it('every body line is JSON.stringify of the _search guard of the same body; both refuse alike', () => {
    // How often each branch ran: the law is vacuous if every generated _msearch is refused (refusals are
    // rare here, 2 to 8 in 300, and are compared in the other guard properties; the count says how many).
    const reached = { compared: 0, refusedAlike: 0 };
    fc.assert(
      fc.property(
        fc.array(fc.tuple(headerArbitrary, fc.oneof(searchBodyArbitrary, awkwardBody)), { minLength: 1, maxLength: 3 }),
        fc.oneof(fc.constant<AccessExpression>({ kind: 'term', field: 'tenant', value: 'acme' }), expressionArbitrary),
        fc.boolean(),
        (pairs, expression, asText) => {
          const body = asText ? pairs.map(([h, b]) => `${JSON.stringify(h)}\n${JSON.stringify(b)}\n`).join('') : pairs.flat();
          const multi = outcome({ path: '/_msearch', body }, expression);
          const singles = pairs.map(([, b]) => outcome({ path: '/logs-app/_search', body: asText ? JSON.stringify(b) : b }, expression));
          const refused = singles.findIndex((s) => 'reason' in s);
          if (refused >= 0) {
            // The _msearch refuses at the first search the _search guard refuses (or earlier, at a header), for the same reason.
            expect('reason' in multi).toBe(true);
            const first = singles[refused] as { reason: string; pointer: unknown };
            if ('reason' in multi && multi.pointer !== undefined && String(multi.pointer).startsWith(`/${2 * refused + 1}`)) {
              expect(multi.reason).toBe(first.reason);
              expect(multi.pointer).toBe(`/${2 * refused + 1}${String(first.pointer ?? '')}`);
              reached.refusedAlike += 1;
            }
            return;
          }
          expect('body' in multi).toBe(true);
          const { body: text, indices } = multi as { body: unknown; indices: readonly string[] };
          expect(typeof text).toBe('string');
          const lines = (text as string).split('\n');
          expect(lines.length).toBe(2 * pairs.length + 1);
          expect(lines[lines.length - 1]).toBe('');
          pairs.forEach(([header], i) => {
            const expressionText = indices[i] as string;
            const checked = (pairMsearchLines([JSON.parse(JSON.stringify(header)) as JsonObject, {}], 1)[0] as { header: JsonObject }).header;
            expect(lines[2 * i]).toBe(JSON.stringify(guardedHeader(checked, expressionText.split(','))));
            expect(lines[2 * i + 1]).toBe(JSON.stringify((singles[i] as { body: unknown }).body));
          });
          reached.compared += 1;
        },
      ),
      { numRuns: 300 },
    );
    expect(reached.compared, JSON.stringify(reached)).toBeGreaterThanOrEqual(60);
  });

  it('a header line from the template equals JSON.stringify of guardedHeader', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('index', 'expand_wildcards', 'preference', 'routing', '__proto__'), fc.oneof(awkwardText, fc.boolean())),
        fc.array(awkwardText, { minLength: 1, maxLength: 3 }),
        (header, indices) => {
          const copy = JSON.parse(JSON.stringify(header)) as JsonObject;
          expect(guardedHeaderText(copy, indices, indices.join(','))).toBe(JSON.stringify(guardedHeader(copy, indices)));
        },
      ),
      { numRuns: 500 },
    );
  });
});
