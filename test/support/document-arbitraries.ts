/**
 * fast-check arbitraries of `_source` documents with adversarial shapes:
 * every field path may be spelled with dotted keys, nested objects or any
 * mix, wrapped in arrays at any level, repeated (so values merge into arrays
 * and arrays of objects), and hold a leaf, an array of leaves, `null` or `[]`.
 *
 * Used by the compiler laws and agreement tests (B1); other suites may use them.
 */
import fc from 'fast-check';

/** A JSON-like document as the engine's `_source` holds it. */
export type SourceDocument = Record<string, unknown>;

interface Placement {
  readonly path: string;
  /** `cuts[i]`: start a new key after segment i (otherwise join segments i and i+1 with a dot). */
  readonly cuts: readonly boolean[];
  /** `wraps[k]`: put the object under the k-th key in a one-element array. */
  readonly wraps: readonly boolean[];
  readonly value: unknown;
}

/**
 * Documents over `paths`, with values drawn from `valueFor(path)`.
 *
 * @example
 * ```ts
 * documentArbitrary(['a.b', 'c'], () => fc.constantFrom('x', 1, null));
 * // e.g. { "a": [{ "b": "x" }], "a.b": [1, null], "c": [] }
 * ```
 */
export function documentArbitrary(
  paths: readonly string[],
  valueFor: (path: string) => fc.Arbitrary<unknown>,
  options: DocumentOptions = {},
): fc.Arbitrary<SourceDocument> {
  const placement = fc.constantFrom(...paths).chain((path) => placementOf(path, leafOrArray(valueFor(path))));
  const seeded = (options.seeded ?? []).map(({ path, value }) =>
    fc.option(placementOf(path, fc.oneof(fc.constant(value), fc.constant([value]))), { freq: 4, nil: undefined }),
  );
  return fc
    .tuple(fc.array(placement, { maxLength: options.maxPlacements ?? 6 }), fc.tuple(...seeded), fc.nat())
    .map(([random, chosen, seed]) => {
      const placements = [...random];
      // Interleave the seeded values at pseudo-random positions so they merge with the noise in every order.
      chosen.forEach((item, index) => {
        if (item !== undefined) placements.splice((seed + index * 7) % (placements.length + 1), 0, item);
      });
      return buildDocument(placements);
    });
}

/** Options of {@link documentArbitrary}. */
export interface DocumentOptions {
  /** At most this many random placements (default 6). */
  readonly maxPlacements?: number;
  /**
   * Values to plant in most documents (each with probability 3/4), spelled
   * in random shapes: typically the filters under test, so that matches are common.
   */
  readonly seeded?: readonly { readonly path: string; readonly value: unknown }[];
}

function placementOf(path: string, value: fc.Arbitrary<unknown>): fc.Arbitrary<Placement> {
  const depth = path.split('.').length;
  return fc.record({
    path: fc.constant(path),
    cuts: fc.array(fc.boolean(), { minLength: depth - 1, maxLength: depth - 1 }),
    wraps: fc.array(fc.boolean(), { minLength: depth, maxLength: depth }),
    value,
  });
}

/** A leaf, or an array of leaves (possibly empty, possibly nested once). */
export function leafOrArray(leaf: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 2, arbitrary: fc.array(leaf, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.array(fc.array(leaf, { maxLength: 2 }), { maxLength: 2 }) },
  );
}

function buildDocument(placements: readonly Placement[]): SourceDocument {
  const doc: SourceDocument = {};
  for (const { path, cuts, wraps, value } of placements) {
    const segments = path.split('.');
    const keys: string[] = [];
    let current = segments[0] as string;
    cuts.forEach((cut, index) => {
      const next = segments[index + 1] as string;
      if (cut) {
        keys.push(current);
        current = next;
      } else {
        current = `${current}.${next}`;
      }
    });
    keys.push(current);
    insert(doc, keys, 0, value, wraps);
  }
  return doc;
}

function insert(node: SourceDocument, keys: readonly string[], index: number, value: unknown, wraps: readonly boolean[]): void {
  const key = keys[index] as string;
  if (index === keys.length - 1) {
    put(node, key, value);
    return;
  }
  const existing = Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
  if (wraps[index] !== true && typeof existing === 'object' && existing !== null && !Array.isArray(existing)) {
    insert(existing as SourceDocument, keys, index + 1, value, wraps);
    return;
  }
  const child: SourceDocument = {};
  insert(child, keys, index + 1, value, wraps);
  put(node, key, wraps[index] === true ? [child] : child);
}

/** Sets `node[key]`, merging with a value already there into an array (the engine indexes both). */
function put(node: SourceDocument, key: string, value: unknown): void {
  const merged = Object.prototype.hasOwnProperty.call(node, key) ? [node[key], value] : value;
  Object.defineProperty(node, key, { value: merged, enumerable: true, writable: true, configurable: true });
}
