/**
 * Reading what the index settings say about a field's normalizer. A
 * normalizer is named in the mapping and defined in the settings
 * (`index.analysis.normalizer.<name>`); a definition in the settings
 * shadows a built-in normalizer of the same name (the engine's
 * `AnalysisRegistry` adds the pre-built ones only under names the index
 * does not define), and so does a custom filter definition
 * (`index.analysis.filter.<name>`) for a filter name. So a name alone is
 * never trusted: only a definition read from the settings, or the built-in
 * meaning of a name the settings do not define.
 *
 * @packageDocumentation
 */
import type { NormalizerFilter } from './field-types.js';
import { isJsonObject } from './mapping-bodies.js';
import type { JsonObject } from './mapping-bodies.js';

/** A normalizer resolved to emulated filters, or why it cannot be. */
export type ResolvedNormalizer = { readonly filters: readonly NormalizerFilter[] } | { readonly problem: string };

const EMULATED_FILTERS: ReadonlySet<string> = new Set<NormalizerFilter>(['lowercase', 'uppercase', 'asciifolding', 'trim', 'cjk_width', 'decimal_digit']);

/**
 * The `analysis` section of index settings, in any of the shapes a client
 * returns or sends them: `{ index: { analysis } }` (`GET <index>`),
 * `{ analysis }` (create-index bodies, templates), or flat dotted keys
 * (`?flat_settings=true`: `"index.analysis.normalizer.n.filter": [...]`).
 *
 * @example
 * ```ts
 * analysisOf({ 'index.analysis.normalizer.n.filter': ['lowercase'] });
 * // { normalizer: { n: { filter: ['lowercase'] } } }
 * ```
 */
export function analysisOf(settings: JsonObject): JsonObject {
  const nested = unflatten(settings);
  const index = nested['index'];
  const fromIndex = isJsonObject(index) ? index['analysis'] : undefined;
  if (isJsonObject(fromIndex)) return fromIndex;
  const direct = nested['analysis'];
  return isJsonObject(direct) ? direct : {};
}

/** Dotted keys turned into nested objects, recursively (`{"a.b": 1}` → `{a: {b: 1}}`). */
function unflatten(value: JsonObject): JsonObject {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, raw] of Object.entries(value)) {
    const inner = isJsonObject(raw) ? unflatten(raw) : raw;
    const segments = key.split('.');
    let node = out;
    segments.forEach((segment, position) => {
      if (position === segments.length - 1) {
        const existing = node[segment];
        node[segment] = isJsonObject(existing) && isJsonObject(inner) ? { ...existing, ...inner } : inner;
        return;
      }
      const next = node[segment];
      if (!isJsonObject(next)) node[segment] = Object.create(null) as Record<string, unknown>;
      node = node[segment] as Record<string, unknown>;
    });
  }
  return out;
}

/**
 * Resolves the normalizer `name` against the `analysis` settings
 * (`undefined` when the settings are not known).
 *
 * - defined in the settings: a `custom` normalizer without `char_filter`,
 *   whose filters are each an emulated filter, by built-in name or by a
 *   custom filter definition of an emulated type without parameters that
 *   change it (`lowercase` with a `language` is not emulated;
 *   `preserve_original` on `asciifolding` is ignored in normalizers, as
 *   `ASCIIFoldingTokenFilterFactory.normalize` ignores it);
 * - not defined, and the settings are known: the built-in `lowercase`
 *   normalizer is `[lowercase]`; any other name is a problem;
 * - settings unknown: a problem, whatever the name (a `lowercase`
 *   normalizer defined in the settings shadows the built-in one).
 *
 * @example
 * ```ts
 * resolveNormalizer('folded', { normalizer: { folded: { type: 'custom', filter: ['lowercase', 'asciifolding'] } } });
 * // { filters: ['lowercase', 'asciifolding'] }
 * resolveNormalizer('lowercase', undefined); // { problem: 'its definition is in the index settings, which were not given' }
 * ```
 */
export function resolveNormalizer(name: string, analysis: JsonObject | undefined): ResolvedNormalizer {
  if (analysis === undefined) return { problem: 'its definition is in the index settings, which were not given' };
  const normalizers = isJsonObject(analysis['normalizer']) ? analysis['normalizer'] : {};
  const definition = Object.prototype.hasOwnProperty.call(normalizers, name) ? normalizers[name] : undefined;
  if (definition === undefined) {
    return name === 'lowercase' ? { filters: ['lowercase'] } : { problem: 'the index settings do not define it' };
  }
  if (!isJsonObject(definition)) return { problem: 'its definition is not an object' };
  const type = definition['type'];
  if (type !== undefined && type !== 'custom') return { problem: `its type "${String(type)}" is not emulated` };
  const charFilters = listOf(definition['char_filter']);
  if (charFilters === undefined || charFilters.length > 0) return { problem: 'character filters are not emulated' };
  const unknown = Object.keys(definition).filter((key) => key !== 'type' && key !== 'filter' && key !== 'char_filter');
  if (unknown.length > 0) return { problem: `its parameters ${unknown.join(', ')} are not emulated` };
  const filterNames = listOf(definition['filter']);
  if (filterNames === undefined) return { problem: 'its "filter" is not a list of names' };
  const customFilters = isJsonObject(analysis['filter']) ? analysis['filter'] : {};
  const filters: NormalizerFilter[] = [];
  for (const filterName of filterNames) {
    const filter = resolveFilter(filterName, customFilters);
    if (typeof filter !== 'string' || !EMULATED_FILTERS.has(filter)) {
      return { problem: typeof filter === 'object' ? filter.problem : `the filter "${filterName}" is not emulated` };
    }
    filters.push(filter as NormalizerFilter);
  }
  return { filters };
}

function resolveFilter(name: string, customFilters: JsonObject): string | { problem: string } {
  const custom = Object.prototype.hasOwnProperty.call(customFilters, name) ? customFilters[name] : undefined;
  if (custom === undefined) return name;
  if (!isJsonObject(custom) || typeof custom['type'] !== 'string') return { problem: `the filter "${name}" has no type` };
  const type = custom['type'];
  const allowed = type === 'asciifolding' ? ['type', 'preserve_original'] : ['type'];
  const extra = Object.keys(custom).filter((key) => !allowed.includes(key));
  if (extra.length > 0) return { problem: `the filter "${name}" (${type}) has parameters that are not emulated: ${extra.join(', ')}` };
  return type;
}

function listOf(value: unknown): readonly string[] | undefined {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item): item is string => typeof item === 'string')) return value;
  return undefined;
}
