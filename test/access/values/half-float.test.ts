/**
 * binary16 rounding (Lucene `HalfFloatPoint`) against a reference that knows
 * nothing about bits: the sorted list of every finite half-float value,
 * searched for the nearest one, ties going to the even significand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { halfFloatBits, halfFloatValue, roundToHalfFloat } from '../../../src/access/values/half-float.js';
import { prepareFloatingTerm } from '../../../src/access/values/floating.js';
import { isFloatMidpoint } from '../../../src/access/values/java-double.js';

/** Every non-negative finite half float, ascending: subnormals k·2^-24, then (1 + m/1024)·2^(e-15). */
const HALVES: number[] = [];
for (let k = 0; k < 1024; k++) HALVES.push(k * 2 ** -24);
for (let e = 1; e < 31; e++) for (let m = 0; m < 1024; m++) HALVES.push((1 + m / 1024) * 2 ** (e - 15));

function referenceHalf(f: number): number {
  const magnitude = Math.abs(f);
  const sign = f < 0 || Object.is(f, -0) ? -1 : 1;
  // Beyond the largest half (65504) by half an ulp (16) or more: infinity.
  if (magnitude >= 65520) return sign * Infinity;
  let lo = 0;
  let hi = HALVES.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((HALVES[mid] ?? 0) <= magnitude) lo = mid;
    else hi = mid - 1;
  }
  const below = HALVES[lo] ?? 0;
  const above = HALVES[lo + 1] ?? 65520;
  const pick = magnitude - below < above - magnitude ? lo : magnitude - below > above - magnitude ? lo + 1 : lo % 2 === 0 ? lo : lo + 1;
  const value = pick < HALVES.length ? (HALVES[pick] ?? 0) : Infinity;
  return sign * value;
}

describe('roundToHalfFloat', () => {
  it('rounds every float to the nearest half float, ties to even, like the value-level reference', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true }), (f) => {
        expect(Object.is(roundToHalfFloat(f), referenceHalf(f))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('rounds every midpoint between adjacent half floats to the even one', () => {
    const wrong: number[] = [];
    for (let i = 0; i + 1 < HALVES.length; i++) {
      const midpoint = ((HALVES[i] ?? 0) + (HALVES[i + 1] ?? 0)) / 2;
      if (roundToHalfFloat(midpoint) !== referenceHalf(midpoint)) wrong.push(midpoint);
    }
    expect(wrong).toEqual([]);
  });

  it('maps every half float to itself, and its bits back to its value', () => {
    const wrong: number[] = [];
    for (let bits = 0; bits < 0x7c00; bits++) {
      if (halfFloatBits(halfFloatValue(bits)) !== bits || halfFloatBits(-halfFloatValue(bits)) !== (bits | 0x8000)) wrong.push(bits);
    }
    expect(wrong).toEqual([]);
  });

  it('pins the documented examples: 200.1 → 200.125, 200.0625 → 200 (tie to even), 65520 → Infinity', () => {
    expect(roundToHalfFloat(Math.fround(200.1))).toBe(200.125);
    expect(roundToHalfFloat(200.0625)).toBe(200);
    expect(roundToHalfFloat(65519)).toBe(65504);
    expect(roundToHalfFloat(65520)).toBe(Infinity);
  });
});

describe('half_float terms', () => {
  it('match every document value that rounds to the same half float, and only those', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true, min: -60000, max: 60000 }), fc.double({ noNaN: true, min: -60000, max: 60000 }), (filter, doc) => {
        const term = prepareFloatingTerm('f', { type: 'half_float' }, String(filter));
        const docHalf = doc === 0 ? 0 : referenceHalf(Math.fround(doc));
        // The filter is spelled String(filter), which writes -0 as "0".
        const filterHalf = referenceHalf(Math.fround(Number(String(filter))));
        // At float midpoints the document is read from its decimal text (java-double.test.ts covers that).
        fc.pre(!isFloatMidpoint(doc));
        expect(term.matchLeaf(doc)).toBe(Object.is(docHalf, filterHalf));
      }),
    );
  });

  it('reject values that round to infinity (Elasticsearch ≥ 8.16 matches nothing, OpenSearch fails)', () => {
    expect(() => prepareFloatingTerm('f', { type: 'half_float' }, '70000')).toThrow(/half_float/);
  });
});
