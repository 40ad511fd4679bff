import type { SourceDocument } from '../../support/document-arbitraries.js';

/**
 * Every scalar (and `null`) of `doc` by full dotted path, in document order:
 * the engine's view of a document, computed independently of the predicate's walker.
 */
export function leavesByPath(doc: SourceDocument): Map<string, unknown[]> {
  const leaves = new Map<string, unknown[]>();
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      for (const element of value) walk(element, path);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) walk(child, path === '' ? key : `${path}.${key}`);
    } else if (value !== undefined) {
      leaves.set(path, [...(leaves.get(path) ?? []), value]);
    }
  };
  walk(doc, '');
  return leaves;
}

/** The flattened form: one dotted key per path (`{"a.b.c": [x, y]}`). */
export function flattenedForm(doc: SourceDocument): SourceDocument {
  const result: SourceDocument = {};
  for (const [path, leaves] of leavesByPath(doc)) define(result, path, leaves.length === 1 ? leaves[0] : leaves);
  return result;
}

/** The fully nested form: no dotted key anywhere (`{a: {b: {c: [x, y]}}}`); a path that is also a prefix keeps both as an array. */
export function fullyNestedForm(doc: SourceDocument): SourceDocument {
  const result: SourceDocument = {};
  for (const [path, leaves] of leavesByPath(doc)) {
    const segments = path.split('.');
    let node = result;
    segments.forEach((segment, index) => {
      const last = index === segments.length - 1;
      const existing = Object.prototype.hasOwnProperty.call(node, segment) ? node[segment] : undefined;
      if (last) {
        define(node, segment, existing === undefined ? leaves : [existing, ...leaves]);
        return;
      }
      let child = findObject(existing);
      if (child === undefined) {
        child = {};
        define(node, segment, existing === undefined ? child : [existing, child]);
      }
      node = child;
    });
  }
  return result;
}

function findObject(value: unknown): SourceDocument | undefined {
  if (Array.isArray(value)) {
    for (const element of value) {
      const found = findObject(element);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return typeof value === 'object' && value !== null ? (value as SourceDocument) : undefined;
}

function define(node: SourceDocument, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}
