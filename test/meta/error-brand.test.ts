import { describe, expect, it, vi } from 'vitest';
import { SharedTokenError, UnsafeRequestError, isSharedTokenError } from '../../src/errors.js';
import { retryOnConflict } from '../../src/service/conflict-retry.js';

// A second, separate instance of the errors module, as when an app loads both
// the ESM and the CommonJS build: its classes are other objects than ours.
async function otherCopy(): Promise<typeof import('../../src/errors.js')> {
  vi.resetModules();
  return import('../../src/errors.js');
}

describe('errors are recognised across copies of the library', () => {
  it('the second copy really is another module instance', async () => {
    const other = await otherCopy();
    expect(other.SharedTokenError).not.toBe(SharedTokenError);
    const foreign = new other.SharedTokenError('CONFLICT', 'stale');
    expect(Object.getPrototypeOf(foreign)).not.toBe(SharedTokenError.prototype);
  });

  it('instanceof and isSharedTokenError recognise an error of the other copy, both ways', async () => {
    const other = await otherCopy();
    const foreign = new other.SharedTokenError('CONFLICT', 'stale', { expectedVersion: 1, actualVersion: 2 });
    expect(foreign instanceof SharedTokenError).toBe(true);
    expect(isSharedTokenError(foreign)).toBe(true);
    expect(isSharedTokenError(foreign, 'CONFLICT')).toBe(true);
    expect(isSharedTokenError(foreign, 'VALIDATION')).toBe(false);
    const ours = new SharedTokenError('NOT_FOUND', 'gone');
    expect(ours instanceof other.SharedTokenError).toBe(true);
    expect(other.isSharedTokenError(ours, 'NOT_FOUND')).toBe(true);
  });

  it('UnsafeRequestError is recognised as itself, and a plain SharedTokenError is not one', async () => {
    const other = await otherCopy();
    const refusal = new other.UnsafeRequestError('url-param-not-allowed', 'no');
    expect(refusal instanceof UnsafeRequestError).toBe(true);
    expect(refusal instanceof SharedTokenError).toBe(true);
    expect(new other.SharedTokenError('VALIDATION', 'x') instanceof UnsafeRequestError).toBe(false);
    expect(new SharedTokenError('VALIDATION', 'x') instanceof UnsafeRequestError).toBe(false);
  });

  it('does not take look-alikes or foreign values for errors', () => {
    expect(isSharedTokenError(new Error('x'))).toBe(false);
    expect(isSharedTokenError({ name: 'SharedTokenError', code: 'CONFLICT' })).toBe(false);
    expect(isSharedTokenError({ [Symbol.for('shared-tokens.error')]: 'SomethingElse' })).toBe(false);
    expect(isSharedTokenError(null)).toBe(false);
    expect(isSharedTokenError('CONFLICT')).toBe(false);
    expect(isSharedTokenError(undefined)).toBe(false);
  });

  it("the service's conflict retry retries a CONFLICT thrown by the other copy", async () => {
    const other = await otherCopy();
    let attempts = 0;
    const result = await retryOnConflict(true, async () => {
      attempts++;
      if (attempts < 3) throw new other.SharedTokenError('CONFLICT', 'lost a race', { expectedVersion: 1, actualVersion: 2 });
      return 'written';
    });
    expect(result).toBe('written');
    expect(attempts).toBe(3);
  });
});
