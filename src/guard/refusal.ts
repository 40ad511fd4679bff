/**
 * Every refusal goes through here so that each carries a stable reason slug
 * and exactly one locator: a JSON pointer into the body or a URL parameter.
 * Locators and messages can hold attacker text (keys, index names); they
 * carry at most a short prefix of it, so a refusal never echoes a megabyte.
 *
 * @packageDocumentation
 */
import { UnsafeRequestError } from '../errors.js';
import type { SharedTokenErrorContext } from '../errors.js';

/** Most characters of one piece of attacker text a refusal repeats. */
export const SHOWN_CHARACTERS = 64;

/** Most characters of a JSON pointer a refusal carries (a pointer is many keys). */
export const SHOWN_POINTER_CHARACTERS = 128;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** A short prefix of attacker text, for messages and locators. */
export function shown(text: string): string {
  return cut(text, SHOWN_CHARACTERS);
}

function shortContext(context: SharedTokenErrorContext): SharedTokenErrorContext {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(context)) {
    const value = context[key];
    const max = key === 'pointer' ? SHOWN_POINTER_CHARACTERS : SHOWN_CHARACTERS;
    Object.defineProperty(out, key, { value: typeof value === 'string' ? cut(value, max) : value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Throws an {@link UnsafeRequestError}; typed `never` so callers can `return refuse(...)`. */
export function refuse(reason: string, message: string, context: SharedTokenErrorContext = {}): never {
  throw new UnsafeRequestError(reason, message, shortContext(context));
}
