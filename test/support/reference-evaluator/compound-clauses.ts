/**
 * Compound clauses: bool (with minimum_should_match as
 * `Queries.calculateMinShouldMatch` computes it), nested, constant_score,
 * dis_max, boosting. Sub-queries compile through the dispatcher passed in.
 */
import type { ReferenceDocument } from '../reference-index.js';
import { ReferenceQueryError } from './errors.js';
import { javaTrim } from './java-number.js';
import { ALWAYS, type Compile, type Context, type Matcher, NEVER, SCORE_ONLY, at, checkKeys, clauseList, isObj, parsing, unsupported } from './query-syntax.js';

/** `Queries.calculateMinShouldMatch` (no conditional specs). */
function minShouldMatch(optionalCount: number, raw: unknown, pointer: string): number {
  if (typeof raw !== 'string' && typeof raw !== 'number') return parsing(pointer, '[bool] minimum_should_match must be a string or number');
  const spec = javaTrim(String(raw));
  if (spec.includes('<')) return unsupported(pointer, '[bool] conditional minimum_should_match is not modelled');
  const parseInt = (s: string): number => {
    if (!/^[+-]?\d{1,10}$/.test(s) || Math.abs(Number(s)) > 2 ** 31 - 1) return parsing(pointer, `For input string: "${s}"`);
    return Number(s);
  };
  let result = optionalCount;
  if (spec.includes('%')) {
    const percent = parseInt(spec.slice(0, -1));
    const calc = Math.fround(Math.fround(Math.imul(result, percent)) * Math.fround(1 / 100));
    result = calc < 0 ? result + Math.trunc(calc) : Math.trunc(calc);
  } else {
    const calc = parseInt(spec);
    result = calc < 0 ? result + calc : calc;
  }
  return result < 0 ? 0 : result;
}


export function compileBool(body: unknown, ctx: Context, pointer: string, compile: Compile): Matcher {
  if (!isObj(body)) return parsing(pointer, '[bool] query malformed');
  checkKeys(body, 'bool', pointer, ['must', 'filter', 'should', 'must_not', 'minimum_should_match', 'adjust_pure_negative'], SCORE_ONLY);
  const compileAll = (key: string): Matcher[] => clauseList(body[key], at(pointer, key)).map((c) => compile(c.query, ctx, c.pointer));
  const must = compileAll('must');
  const filter = compileAll('filter');
  const should = compileAll('should');
  const mustNot = compileAll('must_not');
  const adjust = body['adjust_pure_negative'];
  if (adjust !== undefined && typeof adjust !== 'boolean') return parsing(at(pointer, 'adjust_pure_negative'), 'must be a boolean');
  const rawMsm = body['minimum_should_match'];
  const msm = rawMsm === undefined || rawMsm === null ? 0 : minShouldMatch(should.length, rawMsm, at(pointer, 'minimum_should_match'));

  const required = [...must, ...filter];
  // BoolQueryBuilder: no clauses at all is match_all (minimum_should_match is never applied).
  if (required.length + should.length + mustNot.length === 0) return ALWAYS;
  if (required.length + should.length === 0) {
    // Pure negative: with adjust_pure_negative (the default) a match_all is added, and the
    // minimum_should_match set just before is lost in the rebuild; without it, nothing matches.
    return adjust === false ? NEVER : (doc) => !mustNot.some((m) => m(doc));
  }
  // Lucene: without required clauses at least one should clause must match.
  const needed = msm > 0 ? msm : required.length === 0 ? 1 : 0;
  return (doc) => {
    if (!required.every((m) => m(doc))) return false;
    if (mustNot.some((m) => m(doc))) return false;
    if (needed === 0) return true;
    let count = 0;
    for (const m of should) if (m(doc)) count++;
    return count >= needed;
  };
}

/** Child documents at `path` below `doc`, through intermediate nested levels if `path` is deeper. */
function childrenAt(doc: ReferenceDocument, path: string): readonly ReferenceDocument[] {
  const direct = doc.nested.get(path);
  if (direct) return direct;
  const out: ReferenceDocument[] = [];
  for (const [p, kids] of doc.nested) if (path.startsWith(`${p}.`)) for (const kid of kids) out.push(...childrenAt(kid, path));
  return out;
}

export function compileNested(body: unknown, ctx: Context, pointer: string, compile: Compile): Matcher {
  if (!isObj(body)) return parsing(pointer, '[nested] query malformed');
  checkKeys(body, 'nested', pointer, ['path', 'query', 'ignore_unmapped'], [...SCORE_ONLY, 'score_mode', 'inner_hits']);
  const path = body['path'];
  if (typeof path !== 'string') return parsing(at(pointer, 'path'), '[nested] requires a path');
  if (body['query'] === undefined) return parsing(at(pointer, 'query'), '[nested] requires a query');
  const known = ctx.index.mapping?.nestedPaths.has(path) ?? false;
  const inScope = ctx.scope === '' || path.startsWith(`${ctx.scope}.`);
  if (!known || !inScope) {
    if (body['ignore_unmapped'] === true && !known) return NEVER;
    throw new ReferenceQueryError('shard', `[nested] failed to find nested object under path [${path}]`, at(pointer, 'path'));
  }
  const inner = compile(body['query'], { index: ctx.index, scope: path }, at(pointer, 'query'));
  return (doc) => childrenAt(doc, path).some(inner);
}

export function compileConstantScore(body: unknown, ctx: Context, pointer: string, compile: Compile): Matcher {
  if (!isObj(body)) return parsing(pointer, '[constant_score] query malformed');
  checkKeys(body, 'constant_score', pointer, ['filter'], SCORE_ONLY);
  if (body['filter'] === undefined) return parsing(pointer, '[constant_score] requires a filter');
  return compile(body['filter'], ctx, at(pointer, 'filter'));
}

export function compileDisMax(body: unknown, ctx: Context, pointer: string, compile: Compile): Matcher {
  if (!isObj(body)) return parsing(pointer, '[dis_max] query malformed');
  checkKeys(body, 'dis_max', pointer, ['queries'], [...SCORE_ONLY, 'tie_breaker']);
  const queries = clauseList(body['queries'], at(pointer, 'queries'));
  if (queries.length === 0) return parsing(at(pointer, 'queries'), "[dis_max] requires 'queries' field with at least one clause");
  const matchers = queries.map((q) => compile(q.query, ctx, q.pointer));
  return (doc) => matchers.some((m) => m(doc));
}

export function compileBoosting(body: unknown, ctx: Context, pointer: string, compile: Compile): Matcher {
  if (!isObj(body)) return parsing(pointer, '[boosting] query malformed');
  checkKeys(body, 'boosting', pointer, ['positive', 'negative', 'negative_boost'], SCORE_ONLY);
  if (body['positive'] === undefined) return parsing(pointer, '[boosting] requires a positive query');
  if (body['negative'] === undefined) return parsing(pointer, '[boosting] requires a negative query');
  if (typeof body['negative_boost'] !== 'number') return parsing(pointer, '[boosting] requires a negative_boost');
  // The negative query only lowers scores, but it is still parsed and built (its errors count).
  compile(body['negative'], ctx, at(pointer, 'negative'));
  return compile(body['positive'], ctx, at(pointer, 'positive'));
}
