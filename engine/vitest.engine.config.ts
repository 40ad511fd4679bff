import { defineConfig } from 'vitest/config';

// The real-engine suite: started by engine/run-engine-suite.mjs once per
// engine, with ENGINE_URL and ENGINE (e.g. `opensearch-2.19.6`) set. The
// engine's name labels every test line. Files run one after another: they
// share one node on 2 cores.
export default defineConfig({
  test: {
    name: process.env['ENGINE'] ?? 'engine',
    include: ['test/engine/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
