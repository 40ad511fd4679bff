/**
 * `constant_keyword`: every document of the index has the mapping's value.
 * `term`/`prefix` become match-all or match-none through
 * `Regex.simpleMatch` (so `*` is a wildcard even inside `term`; `?` is
 * literal). A document holding another value is rejected. Without a value
 * in the mapping (Elasticsearch before the first document) nothing matches;
 * a document that would set the value is not modelled.
 */
import type { ConstantKeywordFieldType } from '../../../src/access/mapping/field-types.js';
import { UnsupportedQueryError } from './errors.js';
import { ALL, type FieldModel, NONE, type TermTest, compareUtf8, leafText, queryText, rejected, simpleMatch } from './field-model.js';

/** The `constant_keyword` model; its terms are never looked at (the tests are all/none). */
export function constantKeywordModel(spec: ConstantKeywordFieldType, pointer: string): FieldModel {
  const constant = spec.value;
  const verdict = (matches: boolean): TermTest => (matches ? ALL : NONE);
  return {
    typeName: 'constant_keyword',
    index: (leaf) => {
      if (leaf === null) return [];
      const text = leafText(leaf);
      if (constant === undefined) throw new UnsupportedQueryError('a document setting the value of a constant_keyword field without a value in the mapping', pointer);
      return text === constant ? [] : rejected(`[${text}] does not match the constant_keyword value [${constant}]`, false);
    },
    term: (value) => verdict(constant !== undefined && simpleMatch(queryText(value), constant)),
    prefix: (value) => verdict(constant !== undefined && simpleMatch(`${value}*`, constant)),
    match: (value) => [verdict(constant !== undefined && simpleMatch(queryText(value), constant))],
    range: (bounds) => {
      if (constant === undefined) return NONE;
      const lowerOk =
        bounds.lower === undefined ||
        compareUtf8(constant, queryText(bounds.lower.value)) > 0 ||
        (bounds.lower.inclusive && constant === queryText(bounds.lower.value));
      const upperOk =
        bounds.upper === undefined ||
        compareUtf8(constant, queryText(bounds.upper.value)) < 0 ||
        (bounds.upper.inclusive && constant === queryText(bounds.upper.value));
      return verdict(lowerOk && upperOk);
    },
  };
}
