/**
 * Exhaustiveness check for a `switch` over a closed union: the call only
 * type-checks when every variant has been handled, and throws if a value
 * from outside the union arrives at run time (e.g. from unchecked JSON).
 *
 * @example
 * ```ts
 * switch (expression.kind) {
 *   case 'all': ...
 *   default: return assertNever(expression);
 * }
 * ```
 */
export function assertNever(value: never): never {
  throw new TypeError(`Unexpected variant: ${JSON.stringify(value)}`);
}
