/**
 * Leaf clauses: term, terms, match, prefix, range, exists, ids, match_all,
 * match_none. A field name resolves against the mapping (or the schemaless
 * rules); an unmapped field matches nothing before its value is parsed,
 * as TermQueryBuilder & co. rewrite it to match_none.
 */
import type { ReferenceDocument } from '../reference-index.js';
import { type FieldModel, type IndexedTerm, type MatchOptions, type RangeBound, type RangeBounds, type TermTest, anyOf, queryText, simpleMatch } from './field-model.js';
import { schemalessModel } from './schemaless-model.js';
import { ALWAYS, type Context, type Matcher, NEVER, SCORE_ONLY, at, checkKeys, isObj, parsing, scalar, singleField, unsupported } from './query-syntax.js';

/** A document's terms for a field. */
const termsOf = (doc: ReferenceDocument, field: string): readonly IndexedTerm[] => doc.terms.get(field) ?? [];

/** A `TermTest` as a document test on `field`. */
function onField(field: string, test: TermTest): Matcher {
  switch (test.kind) {
    case 'all':
      return ALWAYS;
    case 'none':
      return NEVER;
    case 'test':
      return (doc) => termsOf(doc, field).some(test.test);
    default: {
      const never: never = test;
      return never;
    }
  }
}

/** What a field name means for leaf queries. */
type Target =
  | { readonly kind: 'model'; readonly field: string; readonly model: FieldModel }
  | { readonly kind: 'id' }
  | { readonly kind: 'index' }
  | { readonly kind: 'nothing' };

function target(field: string, ctx: Context, pointer: string): Target {
  if (field === '_id') return { kind: 'id' };
  if (field === '_index') return { kind: 'index' };
  const mapping = ctx.index.mapping;
  if (mapping === undefined) return { kind: 'model', field, model: schemalessModel };
  const r = mapping.resolve(field);
  switch (r.kind) {
    case 'field':
      return { kind: 'model', field, model: r.model };
    case 'object':
    case 'unmapped':
      // TermQueryBuilder & co. rewrite an unmapped field to match_none, before parsing the value.
      return { kind: 'nothing' };
    case 'unsupported':
      return unsupported(pointer, r.reason);
    default: {
      const never: never = r;
      return never;
    }
  }
}

/** Leaf clauses that reduce to one value test per field (term, match, prefix). */
function valueClause(
  ctx: Context,
  field: string,
  pointer: string,
  onModel: (model: FieldModel) => readonly TermTest[],
  onId: (id: string) => boolean,
  onIndex: (name: string) => boolean,
): Matcher {
  const t = target(field, ctx, pointer);
  switch (t.kind) {
    case 'nothing':
      return NEVER;
    case 'id':
      return (doc) => onId(doc.id);
    case 'index': {
      const verdict = onIndex(ctx.index.name);
      return () => verdict;
    }
    case 'model': {
      const matchers = onModel(t.model).map((test) => onField(t.field, test));
      return (doc) => matchers.every((m) => m(doc));
    }
    default: {
      const never: never = t;
      return never;
    }
  }
}

export function compileTerm(body: unknown, ctx: Context, pointer: string): Matcher {
  const [field, fieldBody, fieldPointer] = singleField(body, 'term', pointer);
  let raw = fieldBody;
  if (isObj(fieldBody)) {
    checkKeys(fieldBody, 'term', fieldPointer, ['value', 'case_insensitive'], SCORE_ONLY);
    if (fieldBody['case_insensitive'] === true) unsupported(at(fieldPointer, 'case_insensitive'), '[term] case_insensitive is not modelled');
    raw = fieldBody['value'];
  }
  const value = scalar(raw, 'term', fieldPointer);
  const text = queryText(value);
  return valueClause(
    ctx,
    field,
    fieldPointer,
    (model) => [model.term(value, fieldPointer)],
    (id) => id === text,
    (name) => simpleMatch(text, name),
  );
}

export function compileTerms(body: unknown, ctx: Context, pointer: string): Matcher {
  if (!isObj(body)) return parsing(pointer, '[terms] query malformed');
  const fields = Object.keys(body).filter((k) => !SCORE_ONLY.includes(k));
  if (fields.length !== 1) return parsing(pointer, '[terms] query requires exactly one field');
  const field = fields[0]!;
  const fieldPointer = at(pointer, field);
  const list = body[field];
  if (isObj(list)) return unsupported(fieldPointer, '[terms] lookup is not modelled');
  if (!Array.isArray(list)) return parsing(fieldPointer, '[terms] query requires an array of values');
  const values = list.map((v, i) => scalar(v, 'terms', at(fieldPointer, i)));
  const texts = values.map(queryText);
  return valueClause(
    ctx,
    field,
    fieldPointer,
    (model) => [anyOf(values.map((v, i) => model.term(v, at(fieldPointer, i))))],
    (id) => texts.includes(id),
    (name) => texts.some((text) => simpleMatch(text, name)),
  );
}

export function compileMatch(body: unknown, ctx: Context, pointer: string): Matcher {
  const [field, fieldBody, fieldPointer] = singleField(body, 'match', pointer);
  let raw = fieldBody;
  const options: { operator: MatchOptions['operator']; lenient: boolean } = { operator: 'or', lenient: false };
  if (isObj(fieldBody)) {
    checkKeys(fieldBody, 'match', fieldPointer, ['query', 'operator', 'lenient', 'zero_terms_query'], [...SCORE_ONLY, 'auto_generate_synonyms_phrase_query']);
    raw = fieldBody['query'];
    const op = fieldBody['operator'];
    if (op !== undefined) {
      if (typeof op !== 'string' || !['or', 'and'].includes(op.toLowerCase())) return parsing(at(fieldPointer, 'operator'), '[match] operator must be or/and');
      options.operator = op.toLowerCase() as MatchOptions['operator'];
    }
    const lenient = fieldBody['lenient'];
    if (lenient !== undefined) {
      if (typeof lenient !== 'boolean') return parsing(at(fieldPointer, 'lenient'), '[match] lenient must be a boolean');
      options.lenient = lenient;
    }
    const ztq = fieldBody['zero_terms_query'];
    if (ztq !== undefined && (typeof ztq !== 'string' || ztq.toLowerCase() !== 'none')) {
      unsupported(at(fieldPointer, 'zero_terms_query'), '[match] zero_terms_query other than none is not modelled');
    }
  }
  const value = scalar(raw, 'match', fieldPointer);
  const text = queryText(value);
  return valueClause(
    ctx,
    field,
    fieldPointer,
    (model) => model.match(value, options, fieldPointer),
    (id) => id === text,
    (name) => simpleMatch(text, name),
  );
}

export function compilePrefix(body: unknown, ctx: Context, pointer: string): Matcher {
  const [field, fieldBody, fieldPointer] = singleField(body, 'prefix', pointer);
  let raw = fieldBody;
  if (isObj(fieldBody)) {
    checkKeys(fieldBody, 'prefix', fieldPointer, ['value', 'case_insensitive'], [...SCORE_ONLY, 'rewrite']);
    if (fieldBody['case_insensitive'] === true) unsupported(at(fieldPointer, 'case_insensitive'), '[prefix] case_insensitive is not modelled');
    raw = fieldBody['value'];
  }
  const text = queryText(scalar(raw, 'prefix', fieldPointer));
  return valueClause(
    ctx,
    field,
    fieldPointer,
    (model) => [model.prefix(text, fieldPointer)],
    (id) => id.startsWith(text),
    (name) => simpleMatch(`${text}*`, name),
  );
}

export function compileRange(body: unknown, ctx: Context, pointer: string): Matcher {
  const [field, fieldBody, fieldPointer] = singleField(body, 'range', pointer);
  if (!isObj(fieldBody)) return parsing(fieldPointer, '[range] query malformed, no start_object after field name');
  checkKeys(fieldBody, 'range', fieldPointer, ['gt', 'gte', 'lt', 'lte', 'from', 'to', 'include_lower', 'include_upper', 'relation'], SCORE_ONLY);
  const relation = fieldBody['relation'];
  if (relation !== undefined && (typeof relation !== 'string' || relation.toLowerCase() !== 'intersects')) {
    unsupported(at(fieldPointer, 'relation'), '[range] relation other than intersects is not modelled');
  }
  // RangeQueryBuilder reads keys in order; gt/gte/lt/lte set the bound and its inclusiveness.
  let lower: unknown = null;
  let upper: unknown = null;
  let includeLower = true;
  let includeUpper = true;
  for (const [key, v] of Object.entries(fieldBody)) {
    switch (key) {
      case 'from':
        lower = v;
        break;
      case 'gt':
        lower = v;
        includeLower = false;
        break;
      case 'gte':
        lower = v;
        includeLower = true;
        break;
      case 'to':
        upper = v;
        break;
      case 'lt':
        upper = v;
        includeUpper = false;
        break;
      case 'lte':
        upper = v;
        includeUpper = true;
        break;
      case 'include_lower':
      case 'include_upper':
        if (typeof v !== 'boolean') return parsing(at(fieldPointer, key), `[range] ${key} must be a boolean`);
        if (key === 'include_lower') includeLower = v;
        else includeUpper = v;
        break;
      default:
        break;
    }
  }
  const bound = (v: unknown, inclusive: boolean, key: string): RangeBound | undefined =>
    v === null || v === undefined ? undefined : { value: scalar(v, 'range', at(fieldPointer, key)), inclusive };
  const lowerBound = bound(lower, includeLower, 'gte');
  const upperBound = bound(upper, includeUpper, 'lte');
  const bounds: RangeBounds = { ...(lowerBound ? { lower: lowerBound } : {}), ...(upperBound ? { upper: upperBound } : {}) };
  const t = target(field, ctx, fieldPointer);
  switch (t.kind) {
    case 'nothing':
      return NEVER;
    case 'id':
    case 'index':
      return unsupported(fieldPointer, `[range] on [${field}] is not modelled`);
    case 'model':
      return onField(t.field, t.model.range(bounds, fieldPointer));
    default: {
      const never: never = t;
      return never;
    }
  }
}

export function compileExists(body: unknown, ctx: Context, pointer: string): Matcher {
  if (!isObj(body)) return parsing(pointer, '[exists] query malformed');
  checkKeys(body, 'exists', pointer, ['field'], SCORE_ONLY);
  const field = body['field'];
  if (typeof field !== 'string') return parsing(at(pointer, 'field'), '[exists] must be provided with a [field]');
  if (field.includes('*')) return unsupported(at(pointer, 'field'), '[exists] with a field pattern is not modelled');
  if (field === '_id' || field === '_index') return ALWAYS;
  const mapping = ctx.index.mapping;
  const underneath = (doc: ReferenceDocument): boolean => {
    for (const [name, terms] of doc.terms) if (terms.length > 0 && name.startsWith(`${field}.`)) return true;
    return false;
  };
  if (mapping === undefined) return (doc) => termsOf(doc, field).length > 0 || underneath(doc);
  const r = mapping.resolve(field);
  switch (r.kind) {
    case 'field':
      if (r.constant) return r.constantMatchesAll ? ALWAYS : NEVER;
      return (doc) => termsOf(doc, field).length > 0;
    case 'object':
      return underneath;
    case 'unmapped':
      return NEVER;
    case 'unsupported':
      return unsupported(at(pointer, 'field'), r.reason);
    default: {
      const never: never = r;
      return never;
    }
  }
}

export function compileIds(body: unknown, pointer: string): Matcher {
  if (!isObj(body)) return parsing(pointer, '[ids] query malformed');
  checkKeys(body, 'ids', pointer, ['values'], [...SCORE_ONLY, 'type']);
  const values = body['values'];
  if (values === undefined) return NEVER;
  if (!Array.isArray(values)) return parsing(at(pointer, 'values'), '[ids] values must be an array');
  const ids = values.map((v, i) => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
    return parsing(at(at(pointer, 'values'), i), '[ids] values must be strings');
  });
  return (doc) => ids.includes(doc.id);
}

export function compileMatchAll(body: unknown, pointer: string, verdict: Matcher, clause: string): Matcher {
  if (!isObj(body)) return parsing(pointer, `[${clause}] query malformed`);
  checkKeys(body, clause, pointer, [], SCORE_ONLY);
  return verdict;
}
