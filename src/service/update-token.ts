import type { Actor } from '../domain/actor.js';
import type { StoredSharedToken } from '../domain/shared-token.js';
import type { RepositoryChange } from '../repository/contract.js';
import { retryOnConflict } from './conflict-retry.js';
import type { ServiceContext } from './context.js';
import type { EventPayload } from './event-sink.js';
import { checkExpectedVersion, loadToken } from './token-access.js';

/**
 * What a token change decided: the new token, other writes that must commit
 * with it (its links following a shorter expiry), and its events; or `null`
 * for "nothing to do".
 */
export type TokenPlan = {
  readonly next: StoredSharedToken;
  readonly events: readonly EventPayload[];
  readonly alongside?: readonly RepositoryChange[];
} | null;

/**
 * Reads the token (`NOT_FOUND`), checks `expectedVersion` (`CONFLICT`), lets
 * `plan` decide the change at the current instant, commits it against the
 * version read, then emits its events. Without `expectedVersion` a lost race
 * is retried from a fresh read; with it, it is reported as `CONFLICT`.
 * Returns the token as stored afterwards.
 */
export function updateToken(
  ctx: ServiceContext,
  actor: Actor,
  tokenId: string,
  expectedVersion: number | undefined,
  plan: (token: StoredSharedToken, at: Date) => Promise<TokenPlan> | TokenPlan,
): Promise<StoredSharedToken> {
  return retryOnConflict(expectedVersion === undefined, async () => {
    const token = await loadToken(ctx.repository, actor.accountId, tokenId);
    checkExpectedVersion(token, expectedVersion);
    const now = ctx.clock.now();
    const decided = await plan(token, now);
    if (decided === null) return token;
    await ctx.repository.commit(actor.accountId, [
      { type: 'put-token', token: decided.next, expectedVersion: token.version },
      ...(decided.alongside ?? []),
    ]);
    ctx.events.emit(actor, actor.accountId, now.toISOString(), decided.events);
    return decided.next;
  });
}
