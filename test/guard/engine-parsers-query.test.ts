/**
 * The guard parses every query clause it accepts the way the engines'
 * parsers do (the table in `engine-parsers-query-specs.ts`): each parameter
 * with its right kind is accepted and re-emitted exactly; a wrong kind is
 * refused at its position; keys the engines know but the guard does not take
 * (other or deprecated names, one engine's extensions, oracles) are refused
 * with their reason; an unknown key is refused; and all of it holds in every
 * place a real request puts a query clause, and nested deeper.
 */
import { describe, expect, it } from 'vitest';
import { ACCEPTED_CLAUSE_TYPES } from '../../src/guard/query-walker.js';
import { expectRefused, guardedBody, wrapped } from './guard-helpers.js';
import type { Placement } from './placements.js';
import { queryPlacements } from './placements.js';
import type { ClauseSpec, Path } from './engine-parsers-query-specs.js';
import { CLAUSE_SPECS, pointerOf, withValue } from './engine-parsers-query-specs.js';

/** Field-keyed clauses: a key the clause does not know, beside the field, is a second field. */
const FIELD_KEYED = new Set([
  'term', 'terms', 'terms_set', 'range', 'prefix', 'wildcard', 'regexp', 'match', 'match_phrase', 'match_bool_prefix',
  'geo_bounding_box', 'geo_distance', 'geo_polygon', 'geo_shape', 'shape', 'intervals', 'span_term',
]);

/** Clauses not in the table, with why: their output is not the input (the token filter goes inside). */
const NOT_IN_TABLE = new Set(['knn']);

/** The placements of `clause`, plus one inside a nested query. */
function placements(clause: Record<string, unknown>): Placement[] {
  return [
    ...queryPlacements(clause),
    ['nested.query inside bool.filter', { body: { query: { bool: { filter: [{ nested: { path: 'items', query: clause } }] } } } }, '/query/bool/filter/0/nested/query'],
  ];
}

function accepted(type: string, body: Record<string, unknown>): void {
  const clause = { [type]: body };
  expect(guardedBody({ body: { query: clause } })['query']).toEqual(wrapped(clause));
}

const label = (path: Path): string => path.join('.');

it('the table covers every accepted clause type but knn', () => {
  const covered = new Set(CLAUSE_SPECS.map((spec) => spec.type));
  expect(ACCEPTED_CLAUSE_TYPES.filter((type) => !covered.has(type) && !NOT_IN_TABLE.has(type))).toEqual([]);
  expect([...covered].filter((type) => !ACCEPTED_CLAUSE_TYPES.includes(type))).toEqual([]);
});

describe.each(CLAUSE_SPECS.map((spec) => [spec.type, spec] as const))('%s', (type, spec: ClauseSpec) => {
  it('accepts its minimal body and re-emits it exactly', () => {
    accepted(type, spec.base);
  });

  describe.each(spec.probes.map((probe) => [label(probe.at), JSON.stringify(probe.good), probe] as const))('%s', (_at, _good, probe) => {
    it(`accepts ${JSON.stringify(probe.good)} and re-emits it exactly`, () => {
      accepted(type, withValue(spec.base, probe.at, probe.good));
    });

    it(`refuses ${JSON.stringify(probe.bad)} at its position`, () => {
      const request = { body: { query: { [type]: withValue(spec.base, probe.at, probe.bad) } } };
      expectRefused(request, probe.badReason ?? 'malformed', { pointer: pointerOf(`/query/${type}`, probe.badAt ?? probe.at) });
    });
  });

  if (spec.refused.length > 0) {
    it.each(spec.refused.map((refused) => [label(refused.at), refused.reason, refused] as const))('refuses %s (%s)', (_at, reason, refused) => {
      const body = refused.body ?? withValue(spec.base, refused.at, refused.value);
      expectRefused({ body: { query: { [type]: body } } }, reason, { pointer: pointerOf(`/query/${type}`, refused.pointerAt ?? refused.at) });
    });
  }

  const unknownAt: (readonly [Path, string])[] = [...spec.unknownAt, ...(FIELD_KEYED.has(type) ? [[[], 'malformed'] as const] : [])];
  describe.each(unknownAt.map(([at, reason]) => [label(at) || '(clause body)', reason, at] as const))('an unknown key in %s is refused (%s)', (_where, reason, at) => {
    const body = withValue(spec.base, [...at, 'no_such_option'], 1);
    it.each(placements({ [type]: body }))('in %s', (_place, request, pointer) => {
      expectRefused(request, reason, { pointer: pointerOf(`${pointer}/${type}`, [...at, 'no_such_option']) });
    });
  });

  const firstProbe = spec.probes.find((probe) => probe.badReason === undefined);
  if (firstProbe !== undefined) {
    describe(`a wrong kind at ${label(firstProbe.at)} is refused wherever the clause is`, () => {
      const body = withValue(spec.base, firstProbe.at, firstProbe.bad);
      it.each(placements({ [type]: body }))('in %s', (_place, request, pointer) => {
        expectRefused(request, 'malformed', { pointer: pointerOf(`${pointer}/${type}`, firstProbe.badAt ?? firstProbe.at) });
      });
    });
  }

  const firstRefused = spec.refused[0];
  if (firstRefused !== undefined) {
    describe(`${label(firstRefused.at)} is refused wherever the clause is`, () => {
      const body = firstRefused.body ?? withValue(spec.base, firstRefused.at, firstRefused.value);
      it.each(placements({ [type]: body }))('in %s', (_place, request, pointer) => {
        expectRefused(request, firstRefused.reason, { pointer: pointerOf(`${pointer}/${type}`, firstRefused.pointerAt ?? firstRefused.at) });
      });
    });
  }
});

describe('a parsed clause is re-emitted exactly in every placement', () => {
  // Every parameter of `match` at once, in every placement: nothing is dropped, renamed or coerced.
  const body = {
    f: {
      query: 'a b', operator: 'and', analyzer: 'standard', lenient: 'true', zero_terms_query: 'all', minimum_should_match: 2,
      auto_generate_synonyms_phrase_query: false, prefix_length: '1', fuzzy_transpositions: true, boost: '1.5', _name: 'm',
    },
  };
  // _msearch bodies come back as NDJSON text; the other placements are objects to walk.
  const objectPlacements = placements({ match: body }).filter(([, request]) => request['path'] === undefined);
  it.each(objectPlacements)('in %s', (_place, request, pointer) => {
    const guarded = guardedBody(request);
    const path = pointer.split('/').slice(1);
    // The guard wraps the top-level query in the token filter (`bool.must[0]` is the user's query); the rest keep their place.
    let node: unknown = path[0] === 'query' ? (guarded['query'] as { bool: { must: unknown[] } }).bool.must[0] : guarded[path[0] as string];
    for (const key of path.slice(1)) node = (node as Record<string, unknown>)[key];
    expect(node).toEqual({ match: body });
  });
});
