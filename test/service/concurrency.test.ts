/**
 * Interleaved changes of one token, with every repository call scheduled by
 * fast-check: no reported success is lost, no token ever points at a deleted
 * filter, and what fails, fails for a stated reason.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SharedTokenError } from '../../src/errors.js';
import type { SharedToken } from '../../src/domain/shared-token.js';
import { REPOSITORY_METHOD_NAMES, type SharedTokenRepository } from '../../src/repository/contract.js';
import { admin, setup } from './support.js';

type Op =
  | { kind: 'attach'; filter: number }
  | { kind: 'detach'; filter: number }
  | { kind: 'set'; filters: number[]; operator: 'AND' | 'OR' }
  | { kind: 'set-expecting'; filters: number[] }
  | { kind: 'rotate' }
  | { kind: 'delete-filter'; filter: number };

interface TokenState {
  filterIds: readonly string[];
  filtersOperator: 'AND' | 'OR';
  hint: string;
}

const FILTERS = 4;
const filter = fc.nat({ max: FILTERS - 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  filter.map((f) => ({ kind: 'attach' as const, filter: f })),
  filter.map((f) => ({ kind: 'detach' as const, filter: f })),
  fc
    .tuple(fc.uniqueArray(filter, { maxLength: 3 }), fc.constantFrom('AND' as const, 'OR' as const))
    .map(([filters, operator]) => ({ kind: 'set' as const, filters, operator })),
  fc.uniqueArray(filter, { maxLength: 3 }).map((filters) => ({ kind: 'set-expecting' as const, filters })),
  fc.constant({ kind: 'rotate' as const }),
  filter.map((f) => ({ kind: 'delete-filter' as const, filter: f })),
);

function scheduled(s: fc.Scheduler, inner: SharedTokenRepository): SharedTokenRepository {
  const wrap = (name: keyof SharedTokenRepository) => async (...args: unknown[]) => {
    await s.schedule(Promise.resolve(), name);
    return (inner[name] as (...a: unknown[]) => Promise<unknown>)(...args);
  };
  return Object.fromEntries(REPOSITORY_METHOD_NAMES.map((name) => [name, wrap(name)])) as unknown as SharedTokenRepository;
}

const stateOf = (t: SharedToken): TokenState => ({ filterIds: t.filterIds, filtersOperator: t.filtersOperator, hint: t.hint });
const sameState = (a: TokenState, b: TokenState) => JSON.stringify(a) === JSON.stringify(b);
const asSet = (ids: readonly string[]) => [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe('concurrent changes of one token', () => {
  it('never lose a reported success, never leave a dangling filter id, and fail only for a stated reason', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(op, { minLength: 2, maxLength: 6 }), async (s, ops) => {
        let scheduling = false;
        const harness = setup({
          repository: (inner) => {
            const wrapped = scheduled(s, inner);
            // Setup runs unscheduled; only the concurrent phase is interleaved.
            return new Proxy(inner, {
              get: (target, key: keyof SharedTokenRepository) => (scheduling ? wrapped[key] : target[key]),
            });
          },
        });
        const { tokens } = harness;
        const filters = [];
        for (let i = 0; i < FILTERS; i++) filters.push(await tokens.createFilter(admin, { field: 'service.name', value: `s${i}` }));
        const ids = filters.map((f) => f.id);
        const { token: initial } = await tokens.createToken(admin, { name: 'Shared', filterIds: [ids[0]!] });

        scheduling = true;
        const run = (o: Op): Promise<SharedToken | { deleted: string; affected: readonly SharedToken[] }> => {
          switch (o.kind) {
            case 'attach':
              return tokens.attachFilters(admin, initial.id, { filterIds: [ids[o.filter]!] });
            case 'detach':
              return tokens.detachFilters(admin, initial.id, { filterIds: [ids[o.filter]!] });
            case 'set':
              return tokens.setTokenFilters(admin, initial.id, { filterIds: o.filters.map((i) => ids[i]!), filtersOperator: o.operator });
            case 'set-expecting':
              return tokens.setTokenFilters(admin, initial.id, { filterIds: o.filters.map((i) => ids[i]!), expectedVersion: 1 });
            case 'rotate':
              return tokens.rotateTokenSecret(admin, initial.id).then((r) => r.token);
            case 'delete-filter':
              return tokens
                .previewFilterDeletion(admin, ids[o.filter]!)
                .then((p) => tokens.deleteFilter(admin, ids[o.filter]!, { confirm: p.confirmation }))
                .then((r) => ({ deleted: r.filter.id, affected: r.affectedTokens }));
            default: {
              const unreachable: never = o;
              return unreachable;
            }
          }
        };
        const results = await s.waitFor(Promise.allSettled(ops.map(run)));
        scheduling = false;

        const final = await tokens.getToken(admin, initial.id);
        const existing = new Set((await tokens.listFilters(admin)).items.map((f) => f.id));
        // Never a dangling filter id.
        expect(final.filterIds.every((id) => existing.has(id))).toBe(true);

        const deletedIds = new Set<string>();
        // version -> the token state some successful operation reports at that version
        const reported: { op: Op; version: number; state: TokenState }[] = [];
        results.forEach((result, i) => {
          const o = ops[i]!;
          if (result.status === 'rejected') {
            const error: unknown = result.reason;
            expect(error).toBeInstanceOf(SharedTokenError);
            const { code } = error as SharedTokenError;
            const allowed =
              o.kind === 'delete-filter'
                ? ['CONFLICT', 'CONFIRMATION_REQUIRED', 'NOT_FOUND']
                : o.kind === 'rotate'
                  ? ['CONFLICT']
                  : // A filter named by the operation may have been deleted concurrently.
                    ['CONFLICT', 'NOT_FOUND'];
            expect(allowed, `${o.kind} failed with ${code}`).toContain(code);
            return;
          }
          const value = result.value;
          if ('deleted' in value) {
            deletedIds.add(value.deleted);
            const mine = value.affected.find((t) => t.id === initial.id);
            if (mine !== undefined) reported.push({ op: o, version: mine.version, state: stateOf(mine) });
          } else {
            reported.push({ op: o, version: value.version, state: stateOf(value) });
          }
        });
        for (const id of deletedIds) expect(existing.has(id)).toBe(false);

        // Linearizability: the versions 2..final are each produced by exactly one
        // reported success, applied to the state before it; every other success
        // was a no-op on the state at its version.
        const apply = (o: Op, before: TokenState, after: TokenState): TokenState => {
          switch (o.kind) {
            case 'attach':
              return { ...before, filterIds: asSet([...before.filterIds, ids[o.filter]!]) };
            case 'detach':
              return { ...before, filterIds: before.filterIds.filter((id) => id !== ids[o.filter]) };
            case 'set':
              return { ...before, filterIds: asSet(o.filters.map((i) => ids[i]!)), filtersOperator: o.operator };
            case 'set-expecting':
              return { ...before, filterIds: asSet(o.filters.map((i) => ids[i]!)) };
            case 'rotate':
              return { ...before, hint: after.hint };
            case 'delete-filter':
              return { ...before, filterIds: before.filterIds.filter((id) => id !== ids[o.filter]) };
            default: {
              const unreachable: never = o;
              return unreachable;
            }
          }
        };
        let state = stateOf(initial);
        for (let version = 2; version <= final.version; version++) {
          const candidates = reported.filter((r) => r.version === version);
          const producer = candidates.find((r) => sameState(apply(r.op, state, r.state), r.state) && !sameState(r.state, state));
          expect(producer, `no reported success produced version ${version}`).toBeDefined();
          state = producer!.state;
          for (const other of candidates) expect(sameState(other.state, state)).toBe(true);
        }
        expect(sameState(state, stateOf(final))).toBe(true);
        expect(reported.every((r) => r.version <= final.version)).toBe(true);
        for (const r of reported.filter((r) => r.version === 1)) expect(sameState(r.state, stateOf(initial))).toBe(true);
      }),
    );
  });
});
