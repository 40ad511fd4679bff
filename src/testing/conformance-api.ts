import type { RepositoryInspector } from '../repository/repository-inspector.js';
import type { SharedTokenRepository } from '../repository/contract.js';

/**
 * One repository instance under test, fresh and empty, with the backdoor
 * reader of its storage.
 *
 * @example
 * ```ts
 * const instance: RepositoryInstance = {
 *   repository: createPostgresRepository({ pool }),
 *   inspect: postgresInspector(pool),
 *   close: () => pool.query('DROP SCHEMA test_1234 CASCADE'),
 * };
 * ```
 */
export interface RepositoryInstance {
  /** The implementation under test. */
  readonly repository: SharedTokenRepository;
  /** Reads what was really stored; see {@link RepositoryInspector}. */
  readonly inspect: RepositoryInspector;
  /** Releases the instance (drop a schema, close a connection). Called once after each test or property run. */
  close?(): Promise<void> | void;
}

/**
 * The implementation to check: a name for the test titles and a factory of
 * fresh, empty instances. The suite calls `create` before every test and
 * before every run of a property test, so each starts from nothing.
 *
 * @example
 * ```ts
 * const subject: RepositoryUnderTest = {
 *   name: 'sqlite',
 *   create: async () => {
 *     const db = new Database(':memory:');
 *     return { repository: createSqliteRepository({ db }), inspect: sqliteInspector(db), close: () => db.close() };
 *   },
 * };
 * ```
 */
export interface RepositoryUnderTest {
  /** Shown in the suite's title. */
  readonly name: string;
  /** A fresh, empty instance. */
  create(): Promise<RepositoryInstance>;
}

/**
 * The assertions the suite uses; vitest's and Jest's `expect` both fit.
 *
 * @example
 * ```ts
 * import { expect } from 'vitest';
 * const conformanceExpect: ConformanceExpect = expect;
 * ```
 */
export type ConformanceExpect = (actual: unknown) => ConformanceAssertion;

/** The subset of a test runner's assertion object the suite calls. */
export interface ConformanceAssertion {
  /** `Object.is` equality. */
  toBe(expected: unknown): void;
  /** Deep equality. */
  toEqual(expected: unknown): void;
  /** Deep equality on the members `expected` names. */
  toMatchObject(expected: object): void;
  /** `=== null`. */
  toBeNull(): void;
}

/**
 * The test runner's functions, passed in so `shared-tokens/testing` never
 * imports a runner: vitest, Jest and compatible runners work.
 *
 * @example
 * ```ts
 * import { afterEach, beforeEach, describe, expect, it } from 'vitest';
 * runRepositoryConformanceSuite(subject, { describe, it, expect, beforeEach, afterEach });
 * ```
 */
export interface ConformanceTestApi {
  /** Groups tests. */
  describe(name: string, body: () => void): void;
  /** Declares one test; `timeout` in milliseconds. */
  it(name: string, body: () => Promise<void>, timeout?: number): void;
  /** Assertions. */
  expect: ConformanceExpect;
  /** Runs before every test of the enclosing `describe`. */
  beforeEach(hook: () => Promise<void>): void;
  /** Runs after every test of the enclosing `describe`. */
  afterEach(hook: () => Promise<void>): void;
}

/**
 * Tuning for {@link runRepositoryConformanceSuite}.
 *
 * @example
 * ```ts
 * runRepositoryConformanceSuite(subject, api, { numRuns: 200, timeout: 120_000 });
 * ```
 */
export interface ConformanceOptions {
  /** Runs per property test. Default: fast-check's default (100). */
  readonly numRuns?: number;
  /** A fixed fast-check seed, to replay a failure. Default: random. */
  readonly seed?: number;
  /** Per-test timeout in milliseconds passed to `it`. Default: the runner's. */
  readonly timeout?: number;
  /**
   * Only these groups of cases, for an author building an adapter one
   * topic at a time (`['lookup', 'versions']`). Default: every topic; run
   * the whole suite in CI.
   */
  readonly topics?: readonly ConformanceTopic[];
}

/**
 * A group of conformance cases, selectable with {@link ConformanceOptions.topics}.
 *
 * - `lookup`, `secret-lookup`, `reverse-index`: reads by id, name, field+value, secret hash, filter.
 * - `isolation`: accounts never see each other. `versions`: optimistic versions.
 * - `uniqueness`, `integrity`, `atomicity`: what a commit refuses, and that it refuses all of it.
 * - `pagination`, `copies`, `usage`, `links`: listings, frozen copies, usage writes, sharing links.
 * - `hardening`: torn commits, other tenants' ids and secret hashes in errors, cursors crossing listings, string order.
 * - `concurrency`: interleavings chosen by fast-check's scheduler. `parallel`: writers really running at once.
 * - `model`: random batches against a reference model.
 *
 * @example
 * ```ts
 * runRepositoryConformanceSuite(subject, api, { topics: ['lookup', 'versions'] });
 * ```
 */
export type ConformanceTopic =
  | 'lookup'
  | 'isolation'
  | 'versions'
  | 'uniqueness'
  | 'integrity'
  | 'atomicity'
  | 'pagination'
  | 'secret-lookup'
  | 'reverse-index'
  | 'copies'
  | 'usage'
  | 'links'
  | 'hardening'
  | 'concurrency'
  | 'parallel'
  | 'model';
