import { defineConfig } from 'tsup';

// One build per public entry point; ESM + CJS + declarations for each, so
// `import` and `require` users get the same API and types.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
    'proxy/index': 'src/proxy/index.ts',
    'postgres/index': 'src/adapters/postgres/index.ts',
    'sqlite/index': 'src/adapters/sqlite/index.ts',
    // Not public (not in package.json `exports`): entries only so that the
    // predicate, the query compiler, the guard and the service land in
    // separate chunks, which a consumer's bundler drops whole when unused
    // (`sideEffects: false`). In one file, every module-level statement of
    // the others would stay: only `toPredicate` costs 18 KB gzipped that way, 12 KB split.
    'internal/predicate': 'src/access/predicate/predicate.ts',
    'internal/query': 'src/access/query/elasticsearch-query.ts',
    'internal/guard': 'src/guard/guard-search-request.ts',
    'internal/service': 'src/service/shared-tokens.ts',
  },
  format: ['esm', 'cjs'],
  // Declarations for the public entries only.
  dts: {
    entry: {
      index: 'src/index.ts',
      'testing/index': 'src/testing/index.ts',
      'proxy/index': 'src/proxy/index.ts',
      'postgres/index': 'src/adapters/postgres/index.ts',
      'sqlite/index': 'src/adapters/sqlite/index.ts',
    },
  },
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
  external: ['vitest', 'fast-check', 'pg', '@electric-sql/pglite', 'better-sqlite3'],
});
