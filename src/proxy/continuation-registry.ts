/**
 * Scroll and async-search ids a proxy has handed to a token, so that a
 * continuation is accepted only from the token that opened it (the guard's
 * `ContinuationBindings`). Bounded in size and lifetime.
 *
 * @packageDocumentation
 */

/** The kinds of continuation a proxy tracks. */
export type ContinuationKind = 'scroll' | 'async-search';

/** A bounded, expiring set of (token, kind, id) triples. */
export interface ContinuationRegistry {
  /** Records that `tokenId` received `id`. */
  remember(tokenId: string, kind: ContinuationKind, id: string): void;
  /** True when `tokenId` received `id` less than the lifetime ago. */
  has(tokenId: string, kind: ContinuationKind, id: string): boolean;
}

/**
 * A registry in memory: at most `maxEntries` ids (the oldest go first), each
 * valid for `lifetimeMs` after it was last handed out.
 */
export function createContinuationRegistry(maxEntries: number, lifetimeMs: number, now: () => number, maxPerToken = 100): ContinuationRegistry {
  // Insertion order is age order: re-inserting moves an id to the end.
  const entries = new Map<string, { readonly until: number; readonly owner: string }>();
  // Per token, its own ids in age order: one token's many scrolls evict only its own oldest.
  const perToken = new Map<string, Set<string>>();
  const key = (tokenId: string, kind: ContinuationKind, id: string): string => `${tokenId}\u0000${kind}\u0000${id}`;
  return {
    remember(tokenId, kind, id) {
      const k = key(tokenId, kind, id);
      entries.delete(k);
      entries.set(k, { until: now() + lifetimeMs, owner: tokenId });
      const own = perToken.get(tokenId) ?? new Set<string>();
      own.delete(k);
      own.add(k);
      perToken.set(tokenId, own);
      while (own.size > maxPerToken) {
        const oldest = own.values().next().value as string;
        own.delete(oldest);
        entries.delete(oldest);
      }
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done === true) break;
        const owner = entries.get(oldest.value)?.owner ?? '';
        entries.delete(oldest.value);
        const ownIds = perToken.get(owner);
        ownIds?.delete(oldest.value);
        if (ownIds?.size === 0) perToken.delete(owner);
      }
    },
    has(tokenId, kind, id) {
      const k = key(tokenId, kind, id);
      const entry = entries.get(k);
      if (entry === undefined) return false;
      if (entry.until <= now()) {
        entries.delete(k);
        perToken.get(tokenId)?.delete(k);
        return false;
      }
      return true;
    },
  };
}
