/**
 * The schemaless rules (no `fields`; docs/design.md §4): a query value matches a
 * `_source` leaf when the leaf is a string equal to the value's text, a
 * number equal to the value read as a JSON number literal (so `"200.0"` and
 * `"2e2"` match 200, `" 200"` and `"+200"` do not), a bigint equal to the
 * value read as a JSON integer literal, or a boolean whose `"true"`/`"false"`
 * equals the value. `null` never matches.
 *
 * This is the library's documented convention, not an engine's behaviour
 * (a dynamic mapping would make strings `text` + `.keyword`).
 */
import {
  type FieldModel,
  type IndexedTerm,
  type QueryScalar,
  type RangeBound,
  type TermTest,
  compareUtf8,
  queryText,
  testOf,
} from './field-model.js';

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const JSON_INTEGER = /^-?(?:0|[1-9]\d*)$/;

/** The number a query value stands for under the schemaless rules, if any. */
function numericValue(value: QueryScalar): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && JSON_NUMBER.test(value)) return Number(value);
  return undefined;
}

function termTest(value: QueryScalar): (t: IndexedTerm) => boolean {
  const text = queryText(value);
  const asNumber = numericValue(value);
  const asBigint = typeof value === 'string' && JSON_INTEGER.test(value) ? BigInt(value) : undefined;
  return (t) => {
    switch (typeof t) {
      case 'string':
        return t === text;
      case 'number':
        return asNumber !== undefined && asNumber === t;
      case 'bigint':
        return asBigint !== undefined && asBigint === t;
      case 'boolean':
        return text === String(t);
      default:
        return false;
    }
  };
}

/**
 * Range under the schemaless rules: string leaves compare with every bound's
 * text in UTF-8 order; number leaves compare numerically and only when every
 * bound is numeric (a JSON number, or a string that is a JSON number
 * literal); bigint leaves compare through their double value; booleans are
 * never in a range.
 */
function rangeTest(lower: RangeBound | undefined, upper: RangeBound | undefined): TermTest {
  const ok = (c: number, bound: RangeBound, side: 1 | -1): boolean => c * side > 0 || (c === 0 && bound.inclusive);
  const numericLower = lower === undefined ? undefined : numericValue(lower.value);
  const numericUpper = upper === undefined ? undefined : numericValue(upper.value);
  const numericUsable = (lower === undefined || numericLower !== undefined) && (upper === undefined || numericUpper !== undefined);
  return testOf((t) => {
    if (typeof t === 'string') {
      return (
        (lower === undefined || ok(compareUtf8(t, queryText(lower.value)), lower, 1)) &&
        (upper === undefined || ok(compareUtf8(t, queryText(upper.value)), upper, -1))
      );
    }
    if (typeof t === 'number' || typeof t === 'bigint') {
      if (!numericUsable) return false;
      const n = Number(t);
      const cmp = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0);
      return (
        (lower === undefined || ok(cmp(n, numericLower!), lower, 1)) && (upper === undefined || ok(cmp(n, numericUpper!), upper, -1))
      );
    }
    return false;
  });
}

/** The schemaless model: terms are the `_source` scalars themselves. */
export const schemalessModel: FieldModel = {
  typeName: 'schemaless',
  index: (leaf) => (leaf === null ? [] : [leaf]),
  term: (value) => testOf(termTest(value)),
  match: (value) => [testOf(termTest(value))],
  range: (bounds) => rangeTest(bounds.lower, bounds.upper),
  prefix: (value) => testOf((t) => typeof t === 'string' && t.startsWith(value)),
};
