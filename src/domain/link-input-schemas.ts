import * as z from 'zod/mini';
import { built, idSchema, instantSchema } from './field-schemas.js';
import { filterIdsSchema, filtersOperatorSchema, pageRequestObjectSchema } from './input-schemas.js';
import { MAX_LINK_LABEL_LENGTH, MAX_LINK_TARGET_LENGTH, MAX_PREVIEW_DOCUMENTS } from './limits.js';

// Labels and targets are shown in lists and URLs: no control characters, no lone surrogates.
const CONTROL_OR_LONE_SURROGATE = /[\p{Cc}\p{Cs}]/u;

/**
 * A link label: 1 to 200 characters, no control characters, no surrounding whitespace.
 *
 * @example
 * ```ts
 * linkLabelSchema.parse('Acme support'); // ok
 * ```
 */
export const linkLabelSchema = /* @__PURE__ */ built(() =>
  z.string({ error: 'must be a string' }).check(
    z.minLength(1, { error: 'must not be empty' }),
    z.maxLength(MAX_LINK_LABEL_LENGTH, { error: `must be at most ${MAX_LINK_LABEL_LENGTH} characters` }),
    z.refine((s) => !CONTROL_OR_LONE_SURROGATE.test(s), { error: 'must not contain control characters' }),
    z.refine((s) => s.trim() === s, { error: 'must not start or end with whitespace' }),
  ),
);

/**
 * A link target: 1 to 2048 characters of free text (a dashboard id or URL
 * path), no control characters. Never interpreted by the library.
 *
 * @example
 * ```ts
 * linkTargetSchema.parse('/app/dashboards#/view/checkout'); // ok
 * ```
 */
export const linkTargetSchema = /* @__PURE__ */ built(() =>
  z.string({ error: 'must be a string' }).check(
    z.minLength(1, { error: 'must not be empty' }),
    z.maxLength(MAX_LINK_TARGET_LENGTH, { error: `must be at most ${MAX_LINK_TARGET_LENGTH} characters` }),
    z.refine((s) => !CONTROL_OR_LONE_SURROGATE.test(s), { error: 'must not contain control characters' }),
  ),
);

/**
 * Input of `createLink`: `{ label?, target?, expiresAt? }`. An absent
 * `expiresAt` follows the token's; `null` asks for never, which only a token
 * that never expires allows.
 *
 * @example
 * ```ts
 * createLinkInputSchema.parse({ label: 'Acme support', target: '/dashboards/checkout' });
 * ```
 */
export const createLinkInputSchema = /* @__PURE__ */ built(() =>
  z._default(
    z.strictObject({
      label: z.optional(z.nullable(linkLabelSchema)),
      target: z.optional(z.nullable(linkTargetSchema)),
      expiresAt: z.optional(z.nullable(instantSchema)),
    }),
    {},
  ),
);

/**
 * Input of `listLinks`: `{ tokenId?, limit?, cursor? }`.
 *
 * @example
 * ```ts
 * listLinksInputSchema.parse({ tokenId: 't1', limit: 20 });
 * ```
 */
export const listLinksInputSchema = /* @__PURE__ */ built(() =>
  z._default(z.extend(pageRequestObjectSchema, { tokenId: z.optional(idSchema) }), {}),
);

/**
 * What `previewAccess` checks documents against: a saved token, or a draft
 * filter set not saved yet (`filtersOperator` defaults to `'AND'`).
 *
 * @example
 * ```ts
 * previewTargetSchema.parse({ tokenId: 't1' });
 * previewTargetSchema.parse({ filterIds: ['f1', 'f2'], filtersOperator: 'OR' });
 * ```
 */
export const previewTargetSchema = /* @__PURE__ */ built(() =>
  z.union(
    [
      z.strictObject({ tokenId: idSchema }),
      z.strictObject({ filterIds: filterIdsSchema, filtersOperator: z._default(filtersOperatorSchema, 'AND') }),
    ],
    { error: 'must be { tokenId } or { filterIds, filtersOperator? }' },
  ),
);

/**
 * The documents of a preview: an array of at most 10,000 values (each is
 * read as a `_source` document; anything but a plain object is hidden).
 *
 * @example
 * ```ts
 * previewDocumentsSchema.parse([{ service: { name: 'checkout' } }]);
 * ```
 */
export const previewDocumentsSchema = /* @__PURE__ */ built(() =>
  z.array(z.unknown(), { error: 'must be an array of documents' }).check(
    z.maxLength(MAX_PREVIEW_DOCUMENTS, { error: `must hold at most ${MAX_PREVIEW_DOCUMENTS} documents` }),
  ),
);
