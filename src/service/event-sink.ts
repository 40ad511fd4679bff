import type { Actor } from '../domain/actor.js';
import { deepFreeze } from '../domain/deep-freeze.js';
import type { EventActor, EventBase, SharedTokenEvent } from '../domain/events.js';
import { newId } from '../domain/id.js';

/** Any event without the fields every event gets from the sink. */
export type EventPayload = SharedTokenEvent extends infer E
  ? E extends SharedTokenEvent
    ? Omit<E, keyof EventBase>
    : never
  : never;

/** Builds and delivers events. */
export interface EventSink {
  /** Delivers payloads, stamped with id, time, account and actor, in order. */
  emit(actor: Actor | 'system', accountId: string, at: string, payloads: readonly EventPayload[]): void;
}

/**
 * An event sink calling `onEvent` synchronously for each event. The change is
 * already committed when it runs, so an exception thrown by `onEvent` (or a
 * rejected promise it returns) is ignored rather than reported as a failure of
 * a change that did happen.
 */
export function createEventSink(onEvent: ((event: SharedTokenEvent) => unknown) | undefined): EventSink {
  return {
    emit(actor, accountId, at, payloads) {
      if (onEvent === undefined) return;
      const eventActor: EventActor =
        actor === 'system' ? { userId: null, role: 'system' } : { userId: actor.userId, role: actor.role };
      for (const payload of payloads) {
        const event = deepFreeze({ ...payload, eventId: newId(), at, accountId, actor: eventActor }) as SharedTokenEvent;
        try {
          const result = onEvent(event);
          if (result instanceof Promise) result.catch(() => undefined);
        } catch {
          // See above: the host's handler cannot undo a committed change.
        }
      }
    },
  };
}
