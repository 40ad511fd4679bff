/**
 * The central check: for each filter set, the ids the engine returns for
 * `toElasticsearchQuery` equal the ids of the indexed documents `toPredicate`
 * accepts. And for each value the compiler rejects, the engine errors or
 * disagrees with exact match (otherwise rejecting it was wrong).
 */
import type { Client } from '@opensearch-project/opensearch';
import { compileAccess, toElasticsearchQuery, toPredicate } from '../../src/index.js';
import type { AccessExpression, FieldTypes, FilterTerm, FiltersOperator } from '../../src/index.js';
import { isSharedTokenError } from '../../src/errors.js';
import { searchMany } from './engine.js';
import type { IdentifiedDocument } from './engine.js';
import { exactlyMatches, toJsonText } from './source-leaves.js';

/** A token's filters and operator. */
export interface FilterSet {
  readonly operator: FiltersOperator;
  readonly filters: readonly FilterTerm[];
}

/** One difference between the engine and the library, with everything needed to turn it into a unit test. */
export interface Disagreement {
  readonly kind: 'ids' | 'engine-error' | 'compilers-differ';
  readonly filterSet: FilterSet;
  readonly fields: Record<string, unknown>;
  readonly expression?: AccessExpression;
  readonly query?: unknown;
  readonly detail: string;
  /** Documents on which the engine and the predicate differ. */
  readonly documents: ReadonlyArray<{ readonly id: string; readonly source: string; readonly engine: boolean; readonly predicate: boolean }>;
}

/** A rejected value the engine handles exactly like exact match on every indexed document. */
export interface UnjustifiedRejection {
  readonly field: string;
  readonly value: string;
  readonly reason: string;
  readonly matchedIds: readonly string[];
}

/** Counts and findings of one comparison run. */
export interface ComparisonReport {
  filterSets: number;
  compiled: number;
  rejected: number;
  queries: number;
  readonly disagreements: Disagreement[];
}

type Prepared =
  | { readonly kind: 'compiled'; readonly set: FilterSet; readonly expression: AccessExpression; readonly query: unknown; readonly predicate: (doc: unknown) => boolean }
  | { readonly kind: 'rejected'; readonly set: FilterSet }
  | { readonly kind: 'differ'; readonly set: FilterSet; readonly expression?: AccessExpression; readonly detail: string };

function attempt<T>(run: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error };
  }
}

function describeError(error: unknown): string {
  if (isSharedTokenError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function prepare(set: FilterSet, fields: FieldTypes): Prepared {
  const compiled = attempt(() => compileAccess(set.filters, set.operator));
  if (!compiled.ok) return { kind: 'differ', set, detail: `compileAccess threw ${describeError(compiled.error)}` };
  const expression = compiled.value;
  const query = attempt(() => toElasticsearchQuery(expression, { fields }));
  const predicate = attempt(() => toPredicate(expression, { fields }));
  if (!query.ok && !predicate.ok) {
    const bothValidation = isSharedTokenError(query.error, 'VALIDATION') && isSharedTokenError(predicate.error, 'VALIDATION');
    return bothValidation ? { kind: 'rejected', set } : { kind: 'differ', set, expression, detail: `unexpected errors: ${describeError(query.error)} / ${describeError(predicate.error)}` };
  }
  if (!query.ok) return { kind: 'differ', set, expression, detail: `only toElasticsearchQuery rejects: ${describeError(query.error)}` };
  if (!predicate.ok) return { kind: 'differ', set, expression, detail: `only toPredicate rejects: ${describeError(predicate.error)}` };
  return { kind: 'compiled', set, expression, query: query.value, predicate: predicate.value };
}

/** The fields' specs named by a filter set, for the disagreement report. */
function fieldsOf(set: FilterSet, fields: FieldTypes): Record<string, unknown> {
  return Object.fromEntries(set.filters.map((filter) => [filter.field, fields[filter.field] ?? 'unmapped']));
}

/** Runs every filter set against the engine and the predicate. */
export async function compareFilterSets(
  client: Client,
  index: string,
  indexed: readonly IdentifiedDocument[],
  fields: FieldTypes,
  sets: readonly FilterSet[],
): Promise<ComparisonReport> {
  const report: ComparisonReport = { filterSets: sets.length, compiled: 0, rejected: 0, queries: 0, disagreements: [] };
  const prepared = sets.map((set) => prepare(set, fields));
  const runnable: Array<Extract<Prepared, { kind: 'compiled' }>> = [];
  for (const item of prepared) {
    if (item.kind === 'rejected') report.rejected += 1;
    else if (item.kind === 'differ') {
      report.disagreements.push({
        kind: 'compilers-differ',
        filterSet: item.set,
        fields: fieldsOf(item.set, fields),
        ...(item.expression === undefined ? {} : { expression: item.expression }),
        detail: item.detail,
        documents: [],
      });
    } else runnable.push(item);
  }
  report.compiled = runnable.length;
  const size = indexed.length + 1;
  const outcomes = await searchMany(client, index, runnable.map((item) => ({ query: item.query })), size);
  report.queries += runnable.length;
  runnable.forEach((item, position) => {
    const outcome = outcomes[position];
    if (outcome === undefined) throw new Error('missing search outcome');
    const base = { filterSet: item.set, fields: fieldsOf(item.set, fields), expression: item.expression, query: item.query };
    if (outcome.kind === 'error') {
      report.disagreements.push({ ...base, kind: 'engine-error', detail: outcome.error, documents: [] });
      return;
    }
    const documents = indexed
      .map((document) => ({ document, engine: outcome.ids.has(document.id), predicate: item.predicate(document.source) }))
      .filter((row) => row.engine !== row.predicate)
      .map((row) => ({ id: row.document.id, source: toJsonText(row.document.source), engine: row.engine, predicate: row.predicate }));
    if (documents.length > 0) {
      report.disagreements.push({ ...base, kind: 'ids', detail: `${documents.length} document(s) differ`, documents });
    }
  });
  return report;
}

/**
 * For each rejected `field: value`, runs a plain `term` on the field (inside
 * `nested` when the field is) and compares it with exact match over the
 * indexed documents. An engine error or any difference justifies the
 * rejection; agreement on every document does not. `allCandidates` is the
 * table the pairs came from (it tells which fields were rejected whole).
 */
export async function checkRejections(
  client: Client,
  index: string,
  indexed: readonly IdentifiedDocument[],
  fields: FieldTypes,
  rejected: ReadonlyArray<{ readonly field: string; readonly value: string; readonly reason: string }>,
  allCandidates: ReadonlyMap<string, readonly string[]>,
): Promise<{ queries: number; errors: number; differences: number; unjustified: UnjustifiedRejection[] }> {
  const bodies = rejected.map(({ field, value }) => {
    let query: Record<string, unknown> = { term: { [field]: { value } } };
    const nestedPaths = fields[field]?.nestedPaths ?? [];
    for (const path of [...nestedPaths].reverse()) query = { nested: { path, query } };
    return { query };
  });
  const outcomes = await searchMany(client, index, bodies, indexed.length + 1);
  let errors = 0;
  let differences = 0;
  const unjustified: UnjustifiedRejection[] = [];
  const justifiedFields = new Set<string>();
  rejected.forEach((item, position) => {
    const outcome = outcomes[position];
    if (outcome === undefined) throw new Error('missing search outcome');
    if (outcome.kind === 'error') {
      errors += 1;
      justifiedFields.add(item.field);
      return;
    }
    const paths = fields[item.field]?.sourcePaths ?? [item.field];
    const differs = indexed.some((document) => outcome.ids.has(document.id) !== exactlyMatches(document.source, paths, item.value));
    if (differs) {
      differences += 1;
      justifiedFields.add(item.field);
    } else unjustified.push({ ...item, matchedIds: [...outcome.ids] });
  });
  // A field rejected as a whole (every candidate value, e.g. a normalizer the
  // library does not emulate) is justified by any one value on which the
  // engine is not exact match; its other values need not be.
  const candidatesPerField = new Map<string, number>();
  for (const [field, values] of allCandidates) candidatesPerField.set(field, values.length);
  const rejectedPerField = new Map<string, number>();
  for (const item of rejected) rejectedPerField.set(item.field, (rejectedPerField.get(item.field) ?? 0) + 1);
  const wholeField = (field: string): boolean => rejectedPerField.get(field) === candidatesPerField.get(field) && justifiedFields.has(field);
  return { queries: rejected.length, errors, differences, unjustified: unjustified.filter((item) => !wholeField(item.field)) };
}

/**
 * The `field: value` pairs of a candidate table that the compiler rejects
 * on their own, with the rejection's `context.reason` (or message).
 */
export function rejectedPairs(
  table: ReadonlyMap<string, readonly string[]>,
  fields: FieldTypes,
): Array<{ field: string; value: string; reason: string }> {
  const out: Array<{ field: string; value: string; reason: string }> = [];
  for (const [field, values] of table) {
    for (const value of values) {
      try {
        toElasticsearchQuery({ kind: 'term', field, value }, { fields });
      } catch (error) {
        if (!isSharedTokenError(error, 'VALIDATION')) throw error;
        out.push({ field, value, reason: String(error.context['reason'] ?? error.message) });
      }
    }
  }
  return out;
}

/** Prints one disagreement the way a unit test would be written from it. */
export function formatDisagreement(disagreement: Disagreement, maxDocuments = 5): string {
  const lines = [
    `--- ${disagreement.kind}: ${disagreement.detail}`,
    `filters (${disagreement.filterSet.operator}): ${JSON.stringify(disagreement.filterSet.filters)}`,
    `mapping (field types): ${JSON.stringify(disagreement.fields)}`,
  ];
  if (disagreement.expression !== undefined) lines.push(`expression: ${JSON.stringify(disagreement.expression)}`);
  if (disagreement.query !== undefined) lines.push(`query: ${JSON.stringify(disagreement.query)}`);
  for (const document of disagreement.documents.slice(0, maxDocuments)) {
    lines.push(`doc ${document.id}: ${document.source}  engine=${document.engine ? 'match' : 'none'} predicate=${document.predicate ? 'match' : 'none'}`);
  }
  if (disagreement.documents.length > maxDocuments) lines.push(`... and ${disagreement.documents.length - maxDocuments} more document(s)`);
  return lines.join('\n');
}

/** Prints one unjustified rejection with the field's spec. */
export function formatUnjustified(item: UnjustifiedRejection, fields: FieldTypes): string {
  return [
    `--- unjustified rejection: ${item.field}: ${JSON.stringify(item.value)} (${item.reason})`,
    `mapping (field type): ${JSON.stringify(fields[item.field] ?? 'unmapped')}`,
    `the engine matched exactly the exact-match documents: ${JSON.stringify(item.matchedIds.slice(0, 10))}${item.matchedIds.length > 10 ? ' ...' : ''}`,
  ].join('\n');
}
