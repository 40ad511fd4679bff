/**
 * The five predicate workloads over the generated
 * documents. Values are chosen so every workload matches a few percent of
 * the documents and the wide `AND` evaluates most of its filters per document.
 */
import { floorAnd10, floorAnd3, floorServiceName, floorStatus5xx, floorTagsCanary } from './floor-closures.js';
import { handAnd10, handAnd3, handAnyOf, handOne } from './hand-written.js';
import type { Workload } from './workload.js';

// Filters are listed in the canonical (code-unit) order compileAccess sorts
// them into, so every implementation evaluates an AND in the same order and
// the comparison measures the machinery, not a luckier filter order.
const and3 = [
  { field: 'http.request.method', value: 'GET' },
  { field: 'kubernetes.namespace', value: 'shop' },
  { field: 'service.environment', value: 'production' },
] as const;

const and10 = [
  { field: 'cloud.region', value: 'us-east-1' },
  { field: 'event.category', value: 'web' },
  { field: 'event.kind', value: 'event' },
  { field: 'event.outcome', value: 'success' },
  { field: 'http.request.method', value: 'GET' },
  { field: 'http.response.status_code', value: '200' },
  { field: 'kubernetes.namespace', value: 'shop' },
  { field: 'log.level', value: 'info' },
  { field: 'service.environment', value: 'production' },
  { field: 'tags', value: 'prod' },
] as const;

const errors = ['500', '502', '503'] as const;

/** The spec's workloads, in the order they are reported. */
export function syntheticWorkloads(): Workload[] {
  return [
    {
      title: 'one field',
      filters: [{ field: 'service.name', value: 'checkout' }],
      operator: 'AND',
      handWritten: handOne('service.name', 'checkout'),
      floor: floorServiceName,
    },
    {
      title: 'AND of 3 dotted fields',
      filters: and3,
      operator: 'AND',
      handWritten: handAnd3(and3),
      floor: floorAnd3,
    },
    {
      title: 'OR of 3 values (numeric field)',
      filters: errors.map((value) => ({ field: 'http.response.status_code', value })),
      operator: 'OR',
      handWritten: handAnyOf('http.response.status_code', errors),
      floor: floorStatus5xx,
    },
    {
      title: 'array membership',
      filters: [{ field: 'tags', value: 'canary' }],
      operator: 'AND',
      handWritten: handOne('tags', 'canary'),
      floor: floorTagsCanary,
    },
    {
      title: 'AND of 10 filters',
      filters: and10,
      operator: 'AND',
      handWritten: handAnd10(and10),
      floor: floorAnd10,
    },
  ];
}
