/**
 * The "exact match" oracle that rejected filter values are checked against:
 * a document matches `field: value` when some leaf at the field's `_source`
 * path, written as JSON text, is exactly `value`. Written independently of
 * the library's own path walker on purpose.
 */

/**
 * Every value at a dotted path of a `_source` document. Keys may spell
 * several segments at once (`{"a.b": x}` ≡ `{a: {b: x}}`), arrays are
 * flattened at every level, and mixtures of both merge.
 */
export function valuesAtPath(root: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  collect(root, path.split('.'), 0, out);
  return out;
}

function collect(node: unknown, segments: readonly string[], from: number, out: unknown[]): void {
  if (Array.isArray(node)) {
    for (const element of node) collect(element, segments, from, out);
    return;
  }
  if (from === segments.length) {
    out.push(node);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  let key = '';
  for (let end = from; end < segments.length; end += 1) {
    key = end === from ? (segments[end] ?? '') : `${key}.${segments[end] ?? ''}`;
    if (Object.prototype.hasOwnProperty.call(record, key)) collect(record[key], segments, end + 1, out);
  }
}

/** Scalar leaves under a value (the value itself when it is a scalar), objects and arrays opened. */
export function scalarLeaves(value: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const element of value) scalarLeaves(element, out);
  else if (typeof value === 'object' && value !== null) for (const child of Object.values(value)) scalarLeaves(child, out);
  else out.push(value);
  return out;
}

/** A scalar leaf as JSON text (`null` and `undefined` have none). */
export function leafText(leaf: unknown): string | undefined {
  switch (typeof leaf) {
    case 'string':
      return leaf;
    case 'number':
      return JSON.stringify(leaf);
    case 'bigint':
      return leaf.toString();
    case 'boolean':
      return leaf ? 'true' : 'false';
    default:
      return undefined;
  }
}

/** True when a leaf at one of `paths` is exactly `value` as text. */
export function exactlyMatches(source: unknown, paths: readonly string[], value: string): boolean {
  return paths.some((path) => valuesAtPath(source, path).some((found) => scalarLeaves(found).some((leaf) => leafText(leaf) === value)));
}

/** Serializes a document whose numbers may be bigints (written as plain digits). */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? `__bigint__${item.toString()}` : item)).replace(
    /"__bigint__(-?\d+)"/g,
    '$1',
  );
}
