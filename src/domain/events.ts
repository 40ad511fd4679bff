import type { AccessChange } from './access-change.js';
import type { Role } from './actor.js';
import type { SharedLink } from './shared-link.js';
import type { SharedToken, FiltersOperator } from './shared-token.js';
import type { TokenFilter } from './token-filter.js';

/** Who caused an event: a user of the account, or the library itself (`system`, e.g. usage tracking). */
export type EventActor = { readonly userId: string; readonly role: Role } | { readonly userId: null; readonly role: 'system' };

/** What every event carries. */
export interface EventBase {
  readonly eventId: string;
  /** When it happened (ISO-8601), from the service's clock. */
  readonly at: string;
  /** The account the changed objects belong to. */
  readonly accountId: string;
  readonly actor: EventActor;
}

/** A filter was created. */
export interface FilterCreatedEvent extends EventBase {
  readonly type: 'filter.created';
  readonly filter: TokenFilter;
}

/** A filter was deleted and detached from every token that used it (each also gets `token.filters-changed`). */
export interface FilterDeletedEvent extends EventBase {
  readonly type: 'filter.deleted';
  readonly filter: TokenFilter;
  /** The tokens it was detached from. */
  readonly affectedTokenIds: readonly string[];
}

/** A token was created (its secret is not in the event). */
export interface TokenCreatedEvent extends EventBase {
  readonly type: 'token.created';
  readonly token: SharedToken;
}

/** A token was renamed. */
export interface TokenRenamedEvent extends EventBase {
  readonly type: 'token.renamed';
  readonly token: SharedToken;
  readonly previousName: string;
}

/** A token's filters or operator changed. */
export interface TokenFiltersChangedEvent extends EventBase {
  readonly type: 'token.filters-changed';
  readonly token: SharedToken;
  readonly previousFilterIds: readonly string[];
  readonly previousFiltersOperator: FiltersOperator;
  /** The effect on what the token sees. */
  readonly change: AccessChange;
  /** True when the token may now see documents it could not see before. */
  readonly widened: boolean;
  /** What caused it: a use case, or the deletion of a filter. */
  readonly cause: 'set' | 'attach' | 'detach' | 'filter-deleted';
}

/** A token's expiry changed. */
export interface TokenExpiryChangedEvent extends EventBase {
  readonly type: 'token.expiry-changed';
  readonly token: SharedToken;
  /** Its expiry before (`null` = never). */
  readonly previousExpiresAt: string | null;
}

/** A token was paused. */
export interface TokenPausedEvent extends EventBase {
  readonly type: 'token.paused';
  readonly token: SharedToken;
}

/** A paused token was resumed. */
export interface TokenResumedEvent extends EventBase {
  readonly type: 'token.resumed';
  readonly token: SharedToken;
}

/** A token got a new secret. */
export interface TokenSecretRotatedEvent extends EventBase {
  readonly type: 'token.secret-rotated';
  /** The token after the change (with the new hint). */
  readonly token: SharedToken;
  /** Until when the old secret keeps working, or `null` if it stopped at once. */
  readonly previousSecretValidUntil: string | null;
}

/** A token was deleted. */
export interface TokenDeletedEvent extends EventBase {
  readonly type: 'token.deleted';
  readonly token: SharedToken;
}

/** A sharing link was created, by an admin or a member (its secret is not in the event). */
export interface LinkCreatedEvent extends EventBase {
  readonly type: 'link.created';
  readonly link: SharedLink;
}

/**
 * A sharing link was revoked by its creator or an admin; it stopped working
 * at once. Links deleted with their token get no event of their own: the
 * `token.deleted` event covers them.
 */
export interface LinkRevokedEvent extends EventBase {
  readonly type: 'link.revoked';
  readonly link: SharedLink;
}

/**
 * Recording `lastUsedAt` failed during `resolve`. Access was still granted;
 * this event is the only trace of the failure.
 */
export interface TokenUsageWriteFailedEvent extends EventBase {
  readonly type: 'token.usage-write-failed';
  readonly tokenId: string;
  /** The link whose secret was presented, or `null` for the token's own secret. */
  readonly linkId: string | null;
  /** The failure, reduced to its name, code (if any) and message. */
  readonly error: { readonly name: string; readonly code: string | null; readonly message: string };
}

/**
 * Every event the service emits through `onEvent`, one per change, for audit trails and cache
 * invalidation. Switch on `type`. Events are frozen and never carry a secret or a hash.
 *
 * @example
 * ```ts
 * const tokens = createSharedTokens({
 *   repository,
 *   onEvent: (event: SharedTokenEvent) => {
 *     if (event.type === 'token.filters-changed' && event.widened) alertSecurityTeam(event);
 *   },
 * });
 * ```
 */
export type SharedTokenEvent =
  | FilterCreatedEvent
  | FilterDeletedEvent
  | TokenCreatedEvent
  | TokenRenamedEvent
  | TokenFiltersChangedEvent
  | TokenExpiryChangedEvent
  | TokenPausedEvent
  | TokenResumedEvent
  | TokenSecretRotatedEvent
  | TokenDeletedEvent
  | TokenUsageWriteFailedEvent
  | LinkCreatedEvent
  | LinkRevokedEvent;

/** The `type` of every {@link SharedTokenEvent}. */
export type SharedTokenEventType = SharedTokenEvent['type'];
