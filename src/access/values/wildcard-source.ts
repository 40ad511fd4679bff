/**
 * `wildcard` fields without doc values (OpenSearch 2.x's default): a `term`
 * is answered in two phases by OpenSearch's `WildcardFieldMapper`:
 *
 * 1. candidates: documents whose indexed n-grams (of every value indexed
 *    into the field: the JSON text of each value, from every spelling of
 *    the path and every `copy_to` source) hold all the n-grams the value
 *    requires (`getRequiredNGrams`: anchored first two and last two
 *    characters and every 3-gram);
 * 2. check (`WildcardMatchingQuery`): a candidate matches when one value
 *    its value fetcher reads from `_source` (`SourceValueFetcher` at the
 *    field's source paths: `XContentMapValues.extractValue`, which follows
 *    the shortest key present at each level and gives `null_value` for an
 *    explicit `null`) is, as Java's
 *    `toString` of the parsed JSON value, equal to the filter value.
 *
 * Consequences the predicate reproduces: a `copy_to` target reads back its
 * own path and every source, and nothing when one of them is missing; in a
 * document holding both `{"o": {"w": "abc"}}` and `{"o.w": "xyz"}` only
 * `abc` is read, and with `{"o": {"x": 1}}` instead, nothing;
 * `null` (and `null` array elements) read as `null_value`; a number is
 * read as Java prints it: a JSON integer as its digits, any other number as
 * a Java `double` (`12345678.9` is `1.23456789E7`, `1e21` is `1.0E21`),
 * which matches only when that text is also indexed. A `JsonNumber` (from
 * `parseJsonDocument`) is indexed as its text as written and read back as
 * Jackson's `numberValue()` prints in Java: an integer token as
 * `Integer`/`Long`/`BigInteger` digits (`-0` is `0`), any other token as a
 * `Double` (`5.0` and `5e0` are `5.0`, `1e400` is `Infinity`). A plain JS
 * number is taken to be written as `JSON.stringify` writes it (see
 * `json-text.ts`).
 *
 * Java's `Double.toString` is emulated as JDK 19 and later print (the
 * shortest decimal, as JS); JDK 17 prints some doubles of magnitude below
 * 10^-3 or from 10^7 up with an extra digit. Such a number's text is never
 * its JSON text (Java writes `E`, JS `e+`), so it can match only through the
 * n-grams of other values of the same document, and only there may JDK 17
 * answer otherwise; for numbers whose Java text is their JSON text
 * (10^-3 ≤ |d| < 10^7) both JDKs print the same (checked on 300 000 doubles).
 *
 * @packageDocumentation
 */
import type { WildcardFieldType } from '../mapping/field-types.js';
import { isJsonNumber, jsonNumberIsInteger, jsonNumberText, jsonNumberValue } from '../documents/json-number.js';
import type { JsonNumber } from '../documents/json-number.js';
import { toIndexedForm } from './indexed-string.js';
import type { PreparedLeafTerm } from './prepared-term.js';

/** How one value fetched from `_source` relates to the filter value. */
export type FetchedMatch = 'yes' | 'needs-ngrams' | 'no';

/** The `_source` check of one filter value on a wildcard field without doc values. */
export interface WildcardSourceCheck {
  /**
   * `yes`: the fetched value's Java text is the filter value and is indexed
   * as such; `needs-ngrams`: its Java text is the filter value but its
   * indexed text differs (a number), so the document matches only if the
   * field's other indexed values hold the value's n-grams; `no`.
   */
  readonly fetched: (value: unknown) => FetchedMatch;
  /** The n-grams the engine's first phase requires (as indexed bytes' strings). */
  readonly requiredNgrams: readonly string[];
  readonly nullValue: string | undefined;
  readonly ignoreAbove: number;
}

const INTEGER_TEXT = /^-?\d+$/;

/**
 * Java's `Double.toString(d)` (JDK 19 and later: the shortest decimal that
 * reads back as `d`, as JS prints it): plain for 10^-3 ≤ |d| < 10^7, with at
 * least one fractional digit; otherwise `d.dddE±n`.
 *
 * @example
 * ```ts
 * javaDoubleToString(12345678.9); // '1.23456789E7'
 * javaDoubleToString(0.5);        // '0.5'
 * javaDoubleToString(1e21);       // '1.0E21'
 * ```
 */
export function javaDoubleToString(d: number): string {
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const sign = d < 0 ? '-' : '';
  const [mantissa = '', exponentText = '0'] = Math.abs(d).toExponential().split('e');
  const exponent = Number(exponentText);
  const digits = mantissa.replace('.', '');
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    if (exponent >= 0) {
      const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
      return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`;
    }
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  return `${sign}${digits.charAt(0)}.${digits.slice(1) || '0'}E${exponent}`;
}

/**
 * What Java's `toString` prints for the value Jackson's `numberValue()`
 * reads from a number token: the exact integer for an integer token, else
 * the `Double` of the text.
 */
function javaTextOfJsonNumber(n: JsonNumber): string {
  if (jsonNumberIsInteger(n)) return BigInt(jsonNumberText(n)).toString();
  const d = jsonNumberValue(n);
  return Number.isFinite(d) ? javaDoubleToString(d) : d > 0 ? 'Infinity' : '-Infinity';
}

/** The n-grams `getRequiredNGrams(quoteWildcard(value))` gives for a whole-value term. */
function requiredNgrams(value: string): string[] {
  const units = [...Array(value.length).keys()].map((i) => value.charAt(i));
  const length = units.length;
  const grams = new Set<string>();
  const [first = '', second = ''] = units;
  if (length === 1) {
    grams.add(`\0\0${first}`);
    grams.add(`\0${first}\0`);
    grams.add(`${first}\0\0`);
  } else {
    grams.add(`\0${first}${second}`);
    for (let i = 0; i + 3 <= length; i++) grams.add(value.slice(i, i + 3));
    grams.add(`${value.slice(length - 2)}\0`);
  }
  return [...grams].map(toIndexedForm);
}

/** The n-grams the engine indexes for `text` (`WildcardFieldTokenizer`: 3-unit windows of `\0\0text\0\0`). */
export function indexedNgrams(text: string, into: Set<string>): void {
  const padded = `\0\0${text}\0\0`;
  for (let i = 0; i + 3 <= padded.length; i++) into.add(toIndexedForm(padded.slice(i, i + 3)));
}

/**
 * Prepares a `term` on a wildcard field without doc values: `matchLeaf`
 * tests an indexed leaf (unused by the predicate for this type), and
 * `wildcardSource` carries the `_source` check the predicate runs on the
 * whole document.
 *
 * @example
 * ```ts
 * const t = prepareWildcardSourceTerm({ type: 'wildcard', docValues: false }, '1.23456789E7');
 * t.wildcardSource?.fetched(12345678.9); // 'needs-ngrams' (indexed as "12345678.9")
 * ```
 */
export function prepareWildcardSourceTerm(type: WildcardFieldType, value: string): PreparedLeafTerm {
  const ignoreAbove = type.ignoreAbove ?? Infinity;
  const fetched = (leaf: unknown): FetchedMatch => {
    switch (typeof leaf) {
      case 'string':
        return leaf === value && leaf.length <= ignoreAbove ? 'yes' : 'no';
      case 'boolean':
        return (leaf ? 'true' : 'false') === value ? 'yes' : 'no';
      case 'bigint':
        return leaf.toString() === value && value.length <= ignoreAbove ? 'yes' : 'no';
      case 'number': {
        if (!Number.isFinite(leaf)) return 'no';
        const text = String(leaf);
        if (INTEGER_TEXT.test(text)) return text === value && value.length <= ignoreAbove ? 'yes' : 'no';
        const java = javaDoubleToString(leaf);
        if (java !== value || java.length > ignoreAbove) return 'no';
        return java === text ? 'yes' : 'needs-ngrams';
      }
      case 'object': {
        if (!isJsonNumber(leaf)) return 'no';
        const java = javaTextOfJsonNumber(leaf);
        if (java !== value || java.length > ignoreAbove) return 'no';
        return jsonNumberText(leaf) === value ? 'yes' : 'needs-ngrams';
      }
      default:
        return 'no';
    }
  };
  const check: WildcardSourceCheck = { fetched, requiredNgrams: requiredNgrams(value), nullValue: type.nullValue, ignoreAbove };
  return { kind: 'leaf', queryValue: value, matchLeaf: (leaf) => fetched(leaf) === 'yes', wildcardSource: check };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(object: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** A JSON `null` as the engine receives it (`JSON.stringify` writes `NaN` and `±Infinity` as `null`). */
function isJsonNull(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value));
}

/**
 * `XContentMapValues.extractValue(pathElements, index, currentValue, nullValue)`
 * as OpenSearch 2.19 answers it (seen on the node): a list first (each
 * element on its own, so a `null` element at the end of the path gives
 * `nullValue`), then the end of the path, then a map, where the shortest
 * key present wins, with no fallback to a longer dotted key (in
 * `{"o": {"x": 1}, "o.w": "xyz"}` the path `o.w` finds nothing), and an
 * explicit `null` gives `nullValue`.
 */
function extractValue(path: readonly string[], index: number, current: unknown, nullValue: string | undefined): unknown {
  if (Array.isArray(current)) {
    const list: unknown[] = [];
    for (const element of current) {
      const found = extractValue(path, index, element, nullValue);
      if (found !== undefined && found !== null) list.push(found);
    }
    return list;
  }
  if (index === path.length) return isJsonNull(current) ? nullValue : current;
  if (isObject(current)) {
    let key = path[index] ?? '';
    for (let next = index + 1; ; next++) {
      if (own(current, key)) {
        const mapValue = current[key];
        return isJsonNull(mapValue) ? nullValue : extractValue(path, next, mapValue, nullValue);
      }
      if (next === path.length) return undefined;
      key += `.${path[next] ?? ''}`;
    }
  }
  return undefined;
}

/**
 * The values OpenSearch's `SourceValueFetcher` reads from `paths` (nested
 * lists flattened, `null`s dropped), before `toString`. Like the engine, it
 * reads nothing at all when one of the paths yields nothing.
 *
 * @example
 * ```ts
 * fetchSourceValues({ o: { w: 'abc' }, 'o.w': 'xyz' }, ['o.w'], undefined); // ['abc']
 * ```
 */
export function fetchSourceValues(doc: object, paths: readonly string[], nullValue: string | undefined): unknown[] {
  const out: unknown[] = [];
  for (const path of paths) {
    const found = extractValue(path.split('.'), 0, doc, nullValue);
    if (found === undefined || found === null) return [];
    const queue: unknown[] = [found];
    while (queue.length > 0) {
      const value = queue.shift();
      if (Array.isArray(value)) queue.push(...(value as unknown[]));
      else if (value !== undefined && !isJsonNull(value)) out.push(value);
    }
  }
  return out;
}

/** Every leaf indexed into a field from `path`, whatever its spelling (dotted keys, nested objects, arrays). */
function visitLeaves(node: unknown, segments: readonly string[], index: number, visit: (leaf: unknown) => void): void {
  if (Array.isArray(node)) {
    for (const element of node) visitLeaves(element, segments, index, visit);
    return;
  }
  if (index === segments.length) {
    if (!isObject(node) || isJsonNumber(node)) visit(node);
    return;
  }
  if (!isObject(node)) return;
  let key = '';
  for (let end = index; end < segments.length; end++) {
    key = end === index ? (segments[end] ?? '') : `${key}.${segments[end] ?? ''}`;
    if (own(node, key)) visitLeaves(node[key], segments, end + 1, visit);
  }
}

/**
 * The `_source` paths OpenSearch's value fetcher reads for a field whose
 * values come from `indexedPaths` (its own path, or a multi-field's parent,
 * then its `copy_to` sources, as `fieldTypesFromMapping` lists them): all
 * of them (`MapperService.sourcePath` gives a copy target itself and the
 * fields copied into it). With the fetcher reading nothing when one path is
 * missing, a copy target matches only documents that hold its own path and
 * every source (seen on the node).
 *
 * @example
 * ```ts
 * fetchPathsOf(['t', 'src']); // ['t', 'src']
 * ```
 */
export function fetchPathsOf(indexedPaths: readonly string[]): readonly string[] {
  return indexedPaths;
}

/**
 * The document test of a `term` on a wildcard field without doc values:
 * `fetchPaths` are the `_source` paths the engine reads back
 * (`fetchPathsOf`), `indexedPaths` every path whose values are indexed
 * into the field.
 *
 * @example
 * ```ts
 * const t = prepareWildcardSourceTerm({ type: 'wildcard', docValues: false }, 'abc');
 * const test = wildcardSourceDocumentTest(['w'], ['w'], [t.wildcardSource!]);
 * test({ w: 'abc' }); // true
 * ```
 */
export function wildcardSourceDocumentTest(
  fetchPaths: readonly string[],
  indexedPaths: readonly string[],
  checks: readonly WildcardSourceCheck[],
): (doc: object) => boolean {
  const [first] = checks;
  if (first === undefined) return () => false;
  const { nullValue, ignoreAbove } = first;
  const indexedSegments = indexedPaths.map((path) => path.split('.'));
  return (doc) => {
    const pending: WildcardSourceCheck[] = [];
    for (const value of fetchSourceValues(doc, fetchPaths, nullValue)) {
      for (const check of checks) {
        const outcome = check.fetched(value);
        if (outcome === 'yes') return true;
        if (outcome === 'needs-ngrams') pending.push(check);
      }
    }
    if (pending.length === 0) return false;
    const grams = new Set<string>();
    for (const segments of indexedSegments) {
      visitLeaves(doc, segments, 0, (leaf) => {
        const text = isJsonNull(leaf)
          ? nullValue
          : typeof leaf === 'string'
            ? leaf
            : typeof leaf === 'number' || typeof leaf === 'bigint' || typeof leaf === 'boolean'
              ? String(leaf)
              : isJsonNumber(leaf)
                ? jsonNumberText(leaf)
                : undefined;
        if (text !== undefined && text.length <= ignoreAbove) indexedNgrams(text, grams);
      });
    }
    return pending.some((check) => check.requiredNgrams.every((gram) => grams.has(gram)));
  };
}
