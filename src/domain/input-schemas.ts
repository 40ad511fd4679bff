// Objects are strict: a typo such as `filterIDs` is a `VALIDATION` error, not silently ignored.
import * as z from 'zod/mini';
import {
  built,
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
export const filtersOperatorSchema = /* @__PURE__ */ built(() => z.enum(['AND', 'OR'], { error: "must be 'AND' or 'OR'" }));

/**
 * A list of filter ids (at most 100), returned as a set: unique and sorted.
 *
 * @example
 * ```ts
 * filterIdsSchema.parse(['b', 'a', 'a']); // ['a', 'b']
 * ```
 */
export const filterIdsSchema = /* @__PURE__ */ built(() =>
  z.pipe(
    z
      .array(idSchema, { error: 'must be an array of filter ids' })
      .check(z.maxLength(MAX_FILTERS_PER_TOKEN, { error: `must hold at most ${MAX_FILTERS_PER_TOKEN} filter ids` })),
    z.transform((ids: string[]) => toFilterIdSet(ids)),
  ),
);

const expectedVersion = /* @__PURE__ */ built(() => z.optional(versionSchema));

/**
 * Input of `createFilter`: `{ field, value, description? }` (description defaults to `''`).
 *
 * @example
 * ```ts
 * createFilterInputSchema.parse({ field: 'kubernetes.namespace', value: 'payments' });
 * ```
 */
export const createFilterInputSchema = /* @__PURE__ */ built(() =>
  z.strictObject({
    field: fieldNameSchema,
    value: filterValueSchema,
    description: z._default(descriptionSchema, ''),
  }),
);

/**
 * The object form of a page request, `{ limit?, cursor? }`, for inputs that extend it.
 *
 * @example
 * ```ts
 * pageRequestObjectSchema.parse({ limit: 20 });
 * ```
 */
export const pageRequestObjectSchema = /* @__PURE__ */ built(() =>
  z.strictObject({
    limit: z.optional(
      z.number({ error: 'must be a number' }).check(z.int({ error: 'must be an integer' }), z.minimum(1), z.maximum(500)),
    ),
    cursor: z.optional(
      z.nullable(z.string({ error: 'must be a string or null' }).check(z.maxLength(MAX_CURSOR_LENGTH))),
    ),
  }),
);

/**
 * A page request, or none: `{ limit?, cursor? }` or `undefined`, limit 1 to
 * 500 (default 50).
 *
 * @example
 * ```ts
 * pageRequestSchema.parse({ limit: 20 });
 * pageRequestSchema.parse(undefined); // undefined (the first page, default limit)
 * ```
 */
export const pageRequestSchema = /* @__PURE__ */ built(() => z.optional(pageRequestObjectSchema));
/**
 * Input of `deleteFilter`: `{ confirm }`, the `confirmation` of a current preview.
 *
 * @example
 * ```ts
 * deleteFilterInputSchema.parse({ confirm: preview.confirmation });
 * ```
 */
export const deleteFilterInputSchema = /* @__PURE__ */ built(() =>
  z.strictObject({
    confirm: z
      .string({ error: 'must be the confirmation of a current preview' })
      .check(z.minLength(1), z.maxLength(MAX_CURSOR_LENGTH)),
  }),
);

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
export const createTokenInputSchema = /* @__PURE__ */ built(() =>
  z.strictObject({
    name: tokenNameSchema,
    filterIds: z._default(filterIdsSchema, []),
    filtersOperator: z._default(filtersOperatorSchema, 'AND'),
    expiresAt: z.optional(z.nullable(instantSchema)),
  }),
);

/**
 * Input of `renameToken`: `{ name, expectedVersion? }`.
 *
 * @example
 * ```ts
 * renameTokenInputSchema.parse({ name: 'Payments (prod)', expectedVersion: 3 });
 * ```
 */
export const renameTokenInputSchema = /* @__PURE__ */ built(() => z.strictObject({ name: tokenNameSchema, expectedVersion }));

/**
 * Input of `setTokenFilters`: `{ filterIds, filtersOperator?, expectedVersion? }`.
 * Replaces the whole set (empty = unrestricted); an absent operator keeps the token's.
 *
 * @example
 * ```ts
 * setTokenFiltersInputSchema.parse({ filterIds: ['f1', 'f2'], filtersOperator: 'OR' });
 * ```
 */
export const setTokenFiltersInputSchema = /* @__PURE__ */ built(() =>
  z.strictObject({
    filterIds: filterIdsSchema,
    filtersOperator: z.optional(filtersOperatorSchema),
    expectedVersion,
  }),
);

/**
 * Input of `attachFilters` and `detachFilters`: `{ filterIds, expectedVersion? }`,
 * at least one id.
 *
 * @example
 * ```ts
 * changeTokenFiltersInputSchema.parse({ filterIds: ['f3'] });
 * ```
 */
export const changeTokenFiltersInputSchema = /* @__PURE__ */ built(() =>
  z.strictObject({
    filterIds: filterIdsSchema.check(z.refine((ids) => ids.length > 0, { error: 'must name at least one filter' })),
    expectedVersion,
  }),
);

/**
 * Input of `setTokenExpiry`: `{ expiresAt, expectedVersion? }`; `null` = never.
 *
 * @example
 * ```ts
 * setTokenExpiryInputSchema.parse({ expiresAt: '2026-12-31T00:00:00Z' });
 * ```
 */
export const setTokenExpiryInputSchema = /* @__PURE__ */ built(() =>
  z.strictObject({ expiresAt: z.nullable(instantSchema), expectedVersion }),
);

/**
 * Options of `pauseToken`, `resumeToken` and `deleteToken`: `{ expectedVersion? }`.
 *
 * @example
 * ```ts
 * versionOptionsSchema.parse({ expectedVersion: 2 });
 * ```
 */
export const versionOptionsSchema = /* @__PURE__ */ built(() => z._default(z.strictObject({ expectedVersion }), {}));

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
export const rotateTokenSecretInputSchema = /* @__PURE__ */ built(() =>
  z._default(
    z.strictObject({
      gracePeriod: z._default(
        z
          .number({ error: 'must be a number of milliseconds' })
          .check(
            z.int({ error: 'must be an integer number of milliseconds' }),
            z.minimum(0),
            z.maximum(MAX_GRACE_PERIOD_MS, { error: 'must be at most 30 days' }),
          ),
        0,
      ),
      expectedVersion,
    }),
    { gracePeriod: 0 },
  ),
);

/**
 * Options of `hygieneReport`: `{ expiringWithinDays?, unusedForDays? }`,
 * integers from 1 to 3650, defaults 7 and 30.
 *
 * @example
 * ```ts
 * hygieneReportInputSchema.parse({ unusedForDays: 90 });
 * ```
 */
export const hygieneReportInputSchema = /* @__PURE__ */ built(() => {
  const days = (fallback: number) =>
    z._default(z.number({ error: 'must be a number of days' }).check(z.int(), z.minimum(1), z.maximum(3650)), fallback);
  return z._default(z.strictObject({ expiringWithinDays: days(7), unusedForDays: days(30) }), {
    expiringWithinDays: 7,
    unusedForDays: 30,
  });
});
