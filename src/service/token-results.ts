import type { SharedToken } from '../domain/shared-token.js';

/**
 * A token together with its secret: returned once by `createToken` and
 * `rotateTokenSecret`, and never again. Show the secret to the admin, then
 * drop it; only its hash is stored.
 *
 * @example
 * ```ts
 * const { token, secret } = await tokens.createToken(admin, { name: 'Grafana' });
 * // secret: 'shtk_...' (49 characters after the prefix)
 * ```
 */
export interface TokenWithSecret {
  readonly token: SharedToken;
  /** The secret to hand out; the only time the library returns it. */
  readonly secret: string;
}
