/**
 * The two ways the reference evaluator refuses to answer. Neither is a
 * `SharedTokenError`: they describe the engine (or the oracle's limits), not
 * the library.
 */

/**
 * The engine itself would refuse this query: a `parsing_exception` (malformed
 * DSL) or a `query_shard_exception` (a value the field type cannot parse,
 * such as `"abc"` on an `integer`). On a one-index search the engine answers
 * HTTP 400, so the oracle throws instead of answering.
 */
export class ReferenceQueryError extends Error {
  /** `parsing`: malformed DSL; `shard`: the field type refused a value. */
  readonly kind: 'parsing' | 'shard';
  /** JSON pointer into the query where the problem is. */
  readonly pointer: string;

  constructor(kind: 'parsing' | 'shard', message: string, pointer: string) {
    super(`${message} (at ${pointer === '' ? '/' : pointer})`);
    this.name = 'ReferenceQueryError';
    this.kind = kind;
    this.pointer = pointer;
  }
}

/**
 * Valid DSL that the oracle does not model (a clause, a parameter, a date
 * format). Thrown rather than guessing, so a test never compares against a
 * made-up answer.
 */
export class UnsupportedQueryError extends Error {
  /** JSON pointer into the query (or the mapping feature) that is not modelled. */
  readonly pointer: string;

  constructor(message: string, pointer: string) {
    super(`${message} (at ${pointer === '' ? '/' : pointer})`);
    this.name = 'UnsupportedQueryError';
    this.pointer = pointer;
  }
}
