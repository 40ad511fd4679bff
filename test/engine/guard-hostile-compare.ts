/**
 * What the hostile-request test compares, and how it keeps the node alive:
 * responses reduced to what must be equal between the full index and the
 * allowed-only index, and the number of buckets a histogram would build,
 * computed before the request is sent.
 */

type Json = unknown;
type Obj = Record<string, Json>;

const isObj = (value: Json): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Keys that differ between two indices for reasons that say nothing about
 * access: timings, scores, sequence numbers, and OpenSearch 3's
 * `terminated_early` (set when a size-0 search over a filter stops collecting
 * early, which the token filter makes possible on the full index).
 */
const VOLATILE = new Set(['took', 'max_score', '_score', '_shards', 'timed_out', '_clusters', 'phase_took', 'sort', '_seq_no', '_primary_term', 'terminated_early']);

/**
 * A response (or `_msearch` item) reduced to what must be equal: scores,
 * timings and sort values go (scores are the documented exception), hit lists
 * become sorted id lists (only their total when the page does not hold every
 * hit), and an error becomes its status and root-cause types (its text names
 * index uuids that differ, and its outer type can change when the same
 * clause sits one `bool` deeper, as it does after guarding).
 */
export function normalizeResponse(response: Json): Json {
  if (isObj(response) && response['error'] !== undefined) return errorShape(response);
  return walk(response);
}

function errorShape(response: Obj): Json {
  const error = response['error'];
  if (!isObj(error)) return { status: response['status'], error: String(error).slice(0, 40) };
  const roots = Array.isArray(error['root_cause']) ? error['root_cause'].map((root) => (isObj(root) ? root['type'] : undefined)) : [];
  return { status: response['status'], roots };
}

function walk(node: Json): Json {
  if (Array.isArray(node)) return node.map(walk);
  if (!isObj(node)) return node;
  const out: Obj = {};
  for (const [key, child] of Object.entries(node)) {
    if (VOLATILE.has(key)) continue;
    // An aggregation over an empty index answers an empty `meta`; it says nothing about access.
    if (key === 'meta' && isObj(child) && Object.keys(child).length === 0) continue;
    if (key === 'hits' && isObj(child) && Array.isArray(child['hits'])) {
      const list = child['hits'] as Json[];
      const ids = list.map((hit) => (isObj(hit) ? String(hit['_id']) + (isObj(hit['_nested']) ? `#${JSON.stringify(hit['_nested'])}` : '') : '?')).sort();
      const total = child['total'];
      const totalValue = isObj(total) ? Number(total['value']) : typeof total === 'number' ? total : undefined;
      const complete = totalValue === undefined || totalValue === ids.length;
      const details = list.map((hit) => (isObj(hit) ? walk(Object.fromEntries(Object.entries(hit).filter(([k]) => k !== '_index'))) : hit));
      out[key] = {
        total,
        ids: complete ? ids : `(top ${ids.length} of ${totalValue ?? '?'})`,
        // Hit contents (fields, highlights, inner hits) in id order, when the page is complete.
        details: complete ? details.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : undefined,
      };
      continue;
    }
    out[key] = walk(child);
  }
  return out;
}

/** The data range of the visible documents, which `min_doc_count: 0` buckets also span. */
export interface DataRanges {
  readonly num: readonly [number, number];
  readonly ts: readonly [number, number];
}

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const CALENDAR_MS: Readonly<Record<string, number>> = {
  minute: 60_000, '1m': 60_000, hour: 3_600_000, '1h': 3_600_000, day: 86_400_000, '1d': 86_400_000, week: 604_800_000, '1w': 604_800_000,
  month: 28 * 86_400_000, '1M': 28 * 86_400_000, quarter: 90 * 86_400_000, '1q': 90 * 86_400_000, year: 365 * 86_400_000, '1y': 365 * 86_400_000,
};

function intervalMs(body: Obj): number | undefined {
  const fixed = body['fixed_interval'] ?? body['interval'];
  if (typeof fixed === 'string') {
    const match = /^(\d+)(ms|s|m|h|d)$/.exec(fixed);
    if (match !== null) return Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN);
    return CALENDAR_MS[fixed];
  }
  if (typeof fixed === 'number') return fixed;
  const calendar = body['calendar_interval'];
  return typeof calendar === 'string' ? CALENDAR_MS[calendar] : undefined;
}

function bound(value: Json): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const parsed = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** Buckets one histogram builds: empty ones from min to max of data ∪ extended_bounds, cut to hard_bounds. */
function histogramBuckets(type: string, body: Obj, ranges: DataRanges): number {
  const minDocCount = body['min_doc_count'];
  const interval = type === 'histogram' ? (typeof body['interval'] === 'number' ? body['interval'] : Number(body['interval'])) : intervalMs(body);
  const [dataMin, dataMax] = type === 'histogram' ? ranges.num : ranges.ts;
  if (minDocCount !== 0 && minDocCount !== '0') return Math.ceil((dataMax - dataMin + 1) / Math.max(1, interval ?? 1));
  if (interval === undefined || !(interval > 0)) return Number.POSITIVE_INFINITY;
  let low = dataMin;
  let high = dataMax;
  const extended = body['extended_bounds'];
  if (isObj(extended)) {
    low = Math.min(low, bound(extended['min']) ?? low);
    high = Math.max(high, bound(extended['max']) ?? high);
  }
  const hard = body['hard_bounds'];
  if (isObj(hard)) {
    low = Math.max(low, bound(hard['min']) ?? low);
    high = Math.min(high, bound(hard['max']) ?? high);
  }
  return high < low ? 0 : Math.floor((high - low) / interval) + 1;
}

/**
 * The most buckets any one histogram in `aggs` (at any depth) builds. Used
 * to keep a request that would exhaust the node's memory from being sent at
 * all: the engine builds every empty bucket before `search.max_buckets`
 * applies.
 */
export function largestHistogram(aggs: Json, ranges: DataRanges): number {
  if (!isObj(aggs)) return 0;
  let largest = 0;
  for (const definition of Object.values(aggs)) {
    if (!isObj(definition)) continue;
    for (const [type, body] of Object.entries(definition)) {
      if ((type === 'histogram' || type === 'date_histogram') && isObj(body)) largest = Math.max(largest, histogramBuckets(type, body, ranges));
      if (type === 'aggs' || type === 'aggregations') largest = Math.max(largest, largestHistogram(body, ranges));
    }
  }
  return largest;
}
