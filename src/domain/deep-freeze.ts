/**
 * Freezes a plain JSON-like value and everything reachable from it, in place,
 * and returns it typed as deeply read-only. Already frozen parts are skipped.
 *
 * @example
 * ```ts
 * const token = deepFreeze({ filterIds: ['a'] });
 * Object.isFrozen(token.filterIds); // true
 * ```
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) {
    deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
