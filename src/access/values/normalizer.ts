/**
 * A keyword normalizer as a chain of emulated per-character filters, applied
 * in the order the index settings list them, to the filter value at query
 * time (`KeywordFieldType.indexedValueForSearch`) and to every document
 * value at index time (`KeywordFieldMapper.normalizeValue`), both through
 * the normalizer's `normalize` path (a single token: no filter can split or
 * drop it).
 *
 * Some values cannot be matched exactly on every engine, because the
 * result depends on the Unicode version of the engine's JDK (17 to 25):
 * - `lowercase` / `uppercase`: values holding characters whose case
 *   mapping changed between those versions, or their images;
 * - `decimal_digit`: which characters are decimal digits grew with every
 *   Unicode version (Kawi, Garay, Sunuwar... digits are digits on JDK 21+
 *   or 24+ only), so a document holding such a character matches a value
 *   with digits on some engines and not on others; values holding a digit
 *   (ASCII or any script), or an unassigned code point, after
 *   normalization are rejected. A value without digits is exact: no
 *   document value that holds a digit can equal it, on any engine.
 * The other filters (`asciifolding`, `trim`, `cjk_width`) are fixed tables
 * and rules, the same on every engine; none of them maps a
 * version-dependent character.
 *
 * @packageDocumentation
 */
import type { NormalizerFilter } from '../mapping/field-types.js';
import { assertNever } from '../../assert-never.js';
import { asciiFold } from './ascii-folding.js';
import { cjkWidth } from './cjk-width.js';
import { hasVersionDependentLowercase, javaLowerCase } from './java-lowercase.js';
import { hasVersionDependentUppercase, javaUpperCase } from './java-uppercase.js';

/** Java `Character.isWhitespace(char)`, the test of Lucene's `TrimFilter` (the same on JDK 17 and 25). */
const JAVA_WHITESPACE = '\t\n\u000B\f\r\u001C\u001D\u001E\u001F \u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200A\u2028\u2029\u205F\u3000';

/**
 * Lucene's `TrimFilter`: removes Java whitespace at both ends.
 *
 * @example
 * ```ts
 * javaTrimWhitespace('\u3000 a b\t'); // 'a b'
 * ```
 */
export function javaTrimWhitespace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && JAVA_WHITESPACE.includes(s.charAt(start))) start++;
  while (end > start && JAVA_WHITESPACE.includes(s.charAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

function applyFilter(filter: NormalizerFilter, s: string): string {
  switch (filter) {
    case 'lowercase':
      return javaLowerCase(s);
    case 'uppercase':
      return javaUpperCase(s);
    case 'asciifolding':
      return asciiFold(s);
    case 'trim':
      return javaTrimWhitespace(s);
    case 'cjk_width':
      return cjkWidth(s);
    case 'decimal_digit':
      // Every value holding a digit is rejected (see above), so for the values accepted the
      // digits' mapping never decides a match: a document value holding one cannot be equal.
      return s;
    default:
      return assertNever(filter);
  }
}

/**
 * `s` through the filters, in order.
 *
 * @example
 * ```ts
 * normalize(['lowercase', 'asciifolding'], 'Café'); // 'cafe'
 * ```
 */
export function normalize(filters: readonly NormalizerFilter[], s: string): string {
  let out = s;
  for (const filter of filters) out = applyFilter(filter, out);
  return out;
}

const DIGIT_OR_UNASSIGNED = /[0-9]|\p{Nd}|\p{Cn}/u;

/**
 * Why the filter value `value` cannot be matched exactly on every engine
 * through these filters, or `undefined` when it can.
 *
 * @example
 * ```ts
 * normalizerValueProblem(['decimal_digit'], 'a1'); // 'it holds a digit, ...'
 * normalizerValueProblem(['lowercase'], 'Acme');   // undefined
 * ```
 */
export function normalizerValueProblem(filters: readonly NormalizerFilter[], value: string): string | undefined {
  let current = value;
  for (const filter of filters) {
    if (filter === 'lowercase' && hasVersionDependentLowercase(current)) {
      return 'it holds characters whose lowercase form differs between the Unicode versions of the supported engines';
    }
    if (filter === 'uppercase' && hasVersionDependentUppercase(current)) {
      return 'it holds characters whose uppercase form differs between the Unicode versions of the supported engines';
    }
    current = applyFilter(filter, current);
  }
  if (filters.includes('lowercase') && hasVersionDependentLowercase(current)) {
    return 'it holds characters whose lowercase form differs between the Unicode versions of the supported engines';
  }
  if (filters.includes('uppercase') && hasVersionDependentUppercase(current)) {
    return 'it holds characters whose uppercase form differs between the Unicode versions of the supported engines';
  }
  if (filters.includes('decimal_digit') && (DIGIT_OR_UNASSIGNED.test(value) || DIGIT_OR_UNASSIGNED.test(current))) {
    return 'it holds a digit (or an unassigned code point), and which characters the decimal_digit filter turns into digits depends on the Unicode version of the engine';
  }
  return undefined;
}
