/**
 * Index expressions: which indices a request reads. The guard accepts only
 * names and `*` patterns covered by the token's `options.indices`, and
 * refuses the syntaxes that reach elsewhere (remote clusters, selectors,
 * date math, exclusions).
 *
 * @packageDocumentation
 */
import type { SharedTokenErrorContext } from '../errors.js';
import { refuse, shown } from './refusal.js';

/**
 * True when every index name matched by pattern `requested` is also matched
 * by `allowed` (both `*`-only globs). The requested `*` is treated as a
 * symbol only an allowed `*` can absorb: sound (never says yes wrongly),
 * possibly stricter than needed for exotic pattern pairs.
 *
 * Greedy matching with one backtrack point (the last allowed `*`): no
 * allocation, and for the host's patterns (a fixed, small set) time linear
 * in the requested name's length, which is itself capped.
 */
export function patternCovers(allowed: string, requested: string): boolean {
  const STAR = 42; // '*'
  let a = 0;
  let r = 0;
  let starA = -1;
  let starR = 0;
  while (r < requested.length) {
    const ac = a < allowed.length ? allowed.charCodeAt(a) : -1;
    const rc = requested.charCodeAt(r);
    if (ac !== -1 && ac !== STAR && ac === rc) {
      a += 1;
      r += 1;
    } else if (ac === STAR) {
      starA = a;
      starR = r;
      a += 1;
    } else if (starA !== -1) {
      a = starA + 1;
      starR += 1;
      r = starR;
    } else {
      return false;
    }
  }
  while (a < allowed.length && allowed.charCodeAt(a) === STAR) a += 1;
  return a === allowed.length;
}

const FORBIDDEN_CHARACTERS = /[\\/?"<>|\s,#{}]/;

/** How many more index names a request may list, and how long each may be. */
export interface IndexNameBudget {
  namesLeft: number;
  readonly maxNameBytes: number;
  readonly maxNames: number;
}

function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 4 : c >= 0xdc00 && c < 0xe000 ? 0 : 3;
  }
  return bytes;
}

/** A dot-prefixed (system or hidden) name needs a dot-prefixed pattern: `*` alone does not cover `.security`. */
function isCovered(allowed: readonly string[], item: string): boolean {
  const dotted = item.startsWith('.');
  for (const pattern of allowed) {
    if ((!dotted || pattern.startsWith('.')) && patternCovers(pattern, item)) return true;
  }
  return false;
}

/** Counts the items of an expression, stopping as soon as the budget is exceeded (before any split). */
export function spendNames(expression: string, budget: IndexNameBudget, where: SharedTokenErrorContext): void {
  let items = 1;
  for (let i = expression.indexOf(','); i !== -1; i = expression.indexOf(',', i + 1)) {
    items += 1;
    if (items > budget.namesLeft) break;
  }
  if (items > budget.namesLeft) {
    refuse('too-many-indices', `The request names more than ${budget.maxNames} indices.`, { ...where, limit: budget.maxNames });
  }
  budget.namesLeft -= items;
}

/** Refuses one item of an expression (a function, not a closure per item: the loop runs once per requested name). */
function refuseItem(where: SharedTokenErrorContext, raw: string, reason: string, message: string, extra: SharedTokenErrorContext = {}): never {
  return refuse(reason, message, { ...where, index: raw, ...extra });
}

/**
 * Checks one comma-separated index expression and returns its items.
 * `_all` is read as `*`. A name starting with `.` is covered only by a
 * pattern starting with `.`. Without `allowed`, only concrete names not
 * starting with `.` pass. With `budget`, the number of names (across the
 * whole request) and each name's length are capped first, so a huge list
 * is refused before any per-name work.
 *
 * @example
 * ```ts
 * checkIndexExpression('logs-2024*', ['logs-*'], { pointer: '/0/index' }); // → ['logs-2024*']
 * checkIndexExpression('other:logs', ['logs-*'], {}); // throws: index-remote
 * ```
 */
export function checkIndexExpression(
  expression: string,
  allowed: readonly string[] | undefined,
  where: SharedTokenErrorContext,
  budget?: IndexNameBudget,
): string[] {
  if (budget !== undefined) spendNames(expression, budget, where);
  const raws = expression.split(',');
  const items: string[] = new Array<string>(raws.length);
  // Syntax first, for every item, so the most specific reason wins over "not allowed".
  // The refusal context is built only when refusing: this loop runs once per requested name.
  for (let i = 0; i < raws.length; i += 1) {
    const raw = raws[i] as string;
    const item = raw === '_all' ? '*' : raw;
    if (item.length === 0) refuseItem(where, raw, 'index-invalid', 'An index expression has an empty item.');
    if (budget !== undefined && (item.length > budget.maxNameBytes || utf8Bytes(item) > budget.maxNameBytes)) {
      refuseItem(where, raw, 'index-invalid', `An index name is longer than ${budget.maxNameBytes} bytes.`, { limit: budget.maxNameBytes });
    }
    if (item.includes('::')) refuseItem(where, raw, 'index-selector', `Index selectors ("${shown(raw)}") are not allowed.`);
    if (item.includes(':')) refuseItem(where, raw, 'index-remote', `Remote cluster indices ("${shown(raw)}") are not allowed.`);
    if (item.startsWith('<') || item.includes('{')) refuseItem(where, raw, 'index-date-math', `Date math index names ("${shown(raw)}") are not allowed.`);
    if (item.startsWith('-') || item.startsWith('+')) refuseItem(where, raw, 'index-exclusion', `Index exclusions and inclusions ("${shown(raw)}") are not allowed.`);
    if (FORBIDDEN_CHARACTERS.test(item)) refuseItem(where, raw, 'index-invalid', `The index name "${shown(raw)}" has a character index names cannot have.`);
    if (item.startsWith('_') && item !== '*') refuseItem(where, raw, 'index-invalid', `The index name "${shown(raw)}" is reserved.`);
    items[i] = item;
  }
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i] as string;
    const raw = raws[i] as string;
    if (allowed === undefined) {
      if (item.includes('*') || item.startsWith('.')) {
        refuse('index-not-allowed', `"${shown(raw)}" needs options.indices: without it only concrete index names are accepted.`, { ...where, index: raw });
      }
    } else if (!isCovered(allowed, item)) {
      refuse('index-not-allowed', `The index "${shown(raw)}" is outside the token's indices.`, { ...where, index: raw });
    }
  }
  return items;
}
