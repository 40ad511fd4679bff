import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePathMatcher } from '../../src/access/predicate/document-path.js';
import { PATH_READER_COPIES } from '../../src/access/predicate/path-reader-copies.js';
import type { PathReaderFactory } from '../../src/access/predicate/path-reader-copies.js';
import { COPIES_PER_DEPTH, PATH_READER_COPIES_FILE, renderPathReaderCopies } from '../support/render-path-reader-copies.js';

// The unrolled readers must be the generic walk, only faster: same leaves, in
// the same order, with the same early exit. Keys come from a three-letter
// alphabet so that dotted keys, nested objects and arrays of both collide on
// the path under test as often as possible.
const SEGMENTS = ['a', 'b', 'c'] as const;

const leaf = fc.oneof(
  fc.constantFrom('x', 'y', '', null, 0, -0, 1, true, false, 10n, undefined),
  fc.string({ maxLength: 2 }),
);

/** Every run of consecutive segments of `path` (`a`, `a.b`, `b`, ...): the keys a walk may read. */
function segmentRuns(path: string): string[] {
  const segments = path.split('.');
  return segments.flatMap((_, from) => segments.slice(from).map((__, k) => segments.slice(from, from + k + 1).join('.')));
}

/**
 * Documents whose keys are mostly spellings of `path` (plus runs of the same
 * alphabet that are not), nested objects and arrays at any level.
 */
function documentFor(path: string): fc.Arbitrary<Record<string, unknown>> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...segmentRuns(path)) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 3 }).map((s) => s.join('.')) },
  );
  const { node } = fc.letrec<{ node: unknown; object: Record<string, unknown> }>((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('object'), fc.array(tie('node'), { maxLength: 3 })),
    object: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
  }));
  return fc.dictionary(key, node, { minKeys: 1, maxKeys: 5 });
}

function pathOfDepth(depth: number): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...SEGMENTS), { minLength: depth, maxLength: depth }).map((s) => s.join('.'));
}

/** A path of 1 to 4 segments and a document written around it. */
const pathAndDocument = fc
  .integer({ min: 1, max: 4 })
  .chain(pathOfDepth)
  .chain((path) => fc.tuple(fc.constant(path), documentFor(path)));

/** Every leaf visited, in order, when no leaf passes. */
function visits(path: string, doc: object, readers: 'generic' | PathReaderFactory): unknown[] {
  const seen: unknown[] = [];
  compilePathMatcher(path, (value) => {
    seen.push(value);
    return false;
  }, false, undefined, readers)(doc);
  return seen;
}

describe('path reader copies', () => {
  it('are exactly what the renderer writes (run `npm run generate` after changing it)', () => {
    expect(readFileSync(PATH_READER_COPIES_FILE, 'utf8')).toBe(renderPathReaderCopies());
  });

  it('has the number of copies the renderer was asked for at each depth', () => {
    expect(PATH_READER_COPIES.map((pool) => pool.length)).toEqual(COPIES_PER_DEPTH);
  });

  for (const [depth, pool] of PATH_READER_COPIES.entries()) {
    if (pool.length === 0) continue;
    it(`every copy for depth ${depth} visits the same leaves, in the same order, as the generic walk`, () => {
      for (const copy of pool) {
        fc.assert(
          fc.property(pathOfDepth(depth).chain((path) => fc.tuple(fc.constant(path), documentFor(path))), ([path, doc]) => {
            expect(visits(path, doc, copy)).toEqual(visits(path, doc, 'generic'));
          }),
          { numRuns: 150 },
        );
      }
    });
  }

  it('stops where the generic walk stops, and agrees on the answer', () => {
    fc.assert(
      fc.property(pathAndDocument, fc.constantFrom('x', 'y', 0, true), ([path, doc], wanted) => {
        const depth = path.split('.').length;
        const copy = PATH_READER_COPIES[depth]?.[0] as PathReaderFactory;
        const calls = { copy: 0, generic: 0 };
        const answer = (readers: 'generic' | PathReaderFactory, counter: 'copy' | 'generic') =>
          compilePathMatcher(path, (value) => {
            calls[counter]++;
            return value === wanted;
          }, false, undefined, readers)(doc);
        expect(answer(copy, 'copy')).toBe(answer('generic', 'generic'));
        expect(calls.copy).toBe(calls.generic);
      }),
      { numRuns: 1000 },
    );
  });

  it('compares string leaves inline exactly as the generic walk does', () => {
    fc.assert(
      fc.property(pathAndDocument, fc.uniqueArray(fc.constantFrom<string>('x', 'y', '', 'z', 'w', 'v'), { minLength: 1 }), ([path, doc], strings) => {
        const depth = path.split('.').length;
        const copy = PATH_READER_COPIES[depth]?.[1] as PathReaderFactory;
        const test = (value: unknown) => typeof value === 'string' && strings.includes(value);
        const viaCopy = compilePathMatcher(path, test, false, strings, copy)(doc);
        expect(viaCopy).toBe(compilePathMatcher(path, test, false, strings, 'generic')(doc));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps answering correctly once every copy is taken (later paths take the generic walk)', () => {
    // More distinct two-segment paths than there are copies for depth 2.
    const paths = Array.from({ length: (COPIES_PER_DEPTH[2] ?? 0) + 20 }, (_, i) => `p${i}.q`);
    const matchers = paths.map((path) => compilePathMatcher(path, (value) => value === 'hit', false, ['hit']));
    paths.forEach((path, i) => {
      const [head] = path.split('.');
      const matches = matchers[i] as (doc: object) => boolean;
      expect(matches({ [head as string]: { q: 'hit' } })).toBe(true);
      expect(matches({ [path]: ['miss', 'hit'] })).toBe(true);
      expect(matches({ [head as string]: [{ q: 'miss' }, { 'q': ['hit'] }] })).toBe(true);
      expect(matches({ [head as string]: { q: 'miss' } })).toBe(false);
    });
  });

  it('leaves paths with inherited member names to the generic walk, which checks ownership', () => {
    for (const path of ['constructor.a', 'a.toString', 'a.__proto__.b', 'hasOwnProperty']) {
      const matches = compilePathMatcher(path, (value) => value === 'own', false, ['own']);
      expect(matches({})).toBe(false);
      expect(matches({ a: {} })).toBe(false);
      expect(matches(JSON.parse(`{${JSON.stringify(path)}: "own"}`) as object)).toBe(true);
    }
  });

  it('reads keys built at run time the same as literal ones (keys are internalized, not compared by identity)', () => {
    const path = ['srv', 'name'].join('.');
    const matches = compilePathMatcher(path, (value) => value === 'x', false, ['x']);
    const key = String.fromCharCode(115, 114, 118); // 'srv', built at run time
    expect(matches({ [key]: { name: 'x' } })).toBe(true);
    expect(matches(JSON.parse('{"srv.name": "x"}') as object)).toBe(true);
  });
});
