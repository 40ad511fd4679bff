/**
 * How a non-string JSON scalar reaches a string-indexed field (`keyword`,
 * `wildcard`, `flattened`): the engine indexes its JSON text (Jackson's
 * `getText()` of a number token is the literal as written). A `JsonNumber`
 * (from `parseJsonDocument`) carries that text. A plain JS number is taken
 * to be sent as `JSON.stringify` writes it, so its text is `String(n)` (`5`,
 * `0.1`, `1e+21`; `-0` is written `0`); a bigint's is its decimal digits, a
 * boolean's `true`/`false`, and `NaN`/`±Infinity`, which `JSON.stringify`
 * writes as `null`, count as `null`.
 *
 * @packageDocumentation
 */
import { isJsonNumber, jsonNumberText } from '../documents/json-number.js';


/**
 * The JSON text of a number, `JsonNumber`, bigint or boolean leaf as the engine indexes it
 * into a string field; `null` for a leaf that reaches the engine as `null`
 * (`null`, `NaN`, `±Infinity`); `undefined` for anything else (objects,
 * `undefined`), which the engine never indexes as a term.
 *
 * @example
 * ```ts
 * scalarJsonText(5);      // '5'
 * scalarJsonText(-0);     // '0'
 * scalarJsonText(5n);     // '5'
 * scalarJsonText(true);   // 'true'
 * scalarJsonText(NaN);    // null
 * scalarJsonText(jsonNumber('5.0')); // '5.0'
 * ```
 */
export function scalarJsonText(leaf: unknown): string | null | undefined {
  switch (typeof leaf) {
    case 'string':
      return leaf;
    case 'number':
      return Number.isFinite(leaf) ? String(leaf) : null;
    case 'bigint':
      return leaf.toString();
    case 'boolean':
      return leaf ? 'true' : 'false';
    case 'object':
      return leaf === null ? null : isJsonNumber(leaf) ? jsonNumberText(leaf) : undefined;
    default:
      return undefined;
  }
}
