import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The core must run anywhere JavaScript runs (Node 20+, browsers, edge
// runtimes): these checks keep Node-only and code-generating constructs out of
// src/, where a reviewer could miss them.
const root = join(import.meta.dirname, '..', '..');
const srcDir = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

// Code only: TSDoc examples may show `console.log` or Node usage to hosts.
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

const files = sourceFiles(srcDir).map((path) => ({
  path: relative(root, path),
  text: withoutComments(readFileSync(path, 'utf8')),
}));

describe('source hygiene of src/', () => {
  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('strips comments but keeps code', () => {
    const code = withoutComments('/** console.log(1) */\n// eval(x)\nconst a = 1; console.log(a);');
    expect(code).not.toMatch(/eval|console\.log\(1\)/);
    expect(code).toContain('const a = 1; console.log(a);');
  });

  it.each(files)('$path imports no node: module and no Node-only global', ({ path, text }) => {
    expect(text).not.toMatch(/from\s+['"]node:/);
    expect(text).not.toMatch(/require\(\s*['"]node:/);
    expect(text).not.toMatch(/import\(\s*['"]node:/);
    expect(text).not.toMatch(/\bBuffer\.|\bprocess\./);
  });

  it.each(files)('$path generates no code at run time', ({ path, text }) => {
    expect(text).not.toMatch(/\beval\s*\(/);
    expect(text).not.toMatch(/\bnew\s+Function\s*\(/);
  });

  it.each(files)('$path writes nothing to the console', ({ text }) => {
    expect(text).not.toMatch(/\bconsole\.(log|debug|info|warn|error)\s*\(/);
  });
});
