/**
 * The dispatcher from a field type to its value rules. Both compilers
 * (`toElasticsearchQuery`, `toPredicate`) call `prepareTerm` once per
 * term at compile time, so they accept and reject exactly the same values.
 *
 * @packageDocumentation
 */
import type { FieldType } from '../mapping/field-types.js';
import { prepareBooleanTerm } from './boolean.js';
import { prepareConstantKeywordTerm } from './constant-keyword.js';
import { prepareDateTerm } from './date.js';
import { prepareFlattenedTerm } from './flattened.js';
import { prepareFloatingTerm } from './floating.js';
import { prepareIntegerTerm } from './integer.js';
import { prepareIpTerm } from './ip.js';
import { prepareKeywordTerm } from './keyword.js';
import { prepareLongTerm } from './long.js';
import type { PreparedLeafTerm, PreparedTerm } from './prepared-term.js';
import { rejectTerm } from './rejection.js';
import { prepareScaledFloatTerm } from './scaled-float.js';
import { prepareSchemalessLeafTerm } from './schemaless.js';
import { prepareUnsignedLongTerm } from './unsigned-long.js';

export type { PreparedTerm } from './prepared-term.js';

/**
 * Checks a filter value against a field type and prepares it for both
 * compilers: the value the query sends and the predicate's leaf matcher.
 *
 * Every value is either emulated exactly for every engine the engine suite
 * runs (OpenSearch 2.19 and 3.9, Elasticsearch 8.19) or rejected. Values the engines
 * accept but that can match no document on any of them (`"1.5"` on an
 * `integer`, `"200"` on a `byte`) are accepted and match nothing.
 *
 * @throws SharedTokenError `VALIDATION` with context
 *   `{ field, fieldType, value, reason }` when the value cannot be emulated
 *   exactly on every engine (the engine errors, engines disagree, or the
 *   result depends on the clock), or the type is not emulated (`text`
 *   without a keyword sub-field, `unsupported`).
 *
 * @example
 * ```ts
 * prepareTerm('ip', { type: 'ip' }, '::ffff:10.0.0.1');          // leaf; matches "10.0.0.1"
 * prepareTerm('ip', { type: 'ip' }, '10.0.0.0/8');               // throws VALIDATION (CIDR)
 * prepareTerm('org', { type: 'constant_keyword', value: 'acme' }, 'acme'); // { kind: 'constant', matches: true }
 * ```
 */
export function prepareTerm(field: string, type: FieldType, value: string): PreparedTerm {
  switch (type.type) {
    case 'keyword':
    case 'wildcard':
      return prepareKeywordTerm(field, type, value);
    case 'constant_keyword':
      return prepareConstantKeywordTerm(field, type, value);
    case 'text':
    case 'match_only_text':
      throw rejectTerm(
        field,
        type.type,
        value,
        type.keywordSubfield === undefined
          ? 'a `term` on an analyzed text field matches single tokens, not the value; map a keyword sub-field'
          : `a \`term\` on an analyzed text field matches single tokens, not the value; filter on "${type.keywordSubfield}" instead`,
      );
    case 'long':
      return prepareLongTerm(field, type, value);
    case 'integer':
    case 'short':
    case 'byte':
      return prepareIntegerTerm(field, type, value);
    case 'double':
    case 'float':
    case 'half_float':
      return prepareFloatingTerm(field, type, value);
    case 'scaled_float':
      return prepareScaledFloatTerm(field, type, value);
    case 'unsigned_long':
      return prepareUnsignedLongTerm(field, type, value);
    case 'boolean':
      return prepareBooleanTerm(field, type, value);
    case 'date':
    case 'date_nanos':
      return prepareDateTerm(field, type, value);
    case 'ip':
      return prepareIpTerm(field, type, value);
    case 'flattened':
    case 'flat_object':
      return prepareFlattenedTerm(field, type, value);
    case 'unsupported':
      throw rejectTerm(field, type.mappedType, value, `the field type "${type.mappedType}" is not supported by the filter compiler`);
    default:
      return unreachable(type);
  }
}

/**
 * The schemaless rules, used when the compilers get no `fields` option
 * (used by `toPredicate` only): a string leaf matches when it equals the value exactly; a
 * number leaf when the value is a JSON number literal of the same value
 * (`"200"`, `"2e2"` and `"200.0"` all match `200`; `-0` equals `0`); a
 * boolean leaf when the value is `"true"`/`"false"`; a bigint leaf when the
 * value is its decimal integer literal. `null` never matches. Never throws:
 * every string is a valid schemaless value.
 *
 * @example
 * ```ts
 * const t = prepareSchemalessTerm('200');
 * t.matchLeaf(200);    // true
 * t.matchLeaf('200');  // true
 * t.matchLeaf(' 200'); // false
 * ```
 */
export function prepareSchemalessTerm(value: string): PreparedLeafTerm {
  return prepareSchemalessLeafTerm(value);
}

function unreachable(type: never): never {
  throw new TypeError(`Unknown field type: ${JSON.stringify(type)}`);
}
