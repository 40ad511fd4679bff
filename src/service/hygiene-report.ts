import { hygieneReportInputSchema } from '../domain/input-schemas.js';
import { parseInput } from '../domain/parse-input.js';
import type { SharedToken, StoredSharedToken } from '../domain/shared-token.js';
import type { TokenFilter } from '../domain/token-filter.js';
import { isTokenExpired, toPublicToken } from '../domain/token-transitions.js';
import { deepFreeze } from '../domain/deep-freeze.js';
import type { LinkScope, Page, PageRequest } from '../repository/contract.js';
import type { SharedLink, StoredSharedLink } from '../domain/shared-link.js';
import { toPublicLink } from '../domain/link-transitions.js';
import { readerActor } from './authorize.js';
import type { ServiceContext } from './context.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Why a filter value looks wrong: it contains `*` or `?` (wildcards are not
 * supported, so they match only themselves), or starts or ends with whitespace.
 */
export type SuspiciousValueReason = 'wildcard-character' | 'surrounding-whitespace';

/** A filter whose value looks like a mistake. */
export interface SuspiciousFilter {
  readonly filter: TokenFilter;
  /** What looks wrong, at least one reason. */
  readonly reasons: readonly SuspiciousValueReason[];
}

/**
 * Tokens and filters worth an admin's attention. A token may appear in
 * several lists. Lists are in listing order (`createdAt`, then `id`).
 *
 * @example
 * ```ts
 * const report = await tokens.hygieneReport(admin, { unusedForDays: 90 });
 * const warnings = report.unrestrictedTokens.map((token) => `${token.name} sees every log`);
 * ```
 */
export interface HygieneReport {
  readonly generatedAt: string;
  /** The window used for `expiringSoonTokens`, in days. */
  readonly expiringWithinDays: number;
  /** The window used for `unusedTokens`, in days. */
  readonly unusedForDays: number;
  /** Tokens without filters: they see every log of the account. */
  readonly unrestrictedTokens: readonly SharedToken[];
  readonly neverExpiringTokens: readonly SharedToken[];
  /** Tokens not expired yet that expire within `expiringWithinDays`. */
  readonly expiringSoonTokens: readonly SharedToken[];
  /** Tokens already expired (they no longer work; delete them). */
  readonly expiredTokens: readonly SharedToken[];
  /** Tokens not used for `unusedForDays` (or never used and created at least that long ago). */
  readonly unusedTokens: readonly SharedToken[];
  readonly unusedFilters: readonly TokenFilter[];
  /** Filters whose value contains `*` or `?`, or surrounding whitespace. */
  readonly suspiciousFilters: readonly SuspiciousFilter[];
  /** The window used for `unusedLinks`, in days: the policy's `linkUnusedForDays`. */
  readonly linkUnusedForDays: number;
  /** Links never used. For a member, only the links they created (as everywhere else). */
  readonly neverUsedLinks: readonly SharedLink[];
  /** Links not used for `linkUnusedForDays` (or never used and created at least that long ago). */
  readonly unusedLinks: readonly SharedLink[];
  /** Links with `expiresAt: null`: they outlive whatever they were made for (their token never expires either). */
  readonly neverExpiringLinks: readonly SharedLink[];
}

/** The `hygieneReport` use case; see `SharedTokens.hygieneReport` for its contract. */
export async function hygieneReport(ctx: ServiceContext, actorIn: unknown, optionsIn: unknown): Promise<HygieneReport> {
  const actor = readerActor(actorIn);
  const options = parseInput(hygieneReportInputSchema, optionsIn, 'options');
  const linkScope: LinkScope = actor.role === 'admin' ? {} : { createdBy: actor.userId };
  const [tokens, filters, links] = await Promise.all([
    readAll((page) => ctx.repository.listTokens(actor.accountId, page)),
    readAll((page) => ctx.repository.listFilters(actor.accountId, page)),
    readAll((page) => ctx.repository.listLinks(actor.accountId, linkScope, page)),
  ]);
  const now = ctx.clock.now();
  const soon = now.getTime() + options.expiringWithinDays * DAY_MS;
  const unusedSince = now.getTime() - options.unusedForDays * DAY_MS;
  const used = new Set(tokens.flatMap((t) => t.filterIds));
  const pick = (test: (t: StoredSharedToken) => boolean) => tokens.filter(test).map(toPublicToken);
  const linkUnusedSince = now.getTime() - ctx.policy.linkUnusedForDays * DAY_MS;
  const pickLinks = (test: (l: StoredSharedLink) => boolean) => links.filter(test).map(toPublicLink);
  return deepFreeze({
    generatedAt: now.toISOString(),
    expiringWithinDays: options.expiringWithinDays,
    unusedForDays: options.unusedForDays,
    unrestrictedTokens: pick((t) => t.filterIds.length === 0),
    neverExpiringTokens: pick((t) => t.expiresAt === null),
    expiringSoonTokens: pick((t) => t.expiresAt !== null && !isTokenExpired(t, now) && Date.parse(t.expiresAt) <= soon),
    expiredTokens: pick((t) => isTokenExpired(t, now)),
    unusedTokens: pick((t) => Date.parse(t.lastUsedAt ?? t.createdAt) <= unusedSince),
    unusedFilters: filters.filter((f) => !used.has(f.id)),
    suspiciousFilters: filters.flatMap((filter) => {
      const reasons = suspiciousValueReasons(filter.value);
      return reasons.length === 0 ? [] : [{ filter, reasons }];
    }),
    linkUnusedForDays: ctx.policy.linkUnusedForDays,
    neverUsedLinks: pickLinks((l) => l.lastUsedAt === null),
    unusedLinks: pickLinks((l) => Date.parse(l.lastUsedAt ?? l.createdAt) <= linkUnusedSince),
    neverExpiringLinks: pickLinks((l) => l.expiresAt === null),
  });
}

/**
 * Why a filter value looks like a mistake (empty when it does not).
 *
 * @example
 * ```ts
 * suspiciousValueReasons('prod-*');  // ['wildcard-character']
 * suspiciousValueReasons(' prod');   // ['surrounding-whitespace']
 * ```
 */
export function suspiciousValueReasons(value: string): SuspiciousValueReason[] {
  const reasons: SuspiciousValueReason[] = [];
  if (/[*?]/.test(value)) reasons.push('wildcard-character');
  if (value.trim() !== value) reasons.push('surrounding-whitespace');
  return reasons;
}

async function readAll<T>(list: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await list({ limit: 500, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}
