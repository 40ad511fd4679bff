import { adminActor, readerActor } from './authorize.js';
import type { ServiceContext } from './context.js';
import { retryOnConflict } from './conflict-retry.js';
import { checkFiltersPolicy, decideExpiry } from './policy-checks.js';
import { checkExpectedVersion, loadToken, requireFilters } from './token-access.js';
import type { TokenWithSecret } from './token-results.js';
import { stripUndefined } from './strip-undefined.js';
import { updateToken } from './update-token.js';
import { idSchema } from '../domain/field-schemas.js';
import { newId } from '../domain/id.js';
import {
  createTokenInputSchema,
  pageRequestSchema,
  renameTokenInputSchema,
  rotateTokenSecretInputSchema,
  setTokenExpiryInputSchema,
  versionOptionsSchema,
} from '../domain/input-schemas.js';
import { parseInput } from '../domain/parse-input.js';
import type { SharedToken, StoredSharedToken } from '../domain/shared-token.js';
import type { StoredSharedLink } from '../domain/shared-link.js';
import { followTokenExpiry } from '../domain/link-transitions.js';
import {
  createSharedToken,
  pauseToken as pause,
  renameToken as rename,
  resumeToken as resume,
  rotateTokenSecret as rotate,
  setTokenExpiry as setExpiry,
  toPublicToken,
} from '../domain/token-transitions.js';
import { MAX_PAGE_LIMIT, type Page, type RepositoryChange } from '../repository/contract.js';

/** The `createToken` use case; see `SharedTokens.createToken` for its contract. */
export async function createToken(ctx: ServiceContext, actorIn: unknown, inputIn: unknown): Promise<TokenWithSecret> {
  const actor = adminActor(actorIn, 'create a token');
  const input = parseInput(createTokenInputSchema, inputIn, 'input');
  const { accountId } = actor;
  const id = newId();
  const ids = { accountId, tokenId: id };
  checkFiltersPolicy(ctx.policy, input.filterIds, ids);
  const secret = ctx.secrets.generate();
  const secretHash = await ctx.secrets.hash(secret);
  const token = await retryOnConflict(true, async () => {
    await requireFilters(ctx.repository, accountId, input.filterIds);
    const now = ctx.clock.now();
    const created = createSharedToken({
      id,
      accountId,
      name: input.name,
      hint: ctx.secrets.hint(secret),
      secretHash,
      filterIds: input.filterIds,
      filtersOperator: input.filtersOperator,
      createdBy: actor.userId,
      at: now.toISOString(),
      expiresAt: decideExpiry(ctx.policy, input.expiresAt, now, now, ids),
    });
    await ctx.repository.commit(accountId, [{ type: 'put-token', token: created, expectedVersion: null }]);
    const publicToken = toPublicToken(created);
    ctx.events.emit(actor, accountId, created.createdAt, [{ type: 'token.created', token: publicToken }]);
    return publicToken;
  });
  return { token, secret };
}

/** The `listTokens` use case; see `SharedTokens.listTokens` for its contract. */
export async function listTokens(ctx: ServiceContext, actorIn: unknown, pageIn: unknown): Promise<Page<SharedToken>> {
  const actor = readerActor(actorIn);
  const page = parseInput(pageRequestSchema, pageIn, 'page');
  const result = await ctx.repository.listTokens(actor.accountId, page === undefined ? undefined : stripUndefined(page));
  return Object.freeze({ items: Object.freeze(result.items.map(toPublicToken)), nextCursor: result.nextCursor });
}

/** The `getToken` use case; see `SharedTokens.getToken` for its contract. */
export async function getToken(ctx: ServiceContext, actorIn: unknown, idIn: unknown): Promise<SharedToken> {
  const actor = readerActor(actorIn);
  const tokenId = parseInput(idSchema, idIn, 'tokenId');
  return toPublicToken(await loadToken(ctx.repository, actor.accountId, tokenId));
}

/** The `renameToken` use case; see `SharedTokens.renameToken` for its contract. */
export async function renameToken(ctx: ServiceContext, actorIn: unknown, idIn: unknown, inputIn: unknown): Promise<SharedToken> {
  const actor = adminActor(actorIn, 'rename a token');
  const tokenId = parseInput(idSchema, idIn, 'tokenId');
  const input = parseInput(renameTokenInputSchema, inputIn, 'input');
  const stored = await updateToken(ctx, actor, tokenId, input.expectedVersion, (token, now) => {
    if (token.name === input.name) return null;
    const next = rename(token, input.name, now.toISOString());
    return { next, events: [{ type: 'token.renamed', token: toPublicToken(next), previousName: token.name }] };
  });
  return toPublicToken(stored);
}

/** The `setTokenExpiry` use case; see `SharedTokens.setTokenExpiry` for its contract. */
export async function setTokenExpiry(ctx: ServiceContext, actorIn: unknown, idIn: unknown, inputIn: unknown): Promise<SharedToken> {
  const actor = adminActor(actorIn, 'change the expiry of a token');
  const tokenId = parseInput(idSchema, idIn, 'tokenId');
  const input = parseInput(setTokenExpiryInputSchema, inputIn, 'input');
  const stored = await updateToken(ctx, actor, tokenId, input.expectedVersion, async (token, now) => {
    const ids = { accountId: actor.accountId, tokenId };
    const expiresAt = decideExpiry(ctx.policy, input.expiresAt, new Date(token.createdAt), now, ids);
    if (token.expiresAt === expiresAt) return null;
    const at = now.toISOString();
    const next = setExpiry(token, expiresAt, at);
    return {
      next,
      alongside: await linksFollowingExpiry(ctx, token, expiresAt, at),
      events: [{ type: 'token.expiry-changed', token: toPublicToken(next), previousExpiresAt: token.expiresAt }],
    };
  });
  return toPublicToken(stored);
}

// A link never outlives its token: when the token's expiry moves earlier, its
// later links move with it, in the same commit (the repository refuses the
// token's write otherwise, so a link created meanwhile makes this retry).
async function linksFollowingExpiry(
  ctx: ServiceContext,
  token: StoredSharedToken,
  expiresAt: string | null,
  at: string,
): Promise<RepositoryChange[]> {
  if (expiresAt === null) return [];
  const changes: RepositoryChange[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<StoredSharedLink> = await ctx.repository.listLinks(token.accountId, { tokenId: token.id }, { limit: MAX_PAGE_LIMIT, cursor });
    for (const link of page.items) {
      const followed = followTokenExpiry(link, expiresAt, at);
      if (followed !== null) changes.push({ type: 'put-link', link: followed, expectedVersion: link.version });
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
  return changes;
}

/** The `pauseToken` use case; see `SharedTokens.pauseToken` for its contract. */
export async function pauseToken(ctx: ServiceContext, actorIn: unknown, idIn: unknown, optionsIn: unknown): Promise<SharedToken> {
  const actor = adminActor(actorIn, 'pause a token');
  const tokenId = parseInput(idSchema, idIn, 'tokenId');
  const options = parseInput(versionOptionsSchema, optionsIn, 'options');
  const stored = await updateToken(ctx, actor, tokenId, options.expectedVersion, (token, now) => {
    if (token.status === 'paused') return null;
    const next = pause(token, now.toISOString());
    return { next, events: [{ type: 'token.paused', token: toPublicToken(next) }] };
  });
  return toPublicToken(stored);
}

/** The `resumeToken` use case; see `SharedTokens.resumeToken` for its contract. */
export async function resumeToken(ctx: ServiceContext, actorIn: unknown, idIn: unknown, optionsIn: unknown): Promise<SharedToken> {
  const actor = adminActor(actorIn, 'resume a token');
  const tokenId = parseInput(idSchema, idIn, 'tokenId');
  const options = parseInput(versionOptionsSchema, optionsIn, 'options');
  const stored = await updateToken(ctx, actor, tokenId, options.expectedVersion, (token, now) => {
    if (token.status === 'active') return null;
    const next = resume(token, now.toISOString());
    return { next, events: [{ type: 'token.resumed', token: toPublicToken(next) }] };
  });
  return toPublicToken(stored);
}

/** The `rotateTokenSecret` use case; see `SharedTokens.rotateTokenSecret` for its contract. */
export async function rotateTokenSecret(
  ctx: ServiceContext,
  actorIn: unknown,
  idIn: unknown,
  optionsIn: unknown,
): Promise<TokenWithSecret> {
  const actor = adminActor(actorIn, 'rotate the secret of a token');
  const tokenId = parseInput(idSchema, idIn, 'tokenId');
  const options = parseInput(rotateTokenSecretInputSchema, optionsIn, 'options');
  const secret = ctx.secrets.generate();
  const secretHash = await ctx.secrets.hash(secret);
  const stored = await updateToken(ctx, actor, tokenId, options.expectedVersion, (token, now) => {
    const previousValidUntil =
      options.gracePeriod === 0 ? null : new Date(now.getTime() + options.gracePeriod).toISOString();
    const next = rotate(token, { secretHash, hint: ctx.secrets.hint(secret), previousValidUntil }, now.toISOString());
    return {
      next,
      events: [{ type: 'token.secret-rotated', token: toPublicToken(next), previousSecretValidUntil: previousValidUntil }],
    };
  });
  return { token: toPublicToken(stored), secret };
}

/** The `deleteToken` use case; see `SharedTokens.deleteToken` for its contract. */
export async function deleteToken(ctx: ServiceContext, actorIn: unknown, idIn: unknown, optionsIn: unknown): Promise<void> {
  const actor = adminActor(actorIn, 'delete a token');
  const tokenId = parseInput(idSchema, idIn, 'tokenId');
  const options = parseInput(versionOptionsSchema, optionsIn, 'options');
  await retryOnConflict(options.expectedVersion === undefined, async () => {
    const token = await loadToken(ctx.repository, actor.accountId, tokenId);
    checkExpectedVersion(token, options.expectedVersion);
    await ctx.repository.commit(actor.accountId, [{ type: 'delete-token', id: tokenId, expectedVersion: token.version }]);
    ctx.events.emit(actor, actor.accountId, ctx.clock.now().toISOString(), [
      { type: 'token.deleted', token: toPublicToken(token) },
    ]);
  });
}
