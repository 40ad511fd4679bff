import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareOrderKeys, OrderedKeys, type OrderKey } from '../../src/repository/record-order.js';

const key = fc.record({ createdAt: fc.constantFrom('2026-01-01', '2026-01-02', '2026-01-03'), id: fc.string({ maxLength: 3 }) });

type Operation = { readonly insert: boolean; readonly key: OrderKey };

describe('OrderedKeys', () => {
  it('pages exactly like sorting a plain array of the live keys and slicing after the cursor', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ insert: fc.boolean(), key }), { maxLength: 40 }),
        fc.option(key, { nil: null }),
        fc.integer({ min: 1, max: 10 }),
        (operations: Operation[], cursor, limit) => {
          const ordered = new OrderedKeys();
          const live = new Map<string, OrderKey>();
          for (const { insert, key: current } of operations) {
            const name = JSON.stringify([current.createdAt, current.id]);
            // Keys are unique in real use: a record is inserted once and removed once.
            if (insert && !live.has(name)) {
              ordered.insert(current);
              live.set(name, current);
            } else if (!insert) {
              ordered.remove(current);
              live.delete(name);
            }
          }
          const sorted = [...live.values()].sort(compareOrderKeys);
          const after = cursor === null ? sorted : sorted.filter((candidate) => compareOrderKeys(candidate, cursor) > 0);
          expect(ordered.page(cursor, limit)).toEqual({ keys: after.slice(0, limit), more: after.length > limit });
        },
      ),
    );
  });
});
