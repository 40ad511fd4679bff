import * as z from 'zod/mini';
import { built } from '../domain/field-schemas.js';
import { parseInput } from '../domain/parse-input.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What the host allows. Every duration is in milliseconds. Breaking a rule is
 * a `POLICY` error.
 *
 * @example
 * ```ts
 * const policy: SharedTokensPolicy = {
 *   requireFilters: true,             // no unrestricted tokens
 *   defaultLifetime: 30 * 86_400_000, // 30 days when createToken gives no expiresAt
 *   maxLifetime: 90 * 86_400_000,     // no token lives longer than 90 days, none lives forever
 * };
 * ```
 */
export interface SharedTokensPolicy {
  /**
   * Refuse tokens without filters (unrestricted), whether created so, left so
   * by `setTokenFilters`/`detachFilters`, or by deleting a token's last filter.
   * Default `false`.
   */
  readonly requireFilters?: boolean;
  /** Lifetime of a token created without `expiresAt`; `null` = never expires. Default 7 days. */
  readonly defaultLifetime?: number | null;
  /**
   * Longest lifetime, counted from the token's creation; `null` = no limit.
   * With a limit, `expiresAt: null` (never) is refused. Default `null`.
   */
  readonly maxLifetime?: number | null;
  /** `resolve` writes `lastUsedAt` at most once per this interval. Default 60 seconds. */
  readonly lastUsedResolution?: number;
  /** After how many days without use the hygiene report lists a link as unused (1 to 3650). Default 30. */
  readonly linkUnusedForDays?: number;
}

/** A policy with every default filled in. */
export interface EffectivePolicy {
  readonly requireFilters: boolean;
  readonly defaultLifetime: number | null;
  readonly maxLifetime: number | null;
  readonly lastUsedResolution: number;
  readonly linkUnusedForDays: number;
}

const policySchema = /* @__PURE__ */ built(() => {
  const duration = z
    .number({ error: 'must be a number of milliseconds' })
    .check(z.int(), z.positive(), z.maximum(100 * 365 * DAY_MS));
  return z
    ._default(
      z.strictObject({
        requireFilters: z._default(z.boolean(), false),
        defaultLifetime: z._default(z.nullable(duration), 7 * DAY_MS),
        maxLifetime: z._default(z.nullable(duration), null),
        lastUsedResolution: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(DAY_MS)), 60_000),
        linkUnusedForDays: z._default(z.number({ error: 'must be a number of days' }).check(z.int(), z.minimum(1), z.maximum(3650)), 30),
      }),
      { requireFilters: false, defaultLifetime: 7 * DAY_MS, maxLifetime: null, lastUsedResolution: 60_000, linkUnusedForDays: 30 },
    )
    .check(
      z.superRefine((policy, ctx) => {
        if (policy.maxLifetime === null) return;
        if (policy.defaultLifetime === null || policy.defaultLifetime > policy.maxLifetime) {
          ctx.addIssue({ code: 'custom', path: ['defaultLifetime'], message: 'must be set and at most maxLifetime' });
        }
      }),
    );
});

/**
 * Fills in a policy's defaults and checks it.
 *
 * @throws SharedTokenError `VALIDATION` for a malformed policy, or a default lifetime beyond the maximum.
 * @example
 * ```ts
 * effectivePolicy({ requireFilters: true }).defaultLifetime; // 604800000 (7 days)
 * ```
 */
export function effectivePolicy(policy: unknown): EffectivePolicy {
  return Object.freeze(parseInput(policySchema, policy, 'policy'));
}
