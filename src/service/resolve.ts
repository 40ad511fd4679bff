import { SharedTokenError } from '../errors.js';
import type { SharedToken, StoredSharedToken, FiltersOperator } from '../domain/shared-token.js';
import type { StoredSharedLink } from '../domain/shared-link.js';
import { expiresLaterThan } from '../domain/link-transitions.js';
import type { TokenFilter } from '../domain/token-filter.js';
import { isTokenExpired, toPublicToken } from '../domain/token-transitions.js';
import { deepFreeze } from '../domain/deep-freeze.js';
import { compileAccess } from '../access/plan/compile-access.js';
import type { AccessExpression } from '../access/expression/expression.js';
import type { ServiceContext } from './context.js';

/**
 * The link whose secret was resolved: who it is for and what it opens.
 *
 * @example
 * ```ts
 * const { link } = await tokens.resolve(secretFromTheLink);
 * if (link !== null) redirectTo(link.target ?? '/');
 * ```
 */
export interface ResolvedLink {
  readonly id: string;
  readonly label: string | null;
  readonly target: string | null;
  readonly createdBy: string;
}

/**
 * A token's current access, as `resolve(secret)` returns it.
 *
 * @example
 * ```ts
 * const access = await tokens.resolve(secretFromTheLink);
 * // { token, link: { id, label: 'Acme support', target: '/dashboards/checkout', createdBy: 'bob' },
 * //   filters: [{ field: 'kubernetes.namespace', value: 'payments', ... }],
 * //   filtersOperator: 'AND', unrestricted: false, expiresAt: '2026-01-08T00:00:00.000Z', secretGeneration: 'current',
 * //   expression: { kind: 'term', field: 'kubernetes.namespace', value: 'payments' } }
 * const query = toElasticsearchQuery(access.expression, { fields }); // fields: fieldTypesFromMapping(mapping)
 * ```
 */
export interface ResolvedAccess {
  readonly token: SharedToken;
  /** The link whose secret was presented, or `null` for the token's own secret. */
  readonly link: ResolvedLink | null;
  /** Its filters, in the order of `token.filterIds`. */
  readonly filters: readonly TokenFilter[];
  readonly filtersOperator: FiltersOperator;
  /** True when the token has no filters: it sees every log of its account. */
  readonly unrestricted: boolean;
  /** When the presented credential stops working: the earlier of the token's and the link's expiry; `null` for never. */
  readonly expiresAt: string | null;
  /**
   * Which of the token's own secrets was presented: the current one, or the
   * previous one during a rotation's grace period. Always `'current'` for a
   * link (a link's secret is never rotated, only revoked).
   */
  readonly secretGeneration: 'current' | 'previous';
  /** The access expression of the filters (`compileAccess`): `{ kind: 'all' }` when unrestricted. */
  readonly expression: AccessExpression;
}

// A filter deleted between the token read and the filter read means the token
// changed under us: read again, a few times, then fail closed.
const MAX_READS = 3;

/** The `resolve` use case; see `SharedTokens.resolve` for its contract. */
export async function resolve(ctx: ServiceContext, secret: unknown): Promise<ResolvedAccess> {
  if (!ctx.secrets.isWellFormed(secret)) throw invalid();
  const hash = await ctx.secrets.hash(secret);
  for (let read = 0; read < MAX_READS; read++) {
    const found = await ctx.repository.findCredentialBySecretHash(hash);
    if (found === null) throw invalid();
    const { token, link } = found;
    const now = ctx.clock.now();
    const secretGeneration = link !== null || token.secretHash === hash ? 'current' : 'previous';
    if (secretGeneration === 'previous' && !previousStillValid(token, hash, now)) throw invalid();
    const ids = { accountId: token.accountId, tokenId: token.id, ...(link === null ? {} : { linkId: link.id }) };
    if (isTokenExpired(token, now)) throw new SharedTokenError('TOKEN_EXPIRED', 'This token has expired', { ids });
    if (link !== null && isTokenExpired(link, now)) throw new SharedTokenError('TOKEN_EXPIRED', 'This link has expired', { ids });
    if (token.status === 'paused') throw new SharedTokenError('TOKEN_PAUSED', 'This token is paused', { ids });
    const filters = await ctx.repository.getFilters(token.accountId, token.filterIds);
    if (filters.length !== token.filterIds.length) continue;
    const lastUsedAt = await recordUsage(ctx, token, link, now);
    return deepFreeze({
      token: toPublicToken({ ...token, lastUsedAt }),
      link: link === null ? null : { id: link.id, label: link.label, target: link.target, createdBy: link.createdBy },
      filters: [...filters],
      filtersOperator: token.filtersOperator,
      unrestricted: token.filterIds.length === 0,
      expiresAt: link !== null && expiresLaterThan(token.expiresAt, link.expiresAt) ? link.expiresAt : token.expiresAt,
      secretGeneration,
      expression: compileAccess(filters, token.filtersOperator),
    });
  }
  throw new SharedTokenError('CONFLICT', 'The token changed while it was being resolved; try again', {});
}

function invalid(): SharedTokenError {
  // Deliberately without context: nothing about the presented string is echoed back.
  return new SharedTokenError('TOKEN_INVALID', 'This is not a valid shared token');
}

function previousStillValid(token: StoredSharedToken, hash: string, now: Date): boolean {
  const previous = token.previousSecret;
  return previous !== null && previous.hash === hash && Date.parse(previous.validUntil) > now.getTime();
}

/**
 * Writes `lastUsedAt` of the link (if any) and of the token, each when its
 * stored one is older than the policy's resolution, so the token's is the
 * latest use of any of its credentials. A lost race (`CONFLICT`: someone else
 * recorded a use at the same moment) is dropped; any other failure is
 * reported as an event. Neither ever denies access. Returns the token's
 * `lastUsedAt` the caller should see.
 */
async function recordUsage(ctx: ServiceContext, token: StoredSharedToken, link: StoredSharedLink | null, now: Date): Promise<string | null> {
  const at = now.toISOString();
  if (link !== null && isDue(ctx, link.lastUsedAt, now)) {
    await attemptUsageWrite(ctx, token, link, at, () => ctx.repository.recordLinkUsage(token.accountId, link.id, at));
  }
  if (!isDue(ctx, token.lastUsedAt, now)) return token.lastUsedAt;
  const written = await attemptUsageWrite(ctx, token, link, at, () => ctx.repository.recordTokenUsage(token.accountId, token.id, at));
  return written ? at : token.lastUsedAt;
}

function isDue(ctx: ServiceContext, lastUsedAt: string | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - Date.parse(lastUsedAt) >= ctx.policy.lastUsedResolution;
}

async function attemptUsageWrite(
  ctx: ServiceContext,
  token: StoredSharedToken,
  link: StoredSharedLink | null,
  at: string,
  write: () => Promise<void>,
): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof SharedTokenError && error.code === 'CONFLICT') return false;
    ctx.events.emit('system', token.accountId, at, [
      { type: 'token.usage-write-failed', tokenId: token.id, linkId: link?.id ?? null, error: describeError(error) },
    ]);
    return false;
  }
}

function describeError(error: unknown): { name: string; code: string | null; message: string } {
  if (error instanceof SharedTokenError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { name: error.name, code: error.code, message: error.message + cause };
  }
  if (error instanceof Error) return { name: error.name, code: null, message: error.message };
  return { name: 'Error', code: null, message: String(error) };
}
