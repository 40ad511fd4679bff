/**
 * Where the real-world data lives: the repository's `test/fixtures/` (see
 * its README), or `--data=DIR` for a larger copy of the same layout.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The default data directory, resolved from this file so the cwd does not matter. */
export function defaultDataDir(): string {
  return fileURLToPath(new URL('../test/fixtures/', import.meta.url));
}

/** `path` inside `dataDir` when it exists, else `undefined` (the benchmark then says so). */
export function dataFile(dataDir: string, ...path: string[]): string | undefined {
  const file = join(dataDir, ...path);
  return existsSync(file) ? file : undefined;
}
