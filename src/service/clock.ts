/**
 * A source of the current time. Tests pass a fake one; the default reads the system clock.
 *
 * @example
 * ```ts
 * let now = new Date('2026-01-01T00:00:00Z');
 * const clock: Clock = { now: () => now };
 * ```
 */
export interface Clock {
  now(): Date;
}

/**
 * The system clock (`new Date()`).
 *
 * @example
 * ```ts
 * createSharedTokens({ repository, clock: systemClock }); // the default anyway
 * ```
 */
export const systemClock: Clock = Object.freeze({ now: () => new Date() });
