/**
 * A service over a fresh in-memory repository, with a hand-driven clock,
 * recorded events, and actors of two accounts.
 */
import type { Actor } from '../../src/domain/actor.js';
import type { SharedTokenEvent } from '../../src/domain/events.js';
import { SharedTokenError, type SharedTokenErrorCode } from '../../src/errors.js';
import { createInspectableStore } from '../../src/repository/in-memory/in-memory-repository.js';
import type { SharedTokenRepository } from '../../src/repository/contract.js';
import type { SharedTokensPolicy } from '../../src/service/policy.js';
import { createSharedTokens, type SharedTokens } from '../../src/service/shared-tokens.js';

export const START = new Date('2026-03-01T12:00:00.000Z');
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const admin: Actor = Object.freeze({ accountId: 'acme', userId: 'alice', role: 'admin' });
export const member: Actor = Object.freeze({ accountId: 'acme', userId: 'bob', role: 'member' });
export const otherAdmin: Actor = Object.freeze({ accountId: 'globex', userId: 'carol', role: 'admin' });
export const otherMember: Actor = Object.freeze({ accountId: 'globex', userId: 'dave', role: 'member' });

export interface Harness {
  tokens: SharedTokens;
  repository: SharedTokenRepository;
  events: SharedTokenEvent[];
  /** Moves the clock forward. */
  advance(ms: number): void;
  now(): Date;
  /** Everything the repository holds, as text. */
  dump(): Promise<string>;
}

export function setup(
  options: { policy?: SharedTokensPolicy; repository?: (inner: SharedTokenRepository) => SharedTokenRepository } = {},
): Harness {
  const store = createInspectableStore();
  const repository = options.repository === undefined ? store.repository : options.repository(store.repository);
  let now = START.getTime();
  const events: SharedTokenEvent[] = [];
  const tokens = createSharedTokens({
    repository,
    clock: { now: () => new Date(now) },
    onEvent: (event) => {
      events.push(event);
    },
    ...(options.policy === undefined ? {} : { policy: options.policy }),
  });
  return {
    tokens,
    repository,
    events,
    advance: (ms) => {
      now += ms;
    },
    now: () => new Date(now),
    dump: () => store.inspect.dump(),
  };
}

/** The error a promise rejects with; fails the test if it resolves or throws something else. */
export async function failure(promise: Promise<unknown>): Promise<SharedTokenError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SharedTokenError) return error;
    throw new Error(`expected a SharedTokenError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a SharedTokenError, but the call succeeded');
}

/** The code of the error a promise rejects with. */
export async function codeOf(promise: Promise<unknown>): Promise<SharedTokenErrorCode> {
  return (await failure(promise)).code;
}
