import { deepFreeze } from '../../domain/deep-freeze.js';
import { SharedTokenError } from '../../errors.js';

/**
 * A deep copy of `value`, deeply frozen. Stored state is only ever reached
 * through such copies, so no caller can change it by mutating an object it
 * passed in or got back.
 *
 * @throws SharedTokenError `VALIDATION` when `value` is not plain data
 *   (a function, a symbol, a class instance the structured clone cannot copy).
 * @internal
 */
export function frozenCopy<T>(value: T, path: readonly (string | number)[] = []): T {
  let copy: T;
  try {
    copy = structuredClone(value);
  } catch (cause) {
    throw new SharedTokenError(
      'VALIDATION',
      'A record must be plain, JSON-serializable data.',
      { issues: [{ path, message: 'not plain data (cannot be copied)' }] },
      { cause },
    );
  }
  return deepFreeze(copy);
}
