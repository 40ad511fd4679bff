import { SharedTokenError } from '../errors.js';
import type { OrderKey } from './record-order.js';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, type PageRequest } from './contract.js';

/** Which listing a cursor belongs to; a cursor of one listing is refused by another. @internal */
export type CursorListing = 'filters' | 'tokens' | 'links';

/**
 * A {@link PageRequest} checked and decoded: the page size and the key the
 * page starts after.
 *
 * @internal
 */
export interface ParsedPageRequest {
  readonly limit: number;
  readonly after: OrderKey | null;
}

const CURSOR_VERSION = 1;

/**
 * Checks `page` (limit range, cursor origin and listing) and decodes it.
 *
 * @throws SharedTokenError `VALIDATION` with the offending member as the issue path.
 * @internal
 */
export function parsePageRequest(listing: CursorListing, page: PageRequest | undefined): ParsedPageRequest {
  const limit = page?.limit ?? DEFAULT_PAGE_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw invalid('limit', `limit must be an integer from 1 to ${MAX_PAGE_LIMIT}`);
  }
  const cursor = page?.cursor ?? null;
  return { limit, after: cursor === null ? null : decodeCursor(listing, cursor) };
}

/**
 * The opaque cursor naming `key` as the last item seen. It encodes the key
 * itself, not an offset, so a page starts at the same place however many
 * records were inserted or deleted before it.
 *
 * @internal
 */
export function encodeCursor(listing: CursorListing, key: OrderKey): string {
  return toBase64Url(JSON.stringify([CURSOR_VERSION, listing, key.createdAt, key.id]));
}

function decodeCursor(listing: CursorListing, cursor: string): OrderKey {
  let decoded: unknown;
  try {
    decoded = JSON.parse(fromBase64Url(cursor));
  } catch {
    throw invalid('cursor', 'not a cursor issued by this repository');
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 4 ||
    decoded[0] !== CURSOR_VERSION ||
    typeof decoded[2] !== 'string' ||
    typeof decoded[3] !== 'string'
  ) {
    throw invalid('cursor', 'not a cursor issued by this repository');
  }
  if (decoded[1] !== listing) throw invalid('cursor', `not a cursor of the ${listing} listing`);
  return { createdAt: decoded[2], id: decoded[3] };
}

function invalid(member: 'limit' | 'cursor', message: string): SharedTokenError {
  return new SharedTokenError('VALIDATION', `Invalid page request: ${message}.`, {
    issues: [{ path: [member], message }],
  });
}

// btoa/atob exist in every modern runtime; they take Latin-1, hence the UTF-8 step.
function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(encoded)) throw new Error('not base64url');
  const binary = atob(encoded.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = Uint8Array.from(binary, (character) => character.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
