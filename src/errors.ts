/**
 * Every error this library throws on purpose is a {@link SharedTokenError}.
 * Hosts switch on `code`; `context` says where the problem is (a field path,
 * a JSON pointer, ids) and never carries a secret.
 *
 * @packageDocumentation
 */

/**
 * The discriminant of {@link SharedTokenError}.
 *
 * - `VALIDATION`: input did not match its schema, or a filter value cannot be
 *   expressed exactly for the field's type. Nothing was changed.
 * - `NOT_FOUND`: no such object in the actor's account (objects of other
 *   accounts are reported this way too, never as `FORBIDDEN`).
 * - `FORBIDDEN`: the actor's role may not do this (a member changing a token).
 * - `CONFLICT`: a stale optimistic `version`, or a duplicate (filter, token name).
 * - `CONFIRMATION_REQUIRED`: a filter deletion without a current preview confirmation.
 * - `POLICY`: the host's policy forbids this (e.g. an unrestricted token).
 * - `TOKEN_INVALID` / `TOKEN_EXPIRED` / `TOKEN_PAUSED`: `resolve(secret)` refused.
 * - `UNSAFE_REQUEST`: the request guard refused a search request.
 * - `REPOSITORY`: a storage adapter failed; the driver error is the `cause`.
 */
export type SharedTokenErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'CONFIRMATION_REQUIRED'
  | 'POLICY'
  | 'TOKEN_INVALID'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_PAUSED'
  | 'UNSAFE_REQUEST'
  | 'REPOSITORY';

/** One problem found in an input: where (`path`) and why (`message`). */
export interface ValidationIssue {
  /** Path into the input, e.g. `['filters', 2, 'field']`. Empty for the input as a whole. */
  readonly path: readonly (string | number)[];
  /** What was wrong, in words a user can act on. */
  readonly message: string;
}

/**
 * Context carried by an error. All members are optional and JSON-serializable;
 * none is ever a secret.
 */
export interface SharedTokenErrorContext {
  /** Problems found in the input, each with its path. */
  readonly issues?: readonly ValidationIssue[];
  /** A dotted field name the problem is about (a filter field, an index field). */
  readonly field?: string;
  /** An RFC 6901 JSON pointer into a request body. */
  readonly pointer?: string;
  /** A URL parameter name. */
  readonly parameter?: string;
  /** The mapped type of `field`, when the problem is a type rule. */
  readonly fieldType?: string;
  /** Ids of the objects concerned (token, filter, account). */
  readonly ids?: Readonly<Record<string, string>>;
  /** For `CONFLICT` on a duplicate: the id of the object that already exists. */
  readonly existingId?: string;
  /** For `CONFLICT` on a stale version: the version the caller expected / the stored one. */
  readonly expectedVersion?: number;
  readonly actualVersion?: number;
  /** Free-form extra detail, JSON-serializable. */
  readonly [key: string]: unknown;
}

/**
 * The one base class of every error this library throws on purpose.
 *
 * @example
 * ```ts
 * try {
 *   await tokens.deleteFilter(admin, filterId, { confirm });
 * } catch (e) {
 *   if (e instanceof SharedTokenError && e.code === 'CONFIRMATION_REQUIRED') {
 *     // show the preview again
 *   }
 * }
 * ```
 */
export class SharedTokenError extends Error {
  /** What kind of failure this is; stable across versions. */
  readonly code: SharedTokenErrorCode;
  /** Where and about what; never a secret. */
  readonly context: SharedTokenErrorContext;

  constructor(
    code: SharedTokenErrorCode,
    message: string,
    context: SharedTokenErrorContext = {},
    options?: { cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SharedTokenError';
    this.code = code;
    this.context = Object.freeze({ ...context });
  }

  /** A plain object for logs and HTTP responses: name, code, message, context (no cause, no stack). */
  toJSON(): { name: string; code: SharedTokenErrorCode; message: string; context: SharedTokenErrorContext } {
    return { name: this.name, code: this.code, message: this.message, context: this.context };
  }
}

/**
 * The request guard's refusal: `code` is always `UNSAFE_REQUEST`, and
 * `context.pointer` (a JSON pointer into the body) or `context.parameter`
 * (a URL parameter) names what caused it.
 */
export class UnsafeRequestError extends SharedTokenError {
  declare readonly code: 'UNSAFE_REQUEST';
  /** Why the request was refused, as a short stable slug (e.g. `url-param-not-allowed`). */
  readonly reason: string;

  constructor(reason: string, message: string, context: SharedTokenErrorContext = {}) {
    super('UNSAFE_REQUEST', message, { ...context, reason });
    this.name = 'UnsafeRequestError';
    this.reason = reason;
  }
}

/** True when `error` is a {@link SharedTokenError}, optionally of the given code. */
export function isSharedTokenError(error: unknown, code?: SharedTokenErrorCode): error is SharedTokenError {
  return error instanceof SharedTokenError && (code === undefined || error.code === code);
}
