/**
 * Walking a `_source` document the way the engine indexes it: a dotted field
 * path may be spelled with dotted keys, nested objects or any mix of both at
 * every level, and arrays may appear at any level (arrays of objects are
 * flattened). Everything that depends on the path is computed once; testing
 * a document allocates nothing (the only exceptions: reading an own key
 * named `__proto__`, and `for…in` under a `flattened` root, which V8 serves
 * from the object's enum cache when it has one).
 *
 * @packageDocumentation
 */
import { isJsonNumber } from '../documents/json-number.js';

/**
 * Tests one `_source` leaf: a string, number, boolean, bigint, `JsonNumber`
 * (a number with its source text, from `parseJsonDocument`), or `null`.
 */
export type LeafTest = (leaf: unknown) => boolean;

/** True when any leaf at the compiled path under `root` passes the test. */
export type PathMatcher = (root: object) => boolean;

/**
 * Compiles a matcher for `path` (e.g. `a.b.c`). The leaves it passes to
 * `test` are the values the engine would index into that field:
 *
 * - the value at the path, or each element of an array there (nested arrays
 *   are flattened); a `JsonNumber` is a leaf;
 * - `null` (an explicit null or a null element), so that `null_value` can apply;
 *   a missing key, `undefined` and `[]` pass nothing;
 * - objects at the end of the path are not leaves, unless `anyLeaf` is set
 *   (the root of a `flattened` field): then every leaf under them counts,
 *   including leaves under dotted keys that extend the path
 *   (`{"labels.team": x}` for the root `labels`).
 *
 * `exactStrings`, when given, promises that for a string leaf `test(leaf)`
 * is exactly "`leaf` is one of `exactStrings`": string leaves are then
 * compared inline (or through a `Set` when there are many) and `test` is
 * called only for the other leaves.
 *
 * Along the way, `{"a.b": {"c": x}}`, `{"a": {"b.c": x}}`, `{"a.b.c": x}`
 * and `{"a": [{"b": {"c": x}}]}` all reach `x`; when several spellings are
 * present in one document, all of them are visited.
 *
 * @example
 * ```ts
 * const matches = compilePathMatcher('a.b', (leaf) => leaf === 'x', false);
 * matches({ 'a.b': 'x' });           // true
 * matches({ a: [{ b: ['y', 'x'] }] }); // true
 * ```
 */
export function compilePathMatcher(
  path: string,
  test: LeafTest,
  anyLeaf: boolean,
  exactStrings?: readonly string[],
): PathMatcher {
  const segments = path.split('.');
  const count = segments.length;
  const last = count - 1;
  // keys[i * count + j] is the key made of segments i..j joined by dots; plain[...] says
  // whether a plain property read is safe for it (no inherited member of that name).
  const keys: string[] = [];
  const plain: boolean[] = [];
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < count; j++) {
      const key = j < i ? '' : internalized(segments.slice(i, j + 1).join('.'));
      keys.push(key);
      plain.push(!(key in Object.prototype));
    }
  }

  // String leaves: 0 = ask `test`; 1..4 = compare with s0..s3 inline; 5 = look up `stringSet`.
  const distinct = exactStrings === undefined ? undefined : [...new Set(exactStrings)];
  const stringMode = distinct === undefined ? 0 : distinct.length <= 4 ? distinct.length : 5;
  const s0 = distinct?.[0];
  const s1 = distinct?.[1];
  const s2 = distinct?.[2];
  const s3 = distinct?.[3];
  const stringSet: ReadonlySet<unknown> = new Set(stringMode === 5 ? distinct : []);

  const visitLeaves = (value: unknown): boolean => {
    if (typeof value === 'string') {
      switch (stringMode) {
        case 1:
          return value === s0;
        case 2:
          return value === s0 || value === s1;
        case 3:
          return value === s0 || value === s1 || value === s2;
        case 4:
          return value === s0 || value === s1 || value === s2 || value === s3;
        case 5:
          return stringSet.has(value);
        default:
          return test(value);
      }
    }
    if (typeof value === 'object') {
      if (value === null) return test(null);
      if (Array.isArray(value)) {
        if (stringMode === 1) {
          // The common array of strings against one value: compare in the loop, no call per element.
          for (let k = 0; k < value.length; k++) {
            const element: unknown = value[k];
            if (element === s0 || (typeof element !== 'string' && visitLeaves(element))) return true;
          }
          return false;
        }
        for (let k = 0; k < value.length; k++) if (visitLeaves(value[k])) return true;
        return false;
      }
      // A number kept with its source text is a leaf; it has no string keys to walk into.
      if (isJsonNumber(value)) return test(value);
      if (!anyLeaf) return false;
      for (const key in value) {
        if (Object.prototype.hasOwnProperty.call(value, key) && visitLeaves(readOwn(value, key))) return true;
      }
      return false;
    }
    return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol' && test(value);
  };

  const visitChild = (value: unknown, from: number): boolean => {
    if (typeof value !== 'object' || value === null) return false;
    if (Array.isArray(value)) {
      for (let k = 0; k < value.length; k++) if (visitChild(value[k], from)) return true;
      return false;
    }
    return visitNode(value, from);
  };

  const visitNode = (node: object, from: number): boolean => {
    const row = from * count;
    for (let to = from; to < count; to++) {
      const index = row + to;
      const key = keys[index] as string;
      // Read first: most reads miss, and only a hit needs the inherited-member check.
      let value = (node as Record<string, unknown>)[key];
      if (value === undefined) continue;
      if (plain[index] !== true) {
        value = readOwnIfPresent(node, key);
        if (value === undefined) continue;
      }
      if (to === last ? visitLeaves(value) : visitChild(value, to + 1)) return true;
    }
    return anyLeaf && visitDottedDescendants(node, from);
  };

  // Under a flattened root, `{"labels.team": x}` is the key `team` of `labels`:
  // keys that extend the rest of the path with a dot hold leaves of the root too.
  const restPrefixes = segments.map((_, from) => `${segments.slice(from).join('.')}.`);
  const visitDottedDescendants = (node: object, from: number): boolean => {
    const prefix = restPrefixes[from] as string;
    for (const key in node) {
      if (key.length > prefix.length && key.startsWith(prefix) && Object.prototype.hasOwnProperty.call(node, key)) {
        if (visitLeaves(readOwn(node, key))) return true;
      }
    }
    return false;
  };

  return (root) => visitNode(root, 0);
}

/**
 * The string-table copy of `key`, so that reads use the same string objects
 * as the documents' own keys. No measurable gain on a read site that sees
 * one key; it costs nothing per document and spares V8 a string-table
 * lookup wherever a read goes generic.
 */
function internalized(key: string): string {
  return Object.keys({ [key]: 0 })[0] ?? key;
}

/**
 * Reads an own key that `Object.prototype` also has (`constructor`,
 * `toString`, `__proto__`, ...), so that inherited members are never taken
 * for document values.
 */
function readOwnIfPresent(node: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(node, key) ? readOwn(node, key) : undefined;
}

function readOwn(node: object, key: string): unknown {
  // `node.__proto__` reads the prototype even when JSON.parse made an own `__proto__` key.
  return key === '__proto__' ? Object.getOwnPropertyDescriptor(node, key)?.value : (node as Record<string, unknown>)[key];
}
