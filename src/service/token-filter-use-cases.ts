import { compareAccess, isWidening } from '../domain/access-change.js';
import type { Actor } from '../domain/actor.js';
import { idSchema } from '../domain/field-schemas.js';
import { toFilterIdSet } from '../domain/filter-id-set.js';
import { changeTokenFiltersInputSchema, setTokenFiltersInputSchema } from '../domain/input-schemas.js';
import { parseInput } from '../domain/parse-input.js';
import type { SharedToken, StoredSharedToken } from '../domain/shared-token.js';
import { attachTokenFilters, detachTokenFilters, setTokenFilters as setFilters, toPublicToken } from '../domain/token-transitions.js';
import { adminActor } from './authorize.js';
import type { ServiceContext } from './context.js';
import { checkFiltersPolicy } from './policy-checks.js';
import { requireFilters } from './token-access.js';
import { updateToken, type TokenPlan } from './update-token.js';

type Cause = 'set' | 'attach' | 'detach';

/** The `setTokenFilters` use case; see `SharedTokens.setTokenFilters` for its contract. */
export async function setTokenFilters(
  ctx: ServiceContext,
  actorIn: unknown,
  idIn: unknown,
  inputIn: unknown,
): Promise<SharedToken> {
  const actor = adminActor(actorIn, 'change the filters of a token');
  const tokenId = parseInput(idSchema, idIn, 'tokenId');
  const input = parseInput(setTokenFiltersInputSchema, inputIn, 'input');
  return change(ctx, actor, tokenId, input.expectedVersion, 'set', input.filterIds, (token, at) =>
    setFilters(token, input.filterIds, input.filtersOperator ?? token.filtersOperator, at),
  );
}

/** The `attachFilters` use case; see `SharedTokens.attachFilters` for its contract. */
export async function attachFilters(
  ctx: ServiceContext,
  actorIn: unknown,
  idIn: unknown,
  inputIn: unknown,
): Promise<SharedToken> {
  const actor = adminActor(actorIn, 'change the filters of a token');
  const tokenId = parseInput(idSchema, idIn, 'tokenId');
  const input = parseInput(changeTokenFiltersInputSchema, inputIn, 'input');
  return change(ctx, actor, tokenId, input.expectedVersion, 'attach', input.filterIds, (token, at) => attachTokenFilters(token, input.filterIds, at));
}

/** The `detachFilters` use case; see `SharedTokens.detachFilters` for its contract. */
export async function detachFilters(
  ctx: ServiceContext,
  actorIn: unknown,
  idIn: unknown,
  inputIn: unknown,
): Promise<SharedToken> {
  const actor = adminActor(actorIn, 'change the filters of a token');
  const tokenId = parseInput(idSchema, idIn, 'tokenId');
  const input = parseInput(changeTokenFiltersInputSchema, inputIn, 'input');
  return change(ctx, actor, tokenId, input.expectedVersion, 'detach', input.filterIds, (token, at) => detachTokenFilters(token, input.filterIds, at));
}

async function change(
  ctx: ServiceContext,
  actor: Actor,
  tokenId: string,
  expectedVersion: number | undefined,
  cause: Cause,
  namedFilterIds: readonly string[],
  transition: (token: StoredSharedToken, at: string) => StoredSharedToken,
): Promise<SharedToken> {
  const stored = await updateToken(ctx, actor, tokenId, expectedVersion, async (token, now): Promise<TokenPlan> => {
    // Every named id must be a filter of this account, even one being detached:
    // a typo must not look like a successful detach.
    await requireFilters(ctx.repository, actor.accountId, namedFilterIds);
    const next = transition(token, now.toISOString());
    const change = compareAccess(token, next);
    if (change === 'unchanged' && sameSet(token.filterIds, next.filterIds) && token.filtersOperator === next.filtersOperator) {
      return null;
    }
    checkFiltersPolicy(ctx.policy, next.filterIds, { accountId: actor.accountId, tokenId });
    return {
      next,
      events: [
        {
          type: 'token.filters-changed',
          token: toPublicToken(next),
          previousFilterIds: token.filterIds,
          previousFiltersOperator: token.filtersOperator,
          change,
          widened: isWidening(change),
          cause,
        },
      ],
    };
  });
  return toPublicToken(stored);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = toFilterIdSet(a);
  const right = toFilterIdSet(b);
  return left.length === right.length && left.every((id, i) => id === right[i]);
}
