/**
 * Schemas of the single values the library stores: ids, field paths, filter
 * values, descriptions, token names and instants. Every use-case input schema
 * is built from these.
 *
 * @packageDocumentation
 */
import { z } from 'zod';
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
 * An opaque id (token, filter, account, user): 1 to 128 characters, no
 * control characters.
 *
 * @example
 * ```ts
 * idSchema.parse('acct-1'); // 'acct-1'
 * ```
 */
export const idSchema = z
  .string({ error: 'must be a string' })
  .min(1, { error: 'must not be empty' })
  .max(MAX_ID_LENGTH, { error: `must be at most ${MAX_ID_LENGTH} characters` })
  .refine((s) => !CONTROL_OR_LONE_SURROGATE.test(s), { error: 'must not contain control characters' });

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
export const fieldNameSchema = z
  .string({ error: 'must be a string' })
  .min(1, { error: 'must not be empty' })
  .max(MAX_FIELD_LENGTH, { error: `must be at most ${MAX_FIELD_LENGTH} characters` })
  .refine((s) => !CONTROL_OR_LONE_SURROGATE.test(s), { error: 'must not contain control characters' })
  .refine((s) => !WHITESPACE.test(s), { error: 'must not contain whitespace' })
  .refine((s) => !/[*?]/.test(s), { error: 'must not contain the wildcards * or ?' })
  .refine((s) => s.split('.').every((segment) => segment.length > 0), {
    error: 'must be a dotted path without empty segments',
  });

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
export const filterValueSchema = z
  .string({ error: 'must be a string' })
  .min(1, { error: 'must not be empty' })
  .max(MAX_FILTER_VALUE_LENGTH, { error: `must be at most ${MAX_FILTER_VALUE_LENGTH} characters` })
  .refine((s) => !CONTROL_OR_LONE_SURROGATE.test(s), { error: 'must not contain control characters' });

/**
 * A filter's description: free text of at most 1000 characters; line breaks
 * and tabs allowed, other control characters not. Default `''`.
 *
 * @example
 * ```ts
 * descriptionSchema.parse('Only the payments namespace'); // ok
 * ```
 */
export const descriptionSchema = z
  .string({ error: 'must be a string' })
  .max(MAX_DESCRIPTION_LENGTH, { error: `must be at most ${MAX_DESCRIPTION_LENGTH} characters` })
  .refine((s) => !CONTROL_EXCEPT_LINE_BREAKS.test(s), { error: 'must not contain control characters' });

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
export const tokenNameSchema = z
  .string({ error: 'must be a string' })
  .min(1, { error: 'must not be empty' })
  .max(MAX_TOKEN_NAME_LENGTH, { error: `must be at most ${MAX_TOKEN_NAME_LENGTH} characters` })
  .refine((s) => !CONTROL_OR_LONE_SURROGATE.test(s), { error: 'must not contain control characters' })
  .refine((s) => s.trim() === s, { error: 'must not start or end with whitespace' });

/**
 * An instant as an ISO-8601 date-time with `Z` or an offset; normalized to
 * UTC `toISOString()` form.
 *
 * @example
 * ```ts
 * instantSchema.parse('2026-01-01T01:00:00+01:00'); // '2026-01-01T00:00:00.000Z'
 * ```
 */
export const instantSchema = z.iso
  .datetime({ offset: true, error: 'must be an ISO-8601 date-time with a time zone' })
  .transform((s) => new Date(s).toISOString());

/**
 * An optimistic-concurrency version: a positive safe integer.
 *
 * @example
 * ```ts
 * versionSchema.parse(3); // 3
 * ```
 */
export const versionSchema = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be an integer' })
  .positive({ error: 'must be positive' })
  .max(Number.MAX_SAFE_INTEGER);
