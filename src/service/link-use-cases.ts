import { SharedTokenError } from '../errors.js';
import type { Actor } from '../domain/actor.js';
import { idSchema } from '../domain/field-schemas.js';
import { newId } from '../domain/id.js';
import { createLinkInputSchema, listLinksInputSchema } from '../domain/link-input-schemas.js';
import { createSharedLink, expiresLaterThan, toPublicLink } from '../domain/link-transitions.js';
import { parseInput } from '../domain/parse-input.js';
import type { SharedLink, StoredSharedLink } from '../domain/shared-link.js';
import { isTokenExpired } from '../domain/token-transitions.js';
import type { LinkScope, Page } from '../repository/contract.js';
import { readerActor } from './authorize.js';
import { retryOnConflict } from './conflict-retry.js';
import type { ServiceContext } from './context.js';
import { loadToken } from './token-access.js';

/**
 * A new link together with its secret: returned once by `createLink`, and
 * never again. Hand the secret to the recipient (in the link's URL, say),
 * then drop it; only its hash is stored.
 *
 * @example
 * ```ts
 * const { link, secret } = await tokens.createLink(member, tokenId, { label: 'Acme support' });
 * const url = `https://logs.example.com/shared?token=${secret}`;
 * ```
 */
export interface LinkWithSecret {
  readonly link: SharedLink;
  /** The secret; the only time the library returns it. Same format as a token's secret. */
  readonly secret: string;
}

/** The `createLink` use case; see `SharedTokens.createLink` for its contract. */
export async function createLink(ctx: ServiceContext, actorIn: unknown, tokenIdIn: unknown, inputIn: unknown): Promise<LinkWithSecret> {
  const actor = readerActor(actorIn);
  const tokenId = parseInput(idSchema, tokenIdIn, 'tokenId');
  const input = parseInput(createLinkInputSchema, inputIn, 'input');
  const { accountId } = actor;
  const id = newId();
  const secret = ctx.secrets.generate();
  const secretHash = await ctx.secrets.hash(secret);
  // A CONFLICT here means the token's expiry moved under us (the repository
  // refuses a link outliving its token): re-read and decide again.
  const link = await retryOnConflict(true, async () => {
    const token = await loadToken(ctx.repository, accountId, tokenId);
    const now = ctx.clock.now();
    const ids = { accountId, tokenId, linkId: id };
    if (isTokenExpired(token, now)) {
      throw new SharedTokenError('TOKEN_EXPIRED', 'The token has expired; a link to it would never work', { ids });
    }
    const expiresAt = input.expiresAt === undefined ? token.expiresAt : input.expiresAt;
    if (expiresAt !== null && Date.parse(expiresAt) <= now.getTime()) {
      throw new SharedTokenError('VALIDATION', 'Invalid input.expiresAt: must be in the future', {
        ids,
        issues: [{ path: ['input', 'expiresAt'], message: 'must be in the future' }],
      });
    }
    if (expiresLaterThan(expiresAt, token.expiresAt)) {
      throw new SharedTokenError('VALIDATION', "Invalid input.expiresAt: a link cannot outlive its token", {
        ids,
        tokenExpiresAt: token.expiresAt,
        issues: [{ path: ['input', 'expiresAt'], message: "must not be later than the token's expiresAt" }],
      });
    }
    const created = createSharedLink({
      id,
      accountId,
      tokenId,
      label: input.label ?? null,
      target: input.target ?? null,
      hint: ctx.secrets.hint(secret),
      secretHash,
      createdBy: actor.userId,
      at: now.toISOString(),
      expiresAt,
    });
    await ctx.repository.commit(accountId, [{ type: 'put-link', link: created, expectedVersion: null }]);
    const publicLink = toPublicLink(created);
    ctx.events.emit(actor, accountId, created.createdAt, [{ type: 'link.created', link: publicLink }]);
    return publicLink;
  });
  return Object.freeze({ link, secret });
}

/** The `listLinks` use case; see `SharedTokens.listLinks` for its contract. */
export async function listLinks(ctx: ServiceContext, actorIn: unknown, optionsIn: unknown): Promise<Page<SharedLink>> {
  const actor = readerActor(actorIn);
  const { tokenId, limit, cursor } = parseInput(listLinksInputSchema, optionsIn, 'options');
  const scope: LinkScope = {
    ...(tokenId === undefined ? {} : { tokenId }),
    ...(actor.role === 'admin' ? {} : { createdBy: actor.userId }),
  };
  const page = await ctx.repository.listLinks(actor.accountId, scope, {
    ...(limit === undefined ? {} : { limit }),
    ...(cursor === undefined ? {} : { cursor }),
  });
  return Object.freeze({ items: Object.freeze(page.items.map(toPublicLink)), nextCursor: page.nextCursor });
}

/** The `revokeLink` use case; see `SharedTokens.revokeLink` for its contract. */
export async function revokeLink(ctx: ServiceContext, actorIn: unknown, linkIdIn: unknown): Promise<void> {
  const actor = readerActor(actorIn);
  const linkId = parseInput(idSchema, linkIdIn, 'linkId');
  const { accountId } = actor;
  await retryOnConflict(true, async () => {
    const link = await loadLink(ctx, accountId, linkId);
    assertMayManage(actor, link);
    await ctx.repository.commit(accountId, [{ type: 'delete-link', id: link.id, expectedVersion: link.version }]);
    ctx.events.emit(actor, accountId, ctx.clock.now().toISOString(), [{ type: 'link.revoked', link: toPublicLink(link) }]);
  });
}

async function loadLink(ctx: ServiceContext, accountId: string, linkId: string): Promise<StoredSharedLink> {
  const link = await ctx.repository.getLink(accountId, linkId);
  if (link === null) throw new SharedTokenError('NOT_FOUND', 'No such link', { ids: { accountId, linkId } });
  return link;
}

// Admins manage every link of the account; a member only the links they created.
function assertMayManage(actor: Actor, link: StoredSharedLink): void {
  if (actor.role === 'admin' || link.createdBy === actor.userId) return;
  throw new SharedTokenError('FORBIDDEN', 'Only its creator or an admin may revoke a link', {
    ids: { accountId: actor.accountId, userId: actor.userId, linkId: link.id },
    useCase: 'revoke a link',
  });
}
