/**
 * Rewrites a nested document into the other shapes the engine accepts for
 * the same data: every leaf as a top-level dotted key (`{"service.name": x}`),
 * or a mix where each leaf is nested down to a random depth and dotted below
 * it (`{http: {"response.status_code": 200}}`). Values (arrays included) are
 * kept as they are, so all shapes index to the same fields.
 */
import type { Random } from './prng.js';

type Json = Record<string, unknown>;

/** How a generated document is written. */
export type DocShape = 'nested' | 'flat' | 'mixed';

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every leaf of `doc` as its segments and value; arrays are leaves. */
function leaves(doc: Json, prefix: readonly string[] = [], out: [string[], unknown][] = []): [string[], unknown][] {
  for (const [key, value] of Object.entries(doc)) {
    const path = [...prefix, key];
    if (isPlainObject(value)) leaves(value, path, out);
    else out.push([path, value]);
  }
  return out;
}

/** Nests the first `depth` segments as objects and joins the rest into one dotted key. */
function place(target: Json, segments: readonly string[], depth: number, value: unknown): void {
  let node = target;
  for (let i = 0; i < depth; i++) {
    const key = segments[i] as string;
    const child = node[key];
    if (isPlainObject(child)) {
      node = child;
    } else {
      const created: Json = {};
      node[key] = created;
      node = created;
    }
  }
  node[segments.slice(depth).join('.')] = value;
}

/**
 * `doc` rewritten in `shape`. `mixed` guarantees at least one dotted key, so
 * every non-nested document really exercises dotted-key handling.
 *
 * @example
 * ```ts
 * reshape({ service: { name: 'cart' } }, 'flat', random); // { 'service.name': 'cart' }
 * ```
 */
export function reshape(doc: Json, shape: DocShape, random: Random): Json {
  switch (shape) {
    case 'nested':
      return doc;
    case 'flat': {
      const out: Json = {};
      for (const [segments, value] of leaves(doc)) place(out, segments, 0, value);
      return out;
    }
    case 'mixed': {
      const out: Json = {};
      const all = leaves(doc);
      const dottable = all.filter(([segments]) => segments.length > 1);
      const forced = dottable.length === 0 ? undefined : dottable[random.int(dottable.length)];
      for (const leaf of all) {
        const [segments, value] = leaf;
        const deepest = segments.length - 1;
        const depth = leaf === forced ? random.int(deepest) : random.int(deepest + 1);
        place(out, segments, depth, value);
      }
      return out;
    }
    default: {
      const never: never = shape;
      throw new Error(`unknown shape ${String(never)}`);
    }
  }
}
