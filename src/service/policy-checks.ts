import { SharedTokenError } from '../errors.js';
import type { EffectivePolicy } from './policy.js';

/** `POLICY` when the policy requires filters and the token would have none. */
export function checkFiltersPolicy(policy: EffectivePolicy, filterIds: readonly string[], ids: Record<string, string>): void {
  if (policy.requireFilters && filterIds.length === 0) {
    throw new SharedTokenError('POLICY', 'The policy requires every token to have at least one filter', {
      ids,
      rule: 'requireFilters',
    });
  }
}

/**
 * The expiry a token gets: the default lifetime when `requested` is
 * undefined; `VALIDATION` for an instant not in the future; `POLICY` for
 * "never" or an instant beyond `createdAt + maxLifetime` when there is a maximum.
 */
export function decideExpiry(
  policy: EffectivePolicy,
  requested: string | null | undefined,
  createdAt: Date,
  now: Date,
  ids: Record<string, string>,
): string | null {
  if (requested === undefined) {
    return policy.defaultLifetime === null ? null : new Date(now.getTime() + policy.defaultLifetime).toISOString();
  }
  if (requested === null) {
    if (policy.maxLifetime !== null) {
      throw new SharedTokenError('POLICY', 'The policy does not allow tokens that never expire', {
        ids,
        rule: 'maxLifetime',
      });
    }
    return null;
  }
  if (Date.parse(requested) <= now.getTime()) {
    throw new SharedTokenError('VALIDATION', 'Invalid expiresAt: must be in the future', {
      ids,
      issues: [{ path: ['input', 'expiresAt'], message: 'must be in the future' }],
    });
  }
  if (policy.maxLifetime !== null && Date.parse(requested) > createdAt.getTime() + policy.maxLifetime) {
    throw new SharedTokenError('POLICY', 'The policy does not allow a token to live that long', {
      ids,
      rule: 'maxLifetime',
      latestExpiresAt: new Date(createdAt.getTime() + policy.maxLifetime).toISOString(),
    });
  }
  return requested;
}
