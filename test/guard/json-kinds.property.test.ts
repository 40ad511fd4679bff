/**
 * `arrayOf` checks the items of the kinds that return a value unchanged
 * with their test alone, building a pointer only for an item it refuses.
 * The law: the result (or the refusal, with its pointer) is exactly what
 * applying the kind to every item, each with its own pointer, gives.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UnsafeRequestError } from '../../src/errors.js';
import type { Kind } from '../../src/guard/json-kinds.js';
import { arrayOf, boolean, nullableScalar, number, scalar, string, stringOrNumber } from '../../src/guard/json-kinds.js';
import type { JsonValue } from '../../src/guard/json-value.js';
import { childPointer } from '../../src/guard/pointer.js';

function outcome(run: () => JsonValue): { value: JsonValue } | { reason: string; pointer: unknown; message: string } {
  try {
    return { value: run() };
  } catch (error) {
    if (!(error instanceof UnsafeRequestError)) throw error;
    return { reason: error.reason, pointer: error.context.pointer, message: error.message };
  }
}

/** Items of every JSON kind, with the strings the kinds treat specially. */
const item = fc.oneof(
  fc.constantFrom<JsonValue>('true', 'false', '12', '-1.5e3', '.5', '1.', 'x', '', null, true, false, 0, -3.25, [], {}, ['a'], { a: 1 }),
  fc.string({ maxLength: 6 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const KINDS: Record<string, Kind> = { string, number, boolean, scalar, nullableScalar, stringOrNumber };

describe('arrayOf a kind that returns values unchanged', () => {
  it.each(Object.keys(KINDS))('%s: the same result or refusal as the kind applied to every item', (name) => {
    const kind = KINDS[name] as Kind;
    let refused = 0;
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), fc.constantFrom('', '/sort', '/a~1b'), (items, pointer) => {
        const expected = outcome(() => items.map((v, i) => kind(v, childPointer(pointer, i))));
        expect(outcome(() => arrayOf(kind)(items, pointer))).toEqual(expected);
        if ('reason' in expected) refused += 1;
      }),
      { numRuns: 300 },
    );
    // Both branches were reached: some arrays were refused, most were not.
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(300);
  });
});
