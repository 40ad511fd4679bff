import { defineConfig } from 'vitest/config';

// The real-engine suite: started by conformance/run-engine-suite.mjs, which sets
// OPENSEARCH_URL. Files run one after another: they share one node on 2 cores.
export default defineConfig({
  test: {
    include: ['test/engine/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
