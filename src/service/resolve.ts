/**
 * `resolve(secret)`: what a shared link may see right now.
 *
 * @packageDocumentation
 */
import { SharedTokenError } from '../errors.js';
import type { SharedToken, StoredSharedToken, FiltersOperator } from '../domain/shared-token.js';
import type { TokenFilter } from '../domain/token-filter.js';
import { isTokenExpired, toPublicToken } from '../domain/token-transitions.js';
import { deepFreeze } from '../domain/deep-freeze.js';
import { compileAccess } from '../access/plan/compile-access.js';
import type { AccessExpression } from '../access/expression/expression.js';
import type { ServiceContext } from './context.js';

/**
 * A token's current access, as `resolve(secret)` returns it.
 *
 * @example
 * ```ts
 * const access = await tokens.resolve(secretFromTheLink);
 * // { token, filters: [{ field: 'kubernetes.namespace', value: 'payments', ... }],
 * //   filtersOperator: 'AND', unrestricted: false, expiresAt: '2026-01-08T00:00:00.000Z', secretGeneration: 'current',
 * //   expression: { kind: 'term', field: 'kubernetes.namespace', value: 'payments' } }
 * const query = toElasticsearchQuery(access.expression);
 * ```
 */
export interface ResolvedAccess {
  /** The token, without its secret or hash. */
  readonly token: SharedToken;
  /** Its filters, in the order of `token.filterIds`. */
  readonly filters: readonly TokenFilter[];
  /** How the filters combine. */
  readonly filtersOperator: FiltersOperator;
  /** True when the token has no filters: it sees every log of its account. */
  readonly unrestricted: boolean;
  /** When the token expires, or `null` for never. */
  readonly expiresAt: string | null;
  /** Which secret was presented: the current one, or the previous one during a rotation's grace period. */
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
    const token = await ctx.repository.findTokenBySecretHash(hash);
    if (token === null) throw invalid();
    const now = ctx.clock.now();
    const secretGeneration = token.secretHash === hash ? 'current' : 'previous';
    if (secretGeneration === 'previous' && !previousStillValid(token, hash, now)) throw invalid();
    const ids = { accountId: token.accountId, tokenId: token.id };
    if (isTokenExpired(token, now)) throw new SharedTokenError('TOKEN_EXPIRED', 'This token has expired', { ids });
    if (token.status === 'paused') throw new SharedTokenError('TOKEN_PAUSED', 'This token is paused', { ids });
    const filters = await ctx.repository.getFilters(token.accountId, token.filterIds);
    if (filters.length !== token.filterIds.length) continue;
    const lastUsedAt = await recordUsage(ctx, token, now);
    return deepFreeze({
      token: toPublicToken({ ...token, lastUsedAt }),
      filters: [...filters],
      filtersOperator: token.filtersOperator,
      unrestricted: token.filterIds.length === 0,
      expiresAt: token.expiresAt,
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
 * Writes `lastUsedAt` when the stored one is older than the policy's
 * resolution. A failure is reported as an event and never denies access.
 * Returns the `lastUsedAt` the caller should see.
 */
async function recordUsage(ctx: ServiceContext, token: StoredSharedToken, now: Date): Promise<string | null> {
  const last = token.lastUsedAt === null ? null : Date.parse(token.lastUsedAt);
  if (last !== null && now.getTime() - last < ctx.policy.lastUsedResolution) return token.lastUsedAt;
  const at = now.toISOString();
  try {
    await ctx.repository.recordTokenUsage(token.accountId, token.id, at);
    return at;
  } catch (error) {
    ctx.events.emit('system', token.accountId, at, [
      { type: 'token.usage-write-failed', tokenId: token.id, error: describeError(error) },
    ]);
    return token.lastUsedAt;
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
