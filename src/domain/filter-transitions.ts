import { deepFreeze } from './deep-freeze.js';
import type { TokenFilter } from './token-filter.js';

/**
 * What a new filter is made of (already validated).
 *
 * @example
 * ```ts
 * const init: NewTokenFilter = { id: newId(), accountId, field: 'service.name', value: 'checkout', description: '', createdBy, at };
 * ```
 */
export interface NewTokenFilter {
  readonly id: string;
  readonly accountId: string;
  readonly field: string;
  readonly value: string;
  readonly description: string;
  readonly createdBy: string;
  readonly at: string;
}

/**
 * A new frozen {@link TokenFilter} at version 1.
 *
 * @example
 * ```ts
 * const filter = createTokenFilter({ id: 'f1', accountId: 'acme', field: 'service.name', value: 'checkout',
 *   description: '', createdBy: 'alice', at: '2026-01-01T00:00:00.000Z' });
 * filter.version; // 1
 * ```
 */
export function createTokenFilter(init: NewTokenFilter): TokenFilter {
  return deepFreeze({
    id: init.id,
    accountId: init.accountId,
    field: init.field,
    value: init.value,
    description: init.description,
    createdAt: init.at,
    createdBy: init.createdBy,
    updatedAt: init.at,
    version: 1,
  });
}
