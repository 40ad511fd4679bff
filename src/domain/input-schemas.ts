/**
 * Schemas of every use-case input. Objects are strict: an unknown key (a typo
 * such as `filterIDs`) is a `VALIDATION` error rather than silently ignored.
 *
 * @packageDocumentation
 */
import { z } from 'zod';
import {
  descriptionSchema,
  fieldNameSchema,
  filterValueSchema,
  idSchema,
  instantSchema,
  tokenNameSchema,
  versionSchema,
} from './field-schemas.js';
import { toFilterIdSet } from './filter-id-set.js';
import { MAX_FILTERS_PER_TOKEN, MAX_GRACE_PERIOD_MS } from './limits.js';

/** Longest accepted page cursor: 1024 characters. */
const MAX_CURSOR_LENGTH = 1024;


/**
 * `'AND'` or `'OR'`.
 *
 * @example
 * ```ts
 * filtersOperatorSchema.parse('OR'); // 'OR'
 * ```
 */
export const filtersOperatorSchema = z.enum(['AND', 'OR'], { error: "must be 'AND' or 'OR'" });

/**
 * A list of filter ids (at most 100), returned as a set: unique and sorted.
 *
 * @example
 * ```ts
 * filterIdsSchema.parse(['b', 'a', 'a']); // ['a', 'b']
 * ```
 */
export const filterIdsSchema = z
  .array(idSchema, { error: 'must be an array of filter ids' })
  .max(MAX_FILTERS_PER_TOKEN, { error: `must hold at most ${MAX_FILTERS_PER_TOKEN} filter ids` })
  .transform((ids) => toFilterIdSet(ids));

const expectedVersion = versionSchema.optional();

/**
 * Input of `createFilter`: `{ field, value, description? }` (description defaults to `''`).
 *
 * @example
 * ```ts
 * createFilterInputSchema.parse({ field: 'kubernetes.namespace', value: 'payments' });
 * ```
 */
export const createFilterInputSchema = z.strictObject({
  field: fieldNameSchema,
  value: filterValueSchema,
  description: descriptionSchema.default(''),
});

/**
 * A page request: `{ limit?, cursor? }`, limit 1 to 500 (default 50).
 *
 * @example
 * ```ts
 * pageRequestSchema.parse({ limit: 20 });
 * ```
 */
export const pageRequestSchema = z.strictObject({
  limit: z.number({ error: 'must be a number' }).int({ error: 'must be an integer' }).min(1).max(500).optional(),
  cursor: z.string({ error: 'must be a string or null' }).max(MAX_CURSOR_LENGTH).nullable().optional(),
});

/**
 * Input of `deleteFilter`: `{ confirm }`, the `confirmation` of a current preview.
 *
 * @example
 * ```ts
 * deleteFilterInputSchema.parse({ confirm: preview.confirmation });
 * ```
 */
export const deleteFilterInputSchema = z.strictObject({
  confirm: z.string({ error: 'must be the confirmation of a current preview' }).min(1).max(MAX_CURSOR_LENGTH),
});

/**
 * Input of `createToken`: `{ name, filterIds?, filtersOperator?, expiresAt? }`.
 * `filterIds` defaults to none (unrestricted), `filtersOperator` to `'AND'`;
 * an absent `expiresAt` means the policy's default lifetime, `null` never.
 *
 * @example
 * ```ts
 * createTokenInputSchema.parse({ name: 'Payments dashboard', filterIds: ['f1'] });
 * ```
 */
export const createTokenInputSchema = z.strictObject({
  name: tokenNameSchema,
  filterIds: filterIdsSchema.default([]),
  filtersOperator: filtersOperatorSchema.default('AND'),
  expiresAt: instantSchema.nullable().optional(),
});

/**
 * Input of `renameToken`: `{ name, expectedVersion? }`.
 *
 * @example
 * ```ts
 * renameTokenInputSchema.parse({ name: 'Payments (prod)', expectedVersion: 3 });
 * ```
 */
export const renameTokenInputSchema = z.strictObject({ name: tokenNameSchema, expectedVersion });

/**
 * Input of `setTokenFilters`: `{ filterIds, filtersOperator?, expectedVersion? }`.
 * Replaces the whole set (empty = unrestricted); an absent operator keeps the token's.
 *
 * @example
 * ```ts
 * setTokenFiltersInputSchema.parse({ filterIds: ['f1', 'f2'], filtersOperator: 'OR' });
 * ```
 */
export const setTokenFiltersInputSchema = z.strictObject({
  filterIds: filterIdsSchema,
  filtersOperator: filtersOperatorSchema.optional(),
  expectedVersion,
});

/**
 * Input of `attachFilters` and `detachFilters`: `{ filterIds, expectedVersion? }`,
 * at least one id.
 *
 * @example
 * ```ts
 * changeTokenFiltersInputSchema.parse({ filterIds: ['f3'] });
 * ```
 */
export const changeTokenFiltersInputSchema = z.strictObject({
  filterIds: filterIdsSchema.refine((ids) => ids.length > 0, { error: 'must name at least one filter' }),
  expectedVersion,
});

/**
 * Input of `setTokenExpiry`: `{ expiresAt, expectedVersion? }`; `null` = never.
 *
 * @example
 * ```ts
 * setTokenExpiryInputSchema.parse({ expiresAt: '2026-12-31T00:00:00Z' });
 * ```
 */
export const setTokenExpiryInputSchema = z.strictObject({ expiresAt: instantSchema.nullable(), expectedVersion });

/**
 * Options of `pauseToken`, `resumeToken` and `deleteToken`: `{ expectedVersion? }`.
 *
 * @example
 * ```ts
 * versionOptionsSchema.parse({ expectedVersion: 2 });
 * ```
 */
export const versionOptionsSchema = z.strictObject({ expectedVersion }).default({});

/**
 * Options of `rotateTokenSecret`: `{ gracePeriod?, expectedVersion? }`. The
 * grace period, in milliseconds (0 to 30 days, default 0), is how long the
 * old secret keeps working.
 *
 * @example
 * ```ts
 * rotateTokenSecretInputSchema.parse({ gracePeriod: 60 * 60 * 1000 }); // one hour
 * ```
 */
export const rotateTokenSecretInputSchema = z
  .strictObject({
    gracePeriod: z
      .number({ error: 'must be a number of milliseconds' })
      .int({ error: 'must be an integer number of milliseconds' })
      .min(0)
      .max(MAX_GRACE_PERIOD_MS, { error: 'must be at most 30 days' })
      .default(0),
    expectedVersion,
  })
  .default({ gracePeriod: 0 });

/**
 * Options of `hygieneReport`: `{ expiringWithinDays?, unusedForDays? }`,
 * integers from 1 to 3650, defaults 7 and 30.
 *
 * @example
 * ```ts
 * hygieneReportInputSchema.parse({ unusedForDays: 90 });
 * ```
 */
export const hygieneReportInputSchema = z
  .strictObject({
    expiringWithinDays: z.number({ error: 'must be a number of days' }).int().min(1).max(3650).default(7),
    unusedForDays: z.number({ error: 'must be a number of days' }).int().min(1).max(3650).default(30),
  })
  .default({ expiringWithinDays: 7, unusedForDays: 30 });
