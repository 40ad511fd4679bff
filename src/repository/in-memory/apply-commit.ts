import type { CommitPlan } from '../commit-plan.js';
import {
  accountStateFor,
  indexFilter,
  indexLink,
  indexToken,
  unindexFilter,
  unindexLink,
  unindexToken,
  type RepositoryState,
} from './in-memory-state.js';

/**
 * Stores a plan made by `planCommit` against the same state. Old index
 * entries of every touched record go first, so swaps within a batch (two
 * tokens exchanging names) index cleanly.
 *
 * @internal
 */
export function applyCommit(state: RepositoryState, plan: CommitPlan): void {
  if (plan.filters.size === 0 && plan.tokens.size === 0 && plan.links.size === 0) return;
  const account = accountStateFor(state, plan.accountId);
  for (const id of plan.links.keys()) {
    const old = account.links.get(id);
    if (old !== undefined) unindexLink(state, account, old);
  }
  for (const id of plan.tokens.keys()) {
    const old = account.tokens.get(id);
    if (old !== undefined) unindexToken(state, account, old);
  }
  for (const id of plan.filters.keys()) {
    const old = account.filters.get(id);
    if (old !== undefined) unindexFilter(account, old);
  }
  for (const filter of plan.filters.values()) if (filter !== null) indexFilter(account, filter);
  for (const token of plan.tokens.values()) if (token !== null) indexToken(state, account, token);
  for (const link of plan.links.values()) if (link !== null) indexLink(state, account, link);
}
