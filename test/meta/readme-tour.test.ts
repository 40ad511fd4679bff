/**
 * The README's tour output is what `examples/tour.ts` really prints.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('README tour', () => {
  it('shows the real output of examples/tour.ts', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const shown = /<!-- tour-output -->\n```text\n([\s\S]*?)```\n<!-- \/tour-output -->/.exec(readme)?.[1];
    expect(shown, 'the README has a tour-output block').toBeDefined();
    const printed = execFileSync(process.execPath, [`${root}node_modules/tsx/dist/cli.mjs`, `${root}examples/tour.ts`], { encoding: 'utf8', cwd: root });
    expect(printed).toBe(shown);
  });
});
