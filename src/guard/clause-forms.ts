/**
 * The two shapes of leaf clause bodies, read the way the engines' parsers
 * read them:
 *
 * - an option object (`exists`, `multi_match` ...): every key is a parameter;
 * - a field-keyed object (`term`, `range`, `geo_distance` ...): a key whose
 *   value is a scalar and whose name is a parameter of the clause is that
 *   parameter; any other key is the one field the clause queries. So
 *   `"boost": 2` is the boost, but `"boost": { ... }` is a field called
 *   `boost` to the engine (OpenSearch `TermQueryBuilder.fromXContent`,
 *   `TermsQueryBuilder.fromXContent`, `RangeQueryBuilder.fromXContent`:
 *   `START_OBJECT` / `START_ARRAY` starts the field, a value token under a
 *   known name is a parameter). The guard refuses a field named like a
 *   parameter: engines and versions disagree on it, and no real mapping needs it.
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
        refuse('parameter-as-field', `"${key}" with an object or array value is read by the engine as a field of that name, not as the parameter.`, { pointer: at });
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
