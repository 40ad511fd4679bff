/**
 * The access plan: an access expression with every field resolved against
 * the mapping and every value prepared for its field type. Both compilers
 * (Elasticsearch DSL and predicate) fold over the same plan, so they see the
 * same constants, reject the same values and keep the same structure.
 *
 * @packageDocumentation
 */
import { assertNever } from '../../assert-never.js';
import type { AccessExpression } from '../expression/expression.js';
import type { FieldType, FieldTypes } from '../mapping/field-types.js';
import { resolveField } from './field-resolution.js';
import { prepareSchemalessTerm, prepareTerm } from '../values/prepare-term.js';
import { checkFlattenedKeyTerm } from '../values/flattened.js';
import { fetchPathsOf, wildcardSourceDocumentTest } from '../values/wildcard-source.js';
import type { WildcardSourceCheck } from '../values/wildcard-source.js';

/** One value of a `match` step: what the query sends and how a `_source` leaf is tested. */
export interface PlannedValue {
  readonly queryValue: string | number | boolean;
  readonly matchLeaf: (leaf: unknown) => boolean;
  /** Set when, for a string leaf, `matchLeaf(leaf)` is exactly `leaf === exactString` (the predicate inlines it). */
  readonly exactString?: string;
  /** Set on a wildcard field without doc values: the `_source` check of this value. */
  readonly wildcardSource?: WildcardSourceCheck;
}

/**
 * How the Elasticsearch compiler states several values of one field:
 * `terms` on `keyword` fields, where `terms` and an `OR` of `term`s agree
 * for every accepted value on every engine; otherwise a `bool.should` of
 * `term`s, because `terms` throws or drops values where `term` does not on
 * numbers (a value the field cannot hold fails or is dropped), and its behaviour on `wildcard`,
 * `flat_object` and fields of unknown type (schemaless) is not pinned down
 * for every supported engine.
 */
export type QueryStyle = 'terms' | 'term-per-value';

/** A step of the plan. `match`: any leaf at any of `sourcePaths` matches any of `values`. */
export type AccessPlan =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | {
      readonly kind: 'match';
      readonly queryField: string;
      readonly sourcePaths: readonly string[];
      readonly nestedPaths: readonly string[];
      /** The root of a `flattened` field: every leaf under each source path counts. */
      readonly anyLeaf: boolean;
      readonly queryStyle: QueryStyle;
      readonly values: readonly PlannedValue[];
      /**
       * Set when the engine decides on the whole document rather than leaf by
       * leaf (a wildcard field without doc values checks the value it reads
       * from `_source`): the predicate uses it instead of the leaf tests.
       */
      readonly documentTest?: (doc: object) => boolean;
    }
  | { readonly kind: 'and' | 'or'; readonly children: readonly AccessPlan[] };

const ALL: AccessPlan = { kind: 'all' };
const NONE: AccessPlan = { kind: 'none' };

/**
 * Builds the plan of `expression` against `fields` (schemaless when
 * `undefined`). Constants are folded: an `and` holding `none` is `none`, an
 * `or` holding `all` is `all`, and so on, so no compiler emits an empty group.
 *
 * @throws SharedTokenError `VALIDATION` for a value its field type cannot
 *   match exactly, a metadata field, or a text field without a keyword sub-field.
 *
 * @example
 * ```ts
 * planAccess({ kind: 'and', children: [
 *   { kind: 'term', field: 'unmapped', value: 'x' },
 *   { kind: 'term', field: 'a', value: 'x' },
 * ] }, { a: { type: 'keyword' } });
 * // { kind: 'none' }: the unmapped field matches nothing, so the AND does too
 * ```
 */
export function planAccess(expression: AccessExpression, fields: FieldTypes | undefined): AccessPlan {
  switch (expression.kind) {
    case 'all':
      return ALL;
    case 'none':
      return NONE;
    case 'term':
      return planMatch(expression.field, [expression.value], fields);
    case 'terms':
      return planMatch(expression.field, expression.values, fields);
    case 'and':
      return planGroup('and', expression.children, fields);
    case 'or':
      return planGroup('or', expression.children, fields);
    default:
      return assertNever(expression);
  }
}

function planGroup(kind: 'and' | 'or', children: readonly AccessExpression[], fields: FieldTypes | undefined): AccessPlan {
  // `absorbing` decides the group on its own; `neutral` changes nothing.
  const absorbing = kind === 'and' ? 'none' : 'all';
  const neutral = kind === 'and' ? 'all' : 'none';
  const planned: AccessPlan[] = [];
  for (const child of children) {
    const plan = planAccess(child, fields);
    if (plan.kind === absorbing) return plan;
    if (plan.kind === neutral) continue;
    if (plan.kind === kind) planned.push(...plan.children);
    else planned.push(plan);
  }
  const [only] = planned;
  if (only === undefined) return kind === 'and' ? ALL : NONE;
  return planned.length === 1 ? only : { kind, children: planned };
}

function planMatch(field: string, values: readonly string[], fields: FieldTypes | undefined): AccessPlan {
  const resolved = resolveField(field, fields);
  switch (resolved.kind) {
    case 'unmapped':
      return NONE;
    case 'schemaless':
      return {
        kind: 'match',
        queryField: resolved.queryField,
        sourcePaths: resolved.sourcePaths,
        nestedPaths: [],
        anyLeaf: false,
        queryStyle: 'term-per-value',
        values: values.map((value) => prepareSchemalessTerm(value)),
      };
    case 'typed': {
      const planned: PlannedValue[] = [];
      for (const value of values) {
        if (resolved.flattenedKey !== undefined && (resolved.type.type === 'flattened' || resolved.type.type === 'flat_object')) {
          checkFlattenedKeyTerm(field, resolved.type, resolved.flattenedKey, value);
        }
        const prepared = prepareTerm(field, resolved.type, value);
        if (prepared.kind === 'constant') {
          if (prepared.matches) return ALL;
        } else {
          planned.push(prepared);
        }
      }
      if (planned.length === 0) return NONE;
      const checks = planned.flatMap((value) => (value.wildcardSource === undefined ? [] : [value.wildcardSource]));
      const documentTest =
        checks.length === 0 ? undefined : wildcardSourceDocumentTest(fetchPathsOf(resolved.sourcePaths), resolved.sourcePaths, checks);
      return {
        kind: 'match',
        queryField: resolved.queryField,
        sourcePaths: resolved.sourcePaths,
        nestedPaths: resolved.nestedPaths,
        anyLeaf: resolved.anyLeaf,
        queryStyle: queryStyleOf(resolved.type),
        values: planned,
        ...(documentTest === undefined ? {} : { documentTest }),
      };
    }
    default:
      return assertNever(resolved);
  }
}

function queryStyleOf(type: FieldType): QueryStyle {
  switch (type.type) {
    case 'keyword':
      return 'terms';
    case 'wildcard':
    case 'flattened':
    case 'flat_object':
    case 'constant_keyword':
    case 'text':
    case 'match_only_text':
    case 'long':
    case 'integer':
    case 'short':
    case 'byte':
    case 'double':
    case 'float':
    case 'half_float':
    case 'scaled_float':
    case 'unsigned_long':
    case 'boolean':
    case 'date':
    case 'date_nanos':
    case 'ip':
    case 'unsupported':
      return 'term-per-value';
    default:
      return assertNever(type);
  }
}
