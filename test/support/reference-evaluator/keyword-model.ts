/**
 * `keyword`, `wildcard` and the leaves of `flattened`/`flat_object`:
 * exact UTF-8 terms. Index side, in order: `null` → `null_value`;
 * longer than `ignore_above` (UTF-16 units, before normalizing) → not
 * indexed; the `lowercase` normalizer; more than 32766 UTF-8 bytes →
 * document rejected (keyword only). Query side: the normalizer applies
 * too, `ignore_above` does not.
 */
import { UnsupportedQueryError } from './errors.js';
import {
  type FieldModel,
  type IndexedTerm,
  type QueryScalar,
  type RangeBounds,
  type Rejection,
  type TermTest,
  javaLowerCase,
  leafText,
  queryText,
  rejected,
  stringRange,
  testOf,
  utf8Length,
  wellFormed,
} from './field-model.js';
import type { SourceLeaf } from './source-walk.js';

/** The settings a keyword-like field can carry. */
export interface KeywordSettings {
  readonly typeName: string;
  readonly normalizer?: string | undefined;
  readonly ignoreAbove?: number | undefined;
  readonly nullValue?: string | undefined;
  /** Lucene's immense-term limit applies (keyword yes, wildcard and flattened keys no). */
  readonly byteLimit: boolean;
}

const MAX_TERM_BYTES = 32766;

/** The normalizer as a function; throws `UnsupportedQueryError` for one the oracle does not model. */
function normalizerOf(name: string | undefined, pointer: string): (s: string) => string {
  if (name === undefined) return (s) => s;
  if (name === 'lowercase') return javaLowerCase;
  throw new UnsupportedQueryError(`normalizer [${name}] is not modelled`, pointer);
}

/** A keyword-like model. `pointer` names the mapping entry, for the unsupported-normalizer error. */
export function keywordModel(settings: KeywordSettings, pointer: string): FieldModel {
  const normalize = normalizerOf(settings.normalizer, pointer);
  const searchText = (value: QueryScalar): string => wellFormed(normalize(queryText(value)));

  const index = (leaf: SourceLeaf): readonly IndexedTerm[] | Rejection => {
    const raw = leaf === null ? settings.nullValue : leafText(leaf);
    if (raw === undefined) return [];
    if (settings.ignoreAbove !== undefined && raw.length > settings.ignoreAbove) return [];
    const term = wellFormed(normalize(raw));
    if (settings.byteLimit && utf8Length(term) > MAX_TERM_BYTES) {
      return rejected(`immense term: more than ${MAX_TERM_BYTES} UTF-8 bytes in a ${settings.typeName} field`, false);
    }
    return [term];
  };

  const term = (value: QueryScalar): TermTest => {
    const wanted = searchText(value);
    return testOf((t) => t === wanted);
  };

  return {
    typeName: settings.typeName,
    index,
    term,
    range: (bounds: RangeBounds) =>
      stringRange(
        bounds.lower === undefined ? undefined : searchText(bounds.lower.value),
        bounds.lower?.inclusive ?? true,
        bounds.upper === undefined ? undefined : searchText(bounds.upper.value),
        bounds.upper?.inclusive ?? true,
      ),
    prefix: (value: string) => {
      const wanted = wellFormed(normalize(value));
      return testOf((t) => typeof t === 'string' && t.startsWith(wanted));
    },
    // The keyword analyzer (plus the normalizer) turns the whole query into one term.
    match: (value: QueryScalar) => [term(value)],
  };
}
