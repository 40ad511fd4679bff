/**
 * Size limits on every text the library stores. They keep storage rows,
 * events and Elasticsearch terms bounded; all are in UTF-16 code units
 * (JavaScript string length).
 *
 * @packageDocumentation
 */

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
