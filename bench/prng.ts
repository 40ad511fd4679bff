/**
 * A small seeded pseudo-random generator (mulberry32) and the draws the
 * document generator needs. Deterministic from the seed so every run of the
 * benchmark filters the same documents.
 */

/** A source of uniform numbers in [0, 1), reproducible from its seed. */
export interface Random {
  /** Next uniform number in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of `items`, uniformly. */
  pick<T>(items: readonly T[]): T;
}

/**
 * mulberry32: 32-bit state, good enough statistical quality for test data,
 * and tiny. Not for anything security related.
 *
 * @example
 * ```ts
 * const random = createRandom(42);
 * random.int(10); // same number on every run
 * ```
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      const item = items[int(items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
  };
}

/** Values with relative weights, drawn by {@link weightedPicker}. */
export type Weighted<T> = readonly (readonly [value: T, weight: number])[];

/**
 * Precomputes the cumulative weights once so each draw is a short scan.
 *
 * @example
 * ```ts
 * const method = weightedPicker([['GET', 70], ['POST', 30]]);
 * method(random); // 'GET' about 70% of the time
 * ```
 */
export function weightedPicker<T>(table: Weighted<T>): (random: Random) => T {
  const total = table.reduce((sum, [, weight]) => sum + weight, 0);
  const cumulative: number[] = [];
  let running = 0;
  for (const [, weight] of table) {
    running += weight / total;
    cumulative.push(running);
  }
  return (random) => {
    const u = random.next();
    for (let i = 0; i < table.length; i++) {
      const bound = cumulative[i];
      const row = table[i];
      if (bound !== undefined && row !== undefined && u < bound) return row[0];
    }
    const last = table[table.length - 1];
    if (last === undefined) throw new Error('weighted pick from an empty table');
    return last[0];
  };
}

/**
 * Zipf-like weights (1/rank^s) for `items`: a few services, hosts and users
 * carry most of the traffic, like real fleets.
 */
export function zipf<T>(items: readonly T[], exponent = 1): Weighted<T> {
  return items.map((item, rank) => [item, 1 / Math.pow(rank + 1, exponent)] as const);
}
