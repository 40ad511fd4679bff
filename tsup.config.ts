import { defineConfig } from 'tsup';

// One build per public entry point; ESM + CJS + declarations for each, so
// `import` and `require` users get the same API and types.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
    'proxy/index': 'src/proxy/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  // No source maps: the output is not minified, keeps the source's names and
  // comments, and maps would more than double the tarball.
  sourcemap: false,
  clean: true,
  treeshake: true,
  // One copy of shared modules (e.g. SharedTokenError) across entries, also in CJS,
  // so `instanceof` holds between `shared-tokens` and `shared-tokens/testing`.
  splitting: true,
  target: 'es2022',
  platform: 'neutral',
  // Drivers and test runners are the host's; never bundle them.
  external: ['vitest', 'fast-check', 'pg', 'better-sqlite3'],
});
