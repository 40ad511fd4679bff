/**
 * The field types a proxy compiles the token's filter with, loaded from the
 * host's mapping source and kept for a bounded time, so that a mapping change
 * is seen without a request paying for a `_mapping` call each time.
 *
 * @packageDocumentation
 */
import type { FieldTypes } from '../access/mapping/field-types.js';
import { fieldTypesFromMapping } from '../access/mapping/mapping.js';
import type { MappingEngine } from '../access/mapping/mapping-fields.js';

/** Returns the current field types, loading them when the cached ones are older than the lifetime. */
export type FieldTypesSource = () => Promise<FieldTypes | undefined>;

/**
 * A cache over `loadMapping` (a `GET <indices>/_mapping` response). One load
 * at a time: concurrent requests share it. A failed load is not cached.
 */
export function cachedFieldTypes(loadMapping: () => Promise<unknown>, lifetimeMs: number, now: () => number, engine?: MappingEngine): FieldTypesSource {
  let cached: { readonly fields: FieldTypes; readonly until: number } | undefined;
  let loading: Promise<FieldTypes> | undefined;
  return async () => {
    if (cached !== undefined && cached.until > now()) return cached.fields;
    loading ??= (async () => {
      try {
        // Called after a tick, so a loader that throws synchronously still clears `loading` after it was set.
        const fields = fieldTypesFromMapping(await Promise.resolve().then(loadMapping), engine === undefined ? {} : { engine });
        cached = { fields, until: now() + lifetimeMs };
        return fields;
      } finally {
        loading = undefined;
      }
    })();
    return loading;
  };
}
