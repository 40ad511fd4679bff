// Lengths are in UTF-16 code units (JavaScript string length); the limits keep storage rows,
// events and Elasticsearch terms bounded.

/**
 * Longest filter field path: 256. Elasticsearch has no hard limit, but
 * real mappings (ECS) stay far below it.
 */
export const MAX_FIELD_LENGTH = 256;

/**
 * Longest filter value: 1024. Exact-match terms longer than a keyword
 * field's `ignore_above` (256 by default) never match anyway, and Lucene's
 * hard term limit is 32766 bytes.
 */
export const MAX_FILTER_VALUE_LENGTH = 1024;

/** Longest filter description: 1000. */
export const MAX_DESCRIPTION_LENGTH = 1000;

/** Longest token name: 100. */
export const MAX_TOKEN_NAME_LENGTH = 100;

/** Longest id (token, filter, account, user): 128. */
export const MAX_ID_LENGTH = 128;

/** Most filter ids in one request, and most filters on one token: 100. */
export const MAX_FILTERS_PER_TOKEN = 100;

/** Longest link label ("Acme support"): 200. */
export const MAX_LINK_LABEL_LENGTH = 200;

/** Longest link target (a dashboard id or URL path): 2048, the URL length browsers and proxies reliably carry. */
export const MAX_LINK_TARGET_LENGTH = 2048;

/** Most documents one `previewAccess` call checks: 10,000 (a real sample, previewed well under a second). */
export const MAX_PREVIEW_DOCUMENTS = 10_000;

/** Longest grace period for a rotated secret: 30 days, in milliseconds. */
export const MAX_GRACE_PERIOD_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Every size limit on what the use cases accept, in one object, so a UI can
 * validate input before sending it. Lengths are in UTF-16 code units.
 *
 * @example
 * ```ts
 * import { INPUT_LIMITS } from 'shared-tokens';
 * nameInput.maxLength = INPUT_LIMITS.tokenName; // 100
 * ```
 */
export const INPUT_LIMITS = Object.freeze({
  /** Longest filter field path: 256. */
  field: MAX_FIELD_LENGTH,
  /** Longest filter value: 1024. */
  filterValue: MAX_FILTER_VALUE_LENGTH,
  /** Longest filter description: 1000. */
  description: MAX_DESCRIPTION_LENGTH,
  /** Longest token name: 100. */
  tokenName: MAX_TOKEN_NAME_LENGTH,
  /** Longest id: 128. */
  id: MAX_ID_LENGTH,
  /** Most filters on one token: 100. */
  filtersPerToken: MAX_FILTERS_PER_TOKEN,
  /** Longest grace period of a rotated secret, in milliseconds: 30 days. */
  gracePeriodMs: MAX_GRACE_PERIOD_MS,
  /** Longest link label: 200. */
  linkLabel: MAX_LINK_LABEL_LENGTH,
  /** Longest link target: 2048. */
  linkTarget: MAX_LINK_TARGET_LENGTH,
  /** Most documents in one access preview: 10,000. */
  previewDocuments: MAX_PREVIEW_DOCUMENTS,
});
