// Built inside `@__PURE__` calls so a bundle that never parses input (one that only compiles a
// predicate) drops these schemas and zod with them.
import * as z from 'zod/mini';
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_FIELD_LENGTH,
  MAX_FILTER_VALUE_LENGTH,
  MAX_ID_LENGTH,
  MAX_TOKEN_NAME_LENGTH,
} from './limits.js';

// C0, DEL and C1 controls, and lone UTF-16 surrogates (which cannot be encoded
// as UTF-8 and so cannot be stored or sent to Elasticsearch faithfully).
const CONTROL_OR_LONE_SURROGATE = /[\p{Cc}\p{Cs}]/u;
// Controls other than tab and newline, and lone surrogates (free text keeps its line breaks).
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\p{Cs}]/u;
const WHITESPACE = /[\s\u200b\u2060\ufeff]/u;

/**
 * Runs `build` once, at load. Called as `/* @__PURE__ *\/ built(...)` so that
 * a bundler may drop a schema no kept code reads: one annotation covers the
 * whole chain of zod calls inside.
 */
export function built<T>(build: () => T): T {
  return build();
}

/**
 * An opaque id (token, filter, account, user): 1 to 128 characters, no
 * control characters.
 *
 * @example
 * ```ts
 * idSchema.parse('acct-1'); // 'acct-1'
 * ```
 */
export const idSchema = /* @__PURE__ */ built(() =>
  z.string({ error: 'must be a string' }).check(
    z.minLength(1, { error: 'must not be empty' }),
    z.maxLength(MAX_ID_LENGTH, { error: `must be at most ${MAX_ID_LENGTH} characters` }),
    z.refine((s) => !CONTROL_OR_LONE_SURROGATE.test(s), { error: 'must not contain control characters' }),
  ),
);

/**
 * A filter's field: a dotted path such as `kubernetes.namespace`, 1 to 256
 * characters. Rejected: empty segments (`a..b`, `.a`, `a.`), the wildcards
 * `*` and `?`, whitespace and control characters.
 *
 * @example
 * ```ts
 * fieldNameSchema.parse('kubernetes.namespace'); // ok
 * fieldNameSchema.safeParse('kubernetes.*').success; // false
 * ```
 */
export const fieldNameSchema = /* @__PURE__ */ built(() =>
  z.string({ error: 'must be a string' }).check(
    z.minLength(1, { error: 'must not be empty' }),
    z.maxLength(MAX_FIELD_LENGTH, { error: `must be at most ${MAX_FIELD_LENGTH} characters` }),
    z.refine((s) => !CONTROL_OR_LONE_SURROGATE.test(s), { error: 'must not contain control characters' }),
    z.refine((s) => !WHITESPACE.test(s), { error: 'must not contain whitespace' }),
    z.refine((s) => !/[*?]/.test(s), { error: 'must not contain the wildcards * or ?' }),
    z.refine((s) => s.split('.').every((segment) => segment.length > 0), {
      error: 'must be a dotted path without empty segments',
    }),
  ),
);

/**
 * A filter's value: 1 to 1024 characters, kept exactly as typed (no trimming,
 * no case folding; `*` and `?` are ordinary characters). Control characters
 * are rejected: they are paste accidents, never a value worth matching.
 *
 * @example
 * ```ts
 * filterValueSchema.parse(' Payments '); // ' Payments ' (flagged by the hygiene report, not changed)
 * ```
 */
export const filterValueSchema = /* @__PURE__ */ built(() =>
  z.string({ error: 'must be a string' }).check(
    z.minLength(1, { error: 'must not be empty' }),
    z.maxLength(MAX_FILTER_VALUE_LENGTH, { error: `must be at most ${MAX_FILTER_VALUE_LENGTH} characters` }),
    z.refine((s) => !CONTROL_OR_LONE_SURROGATE.test(s), { error: 'must not contain control characters' }),
  ),
);

/**
 * A filter's description: free text of at most 1000 characters; line breaks
 * and tabs allowed, other control characters not. Default `''`.
 *
 * @example
 * ```ts
 * descriptionSchema.parse('Only the payments namespace'); // ok
 * ```
 */
export const descriptionSchema = /* @__PURE__ */ built(() =>
  z.string({ error: 'must be a string' }).check(
    z.maxLength(MAX_DESCRIPTION_LENGTH, { error: `must be at most ${MAX_DESCRIPTION_LENGTH} characters` }),
    z.refine((s) => !CONTROL_EXCEPT_LINE_BREAKS.test(s), { error: 'must not contain control characters' }),
  ),
);

/**
 * A token's name: 1 to 100 characters, no control characters, no leading or
 * trailing whitespace (names are unique case-insensitively, and `"Grafana "`
 * next to `"Grafana"` would only confuse).
 *
 * @example
 * ```ts
 * tokenNameSchema.parse('Payments dashboard'); // ok
 * tokenNameSchema.safeParse(' Payments').success; // false
 * ```
 */
export const tokenNameSchema = /* @__PURE__ */ built(() =>
  z.string({ error: 'must be a string' }).check(
    z.minLength(1, { error: 'must not be empty' }),
    z.maxLength(MAX_TOKEN_NAME_LENGTH, { error: `must be at most ${MAX_TOKEN_NAME_LENGTH} characters` }),
    z.refine((s) => !CONTROL_OR_LONE_SURROGATE.test(s), { error: 'must not contain control characters' }),
    z.refine((s) => s.trim() === s, { error: 'must not start or end with whitespace' }),
  ),
);

/**
 * An instant as an ISO-8601 date-time with `Z` or an offset; normalized to
 * UTC `toISOString()` form.
 *
 * @example
 * ```ts
 * instantSchema.parse('2026-01-01T01:00:00+01:00'); // '2026-01-01T00:00:00.000Z'
 * ```
 */
export const instantSchema = /* @__PURE__ */ built(() =>
  z.pipe(
    z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time with a time zone' }),
    z.transform((s: string) => new Date(s).toISOString()),
  ),
);

/**
 * An optimistic-concurrency version: a positive safe integer.
 *
 * @example
 * ```ts
 * versionSchema.parse(3); // 3
 * ```
 */
export const versionSchema = /* @__PURE__ */ built(() =>
  z.number({ error: 'must be a number' }).check(
    z.int({ error: 'must be an integer' }),
    z.positive({ error: 'must be positive' }),
    z.maximum(Number.MAX_SAFE_INTEGER),
  ),
);
