import { compareAccess, isWidening } from '../domain/access-change.js';
import type { Actor } from '../domain/actor.js';
import { idSchema } from '../domain/field-schemas.js';
import { toFilterIdSet } from '../domain/filter-id-set.js';
import { changeTokenFiltersInputSchema, setTokenFiltersInputSchema } from '../domain/input-schemas.js';
import { parseInput } from '../domain/parse-input.js';
import type { SharedToken, StoredSharedToken, FiltersOperator } from '../domain/shared-token.js';
import { setTokenFilters as setFilters, toPublicToken } from '../domain/token-transitions.js';
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
  return change(ctx, actor, tokenId, input.expectedVersion, 'set', input.filterIds, (token) => ({
    filterIds: input.filterIds,
    filtersOperator: input.filtersOperator ?? token.filtersOperator,
  }));
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
  return change(ctx, actor, tokenId, input.expectedVersion, 'attach', input.filterIds, (token) => ({
    filterIds: toFilterIdSet([...token.filterIds, ...input.filterIds]),
    filtersOperator: token.filtersOperator,
  }));
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
  const removed = new Set(input.filterIds);
  return change(ctx, actor, tokenId, input.expectedVersion, 'detach', input.filterIds, (token) => ({
    filterIds: token.filterIds.filter((id) => !removed.has(id)),
    filtersOperator: token.filtersOperator,
  }));
}

async function change(
  ctx: ServiceContext,
  actor: Actor,
  tokenId: string,
  expectedVersion: number | undefined,
  cause: Cause,
  namedFilterIds: readonly string[],
  decide: (token: StoredSharedToken) => { filterIds: readonly string[]; filtersOperator: FiltersOperator },
): Promise<SharedToken> {
  const stored = await updateToken(ctx, actor, tokenId, expectedVersion, async (token, now): Promise<TokenPlan> => {
    // Every named id must be a filter of this account, even one being detached:
    // a typo must not look like a successful detach.
    await requireFilters(ctx.repository, actor.accountId, namedFilterIds);
    const after = decide(token);
    const change = compareAccess(token, after);
    if (change === 'unchanged' && sameSet(token.filterIds, after.filterIds) && token.filtersOperator === after.filtersOperator) {
      return null;
    }
    checkFiltersPolicy(ctx.policy, after.filterIds, { accountId: actor.accountId, tokenId });
    const next = setFilters(token, after.filterIds, after.filtersOperator, now.toISOString());
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
