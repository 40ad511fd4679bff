import { SharedTokenError } from '../errors.js';
import { REPOSITORY_METHOD_NAMES, type SharedTokenRepository } from '../repository/contract.js';

/**
 * Wraps a repository so that anything it throws that is not a
 * `SharedTokenError` (a driver error, a bug in a host's adapter) surfaces as
 * `REPOSITORY` with the original as `cause`, and nothing else leaks out of
 * the use cases.
 */
export function wrapRepositoryFailures(repository: SharedTokenRepository): SharedTokenRepository {
  const wrap =
    (name: keyof SharedTokenRepository) =>
    async (...args: unknown[]): Promise<unknown> => {
      try {
        const method = repository[name] as (...a: unknown[]) => Promise<unknown>;
        return await method.apply(repository, args);
      } catch (error) {
        if (error instanceof SharedTokenError) throw error;
        throw new SharedTokenError('REPOSITORY', `The repository failed in ${name}`, { operation: name }, { cause: error });
      }
    };
  // Every method has the same wrapper; the list is checked against the contract at compile time.
  return Object.fromEntries(REPOSITORY_METHOD_NAMES.map((name) => [name, wrap(name)])) as unknown as SharedTokenRepository;
}
