import type { RepositoryChange } from '../../repository/contract.js';
import { frozenCopy } from '../../repository/in-memory/frozen-copy.js';
import { filterFieldValueKey, tokenNameKey } from '../../repository/in-memory/in-memory-state.js';

/**
 * Every stored fact a batch can depend on, named by key, so the commit reads
 * exactly those rows inside its transaction and judges the batch with the
 * same rules as the in-memory repository.
 *
 * @internal
 */
export interface CommitScope {
  /** Filters written, deleted or referenced by a written token. */
  readonly filterIds: ReadonlySet<string>;
  /** Tokens written or deleted. */
  readonly tokenIds: ReadonlySet<string>;
  /** `filterFieldValueKey` of every written filter. */
  readonly filterFieldValueKeys: ReadonlySet<string>;
  /** `tokenNameKey` of every written token. */
  readonly tokenNameKeys: ReadonlySet<string>;
  /** Every secret hash (current and previous) of every written token. */
  readonly secretHashes: ReadonlySet<string>;
  /** Filters deleted: the tokens still referencing them are read. */
  readonly deletedFilterIds: ReadonlySet<string>;
  /** Links written or deleted. */
  readonly linkIds: ReadonlySet<string>;
  /** Tokens of written links (their expiry bounds the link's). */
  readonly linkTokenIds: ReadonlySet<string>;
}

/**
 * Copies each change's record once (the plan and the scope then read the
 * same values, whatever getters the caller's objects have) with the issue
 * paths `planCommit` uses. Anything that is not a well-formed change is
 * passed on as it is, for `planCommit` to refuse.
 *
 * @internal
 */
export function copyChanges(changes: readonly RepositoryChange[]): RepositoryChange[] {
  return changes.map((change, index) => {
    if (typeof change !== 'object' || change === null) return change;
    switch (change.type) {
      case 'put-filter':
        return { type: change.type, filter: frozenCopy(change.filter, [index, 'filter']), expectedVersion: change.expectedVersion };
      case 'put-token':
        return { type: change.type, token: frozenCopy(change.token, [index, 'token']), expectedVersion: change.expectedVersion };
      case 'put-link':
        return { type: change.type, link: frozenCopy(change.link, [index, 'link']), expectedVersion: change.expectedVersion };
      case 'delete-filter':
      case 'delete-token':
      case 'delete-link':
        return { type: change.type, id: change.id, expectedVersion: change.expectedVersion };
      default:
        return change;
    }
  });
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** The keys a batch touches; values of the wrong type are skipped (the plan refuses them). @internal */
export function scopeOf(changes: readonly RepositoryChange[]): CommitScope {
  const scope = {
    filterIds: new Set<string>(),
    tokenIds: new Set<string>(),
    filterFieldValueKeys: new Set<string>(),
    tokenNameKeys: new Set<string>(),
    secretHashes: new Set<string>(),
    deletedFilterIds: new Set<string>(),
    linkIds: new Set<string>(),
    linkTokenIds: new Set<string>(),
  };
  for (const change of changes) {
    if (typeof change !== 'object' || change === null) continue;
    switch (change.type) {
      case 'put-filter': {
        const filter = change.filter as unknown as Record<string, unknown> | null;
        if (typeof filter !== 'object' || filter === null) break;
        if (isString(filter['id'])) scope.filterIds.add(filter['id']);
        if (isString(filter['field']) && isString(filter['value'])) {
          scope.filterFieldValueKeys.add(filterFieldValueKey(filter['field'], filter['value']));
        }
        break;
      }
      case 'delete-filter':
        if (isString(change.id)) {
          scope.filterIds.add(change.id);
          scope.deletedFilterIds.add(change.id);
        }
        break;
      case 'put-token': {
        const token = change.token as unknown as Record<string, unknown> | null;
        if (typeof token !== 'object' || token === null) break;
        if (isString(token['id'])) scope.tokenIds.add(token['id']);
        if (isString(token['name'])) scope.tokenNameKeys.add(tokenNameKey(token['name']));
        if (isString(token['secretHash'])) scope.secretHashes.add(token['secretHash']);
        const previous = token['previousSecret'] as Record<string, unknown> | null | undefined;
        if (typeof previous === 'object' && previous !== null && isString(previous['hash'])) scope.secretHashes.add(previous['hash']);
        const filterIds = token['filterIds'];
        if (Array.isArray(filterIds)) for (const id of filterIds) if (isString(id)) scope.filterIds.add(id);
        break;
      }
      case 'delete-token':
        if (isString(change.id)) scope.tokenIds.add(change.id);
        break;
      case 'put-link': {
        const link = change.link as unknown as Record<string, unknown> | null;
        if (typeof link !== 'object' || link === null) break;
        if (isString(link['id'])) scope.linkIds.add(link['id']);
        if (isString(link['tokenId'])) scope.linkTokenIds.add(link['tokenId']);
        if (isString(link['secretHash'])) scope.secretHashes.add(link['secretHash']);
        break;
      }
      case 'delete-link':
        if (isString(change.id)) scope.linkIds.add(change.id);
        break;
      default:
        break;
    }
  }
  return scope;
}
