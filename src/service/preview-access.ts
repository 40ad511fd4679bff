import { SharedTokenError } from '../errors.js';
import { previewDocumentsSchema, previewTargetSchema } from '../domain/link-input-schemas.js';
import { parseInput } from '../domain/parse-input.js';
import type { FiltersOperator } from '../domain/shared-token.js';
import type { TokenFilter } from '../domain/token-filter.js';
import { compileAccess } from '../access/plan/compile-access.js';
import type { FieldTypes } from '../access/mapping/field-types.js';
import { toPredicate, type DocumentPredicate } from '../access/predicate/predicate.js';
import { readerActor } from './authorize.js';
import type { ServiceContext } from './context.js';
import { loadToken, requireFilters } from './token-access.js';

/**
 * What to preview: a saved token's current filters, or a draft set of the
 * account's filters not saved on any token yet.
 *
 * @example
 * ```ts
 * const saved: PreviewTarget = { tokenId: token.id };
 * const draft: PreviewTarget = { filterIds: [namespace.id, service.id], filtersOperator: 'AND' };
 * ```
 */
export type PreviewTarget =
  | { readonly tokenId: string }
  | { readonly filterIds: readonly string[]; readonly filtersOperator?: FiltersOperator };

/**
 * Options of `previewAccess`.
 *
 * @example
 * ```ts
 * const options: PreviewAccessOptions = { fields: fieldTypesFromMapping(mappingBody) };
 * ```
 */
export interface PreviewAccessOptions {
  /** The index's field types (`fieldTypesFromMapping`), as given to `toElasticsearchQuery`. Default: the schemaless rules. */
  readonly fields?: FieldTypes;
}

/** Whether one filter matched one document. */
export interface FilterVerdict {
  readonly filterId: string;
  /** True when the document satisfies `field = value` under the engine's rules for the field. */
  readonly matched: boolean;
}

/** What a recipient sees of one document, and why. */
export interface DocumentVerdict {
  /** The document's position in the `documents` given. */
  readonly index: number;
  readonly visible: boolean;
  /** One verdict per filter, in the order of `AccessPreview.filters`. Empty for an unrestricted target. */
  readonly filters: readonly FilterVerdict[];
  /**
   * The reason in words, for a UI: e.g. `hidden: service.name = "checkout" did not match`,
   * `visible: every filter matched`, `visible: the token has no filters`.
   */
  readonly explanation: string;
}

/**
 * The result of `previewAccess`.
 *
 * @example
 * ```ts
 * const preview = await tokens.previewAccess(member, { tokenId }, sampleDocuments);
 * const summary = `${preview.visible} of ${preview.documents.length} visible`;
 * const reasons = preview.documents.filter((d) => !d.visible).map((d) => d.explanation);
 * ```
 */
export interface AccessPreview {
  /** The token previewed, or `null` for a draft. */
  readonly tokenId: string | null;
  /** The filters checked, in the order of the token's `filterIds` (or the draft's, as a set). */
  readonly filters: readonly TokenFilter[];
  readonly filtersOperator: FiltersOperator;
  /** True when there are no filters: every document (every plain object) is visible. */
  readonly unrestricted: boolean;
  /** One verdict per document, in input order. */
  readonly documents: readonly DocumentVerdict[];
  readonly visible: number;
  readonly hidden: number;
  /** Per filter, in the order of `filters`: how many documents it matched. */
  readonly matchesPerFilter: readonly { readonly filterId: string; readonly matched: number }[];
}

/** The `previewAccess` use case; see `SharedTokens.previewAccess` for its contract. */
export async function previewAccess(
  ctx: ServiceContext,
  actorIn: unknown,
  targetIn: unknown,
  documentsIn: unknown,
  optionsIn: unknown,
): Promise<AccessPreview> {
  const actor = readerActor(actorIn);
  const target = parseInput(previewTargetSchema, targetIn, 'target');
  const documents = parseInput(previewDocumentsSchema, documentsIn, 'documents');
  const fields = fieldsOption(optionsIn);
  const { accountId } = actor;
  let tokenId: string | null = null;
  let filterIds: readonly string[];
  let filtersOperator: FiltersOperator;
  if ('tokenId' in target) {
    const token = await loadToken(ctx.repository, accountId, target.tokenId);
    ({ id: tokenId, filterIds, filtersOperator } = token);
  } else {
    await requireFilters(ctx.repository, accountId, target.filterIds);
    ({ filterIds, filtersOperator } = target);
  }
  const filters = await ctx.repository.getFilters(accountId, filterIds);
  if (filters.length !== filterIds.length) {
    throw new SharedTokenError('CONFLICT', 'The filters changed while the preview was being prepared; try again', { ids: { accountId } });
  }
  // `preview` freezes what it builds; the filters come frozen from the repository.
  return preview(tokenId, filters, filtersOperator, documents, fields);
}

/**
 * The preview proper, pure, and frozen as built: the whole access predicate
 * decides visibility, exactly as `toPredicate` filters documents; one
 * predicate per filter (its single term compiled the same way) explains it.
 */
export function preview(
  tokenId: string | null,
  filters: readonly TokenFilter[],
  filtersOperator: FiltersOperator,
  documents: readonly unknown[],
  fields: FieldTypes | undefined,
): AccessPreview {
  const options = fields === undefined ? {} : { fields };
  const sees = toPredicate(compileAccess(filters, filtersOperator), options);
  const perFilter: DocumentPredicate[] = filters.map((filter) => toPredicate(compileAccess([filter], 'AND'), options));
  const labels = filters.map((filter) => `${filter.field} = ${JSON.stringify(filter.value)}`);
  const matchedCounts = new Array<number>(filters.length).fill(0);
  // Documents fall into few patterns (which filters matched, visible or not):
  // their frozen verdict lists and explanations are built once per pattern
  // and shared, so a large sample allocates one small object per document.
  const patterns = new Map<string, { readonly filters: readonly FilterVerdict[]; readonly explanation: string }>();
  let visible = 0;
  const verdicts: DocumentVerdict[] = new Array(documents.length);
  for (let index = 0; index < documents.length; index++) {
    const doc = documents[index];
    const isVisible = sees(doc);
    if (isVisible) visible++;
    let key = isVisible ? 'v' : 'h';
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) key += '!';
    for (let f = 0; f < perFilter.length; f++) {
      const matched = (perFilter[f] as DocumentPredicate)(doc);
      if (matched) matchedCounts[f] = (matchedCounts[f] ?? 0) + 1;
      key += matched ? '1' : '0';
    }
    let pattern = patterns.get(key);
    if (pattern === undefined) {
      const matches = [...key.replace(/^[vh]!?/, '')].map((bit) => bit === '1');
      pattern = Object.freeze({
        filters: Object.freeze(matches.map((matched, f) => Object.freeze({ filterId: (filters[f] as TokenFilter).id, matched }))),
        explanation: explain(doc, isVisible, matches, labels, filtersOperator),
      });
      patterns.set(key, pattern);
    }
    verdicts[index] = Object.freeze({ index, visible: isVisible, filters: pattern.filters, explanation: pattern.explanation });
  }
  return Object.freeze({
    tokenId,
    filters: Object.freeze([...filters]),
    filtersOperator,
    unrestricted: filters.length === 0,
    documents: Object.freeze(verdicts),
    visible,
    hidden: documents.length - visible,
    matchesPerFilter: Object.freeze(filters.map((filter, f) => Object.freeze({ filterId: filter.id, matched: matchedCounts[f] ?? 0 }))),
  });
}

function explain(
  doc: unknown,
  visible: boolean,
  matches: readonly boolean[],
  labels: readonly string[],
  operator: FiltersOperator,
): string {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return 'hidden: not a document (a JSON object)';
  if (labels.length === 0) return visible ? 'visible: the token has no filters' : 'hidden';
  const matched = labels.filter((_, f) => matches[f] === true);
  const missed = labels.filter((_, f) => matches[f] !== true);
  if (visible) {
    return operator === 'AND' || matched.length === labels.length ? 'visible: every filter matched' : `visible: ${matched.join(' and ')} matched`;
  }
  if (operator === 'OR') return `hidden: no filter matched (${missed.join(', ')} did not match)`;
  return `hidden: ${missed.join(' and ')} did not match`;
}

function fieldsOption(options: unknown): FieldTypes | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new SharedTokenError('VALIDATION', 'Invalid options: must be an object { fields? }', {
      issues: [{ path: ['options'], message: 'must be an object { fields? }' }],
    });
  }
  const unknownKey = Object.keys(options).find((key) => key !== 'fields');
  if (unknownKey !== undefined) {
    throw new SharedTokenError('VALIDATION', 'Invalid options: unknown member', {
      issues: [{ path: ['options', unknownKey.slice(0, 64)], message: 'unknown member; only fields is accepted' }],
    });
  }
  // The field types themselves are checked by toPredicate, as for toElasticsearchQuery.
  return (options as { fields?: FieldTypes }).fields;
}
