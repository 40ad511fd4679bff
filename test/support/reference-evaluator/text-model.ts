/**
 * `text` / `match_only_text` with the standard analyzer, approximated:
 * tokens are maximal runs of letters, marks, digits and `_`, joined across a
 * single `.`, `'` or `’` between such runs (UAX#29 keeps `foo.bar`, `3.14`,
 * `don't` whole) and across `:` between letters; each Han or kana character
 * is a token of its own; tokens longer than 255 UTF-16 units are split;
 * tokens are lower-cased per code point like Lucene. No stop words (the
 * standard analyzer's default list is empty).
 *
 * `term` is not analyzed, so it matches only a value equal to one token;
 * `match` analyzes the query the same way and ORs (or ANDs) its tokens.
 */
import type { TextFieldType } from '../../../src/access/mapping/field-types.js';
import {
  type FieldModel,
  type QueryScalar,
  NONE,
  type TermTest,
  javaLowerCase,
  leafText,
  queryText,
  stringRange,
  testOf,
  wellFormed,
} from './field-model.js';

const WORD = /[\p{L}\p{M}\p{N}_]+(?:(?:[.'’][\p{L}\p{M}\p{N}_]+)|(?::[\p{L}\p{M}]+))*/gu;
const IDEOGRAPHIC = /(\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana})/u;
const MAX_TOKEN_LENGTH = 255;

/** The tokens the approximated standard analyzer makes of `text`. */
export function analyzeStandard(text: string): string[] {
  const tokens: string[] = [];
  for (const match of wellFormed(text).matchAll(WORD)) {
    for (const piece of match[0].split(IDEOGRAPHIC)) {
      if (piece === '') continue;
      for (let i = 0; i < piece.length; i += MAX_TOKEN_LENGTH) tokens.push(javaLowerCase(piece.slice(i, i + MAX_TOKEN_LENGTH)));
    }
  }
  return tokens;
}

/** The `text` model: terms are tokens. */
export function textModel(spec: TextFieldType): FieldModel {
  return {
    typeName: spec.type,
    index: (leaf) => {
      if (leaf === null) return [];
      return analyzeStandard(leafText(leaf));
    },
    term: (value: QueryScalar) => {
      const wanted = wellFormed(queryText(value));
      return testOf((t) => t === wanted);
    },
    range: (bounds) =>
      stringRange(
        bounds.lower === undefined ? undefined : wellFormed(queryText(bounds.lower.value)),
        bounds.lower?.inclusive ?? true,
        bounds.upper === undefined ? undefined : wellFormed(queryText(bounds.upper.value)),
        bounds.upper?.inclusive ?? true,
      ),
    prefix: (value) => {
      const wanted = wellFormed(value);
      return testOf((t) => typeof t === 'string' && t.startsWith(wanted));
    },
    match: (value, options): readonly TermTest[] => {
      const tokens = analyzeStandard(queryText(value));
      // zero_terms_query defaults to none
      if (tokens.length === 0) return [NONE];
      if (options.operator === 'and') return tokens.map((token) => testOf((t) => t === token));
      return [testOf((t) => typeof t === 'string' && tokens.includes(t))];
    },
  };
}
