import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Bundles keep all of classic zod (its locales included, over 100 KB gzipped)
// as soon as one module imports `zod`; `zod/mini` is built from functions a
// bundler can drop one by one. The size budget (scripts/size-check.mjs)
// measures the effect; this names the file that breaks it.
const srcDir = join(import.meta.dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('zod is used through zod/mini only', () => {
  const files = sourceFiles(srcDir);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('no source file imports classic zod', () => {
    const offenders = files.filter((file) => /from\s+'zod(?:\/v4)?(?:\/classic)?'/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(srcDir, file))).toEqual([]);
  });

  it('schemas built at module level are built in a pure call, so unused ones can be dropped', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, index) => {
        if (/^(export )?const \w+(: [^=]+)? = z\b/.test(line)) offenders.push(`${relative(srcDir, file)}:${index + 1}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
