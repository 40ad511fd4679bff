/**
 * The shapes of leaf clause bodies, read the way the engines' parsers read
 * them:
 *
 * - an option object (`exists`, `multi_match` ...): every key is a parameter;
 * - a field-keyed object (`term`, `range`, `geo_distance` ...): the one
 *   field the clause queries, plus, for some clauses only, outer parameters
 *   with a value token (`terms`, the geo clauses). Which keys are outer
 *   parameters differs per clause: `TermQueryBuilder`, `MatchQueryBuilder`,
 *   `PrefixQueryBuilder` ... read any value token at the outer level as the
 *   short form of a field (`{"term": {"boost": 2}}` is a term on a field
 *   called `boost`), `RangeQueryBuilder` refuses it, `TermsQueryBuilder`
 *   and `Geo*QueryBuilder` read `boost`/`_name` there as parameters; a
 *   `START_OBJECT` / `START_ARRAY` always starts the field, so
 *   `"boost": { ... }` is a field called `boost` to every engine. The guard
 *   refuses a field named `boost` or `_name`, or named like an outer
 *   parameter of its clause (`parameter-as-field`): engines and versions
 *   disagree on them, and no real mapping needs them.
 *
 * @packageDocumentation
 */
import type { JsonObject, JsonValue } from './json-value.js';
import { isJsonObject, setOwn } from './json-value.js';
import type { Kind } from './json-kinds.js';
import { number, string } from './json-kinds.js';
import type { KeyRules, RefusedKey } from './object-rules.js';
import { expectObject, ruleFor, walkObject } from './object-rules.js';
import { childPointer } from './pointer.js';
import { refuse, shown } from './refusal.js';

/** `boost` and `_name`, the parameters (almost) every clause takes (`AbstractQueryBuilder`). */
export const NAME_AND_BOOST: KeyRules = { boost: number, _name: string };

/** A refusal for an option whose result depends on the index-wide term dictionary, hidden documents included. */
export function oracle(why: string): RefusedKey {
  return { refuse: 'term-dictionary-oracle', why };
}

/** Parses an option object: every key must be in `rules`. */
export function optionObject(what: string, rules: KeyRules): Kind {
  return (value, pointer) => walkObject(value, pointer, what, rules, 'query-option-not-allowed');
}

/** How a field-keyed clause reads the value under its field. */
export type FieldValue = (value: JsonValue, pointer: string, field: string) => JsonValue;

const isContainer = (value: JsonValue): boolean => typeof value === 'object' && value !== null;

/**
 * Parses a field-keyed clause body: parameters from `outer` (scalar values
 * only), and exactly one field, read with `field`.
 */
export function fieldKeyed(what: string, outer: KeyRules, field: FieldValue): Kind {
  // Engine parsers read these names as parameters in at least one position of every field-keyed clause.
  return (value, pointer) => {
    const source = expectObject(value, pointer, what);
    const out: JsonObject = {};
    let seen: string | undefined;
    for (const key of Object.keys(source)) {
      const at = childPointer(pointer, key);
      const item = source[key] as JsonValue;
      const rule = ruleFor(outer, key);
      if (rule !== undefined && !isContainer(item)) {
        if (typeof rule !== 'function') refuse(rule.refuse, rule.why, { pointer: at });
        setOwn(out, key, rule(item, at));
        continue;
      }
      if (rule !== undefined || key === 'boost' || key === '_name') {
        refuse(
          'parameter-as-field',
          `"${shown(key)}" here is read by the engine as a field of that name, not as a parameter; the guard refuses such field names.`,
          { pointer: at },
        );
      }
      if (seen !== undefined) refuse('malformed', `${what} takes exactly one field; it has "${shown(seen)}" and "${shown(key)}".`, { pointer: at });
      seen = key;
      setOwn(out, key, field(item, at, key));
    }
    if (seen === undefined) refuse('malformed', `${what} names no field.`, { pointer });
    return out;
  };
}

/**
 * A field value that must be an object of exactly `rules` (no `boost` or
 * `_name` inside): `GeoBoundingBox.parseBoundingBox`,
 * `GeoPolygonQueryBuilder.fromXContent` and
 * `AbstractGeometryQueryBuilder.parsedParamsFromXContent` read those at the
 * outer level only.
 */
export function objectOf(what: string, rules: KeyRules): FieldValue {
  return (value, pointer) => walkObject(value, pointer, what, rules, 'query-option-not-allowed');
}

/**
 * The usual field value: the short form (`{ term: { f: "x" } }`, read with
 * `short`) or an object of parameters (`{ term: { f: { value: "x" } } }`).
 * Without `short`, only the object form is accepted.
 */
export function shortOrObject(what: string, short: Kind | undefined, rules: KeyRules): FieldValue {
  const all: KeyRules = { ...NAME_AND_BOOST, ...rules };
  return (value, pointer) => {
    if (isJsonObject(value)) return walkObject(value, pointer, what, all, 'query-option-not-allowed');
    if (short === undefined) return refuse('malformed', `${what} must be an object of options.`, { pointer });
    return short(value, pointer);
  };
}
