/**
 * A search proxy over a fresh service, with a recording `forward` and a
 * hand-driven clock: one token whose filter is `service.name: checkout`.
 */
import { createInMemoryRepository, createSharedTokens, type Actor, type FieldTypes } from '../../src/index.js';
import { createSearchProxy, type ForwardedResponse, type SearchProxyOptions } from '../../src/proxy/index.js';
import type { GuardedSearchRequest } from '../../src/guard/types.js';

/** The field types the tokens' filters compile with (the proxy needs them, or a mapping loader). */
export const PROXY_FIELDS: FieldTypes = { 'service.name': { type: 'keyword' }, env: { type: 'keyword' } };

export const admin: Actor = { accountId: 'acme', userId: 'alice', role: 'admin' };

/** What the fake engine answers to a forwarded request. */
export type Answer = (request: GuardedSearchRequest) => Response | ForwardedResponse;

/** A proxy whose `forward` records every request and answers with `answer`. */
export async function setup(answer: Answer = () => ({ status: 200, body: { hits: { hits: [] } } }), extra: Partial<SearchProxyOptions> = {}) {
  let now = Date.parse('2026-03-01T12:00:00.000Z');
  const tokens = createSharedTokens({ repository: createInMemoryRepository(), clock: { now: () => new Date(now) } });
  const filter = await tokens.createFilter(admin, { field: 'service.name', value: 'checkout' });
  const { token, secret } = await tokens.createToken(admin, { name: 'board', filterIds: [filter.id] });
  const forwarded: GuardedSearchRequest[] = [];
  const handle = createSearchProxy({
    tokens,
    indices: ['logs-*'],
    fields: PROXY_FIELDS,
    forward: async (request) => {
      forwarded.push(request);
      return answer(request);
    },
    now: () => now,
    ...extra,
  });
  return { tokens, token, secret, filter, forwarded, handle, advance: (ms: number) => void (now += ms) };
}
