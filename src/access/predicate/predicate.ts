/**
 * `toPredicate`: an access expression → an in-process document filter with
 * the engine's semantics.
 *
 * @packageDocumentation
 */
import { planAccess } from '../plan/access-plan.js';
import type { AccessPlan, PlannedValue } from '../plan/access-plan.js';
import { assertNever } from '../../assert-never.js';
import { compilePathMatcher } from './document-path.js';
import type { LeafTest, PathMatcher } from './document-path.js';
import type { AccessExpression } from '../expression/expression.js';
import type { FieldTypes } from '../mapping/field-types.js';

/** Options of `toPredicate`. */
export interface PredicateOptions {
  /**
   * The index's field types (see `fieldTypesFromMapping`); the same value
   * given to `toElasticsearchQuery`. Without them the schemaless rules apply.
   */
  readonly fields?: FieldTypes;
}

/** A compiled access check over one `_source` document. */
export type DocumentPredicate = (doc: unknown) => boolean;

/**
 * Compiles an access expression to a predicate over `_source` documents that
 * selects exactly the documents the engine selects for
 * `toElasticsearchQuery(expression, { fields })`, among the documents the
 * engine accepts (one it refuses to index, e.g. `"abc"` in an `integer`
 * field, is never searchable, which a per-field predicate cannot see).
 * Documents are read as `JSON.parse` produces them (a `bigint` stands for
 * an integer written exactly), or as `parseJsonDocument` produces them:
 * then every number keeps its source text and is read as the engine reads
 * that token (`{"k": 5.0}` is the keyword `"5.0"`; `9007199254740993` on a
 * `long` is exact), which plain `JSON.parse` cannot tell (docs/semantics.md
 * §8 says where).
 *
 * The predicate is built once from closures (no `eval`, no `new Function`)
 * and allocates nothing per document. A document is a plain object; for
 * anything else (`null`, an array, a string) it returns `false`, even for
 * `all`. Within a document, dotted keys and nested objects mix freely at
 * every level, arrays count if any element matches, and `null` leaves match
 * only a field's `null_value`. Every term on a field inside `nested` objects
 * is an independent "some nested object matches", as in the emitted
 * `nested` queries.
 *
 * Performance: compile once per token version and reuse the predicate
 * (compiling costs tens to hundreds of microseconds). Testing a document
 * allocates nothing, and its speed does not depend on what else the process
 * compiled: every field path is read by the same walk. See docs/benchmarks.md.
 *
 * @throws SharedTokenError `VALIDATION` for the same values, fields and
 *   types `toElasticsearchQuery` rejects.
 *
 * @example
 * ```ts
 * const canSee = toPredicate(compileAccess([{ field: 'kubernetes.namespace', value: 'prod' }], 'AND'));
 * canSee({ kubernetes: { namespace: 'prod' } }); // true
 * canSee({ 'kubernetes.namespace': ['dev', 'prod'] }); // true
 * canSee({ kubernetes: { namespace: 'Prod' } }); // false
 * ```
 */
export function toPredicate(expression: AccessExpression, options: PredicateOptions = {}): DocumentPredicate {
  const test = compilePlan(planAccess(expression, options.fields));
  return (doc) => typeof doc === 'object' && doc !== null && !Array.isArray(doc) && test(doc);
}

function compilePlan(plan: AccessPlan): PathMatcher {
  switch (plan.kind) {
    case 'all':
      return () => true;
    case 'none':
      return () => false;
    case 'and':
      return every(plan.children.map(compilePlan));
    case 'or':
      return some(plan.children.map(compilePlan));
    case 'match': {
      if (plan.documentTest !== undefined) return plan.documentTest;
      const test = anyValue(plan.values);
      const strings = exactStrings(plan.values);
      return some(plan.sourcePaths.map((path) => compilePathMatcher(path, test, plan.anyLeaf, strings)));
    }
    default:
      return assertNever(plan);
  }
}

function every(tests: readonly PathMatcher[]): PathMatcher {
  const [first, second, third, fourth] = tests;
  if (tests.length === 1 && first !== undefined) return first;
  if (tests.length === 2 && first !== undefined && second !== undefined) return (doc) => first(doc) && second(doc);
  if (tests.length === 3 && first !== undefined && second !== undefined && third !== undefined) {
    return (doc) => first(doc) && second(doc) && third(doc);
  }
  if (tests.length === 4 && first !== undefined && second !== undefined && third !== undefined && fourth !== undefined) {
    return (doc) => first(doc) && second(doc) && third(doc) && fourth(doc);
  }
  return (doc) => {
    for (let i = 0; i < tests.length; i++) if (!(tests[i] as PathMatcher)(doc)) return false;
    return true;
  };
}

function some(tests: readonly PathMatcher[]): PathMatcher {
  const [first, second, third, fourth] = tests;
  if (tests.length === 1 && first !== undefined) return first;
  if (tests.length === 2 && first !== undefined && second !== undefined) return (doc) => first(doc) || second(doc);
  if (tests.length === 3 && first !== undefined && second !== undefined && third !== undefined) {
    return (doc) => first(doc) || second(doc) || third(doc);
  }
  if (tests.length === 4 && first !== undefined && second !== undefined && third !== undefined && fourth !== undefined) {
    return (doc) => first(doc) || second(doc) || third(doc) || fourth(doc);
  }
  return (doc) => {
    for (let i = 0; i < tests.length; i++) if ((tests[i] as PathMatcher)(doc)) return true;
    return false;
  };
}

function anyValue(values: readonly PlannedValue[]): LeafTest {
  const tests = values.map((value) => value.matchLeaf);
  const [first, second, third, fourth] = tests;
  if (tests.length === 1 && first !== undefined) return first;
  if (tests.length === 2 && first !== undefined && second !== undefined) return (leaf) => first(leaf) || second(leaf);
  if (tests.length === 3 && first !== undefined && second !== undefined && third !== undefined) {
    return (leaf) => first(leaf) || second(leaf) || third(leaf);
  }
  if (tests.length === 4 && first !== undefined && second !== undefined && third !== undefined && fourth !== undefined) {
    return (leaf) => first(leaf) || second(leaf) || third(leaf) || fourth(leaf);
  }
  return (leaf) => {
    for (let i = 0; i < tests.length; i++) if ((tests[i] as LeafTest)(leaf)) return true;
    return false;
  };
}

/**
 * The strings a string leaf must equal when every value's string-leaf test
 * is plain equality (`exactString` on the prepared term), else `undefined`.
 */
function exactStrings(values: readonly PlannedValue[]): readonly string[] | undefined {
  const strings: string[] = [];
  for (const value of values) {
    const exact = value.exactString;
    if (exact === undefined) return undefined;
    strings.push(exact);
  }
  return strings.length === 0 ? undefined : strings;
}
