/**
 * The index list of an engine-side role, checked like a request's indices:
 * a role must never name a remote cluster, a selector or date math.
 *
 * @packageDocumentation
 */
import { SharedTokenError, UnsafeRequestError } from '../../errors.js';
import { checkIndexExpression } from '../../guard/index-expression.js';

/** Returns a copy of `indices`, or throws `VALIDATION` naming the bad entry. */
export function roleIndices(indices: readonly string[]): string[] {
  if (!Array.isArray(indices) || indices.length === 0) {
    throw new SharedTokenError('VALIDATION', 'A role needs at least one index name or pattern.', { issues: [{ path: ['indices'], message: 'must not be empty' }] });
  }
  return indices.map((index, i) => {
    if (typeof index !== 'string') {
      throw new SharedTokenError('VALIDATION', 'Role indices must be strings.', { issues: [{ path: ['indices', i], message: 'must be a string' }] });
    }
    try {
      // A pattern covers itself, so this checks the syntax only.
      checkIndexExpression(index, [index], {});
    } catch (error) {
      if (!(error instanceof UnsafeRequestError)) throw error;
      throw new SharedTokenError('VALIDATION', error.message, { issues: [{ path: ['indices', i], message: error.message }], reason: error.reason });
    }
    return index;
  });
}
