/**
 * Repository failures as `REPOSITORY` errors.
 *
 * @packageDocumentation
 */
import { SharedTokenError } from '../domain/errors.js';
import type { SharedTokenRepository } from '../repository/shared-token-repository.js';

/**
 * Wraps a repository so that anything it throws that is not a
 * `SharedTokenError` (a driver error, a bug in a host's adapter) surfaces as
 * `REPOSITORY` with the original as `cause`, and nothing else leaks out of
 * the use cases.
 */
export function guardRepository(repository: SharedTokenRepository): SharedTokenRepository {
  const wrap =
    <A extends unknown[], R>(name: keyof SharedTokenRepository) =>
    async (...args: A): Promise<R> => {
      try {
        const method = repository[name] as unknown as (...a: A) => Promise<R>;
        return await method.apply(repository, args);
      } catch (error) {
        if (error instanceof SharedTokenError) throw error;
        throw new SharedTokenError('REPOSITORY', `The repository failed in ${name}`, { operation: name }, { cause: error });
      }
    };
  return {
    getFilter: wrap('getFilter'),
    getFilters: wrap('getFilters'),
    findFilterByFieldValue: wrap('findFilterByFieldValue'),
    listFilters: wrap('listFilters'),
    getToken: wrap('getToken'),
    findTokenByName: wrap('findTokenByName'),
    findTokenBySecretHash: wrap('findTokenBySecretHash'),
    listTokens: wrap('listTokens'),
    listTokensByFilter: wrap('listTokensByFilter'),
    commit: wrap('commit'),
    recordTokenUsage: wrap('recordTokenUsage'),
  };
}
