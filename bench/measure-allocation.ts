/**
 * Heap allocated while filtering: the growth of the used heap over one scan
 * plus everything the garbage collector reclaimed during it (from
 * `v8.GCProfiler`), so allocation is counted even when a scavenge runs in
 * the middle. With `--expose-gc` the heap is collected first.
 */
import { GCProfiler } from 'node:v8';
import type { DocTest } from './candidate.js';
import { countMatches } from './count-matches.js';

/** Allocation of one scan. */
export interface Allocation {
  /** Bytes allocated per scanned document. */
  readonly bytesPerDoc: number;
  /** Garbage collections during the scan. */
  readonly collections: number;
}

/** True when the process runs with `--expose-gc`. */
export function canCollect(): boolean {
  return typeof (globalThis as { gc?: unknown }).gc === 'function';
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) gc();
}

/**
 * Measures the bytes `test` allocates per document while scanning `docs`:
 * the smaller of two scans, since the first can also count code and
 * feedback the JIT allocates on the heap.
 */
export function measureAllocation(test: DocTest, docs: readonly unknown[]): Allocation {
  const first = scanAllocation(test, docs);
  const second = scanAllocation(test, docs);
  return first.bytesPerDoc <= second.bytesPerDoc ? first : second;
}

function scanAllocation(test: DocTest, docs: readonly unknown[]): Allocation {
  collect();
  const profiler = new GCProfiler();
  const before = process.memoryUsage().heapUsed;
  profiler.start();
  countMatches(test, docs);
  const result = profiler.stop();
  const after = process.memoryUsage().heapUsed;
  let reclaimed = 0;
  for (const event of result.statistics) {
    reclaimed += event.beforeGC.heapStatistics.usedHeapSize - event.afterGC.heapStatistics.usedHeapSize;
  }
  return { bytesPerDoc: Math.max(0, after - before + reclaimed) / docs.length, collections: result.statistics.length };
}
