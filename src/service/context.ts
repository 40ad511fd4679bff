import type { SecretCodec } from '../domain/secret.js';
import type { SharedTokenRepository } from '../repository/contract.js';
import type { Clock } from './clock.js';
import type { EffectivePolicy } from './policy.js';
import type { EventSink } from './event-sink.js';

/** The service's dependencies, resolved once by `createSharedTokens`. */
export interface ServiceContext {
  /** The host's repository, wrapped so that driver failures become `REPOSITORY` errors. */
  readonly repository: SharedTokenRepository;
  /** The time source, checked to return valid dates. */
  readonly clock: Clock;
  readonly policy: EffectivePolicy;
  readonly secrets: SecretCodec;
  readonly events: EventSink;
}
