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
export function createContinuationRegistry(maxEntries: number, lifetimeMs: number, now: () => number): ContinuationRegistry {
  // Insertion order is age order: re-inserting moves an id to the end.
  const entries = new Map<string, number>();
  const key = (tokenId: string, kind: ContinuationKind, id: string): string => `${tokenId}\u0000${kind}\u0000${id}`;
  return {
    remember(tokenId, kind, id) {
      const k = key(tokenId, kind, id);
      entries.delete(k);
      entries.set(k, now() + lifetimeMs);
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done === true) break;
        entries.delete(oldest.value);
      }
    },
    has(tokenId, kind, id) {
      const k = key(tokenId, kind, id);
      const until = entries.get(k);
      if (until === undefined) return false;
      if (until <= now()) {
        entries.delete(k);
        return false;
      }
      return true;
    },
  };
}
