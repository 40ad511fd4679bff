/**
 * How a non-string JSON scalar reaches a string-indexed field (`keyword`,
 * `wildcard`, `flattened`): the engine indexes its JSON text. A document is
 * taken to be sent as `JSON.stringify` writes it, so a number's text is
 * `String(n)` (`5`, `0.1`, `1e+21`; `-0` is written `0`), a bigint's its
 * decimal digits, a boolean's `true`/`false`, and `NaN`/`±Infinity`, which
 * `JSON.stringify` writes as `null`, count as `null`.
 *
 * @packageDocumentation
 */

/**
 * The JSON text of a number, bigint or boolean leaf as the engine indexes it
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
      return leaf === null ? null : undefined;
    default:
      return undefined;
  }
}
