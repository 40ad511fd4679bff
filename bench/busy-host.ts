/**
 * Makes this process look like a long-running host that has served many
 * tokens over many indices: compiles a few hundred predicates over a few
 * dozen field paths (the workloads' own and others) and runs each over
 * documents of a few dozen shapes, so that every shared read site has seen
 * many keys and hidden classes before the timed rows run (`--busy`).
 */
import * as source from '../src/index.js';
import { GENERATED_FIELDS } from './generate-documents.js';
import { createRandom } from './prng.js';

/** What was done, for the report's header. */
export interface BusyHostSummary {
  readonly predicates: number;
  readonly paths: number;
  readonly shapes: number;
}

/** The two functions the busy host calls: the source's by default, or a built package's (the guard bench passes the one it times). */
export interface BusyHostLibrary {
  readonly compileAccess: typeof source.compileAccess;
  readonly toPredicate: typeof source.toPredicate;
}

/** Compiles and runs predicates over many paths and shapes; returns what it did. */
export function makeHostBusy(seed = 11, { compileAccess, toPredicate }: BusyHostLibrary = source): BusyHostSummary {
  const random = createRandom(seed);
  const otherPaths = Array.from({ length: 30 }, (_, i) => `app${i % 7}.${['meta', 'labels', 'ctx'][i % 3]}.k${i}`);
  const paths = [...Object.keys(GENERATED_FIELDS), ...otherPaths, 'a', 'b.c', 'x.y.z.w'];
  const shapes: Record<string, unknown>[] = [];
  for (let s = 0; s < 40; s++) {
    const doc: Record<string, unknown> = { [`extra${s}`]: s };
    for (const path of paths) {
      if (random.next() < 0.4) continue;
      const segments = path.split('.');
      // Each path written nested, dotted, or partly each: many hidden classes per read site.
      const split = Math.floor(random.next() * segments.length);
      let node = doc;
      for (const segment of segments.slice(0, split)) {
        const child = node[segment];
        node = (typeof child === 'object' && child !== null && !Array.isArray(child) ? child : (node[segment] = {})) as Record<string, unknown>;
      }
      node[segments.slice(split).join('.')] = random.next() < 0.5 ? `v${s}` : [s, `v${s}`];
    }
    shapes.push(doc);
  }
  const predicates = 300;
  for (let i = 0; i < predicates; i++) {
    const first = paths[i % paths.length] as string;
    const second = paths[(i * 7 + 3) % paths.length] as string;
    const expression = compileAccess(
      [
        { field: first, value: `v${i % 40}` },
        { field: second, value: `v${(i + 1) % 40}` },
      ],
      i % 2 === 0 ? 'AND' : 'OR',
    );
    const test = toPredicate(expression);
    for (let r = 0; r < 50; r++) for (const doc of shapes) test(doc);
  }
  return { predicates, paths: paths.length, shapes: shapes.length };
}
