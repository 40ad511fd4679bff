import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareAccess, isWidening, type AccessChange, type FilterAccess } from '../../src/domain/access-change.js';

const POOL = ['a', 'b', 'c', 'd'] as const;

/**
 * The free interpretation: a document is a truth assignment to the filters in
 * POOL (2^4 of them), and filter i matches the documents where bit i is set.
 * Containment over this universe holds exactly when it holds for every
 * possible meaning of the filters, so it is an exact oracle.
 */
function documentsSeen(access: FilterAccess): Set<number> {
  const seen = new Set<number>();
  const ids = [...new Set(access.filterIds)];
  for (let doc = 0; doc < 1 << POOL.length; doc++) {
    const matches = ids.map((id) => (doc & (1 << POOL.indexOf(id as (typeof POOL)[number]))) !== 0);
    const visible =
      ids.length === 0 ? true : access.filtersOperator === 'AND' ? matches.every(Boolean) : matches.some(Boolean);
    if (visible) seen.add(doc);
  }
  return seen;
}

function oracle(before: FilterAccess, after: FilterAccess): AccessChange {
  const from = documentsSeen(before);
  const to = documentsSeen(after);
  const narrower = [...to].every((d) => from.has(d));
  const wider = [...from].every((d) => to.has(d));
  if (narrower && wider) return 'unchanged';
  if (narrower) return 'narrows';
  if (to.size === 1 << POOL.length) return 'becomes-unrestricted';
  return wider ? 'widens' : 'incomparable';
}

const access = fc.record({
  filterIds: fc.array(fc.constantFrom(...POOL), { maxLength: 6 }),
  filtersOperator: fc.constantFrom('AND' as const, 'OR' as const),
});

describe('compareAccess', () => {
  it('agrees with the set semantics of filters for every pair of accesses', () => {
    fc.assert(fc.property(access, access, (before, after) => compareAccess(before, after) === oracle(before, after)));
  });

  it('order and duplicates of filter ids do not matter', () => {
    fc.assert(
      fc.property(access, access, (before, after) => {
        const shuffled = { ...after, filterIds: [...after.filterIds].reverse().concat(after.filterIds) };
        return compareAccess(before, after) === compareAccess(before, shuffled);
      }),
    );
  });

  it('is antisymmetric: narrows one way is widens or becomes-unrestricted the other way', () => {
    fc.assert(
      fc.property(access, access, (before, after) => {
        const forth = compareAccess(before, after);
        const back = compareAccess(after, before);
        if (forth === 'narrows') return back === 'widens' || back === 'becomes-unrestricted';
        if (forth === 'unchanged') return back === 'unchanged';
        if (forth === 'incomparable') return back === 'incomparable';
        return back === 'narrows';
      }),
    );
  });

  it.each<[string, FilterAccess, FilterAccess, AccessChange]>([
    ['AND: adding a filter narrows', { filterIds: ['a'], filtersOperator: 'AND' }, { filterIds: ['a', 'b'], filtersOperator: 'AND' }, 'narrows'],
    ['AND: removing a filter widens', { filterIds: ['a', 'b'], filtersOperator: 'AND' }, { filterIds: ['a'], filtersOperator: 'AND' }, 'widens'],
    ['OR: adding a filter widens', { filterIds: ['a'], filtersOperator: 'OR' }, { filterIds: ['a', 'b'], filtersOperator: 'OR' }, 'widens'],
    ['OR: removing a filter narrows', { filterIds: ['a', 'b'], filtersOperator: 'OR' }, { filterIds: ['a'], filtersOperator: 'OR' }, 'narrows'],
    ['OR: removing the last filter', { filterIds: ['a'], filtersOperator: 'OR' }, { filterIds: [], filtersOperator: 'OR' }, 'becomes-unrestricted'],
    ['AND: removing the last filter', { filterIds: ['a'], filtersOperator: 'AND' }, { filterIds: [], filtersOperator: 'AND' }, 'becomes-unrestricted'],
    ['AND→OR with two filters widens', { filterIds: ['a', 'b'], filtersOperator: 'AND' }, { filterIds: ['a', 'b'], filtersOperator: 'OR' }, 'widens'],
    ['AND→OR with one filter is no change', { filterIds: ['a'], filtersOperator: 'AND' }, { filterIds: ['a'], filtersOperator: 'OR' }, 'unchanged'],
    ['OR→AND with two filters narrows', { filterIds: ['a', 'b'], filtersOperator: 'OR' }, { filterIds: ['a', 'b'], filtersOperator: 'AND' }, 'narrows'],
    ['unrestricted → any filter narrows', { filterIds: [], filtersOperator: 'AND' }, { filterIds: ['a'], filtersOperator: 'OR' }, 'narrows'],
    ['replacing one filter by another', { filterIds: ['a'], filtersOperator: 'AND' }, { filterIds: ['b'], filtersOperator: 'AND' }, 'incomparable'],
  ])('%s', (_name, before, after, expected) => {
    expect(compareAccess(before, after)).toBe(expected);
  });

  it('isWidening is true exactly when the token may see a document it could not see before', () => {
    fc.assert(
      fc.property(access, access, (before, after) => {
        const from = documentsSeen(before);
        const mayGain = [...documentsSeen(after)].some((d) => !from.has(d));
        return isWidening(compareAccess(before, after)) === mayGain;
      }),
    );
  });
});
