import { atomicityCases } from './cases/atomicity-cases.js';
import { concurrencyCases } from './cases/concurrency-cases.js';
import { copyCases } from './cases/copy-cases.js';
import { hardeningCases, parallelCases } from './cases/hardening-cases.js';
import { integrityCases } from './cases/integrity-cases.js';
import { isolationCases } from './cases/isolation-cases.js';
import { linkCases } from './cases/link-cases.js';
import { lookupCases } from './cases/lookup-cases.js';
import { modelCases } from './cases/model-cases.js';
import { paginationCases } from './cases/pagination-cases.js';
import { reverseIndexCases } from './cases/reverse-index-cases.js';
import { secretLookupCases } from './cases/secret-lookup-cases.js';
import { uniquenessCases } from './cases/uniqueness-cases.js';
import { usageCases } from './cases/usage-cases.js';
import { versionCases } from './cases/version-cases.js';
import type { ConformanceOptions, ConformanceTestApi, ConformanceTopic, RepositoryUnderTest } from './conformance-api.js';
import type { SuiteContext } from './suite-context.js';
import { createSuiteContext } from './suite-context.js';

/**
 * Registers the repository conformance suite: every rule of the
 * `SharedTokenRepository` contract as example tests and fast-check property
 * tests, run against `subject`. Each test, and each run of a property, gets a
 * fresh instance from `subject.create()`; the instance's `inspect` backdoor
 * checks what was really stored (that a refused commit changed nothing, that
 * usage writes leave versions alone, that forgotten secret hashes are gone).
 *
 * The runner's functions are passed in, so this entry never imports a test
 * runner; it does import `fast-check`, which must be installed alongside.
 *
 * @param subject - The implementation and a factory of fresh, empty instances.
 * @param api - `describe`, `it`, `expect`, `beforeEach`, `afterEach` of the runner (vitest, Jest).
 * @param options - Property-test runs, seed and per-test timeout. Defaults: fast-check's 100 runs, a random seed, the runner's timeout.
 * @example
 * ```ts
 * // test/postgres-repository.test.ts
 * import { afterEach, beforeEach, describe, expect, it } from 'vitest';
 * import { runRepositoryConformanceSuite } from 'shared-tokens/testing';
 * import { createPostgresRepository } from '../src/index.js';
 *
 * runRepositoryConformanceSuite(
 *   {
 *     name: 'postgres',
 *     create: async () => {
 *       const schema = await createTestSchema(pool);
 *       return {
 *         repository: createPostgresRepository({ pool, schema }),
 *         inspect: postgresInspector(pool, schema),
 *         close: () => dropSchema(pool, schema),
 *       };
 *     },
 *   },
 *   { describe, it, expect, beforeEach, afterEach },
 * );
 * ```
 */
export function runRepositoryConformanceSuite(
  subject: RepositoryUnderTest,
  api: ConformanceTestApi,
  options: ConformanceOptions = {},
): void {
  api.describe(`${subject.name}: SharedTokenRepository conformance`, () => {
    const context = createSuiteContext(subject, api, options);
    const wanted = options.topics === undefined ? null : new Set<ConformanceTopic>(options.topics);
    for (const [topic, cases] of Object.entries(CASES_BY_TOPIC) as [ConformanceTopic, (context: SuiteContext) => void][]) {
      if (wanted === null || wanted.has(topic)) cases(context);
    }
  });
}

// Every group of cases, by the topic an author can pick with `options.topics`.
const CASES_BY_TOPIC: Readonly<Record<ConformanceTopic, (context: SuiteContext) => void>> = {
  lookup: lookupCases,
  isolation: isolationCases,
  versions: versionCases,
  uniqueness: uniquenessCases,
  integrity: integrityCases,
  atomicity: atomicityCases,
  pagination: paginationCases,
  'secret-lookup': secretLookupCases,
  'reverse-index': reverseIndexCases,
  copies: copyCases,
  usage: usageCases,
  links: linkCases,
  hardening: hardeningCases,
  concurrency: concurrencyCases,
  parallel: parallelCases,
  model: modelCases,
};
