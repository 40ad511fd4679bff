import { compareAccess } from '../domain/access-change.js';
import type { SharedToken, StoredSharedToken } from '../domain/shared-token.js';
import type { TokenFilter } from '../domain/token-filter.js';
import { toPublicToken } from '../domain/token-transitions.js';

/**
 * The effect of losing a filter on one token: an `AND` token `widens` (one
 * restriction fewer); an `OR` token `narrows` (one alternative fewer), unless
 * it was its last filter: then it `becomes-unrestricted`. So does an `AND`
 * token losing its last filter.
 */
export type FilterDeletionEffect = 'narrows' | 'widens' | 'becomes-unrestricted';

export interface AffectedToken {
  readonly token: SharedToken;
  readonly effect: FilterDeletionEffect;
}

/**
 * What `deleteFilter` would do, and the `confirmation` to pass it. The
 * confirmation goes stale as soon as the filter or any affected token changes
 * (or a token starts using the filter): the delete then fails with
 * `CONFIRMATION_REQUIRED` and the admin must look at a fresh preview.
 *
 * @example
 * ```ts
 * const preview = await tokens.previewFilterDeletion(admin, filterId);
 * // { filter, affectedTokens: [{ token, effect: 'widens' }], widens: true, confirmation: 'fdc_...' }
 * await tokens.deleteFilter(admin, filterId, { confirm: preview.confirmation });
 * ```
 */
export interface FilterDeletionPreview {
  readonly filter: TokenFilter;
  /** Every token using it, in listing order, with the effect on each. */
  readonly affectedTokens: readonly AffectedToken[];
  /** True when some token would see more than before (`widens` or `becomes-unrestricted`). */
  readonly widens: boolean;
  /** Opaque: pass it to `deleteFilter` as `confirm`. */
  readonly confirmation: string;
}

/**
 * The result of a filter deletion.
 *
 * @example
 * ```ts
 * const { filter, affectedTokens } = await tokens.deleteFilter(admin, filterId, { confirm });
 * ```
 */
export interface FilterDeletionResult {
  readonly filter: TokenFilter;
  /** The affected tokens as they are now, without the filter. */
  readonly affectedTokens: readonly SharedToken[];
}

/** The effect of detaching `filterId` from `token`. */
export function deletionEffect(token: StoredSharedToken, filterId: string): FilterDeletionEffect {
  const change = compareAccess(token, {
    filterIds: token.filterIds.filter((id) => id !== filterId),
    filtersOperator: token.filtersOperator,
  });
  switch (change) {
    case 'narrows':
    case 'widens':
    case 'becomes-unrestricted':
      return change;
    case 'unchanged':
    case 'incomparable':
      // Removing a filter the token has is never either; should it ever be, say the cautious thing.
      return 'widens';
    default: {
      const unreachable: never = change;
      return unreachable;
    }
  }
}

/** The preview of deleting `filter`, given the tokens that use it. */
export async function buildPreview(filter: TokenFilter, tokens: readonly StoredSharedToken[]): Promise<FilterDeletionPreview> {
  const affectedTokens = tokens.map((token) => ({ token: toPublicToken(token), effect: deletionEffect(token, filter.id) }));
  return Object.freeze({
    filter,
    affectedTokens: Object.freeze(affectedTokens.map((a) => Object.freeze(a))),
    widens: affectedTokens.some((a) => a.effect !== 'narrows'),
    confirmation: await confirmationOf(filter, tokens),
  });
}

/**
 * A digest of everything the delete depends on: the filter's id and version,
 * and each affected token's id, version, operator and filters. Any change to
 * them changes the digest.
 */
export async function confirmationOf(filter: TokenFilter, tokens: readonly StoredSharedToken[]): Promise<string> {
  const material = JSON.stringify([
    filter.accountId,
    filter.id,
    filter.version,
    [...tokens]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((t) => [t.id, t.version, t.filtersOperator, t.filterIds]),
  ]);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(material));
  return `fdc_${toBase64Url(new Uint8Array(digest))}`;
}

function toBase64Url(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  let bits = 0;
  let buffer = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += alphabet[(buffer >> bits) & 63];
    }
  }
  if (bits > 0) out += alphabet[(buffer << (6 - bits)) & 63];
  return out;
}
