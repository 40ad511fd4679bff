/**
 * Reading an untrusted body into the guard's own JSON copy. The reader keeps
 * the path to the value it reads as segments and renders a pointer only when
 * it refuses; these tests state that the rendered pointer is the RFC 6901
 * pointer of the offending value (keys with `/` and `~` included), and pin
 * the accessor, hole and non-JSON cases the reader refuses.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UnsafeRequestError } from '../../src/errors.js';
import { childPointer, renderPointer } from '../../src/guard/pointer.js';
import { readJson } from '../../src/guard/read-json.js';
import type { JsonBudget } from '../../src/guard/read-json.js';

const budget = (maxBytes = 1 << 20, maxDepth = 64): JsonBudget => ({ bytesLeft: maxBytes, maxBytes, maxDepth });

/** RFC 6901 escaping, written independently of the guard's. */
const rfc6901 = (segments: readonly (string | number)[]): string => segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

function refusal(read: () => unknown): UnsafeRequestError {
  try {
    read();
  } catch (error) {
    if (error instanceof UnsafeRequestError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Builds nested objects and arrays along `path`, with `leaf` at its end and ordinary siblings beside every step. */
function nestAlong(path: readonly (string | number)[], leaf: (holder: Record<string, unknown> | unknown[], key: string | number) => void): unknown {
  const root: Record<string, unknown> = {};
  let holder: Record<string, unknown> | unknown[] = root;
  let key: string | number = 'root';
  const steps: (string | number)[] = ['root', ...path];
  for (let i = 0; i < steps.length - 1; i += 1) {
    const next = steps[i + 1] as string | number;
    const child: Record<string, unknown> | unknown[] = typeof next === 'number' ? Array.from({ length: next }, (_u, j) => j) : { sibling: 'ok' };
    (holder as Record<string, unknown>)[key as string] = child;
    holder = child;
    key = next;
  }
  leaf(holder, key);
  return root;
}

/** A key with the characters a pointer must escape. */
const key = fc.string({ unit: fc.constantFrom('a', 'b', '/', '~', '0', '1', 'é', ' '), minLength: 0, maxLength: 8 }).filter((k) => k !== 'sibling');
const segment = fc.oneof(key, fc.nat({ max: 3 }));

const leaves: Record<string, (holder: Record<string, unknown> | unknown[], key: string | number) => void> = {
  getter: (holder, k) => Object.defineProperty(holder, k, { get: () => 1, enumerable: true, configurable: true }),
  'setter only': (holder, k) => Object.defineProperty(holder, k, { set: () => undefined, enumerable: true, configurable: true }),
  undefined: (holder, k) => {
    (holder as Record<string, unknown>)[k as string] = undefined;
  },
  NaN: (holder, k) => {
    (holder as Record<string, unknown>)[k as string] = Number.NaN;
  },
  'a class instance': (holder, k) => {
    (holder as Record<string, unknown>)[k as string] = new Date(0);
  },
};

describe('readJson refusals point at the offending value', () => {
  it.each(Object.keys(leaves))('%s anywhere: the pointer is the RFC 6901 pointer of its place', (name) => {
    let checked = 0;
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (path) => {
        const body = nestAlong(path, leaves[name]!);
        const error = refusal(() => readJson(body, '', budget()));
        expect(error.reason).toBe('body-not-json');
        expect(error.context.pointer).toBe(rfc6901(['root', ...path]));
        checked += 1;
      }),
      { numRuns: 200 },
    );
    expect(checked).toBe(200);
  });

  it('a hole in an array: the pointer names its index', () => {
    const holey: unknown[] = [1];
    holey[2] = 3;
    expect(refusal(() => readJson({ 'a/b': { '~': holey } }, '/x', budget())).context.pointer).toBe('/x/a~1b/~0/1');
  });

  it('the byte and depth limits point where they were crossed', () => {
    const tooLarge = refusal(() => readJson({ a: ['xx', 'yyyyyyyy'] }, '', budget(20)));
    expect({ reason: tooLarge.reason, pointer: tooLarge.context.pointer }).toEqual({ reason: 'body-too-large', pointer: '/a/1' });
    const tooDeep = refusal(() => readJson({ a: [{ b: [] }] }, '', budget(1000, 3)));
    expect({ reason: tooDeep.reason, pointer: tooDeep.context.pointer }).toEqual({ reason: 'body-too-deep', pointer: '/a/0/b' });
  });

  it('never calls a getter or a setter it refuses', () => {
    let called = 0;
    const body = Object.defineProperty({}, 'query', { get: () => (called += 1), set: () => (called += 1), enumerable: true });
    expect(refusal(() => readJson({ ok: 1, body }, '', budget())).context.pointer).toBe('/body/query');
    expect(called).toBe(0);
  });

  it('copies data properties, __proto__ as an own key, and shares nothing with the input', () => {
    const input = JSON.parse('{"__proto__":{"polluted":1},"a":[1,"x",null,true,{"b":{}}]}') as Record<string, unknown>;
    const copy = readJson(input, '', budget()) as Record<string, unknown>;
    expect(copy).toEqual(input);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(copy, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(copy['a']).not.toBe(input['a']);
  });
});

describe('renderPointer', () => {
  it('equals childPointer applied once per segment, and RFC 6901 for short keys', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.oneof(fc.string({ maxLength: 80 }), fc.nat()), { maxLength: 8 }), (base, path) => {
        expect(renderPointer(base, path)).toBe(path.reduce<string>((at, s) => childPointer(at, s), base));
        if (path.every((s) => String(s).length <= 64)) expect(renderPointer('', path)).toBe(rfc6901(path));
      }),
      { numRuns: 500 },
    );
  });
});
