/**
 * `shared-tokens/testing`: the repository conformance suite every
 * `SharedTokenRepository` implementation runs, and an inspectable in-memory
 * repository for tests. Needs `fast-check` installed; never imports a test
 * runner (pass yours in).
 *
 * @example
 * ```ts
 * import { afterEach, beforeEach, describe, expect, it } from 'vitest';
 * import { createInspectableInMemoryRepository, runRepositoryConformanceSuite } from 'shared-tokens/testing';
 *
 * runRepositoryConformanceSuite(
 *   { name: 'in-memory', create: async () => createInspectableInMemoryRepository() },
 *   { describe, it, expect, beforeEach, afterEach },
 * );
 * ```
 *
 * @packageDocumentation
 */
export { runRepositoryConformanceSuite } from './conformance-suite.js';
export type {
  ConformanceAssertion,
  ConformanceExpect,
  ConformanceOptions,
  ConformanceTestApi,
  ConformanceTopic,
  RepositoryInstance,
  RepositoryUnderTest,
} from './conformance-api.js';
export type { RepositoryInspector } from '../repository/repository-inspector.js';
export { createInspectableInMemoryRepository } from './inspectable-in-memory-repository.js';
