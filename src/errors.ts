/**
 * Every error this library throws on purpose is a {@link SharedTokenError}.
 * Hosts switch on `code`; `context` says where the problem is (a field path,
 * a JSON pointer, ids) and never carries a secret.
 *
 * @packageDocumentation
 */

/**
 * The registered brand every error of this library carries. A registered
 * symbol (`Symbol.for`) is the same in every copy of the library loaded into
 * one realm (the ESM and the CommonJS build, two bundles), so an error thrown
 * by one copy is recognised by `instanceof` and {@link isSharedTokenError} of
 * another. Its value is the class the error was made as.
 */
const ERROR_BRAND = Symbol.for('shared-tokens.error');

type ErrorBrand = 'SharedTokenError' | 'UnsafeRequestError';

function brandOf(value: unknown): ErrorBrand | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  const brand: unknown = (value as { [ERROR_BRAND]?: unknown })[ERROR_BRAND];
  return brand === 'SharedTokenError' || brand === 'UnsafeRequestError' ? brand : undefined;
}

function setBrand(error: Error, brand: ErrorBrand): void {
  Object.defineProperty(error, ERROR_BRAND, { value: brand, configurable: true });
}

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
 * - `UNSUPPORTED_RUNTIME`: the runtime lacks something the library needs, e.g.
 *   Web Crypto in a browser page served over plain `http://` (not a secure context).
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
  | 'REPOSITORY'
  | 'UNSUPPORTED_RUNTIME';

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
 * `instanceof` also recognises errors made by another copy of this library
 * (the CommonJS build next to the ESM one), by their registered brand.
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
    setBrand(this, 'SharedTokenError');
  }

  /**
   * `error instanceof SharedTokenError` (or `UnsafeRequestError`): true for
   * instances of this copy of the class, and for errors branded by any copy
   * of this library. A host's own subclass is matched by prototype only.
   */
  static override [Symbol.hasInstance]<T>(this: abstract new (...args: never[]) => T, value: unknown): value is T {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    const brand = brandOf(value);
    if ((this as unknown) === SharedTokenError) return brand !== undefined;
    if ((this as unknown) === UnsafeRequestError) return brand === 'UnsafeRequestError';
    return false;
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
    setBrand(this, 'UnsafeRequestError');
  }
}

/**
 * True when `error` is a {@link SharedTokenError}, optionally of the given
 * code; also for errors thrown by another copy of this library (its CommonJS
 * build in an ESM app, or a second bundle), recognised by their registered brand.
 *
 * @example
 * ```ts
 * if (isSharedTokenError(e, 'TOKEN_EXPIRED')) return new Response(null, { status: 401 });
 * ```
 */
export function isSharedTokenError(error: unknown, code?: SharedTokenErrorCode): error is SharedTokenError {
  return error instanceof SharedTokenError && (code === undefined || error.code === code);
}
