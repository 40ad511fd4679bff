/**
 * The hand-written baseline's machinery: a field path precomputed into every
 * dotted-key spelling it can take, and an allocation-free walk that finds a
 * value under any mix of nesting, dotted keys and arrays. This is the code a
 * careful engineer would write by hand for the schemaless semantics
 * (docs/design.md §4): strings exact, numbers by value, booleans by
 * `"true"`/`"false"`, arrays any element, `{"a.b": x}` ≡ `{a: {b: x}}`.
 */

/**
 * `keys[i][k]` is segments `i..i+k` joined with dots, so the walk never
 * builds a string while filtering.
 */
export interface HandPath {
  readonly field: string;
  readonly last: number;
  readonly keys: readonly (readonly string[])[];
}

/** A filter value in the three forms a document value is compared in. */
export interface Wanted {
  readonly text: string;
  /** `NaN` when the value is not a decimal number, so no number equals it. */
  readonly number: number;
  /** 1 for `"true"`, 0 for `"false"`, -1 otherwise. */
  readonly bool: number;
}

const DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Precomputes the dotted-key table of `field`. */
export function handPath(field: string): HandPath {
  const segments = field.split('.');
  const keys = segments.map((_, i) => segments.slice(i).map((__, k) => segments.slice(i, i + k + 1).join('.')));
  return { field, last: segments.length - 1, keys };
}

/** Precomputes the comparison forms of a filter value. */
export function wanted(text: string): Wanted {
  return {
    text,
    number: DECIMAL.test(text) ? Number(text) : Number.NaN,
    bool: text === 'true' ? 1 : text === 'false' ? 0 : -1,
  };
}

function leafIs(value: unknown, want: Wanted): boolean {
  if (typeof value === 'string') return value === want.text;
  if (typeof value === 'number') return value === want.number;
  if (typeof value === 'boolean') return (value ? 1 : 0) === want.bool;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (leafIs(value[i], want)) return true;
  }
  return false;
}

function nodeHas(node: Record<string, unknown>, path: HandPath, from: number, want: Wanted): boolean {
  const keys = path.keys[from] as readonly string[];
  const last = path.last;
  for (let to = from; to <= last; to++) {
    const child = node[keys[to - from] as string];
    if (child === undefined || child === null) continue;
    if (to === last) {
      if (leafIs(child, want)) return true;
    } else if (typeof child === 'object' && childHas(child, path, to + 1, want)) {
      return true;
    }
  }
  return false;
}

function childHas(child: object, path: HandPath, from: number, want: Wanted): boolean {
  if (Array.isArray(child)) {
    for (let i = 0; i < child.length; i++) {
      const element: unknown = child[i];
      if (typeof element === 'object' && element !== null && childHas(element, path, from, want)) return true;
    }
    return false;
  }
  return nodeHas(child as Record<string, unknown>, path, from, want);
}

/**
 * True when some value of `path` in `doc` equals `want`.
 *
 * @example
 * ```ts
 * has({ 'service.name': 'cart' }, handPath('service.name'), wanted('cart')); // true
 * has({ http: [{ response: { status_code: 500 } }] }, handPath('http.response.status_code'), wanted('500')); // true
 * ```
 */
export function has(doc: unknown, path: HandPath, want: Wanted): boolean {
  return typeof doc === 'object' && doc !== null && childHas(doc, path, 0, want);
}

function leafIsAny(value: unknown, wants: readonly Wanted[]): boolean {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (leafIsAny(value[i], wants)) return true;
    return false;
  }
  for (let i = 0; i < wants.length; i++) if (leafIs(value, wants[i] as Wanted)) return true;
  return false;
}

function nodeHasAny(node: Record<string, unknown>, path: HandPath, from: number, wants: readonly Wanted[]): boolean {
  const keys = path.keys[from] as readonly string[];
  const last = path.last;
  for (let to = from; to <= last; to++) {
    const child = node[keys[to - from] as string];
    if (child === undefined || child === null) continue;
    if (to === last) {
      if (leafIsAny(child, wants)) return true;
    } else if (typeof child === 'object' && childHasAny(child, path, to + 1, wants)) {
      return true;
    }
  }
  return false;
}

function childHasAny(child: object, path: HandPath, from: number, wants: readonly Wanted[]): boolean {
  if (Array.isArray(child)) {
    for (let i = 0; i < child.length; i++) {
      const element: unknown = child[i];
      if (typeof element === 'object' && element !== null && childHasAny(element, path, from, wants)) return true;
    }
    return false;
  }
  return nodeHasAny(child as Record<string, unknown>, path, from, wants);
}

/** True when some value of `path` in `doc` equals any of `wants` (one walk, not one per value). */
export function hasAny(doc: unknown, path: HandPath, wants: readonly Wanted[]): boolean {
  return typeof doc === 'object' && doc !== null && childHasAny(doc, path, 0, wants);
}
