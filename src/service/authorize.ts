// Admins manage, members read and use. Other accounts' objects do not exist: the repository is
// always asked with the actor's own account id, so they come back as misses (`NOT_FOUND`), never `FORBIDDEN`.
import { actorSchema, type Actor } from '../domain/actor.js';
import { SharedTokenError } from '../errors.js';
import { parseInput } from '../domain/parse-input.js';

/** A validated actor of any role. */
export function readerActor(actor: unknown): Actor {
  return parseInput(actorSchema, actor, 'actor');
}

/** A validated admin, or `FORBIDDEN` naming the use case. */
export function adminActor(actor: unknown, useCase: string): Actor {
  const parsed = readerActor(actor);
  if (parsed.role !== 'admin') {
    throw new SharedTokenError('FORBIDDEN', `Only an admin may ${useCase}`, {
      ids: { accountId: parsed.accountId, userId: parsed.userId },
      useCase,
    });
  }
  return parsed;
}
