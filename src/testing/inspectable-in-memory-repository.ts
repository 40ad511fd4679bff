import { createInspectableStore } from '../repository/in-memory/in-memory-repository.js';
import type { RepositoryInstance } from './conformance-api.js';

/**
 * A fresh in-memory repository (the same as `createInMemoryRepository()`)
 * together with a {@link RepositoryInspector} over its raw state: for tests of
 * code built on the repository that need to check what was really stored.
 *
 * @example
 * ```ts
 * import { createInspectableInMemoryRepository } from 'shared-tokens/testing';
 *
 * const { repository, inspect } = createInspectableInMemoryRepository();
 * const tokens = createSharedTokens({ repository });
 * // ... act ...
 * const stored = await inspect.storedTokens('acme'); // with secret hashes, never secrets
 * ```
 */
export function createInspectableInMemoryRepository(): RepositoryInstance {
  return createInspectableStore();
}
