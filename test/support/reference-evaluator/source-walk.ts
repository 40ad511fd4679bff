/**
 * How the engine's document parser sees a `_source`: the JSON the engine
 * would receive, expanded into full dotted paths.
 *
 * A JS value stands for the JSON `JSON.stringify` writes for it (what a JS
 * host sends), plus one addition: a `bigint` is an integer literal written
 * exactly. So `undefined`, functions and symbols disappear from objects and
 * become `null` in arrays, non-finite numbers become `null`, `-0` is written
 * `0`, and `toJSON` is honoured.
 *
 * Dotted keys are nesting (`{"a.b": 1}` is `{a: {b: 1}}`), arrays are
 * transparent at any depth, and an object at a `nested` path starts a child
 * document instead of being walked into.
 */

/** A scalar as the engine's parser delivers it; `null` is an explicit null (or a null array element). */
export type SourceLeaf = string | number | boolean | bigint | null;

/** What one document (or one nested child) holds, by full dotted path. */
export interface SourceScope {
  /** Path → scalars found there, in document order, `null`s included. */
  readonly leaves: ReadonlyMap<string, readonly SourceLeaf[]>;
  /** Paths where an object (even `{}`) appears. */
  readonly objects: ReadonlySet<string>;
  /** Nested path → the objects found there; each becomes one child document. */
  readonly children: ReadonlyMap<string, readonly object[]>;
  /** Why the engine would reject the document at parse time (an empty key segment), if it would. */
  readonly problem: string | undefined;
}

type Json = SourceLeaf | readonly unknown[] | object;

/** The JSON value `JSON.stringify` would write for `value`, or `undefined` when it writes nothing. */
function toJson(value: unknown): Json | undefined {
  let v = value;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    v = (v as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof v) {
    case 'string':
    case 'boolean':
    case 'bigint':
      return v;
    case 'number':
      // JSON.stringify writes -0 as 0 and non-finite numbers as null
      return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
    case 'object':
      return v;
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      return undefined;
  }
}

/**
 * Walks `value` found at `base` (`''` for a document root). `nestedPaths`
 * are the mapping's nested object paths; the walk stops at any of them
 * other than `base` itself.
 */
export function walkSource(value: object, base: string, nestedPaths: ReadonlySet<string>): SourceScope {
  const leaves = new Map<string, SourceLeaf[]>();
  const objects = new Set<string>();
  const children = new Map<string, object[]>();
  let problem: string | undefined;

  const addLeaf = (path: string, leaf: SourceLeaf): void => {
    const list = leaves.get(path);
    if (list) list.push(leaf);
    else leaves.set(path, [leaf]);
  };

  const walk = (raw: Json, path: string): void => {
    if (raw === null || typeof raw !== 'object') {
      addLeaf(path, raw);
      return;
    }
    if (Array.isArray(raw)) {
      for (const element of raw as readonly unknown[]) walk(toJson(element) ?? null, path);
      return;
    }
    if (path !== base) {
      objects.add(path);
      if (nestedPaths.has(path)) {
        const list = children.get(path);
        if (list) list.push(raw);
        else children.set(path, [raw]);
        return;
      }
    }
    for (const key of Object.keys(raw)) {
      const member = toJson((raw as Record<string, unknown>)[key]);
      if (member === undefined) continue;
      const dot = key.indexOf('.');
      const head = dot < 0 ? key : key.slice(0, dot);
      if (head === '' || key.endsWith('.')) {
        problem ??= `field name [${key}] has an empty segment`;
        continue;
      }
      const childPath = path === '' ? head : `${path}.${head}`;
      // A dotted key is the same as nesting: walk the rest of the key as an object one level down.
      walk(dot < 0 ? member : { [key.slice(dot + 1)]: member }, childPath);
    }
  };

  walk(value, base);
  return { leaves, objects, children, problem };
}

/** `source` as the engine receives it (after `toJSON`), when it is an object. */
export function sourceObject(source: unknown): object | undefined {
  const json = toJson(source);
  return json !== null && json !== undefined && typeof json === 'object' && !Array.isArray(json) ? json : undefined;
}
