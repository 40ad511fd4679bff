/**
 * Soundness: every request the guard accepts, evaluated over random
 * documents, reveals only documents the token's predicate accepts: in hits,
 * totals, every aggregation bucket at every depth, metrics, top hits, inner
 * hits, and in every `_msearch` item. Plus: the allowed grammar is accepted,
 * the dangerous shapes are refused, and guarding twice changes nothing.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { guardSearchRequest } from '../../src/index.js';
import type { GuardedSearchRequest } from '../../src/index.js';
import { toPredicate } from '../../src/access/predicate/predicate.js';
import type { AccessExpression } from '../../src/access/expression/expression.js';
import { UnsafeRequestError } from '../../src/errors.js';
import { dangerousFragments, dangerousRequestArbitrary, docsArbitrary, expressionArbitrary, requestArbitrary, TEST_FIELDS, TOKEN_INDICES } from '../support/request-arbitraries.js';
import { evaluateGuardedRequest } from '../support/search-evaluator.js';
import type { EvalDoc } from '../support/search-evaluator.js';

const OPTIONS = { indices: [...TOKEN_INDICES], fields: TEST_FIELDS };

/** Refusals a request of the allowed grammar may still get: it was too big. */
const LIMIT_REASONS = new Set(['body-too-deep', 'too-many-clauses', 'query-too-deep', 'aggregations-too-deep', 'too-many-aggregations', 'too-many-buckets']);

function visible(expression: AccessExpression, docs: readonly EvalDoc[]): Set<string> {
  const predicate = toPredicate(expression, { fields: TEST_FIELDS });
  return new Set(docs.filter((d) => predicate(d._source)).map((d) => d._id));
}

/** Asserts that everything `guarded` reveals over `docs` is in `allowed`; returns how many searches were evaluated. */
function expectSound(guarded: GuardedSearchRequest, docs: readonly EvalDoc[], allowed: ReadonlySet<string>): number {
  let evaluated = 0;
  for (const outcome of evaluateGuardedRequest(guarded, docs, TEST_FIELDS)) {
    if (!outcome.failed) evaluated += 1;
    for (const { where, ids } of outcome.revealed) {
      for (const id of ids) expect(allowed.has(id), `${where} reveals ${id}`).toBe(true);
    }
  }
  return evaluated;
}

function guardOrRefuse(request: unknown, expression: AccessExpression): GuardedSearchRequest | UnsafeRequestError {
  try {
    return guardSearchRequest(request, expression, OPTIONS);
  } catch (error) {
    if (error instanceof UnsafeRequestError) return error;
    throw error;
  }
}

describe('soundness of accepted requests', () => {
  it('every accepted request reveals only documents the token sees; the allowed grammar is accepted', () => {
    let accepted = 0;
    let evaluated = 0;
    fc.assert(
      fc.property(requestArbitrary, expressionArbitrary, docsArbitrary, (request, expression, docs) => {
        const result = guardOrRefuse(request, expression);
        if (result instanceof UnsafeRequestError) {
          expect(LIMIT_REASONS, `${result.reason} at ${String(result.context.pointer)}`).toContain(result.reason);
          return;
        }
        accepted += 1;
        evaluated += expectSound(result, docs, visible(expression, docs));
      }),
      { numRuns: 300 },
    );
    // The property must not hold vacuously: nearly all requests are accepted and evaluated.
    expect(accepted).toBeGreaterThan(250);
    expect(evaluated).toBeGreaterThan(200);
  });

  it('the dangerous shapes are refused wherever they are merged in (and would be caught if not)', () => {
    fc.assert(
      fc.property(dangerousRequestArbitrary, expressionArbitrary, docsArbitrary, (request, expression, docs) => {
        const result = guardOrRefuse({ path: '/logs-app/_search', ...request }, expression);
        if (!(result instanceof UnsafeRequestError)) expectSound(result, docs, visible(expression, docs));
        expect(result).toBeInstanceOf(UnsafeRequestError);
      }),
    );
  });

  it.each(dangerousFragments.map((f) => [f.name, f] as const))('the oracle sees %s escape a naive query wrapper', (_name, fragment) => {
    const docs: EvalDoc[] = [
      { _id: 'mine', _source: { tenant: 'acme', service: 'api' } },
      { _id: 'theirs', _source: { tenant: 'globex', service: 'db' } },
    ];
    const naive: GuardedSearchRequest = {
      method: 'POST',
      path: '/logs-app/_search',
      params: fragment.params ?? {},
      body: { query: { bool: { filter: [{ term: { tenant: 'acme' } }], must: [{ match_all: {} }] } }, ...fragment.body },
      endpoint: 'search',
      indices: [],
    };
    const revealed = evaluateGuardedRequest(naive, docs, TEST_FIELDS).flatMap((o) => o.revealed.flatMap((r) => [...r.ids]));
    expect(revealed).toContain('theirs');
  });

  it('the search evaluator does catch an unguarded request (the oracle is not blind)', () => {
    const docs: EvalDoc[] = [
      { _id: 'mine', _source: { tenant: 'acme' } },
      { _id: 'theirs', _source: { tenant: 'globex' } },
    ];
    const unguarded: GuardedSearchRequest = { method: 'POST', path: '/logs-app/_search', params: {}, body: { query: { match_all: {} }, aggs: { g: { global: {} } } }, endpoint: 'search', indices: [] };
    const revealed = evaluateGuardedRequest(unguarded, docs, TEST_FIELDS).flatMap((o) => o.revealed.flatMap((r) => [...r.ids]));
    expect(revealed).toContain('theirs');
  });
});

describe('idempotence', () => {
  it('guarding a guarded request returns an equal request, and it stays sound', () => {
    fc.assert(
      fc.property(requestArbitrary, expressionArbitrary, docsArbitrary, (request, expression, docs) => {
        const once = guardOrRefuse(request, expression);
        if (once instanceof UnsafeRequestError) return;
        const twice = guardSearchRequest(once, expression, OPTIONS);
        expect(twice).toEqual(once);
        expectSound(twice, docs, visible(expression, docs));
      }),
      { numRuns: 100 },
    );
  });

  it('guarding under a second token narrows to both tokens', () => {
    fc.assert(
      fc.property(requestArbitrary, expressionArbitrary, expressionArbitrary, docsArbitrary, (request, first, second, docs) => {
        const once = guardOrRefuse(request, first);
        if (once instanceof UnsafeRequestError) return;
        const both = guardSearchRequest(once, second, OPTIONS);
        const allowedFirst = visible(first, docs);
        expectSound(both, docs, new Set([...visible(second, docs)].filter((id) => allowedFirst.has(id))));
      }),
      { numRuns: 100 },
    );
  });

  it('never changes its input', () => {
    fc.assert(
      fc.property(requestArbitrary, expressionArbitrary, (request, expression) => {
        const before = JSON.stringify(request);
        guardOrRefuse(request, expression);
        expect(JSON.stringify(request)).toBe(before);
      }),
      { numRuns: 100 },
    );
  });
});
