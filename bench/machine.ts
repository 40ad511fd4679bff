/**
 * The machine a run happened on, for the report header and docs/benchmarks.md.
 */
import { cpus, loadavg, totalmem } from 'node:os';

/** One line per fact. */
export function machineLines(): string[] {
  const cores = cpus();
  return [
    `node ${process.version} (V8 ${process.versions.v8}), ${process.platform}/${process.arch}`,
    `CPU: ${cores[0]?.model.trim() ?? 'unknown'}, ${cores.length} logical cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM`,
    `load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')} (the machine may be shared; medians damp the noise)`,
  ];
}
