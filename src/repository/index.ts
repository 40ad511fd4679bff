/**
 * Storage: the {@link SharedTokenRepository} contract and the in-memory default.
 *
 * @packageDocumentation
 */
export type { Page, PageRequest, RepositoryChange, SharedTokenRepository } from './shared-token-repository.js';
export { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, REPOSITORY_METHOD_NAMES } from './shared-token-repository.js';
export { createInMemoryRepository } from './in-memory-repository.js';
