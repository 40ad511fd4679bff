/**
 * The schemaless rules, used when the compilers know no field types
 * (used by `toPredicate` only; `toElasticsearchQuery` needs field types). They are not an emulation of any mapping; they are the
 * documented, predictable meaning of a filter on unknown data:
 * - a string leaf matches when it equals the value exactly (no trimming,
 *   no case folding);
 * - a number leaf matches when the value is a JSON number literal of the
 *   same value (`"200"`, `"200.0"`, `"2e2"` match 200; `"-0"` matches 0;
 *   `" 200"`, `"0x10"`, `"Infinity"` match no number);
 * - a boolean leaf matches `"true"` / `"false"`;
 * - a bigint leaf matches the value when it is an integer literal of the
 *   same value;
 * - a `JsonNumber` leaf (from `parseJsonDocument`) like a number, except
 *   that an integer token and an integer literal compare exactly
 *   (`9007199254740993` does not match `"9007199254740992"`);
 * - `null` never matches.
 *
 * @packageDocumentation
 */
import { isJsonNumber, jsonNumberIsInteger, jsonNumberText, jsonNumberValue } from '../documents/json-number.js';
import type { PreparedLeafTerm } from './prepared-term.js';

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const JSON_INTEGER = /^-?(?:0|[1-9]\d*)$/;

/**
 * Prepares a schemaless term (no field type known).
 *
 * @example
 * ```ts
 * const t = prepareSchemalessLeafTerm('2e2');
 * t.matchLeaf(200);   // true
 * t.matchLeaf('200'); // false (strings compare exactly)
 * ```
 */
export function prepareSchemalessLeafTerm(value: string): PreparedLeafTerm {
  const asNumber = JSON_NUMBER.test(value) ? Number(value) : Number.NaN;
  const asBigInt = JSON_INTEGER.test(value) ? BigInt(value) : undefined;
  const asBoolean = value === 'true' ? true : value === 'false' ? false : undefined;
  const matchLeaf = (leaf: unknown): boolean => {
    if (leaf === value) return true;
    switch (typeof leaf) {
      case 'number':
        return leaf === asNumber;
      case 'boolean':
        return leaf === asBoolean;
      case 'bigint':
        return leaf === asBigInt;
      case 'object':
        if (!isJsonNumber(leaf)) return false;
        return asBigInt !== undefined && jsonNumberIsInteger(leaf)
          ? BigInt(jsonNumberText(leaf)) === asBigInt
          : jsonNumberValue(leaf) === asNumber;
      default:
        return false;
    }
  };
  // A string leaf matches only by `leaf === value`: the switch below returns false for strings.
  return { kind: 'leaf', queryValue: value, matchLeaf, exactString: value };
}
