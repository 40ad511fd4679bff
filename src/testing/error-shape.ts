// Errors are compared by shape, not with `instanceof`: an adapter may load
// the library's CommonJS build while this suite runs from the ES module
// build, and each has its own copy of the error class.

/** What the suite checks of a rejection: a `SharedTokenError`'s public members. */
export interface ErrorShape {
  readonly name: unknown;
  readonly code: unknown;
  readonly context: unknown;
}

/** Awaits `promise` and returns its rejection's shape; throws if it fulfils. */
export async function rejectionOf(promise: Promise<unknown>): Promise<ErrorShape> {
  try {
    await promise;
  } catch (error) {
    if (typeof error !== 'object' || error === null) return { name: typeof error, code: undefined, context: undefined };
    const { name, code, context } = error as Record<string, unknown>;
    return { name, code, context };
  }
  throw new Error('expected the call to be rejected, but it succeeded');
}

/** True when `error` looks like a `SharedTokenError` with `code`. */
export function hasErrorCode(error: unknown, code: string): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'SharedTokenError' &&
    (error as { code?: unknown }).code === code
  );
}
