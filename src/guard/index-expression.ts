/**
 * Index expressions: which indices a request reads. The guard accepts only
 * names and `*` patterns covered by the token's `options.indices`, and
 * refuses the syntaxes that reach elsewhere (remote clusters, selectors,
 * date math, exclusions).
 *
 * @packageDocumentation
 */
import type { SharedTokenErrorContext } from '../errors.js';
import { refuse } from './refusal.js';

/**
 * True when every index name matched by pattern `requested` is also matched
 * by `allowed` (both `*`-only globs). The requested `*` is treated as a
 * symbol only an allowed `*` can absorb: sound (never says yes wrongly),
 * possibly stricter than needed for exotic pattern pairs.
 */
export function patternCovers(allowed: string, requested: string): boolean {
  // reach[j]: allowed[0..i) can match requested[0..j)
  let reach: boolean[] = Array.from({ length: requested.length + 1 }, (_, j) => j === 0);
  for (const a of allowed) {
    const next: boolean[] = new Array<boolean>(requested.length + 1).fill(false);
    for (let j = 0; j <= requested.length; j += 1) {
      if (a === '*') {
        next[j] = reach[j] === true || (j > 0 && next[j - 1] === true);
      } else if (j > 0) {
        const r = requested[j - 1];
        next[j] = reach[j - 1] === true && r !== '*' && r === a;
      }
    }
    reach = next;
  }
  return reach[requested.length] === true;
}

const FORBIDDEN_CHARACTERS = /[\\/?"<>|\s,#{}]/;

/**
 * Checks one comma-separated index expression and returns its items.
 * `_all` is read as `*`. A name starting with `.` is covered only by a
 * pattern starting with `.`. Without `allowed`, only concrete names not
 * starting with `.` pass.
 *
 * @example
 * ```ts
 * checkIndexExpression('logs-2024*', ['logs-*'], { pointer: '/0/index' }); // → ['logs-2024*']
 * checkIndexExpression('other:logs', ['logs-*'], {}); // throws: index-remote
 * ```
 */
export function checkIndexExpression(expression: string, allowed: readonly string[] | undefined, where: SharedTokenErrorContext): string[] {
  // Syntax first, for every item, so the most specific reason wins over "not allowed".
  const items = expression.split(',').map((raw) => {
    const item = raw === '_all' ? '*' : raw;
    const context = { ...where, index: raw };
    if (item.length === 0) refuse('index-invalid', 'An index expression has an empty item.', context);
    if (item.includes('::')) refuse('index-selector', `Index selectors ("${raw}") are not allowed.`, context);
    if (item.includes(':')) refuse('index-remote', `Remote cluster indices ("${raw}") are not allowed.`, context);
    if (item.startsWith('<') || item.includes('{')) refuse('index-date-math', `Date math index names ("${raw}") are not allowed.`, context);
    if (item.startsWith('-') || item.startsWith('+')) refuse('index-exclusion', `Index exclusions and inclusions ("${raw}") are not allowed.`, context);
    if (FORBIDDEN_CHARACTERS.test(item)) refuse('index-invalid', `The index name "${raw}" has a character index names cannot have.`, context);
    if (item.startsWith('_') && item !== '*') refuse('index-invalid', `The index name "${raw}" is reserved.`, context);
    return [raw, item] as const;
  });
  return items.map(([raw, item]) => {
    const context = { ...where, index: raw };
    if (allowed === undefined) {
      if (item.includes('*') || item.startsWith('.')) {
        refuse('index-not-allowed', `"${raw}" needs options.indices: without it only concrete index names are accepted.`, context);
      }
    } else if (!allowed.some((pattern) => (!item.startsWith('.') || pattern.startsWith('.')) && patternCovers(pattern, item))) {
      // A dot-prefixed (system or hidden) name needs a dot-prefixed pattern: `*` alone does not cover `.security`.
      refuse('index-not-allowed', `The index "${raw}" is outside the token's indices.`, context);
    }
    return item;
  });
}
