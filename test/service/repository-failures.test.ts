import { describe, expect, it } from 'vitest';
import type { SharedTokenRepository } from '../../src/repository/contract.js';
import { admin, failure, setup } from './support.js';

describe('a failing repository', () => {
  it('surfaces as REPOSITORY with the driver error as cause', async () => {
    const driverError = new Error('connection reset');
    const { tokens } = setup({
      repository: (inner): SharedTokenRepository => ({ ...inner, getToken: () => Promise.reject(driverError) }),
    });
    const { token } = await tokens.createToken(admin, { name: 'T' });
    const error = await failure(tokens.getToken(admin, token.id));
    expect(error.code).toBe('REPOSITORY');
    expect(error.cause).toBe(driverError);
    expect(error.context['operation']).toBe('getToken');
  });

  it('a synchronous throw is wrapped the same way', async () => {
    const { tokens } = setup({
      repository: (inner): SharedTokenRepository => ({
        ...inner,
        listTokens: () => {
          throw new TypeError('bad driver');
        },
      }),
    });
    expect((await failure(tokens.listTokens(admin))).code).toBe('REPOSITORY');
  });

  it('a failed commit changes nothing and emits no event', async () => {
    const { tokens, events } = setup({
      repository: (inner): SharedTokenRepository => ({ ...inner, commit: () => Promise.reject(new Error('disk full')) }),
    });
    expect((await failure(tokens.createFilter(admin, { field: 'f', value: 'v' }))).code).toBe('REPOSITORY');
    expect(events).toEqual([]);
    expect((await tokens.listFilters(admin)).items).toEqual([]);
  });
});
