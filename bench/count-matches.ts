/**
 * The one scan loop every implementation runs in. Shared on purpose: after
 * the warm-up it has seen every implementation, so its call site is equally
 * megamorphic for all of them and none gets inlined into it.
 */
import type { DocTest } from './candidate.js';

/** How many of `docs` pass `test`. Allocates nothing itself. */
export function countMatches(test: DocTest, docs: readonly unknown[]): number {
  let matches = 0;
  for (let i = 0; i < docs.length; i++) if (test(docs[i])) matches++;
  return matches;
}
