import type { FiltersOperator } from './shared-token.js';

/**
 * A token's filter set and how it combines them.
 *
 * @example
 * ```ts
 * const access: FilterAccess = { filterIds: ['f1', 'f2'], filtersOperator: 'AND' };
 * ```
 */
export interface FilterAccess {
  /** The filter ids (duplicates count once). Empty = unrestricted. */
  readonly filterIds: readonly string[];
  readonly filtersOperator: FiltersOperator;
}

/**
 * The effect of a change on what a token can see, for *every* possible meaning
 * of its filters (each filter is an arbitrary set of documents):
 *
 * - `unchanged`: the same documents.
 * - `narrows`: a subset of what it saw before.
 * - `widens`: a superset of what it saw before (and not everything).
 * - `becomes-unrestricted`: it now sees every document of the account, and did not before.
 * - `incomparable`: neither; it may now see documents it could not see before.
 */
export type AccessChange = 'unchanged' | 'narrows' | 'widens' | 'becomes-unrestricted' | 'incomparable';

/**
 * Compares two filter accesses by set semantics. With `AND`, adding a
 * filter narrows and removing one widens; with `OR`, adding widens and
 * removing narrows; losing the last filter makes a token unrestricted;
 * switching `AND` to `OR` widens unless at most one filter is involved.
 *
 * The answer is exact: `narrows` exactly when the new access is contained in
 * the old one whatever documents the filters match, and so on.
 *
 * @example
 * ```ts
 * compareAccess({ filterIds: ['a', 'b'], filtersOperator: 'AND' }, { filterIds: ['a'], filtersOperator: 'AND' }); // 'widens'
 * compareAccess({ filterIds: ['a', 'b'], filtersOperator: 'OR' }, { filterIds: ['a'], filtersOperator: 'OR' });   // 'narrows'
 * compareAccess({ filterIds: ['a'], filtersOperator: 'OR' }, { filterIds: [], filtersOperator: 'OR' });            // 'becomes-unrestricted'
 * ```
 */
export function compareAccess(before: FilterAccess, after: FilterAccess): AccessChange {
  const from = normalize(before);
  const to = normalize(after);
  const narrower = contains(from, to);
  const wider = contains(to, from);
  if (narrower && wider) return 'unchanged';
  if (narrower) return 'narrows';
  if (to.kind === 'all') return 'becomes-unrestricted';
  return wider ? 'widens' : 'incomparable';
}

/**
 * True when the change may let the token see a document it could not see
 * before: `widens`, `becomes-unrestricted` or `incomparable`.
 *
 * @example
 * ```ts
 * isWidening('narrows'); // false
 * ```
 */
export function isWidening(change: AccessChange): boolean {
  switch (change) {
    case 'unchanged':
    case 'narrows':
      return false;
    case 'widens':
    case 'becomes-unrestricted':
    case 'incomparable':
      return true;
    default: {
      const unreachable: never = change;
      return unreachable;
    }
  }
}

// One filter means the same under AND and OR, so it is normalized to AND.
type Normal =
  | { readonly kind: 'all' }
  | { readonly kind: 'and'; readonly ids: ReadonlySet<string> }
  | { readonly kind: 'or'; readonly ids: ReadonlySet<string> };

function normalize(access: FilterAccess): Normal {
  const ids = new Set(access.filterIds);
  if (ids.size === 0) return { kind: 'all' };
  if (ids.size === 1 || access.filtersOperator === 'AND') return { kind: 'and', ids };
  return { kind: 'or', ids };
}

/**
 * Whether `inner` is contained in `outer` under every interpretation of the
 * filters as sets. For free sets: ⋂T ⊆ ⋂S iff S ⊆ T; ⋃T ⊆ ⋃S iff T ⊆ S;
 * ⋂T ⊆ ⋃S iff T and S share a filter; ⋃T ⊆ ⋂S only when both are the same
 * single filter (normalized away above, so never for an `or` inner).
 */
function contains(outer: Normal, inner: Normal): boolean {
  if (outer.kind === 'all') return true;
  if (inner.kind === 'all') return false;
  if (outer.kind === 'and') return inner.kind === 'and' && isSubset(outer.ids, inner.ids);
  return inner.kind === 'or' ? isSubset(inner.ids, outer.ids) : [...inner.ids].some((id) => outer.ids.has(id));
}

function isSubset(small: ReadonlySet<string>, large: ReadonlySet<string>): boolean {
  for (const id of small) if (!large.has(id)) return false;
  return true;
}
