/**
 * The one place where the guard's recursive grammar is tied together: a
 * query holds inner hits, which hold sorts and highlights, which hold
 * queries; an aggregation holds queries and sorts. Each walker module
 * imports none of the others and recurses through `context.walkers`, so the
 * module graph has no cycle and the recursion is visible here.
 *
 * @packageDocumentation
 */
import { walkAggregations } from './aggregation-walker.js';
import { walkHighlight } from './highlight-walker.js';
import { walkInnerHits } from './hits-options.js';
import { walkQuery } from './query-walker.js';
import { walkSort } from './sort-walker.js';
import type { Walkers } from './walk-context.js';

/** The walkers every `WalkContext` carries. */
export const WALKERS: Walkers = Object.freeze({
  query: walkQuery,
  sort: walkSort,
  highlight: walkHighlight,
  innerHits: walkInnerHits,
  aggregations: walkAggregations,
});
