/**
 * Query DSL → a test over one indexed document. Compiling first means a
 * value the engine refuses fails the whole query even on an empty index,
 * like a shard failure does.
 *
 * Modelled clauses: match_all, match_none, term, terms (values, not
 * lookups), match, prefix, range, exists, ids, bool, nested,
 * constant_score, dis_max, boosting. Anything else throws
 * `UnsupportedQueryError`; malformed DSL throws `ReferenceQueryError`.
 */
import { compileBool, compileBoosting, compileConstantScore, compileDisMax, compileNested } from './compound-clauses.js';
import { compileExists, compileIds, compileMatch, compileMatchAll, compilePrefix, compileRange, compileTerm, compileTerms } from './leaf-clauses.js';
import { ALWAYS, type Context, type Matcher, NEVER, at, isObj, parsing, unsupported } from './query-syntax.js';

export type { Context, Matcher } from './query-syntax.js';

/**
 * Compiles one query clause. Throws `ReferenceQueryError` where the engine
 * would fail the request, `UnsupportedQueryError` for what the oracle does
 * not model.
 */
export function compileQuery(query: unknown, ctx: Context, pointer: string): Matcher {
  if (!isObj(query)) return parsing(pointer, 'query malformed, must start with start_object');
  const keys = Object.keys(query);
  if (keys.length === 0) return parsing(pointer, 'query malformed, empty clause found');
  if (keys.length > 1) return parsing(pointer, `[${keys[0]}] malformed query, expected [END_OBJECT] but found [FIELD_NAME]`);
  const clause = keys[0]!;
  const body = query[clause];
  const p = at(pointer, clause);
  switch (clause) {
    case 'match_all':
      return compileMatchAll(body, p, ALWAYS, clause);
    case 'match_none':
      return compileMatchAll(body, p, NEVER, clause);
    case 'term':
      return compileTerm(body, ctx, p);
    case 'terms':
      return compileTerms(body, ctx, p);
    case 'match':
      return compileMatch(body, ctx, p);
    case 'prefix':
      return compilePrefix(body, ctx, p);
    case 'range':
      return compileRange(body, ctx, p);
    case 'exists':
      return compileExists(body, ctx, p);
    case 'ids':
      return compileIds(body, p);
    case 'bool':
      return compileBool(body, ctx, p, compileQuery);
    case 'nested':
      return compileNested(body, ctx, p, compileQuery);
    case 'constant_score':
      return compileConstantScore(body, ctx, p, compileQuery);
    case 'dis_max':
      return compileDisMax(body, ctx, p, compileQuery);
    case 'boosting':
      return compileBoosting(body, ctx, p, compileQuery);
    default:
      return unsupported(p, `query clause [${clause}] is not modelled`);
  }
}
