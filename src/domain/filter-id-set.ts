/**
 * The canonical form of a set of filter ids: unique and sorted (by UTF-16
 * code units), frozen. A filter given twice counts once.
 *
 * @example
 * ```ts
 * toFilterIdSet(['b', 'a', 'b']); // ['a', 'b']
 * ```
 */
export function toFilterIdSet(ids: Iterable<string>): readonly string[] {
  return Object.freeze([...new Set(ids)].sort(compareCodeUnits));
}

// Locale-independent, so the same set sorts the same everywhere.
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
