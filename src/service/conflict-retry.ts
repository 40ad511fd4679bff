import { SharedTokenError } from '../errors.js';

/** How often a use case tries before it reports the `CONFLICT`. */
export const MAX_ATTEMPTS = 5;

/**
 * Runs `attempt` again (re-reading everything) when it fails with a version or
 * integrity `CONFLICT`, up to {@link MAX_ATTEMPTS} times. Only when `retry`:
 * a caller who passed `expectedVersion` asked for exactly that version, so the
 * conflict is theirs to see. Duplicates (`existingId`) are never retried: a
 * re-read would not change the answer.
 */
export async function retryOnConflict<T>(retry: boolean, attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const retryable =
        error instanceof SharedTokenError && error.code === 'CONFLICT' && error.context.existingId === undefined;
      if (!retry || !retryable || n >= MAX_ATTEMPTS) throw error;
    }
  }
}
