/**
 * The data of the hostile-request test: a full index with the token's
 * documents and hidden ones, the same mapping holding only the token's
 * documents, and another tenant's index. Hidden and other-tenant documents
 * carry marker values (`hidmark...`, `othermark...`, numbers `777xxxx`) that
 * must never show up in a guarded response; they also share some values with
 * the visible documents (`c1`, `alpha`, terms near `secure`), so that a
 * lookup or a term-dictionary option that reads them changes what the
 * visible documents return.
 */

/** The index the token may read. */
export const FULL_INDEX = 'hostile-full';
/** The same mapping with only the token's documents: the reference. */
export const ALLOWED_INDEX = 'hostile-allowed';
/** Another tenant's index, never covered by the token. */
export const OTHER_INDEX = 'hostile-other';

/** The token's tenant. */
export const TOKEN_TENANT = 'acme';

export const SETTINGS = { number_of_shards: 1, number_of_replicas: 0 };

export const MAPPINGS = {
  properties: {
    tenant: { type: 'keyword' },
    message: { type: 'text', fields: { raw: { type: 'keyword' } } },
    code: { type: 'keyword' },
    num: { type: 'long' },
    ts: { type: 'date' },
    loc: { type: 'geo_point' },
    items: { type: 'nested', properties: { sku: { type: 'keyword' }, qty: { type: 'long' } } },
    secret: { type: 'keyword' },
  },
};

export const OTHER_MAPPINGS = {
  properties: { tenant: { type: 'keyword' }, apikey: { type: 'keyword' }, code: { type: 'keyword' }, num: { type: 'long' } },
};

export interface HostileDocument {
  readonly id: string;
  readonly source: Record<string, unknown>;
}

const ALLOWED_WORDS = ['secure', 'second', 'seconds', 'alpha', 'beta', 'gamma'] as const;

/** The token's documents: ids `a0`... */
export const ALLOWED_DOCUMENTS: readonly HostileDocument[] = Array.from({ length: 30 }, (_unused, i) => ({
  id: `a${i}`,
  source: {
    tenant: TOKEN_TENANT,
    message: `${ALLOWED_WORDS[i % ALLOWED_WORDS.length] ?? 'alpha'} ${ALLOWED_WORDS[(i + 2) % ALLOWED_WORDS.length] ?? 'beta'} visible`,
    code: `c${i % 6}`,
    num: i + 1,
    ts: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(),
    loc: { lat: i * 0.01, lon: i * 0.01 },
    items: [{ sku: `A-${i % 3}`, qty: i % 5 }],
  },
}));

/** Documents of another tenant in the same index: ids, values and terms are markers. */
export const HIDDEN_DOCUMENTS: readonly HostileDocument[] = Array.from({ length: 20 }, (_unused, i) => ({
  id: `hidmark-id-${i}`,
  source: {
    tenant: 'hidden',
    // Terms near the visible `secure`/`second` that take expansion slots: `secura` is one edit from
    // `securx` like `secure` and sorts first; `secabc` is the first `sec*` term, which a top_terms_1
    // rewrite keeps (Lucene's TopTermsRewrite breaks equal boosts by the smaller term).
    message: `alpha secura secret secabc sea hidmarkmsg${i}`,
    code: i % 2 === 0 ? 'c1' : `hidmark-code-${i}`,
    num: 7_770_000 + i,
    ts: new Date(Date.UTC(2031, 0, 1) + i * 86_400_000).toISOString(),
    loc: { lat: 45, lon: 45 },
    items: [{ sku: `hidmark-sku-${i}`, qty: 9 }],
    secret: `hidmark-secret-${i}`,
  },
}));

/** The other tenant's index. */
export const OTHER_DOCUMENTS: readonly HostileDocument[] = Array.from({ length: 5 }, (_unused, i) => ({
  id: `o${i}`,
  source: { tenant: 'other', apikey: `othermark-key-${i}`, code: 'c2', num: 1 },
}));

const MARKER = /(?:hidmark|othermark)[a-z0-9-]*|\b777\d{4}\b/gi;

/**
 * Marker values in `responseText` that the request did not carry itself (a
 * request may name a hidden id in a lookup; the engine echoing it back
 * reveals nothing).
 */
export function leakedMarkers(responseText: string, requestText: string): string[] {
  const asked = new Set((requestText.match(MARKER) ?? []).map((m) => m.toLowerCase()));
  const found = new Set((responseText.match(MARKER) ?? []).map((m) => m.toLowerCase()));
  return [...found].filter((marker) => !asked.has(marker)).sort();
}
