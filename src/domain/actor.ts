import * as z from 'zod/mini';
import { built, idSchema } from './field-schemas.js';

/** An actor's role in its account: admins manage tokens and filters, members read and use them. */
export type Role = 'admin' | 'member';

/**
 * The caller of a use case, as authenticated by the host.
 *
 * @example
 * ```ts
 * const admin: Actor = { accountId: 'acme', userId: 'alice', role: 'admin' };
 * ```
 */
export interface Actor {
  /** The account the actor belongs to; it sees only this account's objects. */
  readonly accountId: string;
  /** The user's id, recorded as `createdBy` and in events. */
  readonly userId: string;
  readonly role: Role;
}

/**
 * Schema of an {@link Actor}. Unknown keys are dropped, so a host may pass a
 * richer session object.
 *
 * @example
 * ```ts
 * actorSchema.parse({ accountId: 'acme', userId: 'alice', role: 'admin', email: 'a@acme.test' });
 * // { accountId: 'acme', userId: 'alice', role: 'admin' }
 * ```
 */
export const actorSchema = /* @__PURE__ */ built(() =>
  z.object({
    accountId: idSchema,
    userId: idSchema,
    role: z.enum(['admin', 'member'], { error: "must be 'admin' or 'member'" }),
  }),
);
