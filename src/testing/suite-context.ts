import type * as fc from 'fast-check';
import type {
  ConformanceExpect,
  ConformanceOptions,
  ConformanceTestApi,
  RepositoryInstance,
  RepositoryUnderTest,
} from './conformance-api.js';

/**
 * What every group of conformance cases gets: a way to declare a test that
 * receives a fresh instance, a way to run a body against another fresh
 * instance (one per property run), and fast-check parameters.
 */
export interface SuiteContext {
  readonly expect: ConformanceExpect;
  readonly describe: (name: string, body: () => void) => void;
  /** Declares a test; `body` gets the fresh instance made for it. */
  readonly test: (name: string, body: (instance: RepositoryInstance) => Promise<void>) => void;
  /** Runs `body` on a new instance and closes it afterwards, whatever happens. */
  readonly withFreshInstance: <T>(body: (instance: RepositoryInstance) => Promise<T>) => Promise<T>;
  /** Parameters for `fc.assert`. */
  readonly fcParameters: fc.Parameters<unknown>;
}

/**
 * Registers the per-test `beforeEach`/`afterEach` that create and close an
 * instance, and returns the context the case groups declare their tests with.
 */
export function createSuiteContext(
  subject: RepositoryUnderTest,
  api: ConformanceTestApi,
  options: ConformanceOptions,
): SuiteContext {
  let current: RepositoryInstance | null = null;
  api.beforeEach(async () => {
    current = await subject.create();
  });
  api.afterEach(async () => {
    const instance = current;
    current = null;
    await instance?.close?.();
  });

  return {
    expect: api.expect,
    describe: (name, body) => api.describe(name, body),
    test: (name, body) =>
      api.it(
        name,
        async () => {
          if (current === null) throw new Error('conformance suite: no instance; was beforeEach registered?');
          await body(current);
        },
        options.timeout,
      ),
    withFreshInstance: async (body) => {
      const instance = await subject.create();
      try {
        return await body(instance);
      } finally {
        await instance.close?.();
      }
    },
    fcParameters: {
      ...(options.numRuns === undefined ? {} : { numRuns: options.numRuns }),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    },
  };
}
