/**
 * Every refusal goes through here so that each carries a stable reason slug
 * and exactly one locator: a JSON pointer into the body or a URL parameter.
 *
 * @packageDocumentation
 */
import { UnsafeRequestError } from '../errors.js';
import type { SharedTokenErrorContext } from '../errors.js';

/** Throws an {@link UnsafeRequestError}; typed `never` so callers can `return refuse(...)`. */
export function refuse(reason: string, message: string, context: SharedTokenErrorContext = {}): never {
  throw new UnsafeRequestError(reason, message, context);
}
