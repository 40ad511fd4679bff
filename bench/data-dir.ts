/**
 * Where the shared real-world data lives: `../shared/data/` next to the
 * repository (see its README), or `--data=DIR`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The default data directory, resolved from this file so the cwd does not matter. */
export function defaultDataDir(): string {
  return fileURLToPath(new URL('../../shared/data/', import.meta.url));
}

/** `path` inside `dataDir` when it exists, else `undefined` (the benchmark then says so). */
export function dataFile(dataDir: string, ...path: string[]): string | undefined {
  const file = join(dataDir, ...path);
  return existsSync(file) ? file : undefined;
}
