import { SharedTokenError } from '../errors.js';
import { idSchema } from '../domain/field-schemas.js';
import { createTokenFilter } from '../domain/filter-transitions.js';
import { newId } from '../domain/id.js';
import { createFilterInputSchema, deleteFilterInputSchema, pageRequestSchema } from '../domain/input-schemas.js';
import { parseInput } from '../domain/parse-input.js';
import type { TokenFilter } from '../domain/token-filter.js';
import { detachTokenFilters, toPublicToken } from '../domain/token-transitions.js';
import type { Page, RepositoryChange } from '../repository/contract.js';
import { adminActor, readerActor } from './authorize.js';
import { retryOnConflict } from './conflict-retry.js';
import type { ServiceContext } from './context.js';
import type { EventPayload } from './event-sink.js';
import { buildPreview, type FilterDeletionPreview, type FilterDeletionResult } from './filter-deletion.js';
import { compareAccess, isWidening } from '../domain/access-change.js';
import { loadFilter } from './token-access.js';
import { stripUndefined } from './strip-undefined.js';

/** The `createFilter` use case; see `SharedTokens.createFilter` for its contract. */
export async function createFilter(ctx: ServiceContext, actorIn: unknown, inputIn: unknown): Promise<TokenFilter> {
  const actor = adminActor(actorIn, 'create a filter');
  const input = parseInput(createFilterInputSchema, inputIn, 'input');
  const { accountId } = actor;
  const existing = await ctx.repository.findFilterByFieldValue(accountId, input.field, input.value);
  if (existing !== null) {
    throw new SharedTokenError('CONFLICT', 'A filter with this field and value already exists', {
      ids: { accountId, filterId: existing.id },
      existingId: existing.id,
      field: input.field,
    });
  }
  const now = ctx.clock.now().toISOString();
  const filter = createTokenFilter({ id: newId(), accountId, ...input, createdBy: actor.userId, at: now });
  await ctx.repository.commit(accountId, [{ type: 'put-filter', filter, expectedVersion: null }]);
  ctx.events.emit(actor, accountId, now, [{ type: 'filter.created', filter }]);
  return filter;
}

/** The `listFilters` use case; see `SharedTokens.listFilters` for its contract. */
export async function listFilters(ctx: ServiceContext, actorIn: unknown, pageIn: unknown): Promise<Page<TokenFilter>> {
  const actor = readerActor(actorIn);
  const page = parseInput(pageRequestSchema, pageIn, 'page');
  return ctx.repository.listFilters(actor.accountId, page === undefined ? undefined : stripUndefined(page));
}

/** The `getFilter` use case; see `SharedTokens.getFilter` for its contract. */
export async function getFilter(ctx: ServiceContext, actorIn: unknown, idIn: unknown): Promise<TokenFilter> {
  const actor = readerActor(actorIn);
  const filterId = parseInput(idSchema, idIn, 'filterId');
  return loadFilter(ctx.repository, actor.accountId, filterId);
}

/** The `previewFilterDeletion` use case; see `SharedTokens.previewFilterDeletion` for its contract. */
export async function previewFilterDeletion(ctx: ServiceContext, actorIn: unknown, idIn: unknown): Promise<FilterDeletionPreview> {
  const actor = adminActor(actorIn, 'delete a filter');
  const filterId = parseInput(idSchema, idIn, 'filterId');
  const filter = await loadFilter(ctx.repository, actor.accountId, filterId);
  const tokens = await ctx.repository.listTokensByFilter(actor.accountId, filterId);
  return buildPreview(filter, tokens);
}

// No third argument, `{}`, an empty string, or `{ confirm: '' }`: the caller
// has not asked for a preview yet, which is a missing confirmation, not bad input.
function lacksConfirmation(input: unknown): boolean {
  if (input === undefined || input === null || input === '') return true;
  if (typeof input !== 'object' || Array.isArray(input)) return false;
  try {
    const keys = Object.keys(input);
    const confirm = (input as { confirm?: unknown }).confirm;
    return keys.length === 0 || (keys.length === 1 && keys[0] === 'confirm' && (confirm === undefined || confirm === ''));
  } catch {
    return false; // an unreadable input is left to the schema, which reports it as VALIDATION
  }
}

/** The `deleteFilter` use case; see `SharedTokens.deleteFilter` for its contract. */
export async function deleteFilter(
  ctx: ServiceContext,
  actorIn: unknown,
  idIn: unknown,
  inputIn: unknown,
): Promise<FilterDeletionResult> {
  const actor = adminActor(actorIn, 'delete a filter');
  const filterId = parseInput(idSchema, idIn, 'filterId');
  const { accountId } = actor;
  // An unknown filter is NOT_FOUND before anything about the confirmation.
  await loadFilter(ctx.repository, accountId, filterId);
  const confirm = lacksConfirmation(inputIn) ? null : parseInput(deleteFilterInputSchema, inputIn, 'input').confirm;
  // A lost race is re-read; whatever changed then makes the confirmation stale.
  return retryOnConflict(true, async () => {
    const filter = await loadFilter(ctx.repository, accountId, filterId);
    const tokens = await ctx.repository.listTokensByFilter(accountId, filterId);
    const preview = await buildPreview(filter, tokens);
    if (preview.confirmation !== confirm) {
      throw new SharedTokenError(
        'CONFIRMATION_REQUIRED',
        confirm === null
          ? 'Deleting a filter needs a confirmation: pass the confirmation of previewFilterDeletion'
          : 'The confirmation is not that of a current preview: preview the deletion again (previewFilterDeletion)',
        { ids: { accountId, filterId }, affectedTokenCount: tokens.length },
      );
    }
    const orphaned = preview.affectedTokens.filter((a) => a.effect === 'becomes-unrestricted').map((a) => a.token.id);
    if (ctx.policy.requireFilters && orphaned.length > 0) {
      throw new SharedTokenError('POLICY', 'The policy requires filters, and this would leave tokens without any', {
        ids: { accountId, filterId },
        rule: 'requireFilters',
        tokenIds: orphaned,
      });
    }
    const at = ctx.clock.now().toISOString();
    const updated = tokens.map((token) => ({ before: token, after: detachTokenFilters(token, [filterId], at) }));
    const changes: RepositoryChange[] = [
      ...updated.map(({ before, after }): RepositoryChange => ({ type: 'put-token', token: after, expectedVersion: before.version })),
      { type: 'delete-filter', id: filterId, expectedVersion: filter.version },
    ];
    await ctx.repository.commit(accountId, changes);
    const events: EventPayload[] = updated.map(({ before, after }) => {
      const change = compareAccess(before, after);
      return {
        type: 'token.filters-changed',
        token: toPublicToken(after),
        previousFilterIds: before.filterIds,
        previousFiltersOperator: before.filtersOperator,
        change,
        widened: isWidening(change),
        cause: 'filter-deleted',
      };
    });
    events.push({ type: 'filter.deleted', filter, affectedTokenIds: tokens.map((t) => t.id) });
    ctx.events.emit(actor, accountId, at, events);
    return Object.freeze({ filter, affectedTokens: Object.freeze(updated.map(({ after }) => toPublicToken(after))) });
  });
}
