import { describe, expect, it } from 'vitest';
import { admin, codeOf, failure, member, otherAdmin, setup } from './support.js';

describe('filters', () => {
  it('an admin creates a filter; the value is stored exactly as typed', async () => {
    const { tokens } = setup();
    const filter = await tokens.createFilter(admin, { field: 'kubernetes.namespace', value: ' Payments* ' });
    expect(filter).toMatchObject({
      accountId: 'acme',
      field: 'kubernetes.namespace',
      value: ' Payments* ',
      description: '',
      createdBy: 'alice',
      version: 1,
    });
    expect(Object.isFrozen(filter)).toBe(true);
    expect(await tokens.getFilter(member, filter.id)).toEqual(filter);
  });

  it('a duplicate field and value is a CONFLICT naming the existing filter; case matters', async () => {
    const { tokens } = setup();
    const first = await tokens.createFilter(admin, { field: 'service.name', value: 'api' });
    const error = await failure(tokens.createFilter(admin, { field: 'service.name', value: 'api' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.context.existingId).toBe(first.id);
    await expect(tokens.createFilter(admin, { field: 'service.name', value: 'API' })).resolves.toMatchObject({ field: 'service.name', value: 'API' });
  });

  it('another account may create the same filter, and never sees ours', async () => {
    const { tokens } = setup();
    const ours = await tokens.createFilter(admin, { field: 'service.name', value: 'api' });
    await tokens.createFilter(otherAdmin, { field: 'service.name', value: 'api' });
    expect(await codeOf(tokens.getFilter(otherAdmin, ours.id))).toBe('NOT_FOUND');
    const theirs = await tokens.listFilters(otherAdmin);
    expect(theirs.items.map((f) => f.id)).not.toContain(ours.id);
  });

  it.each([
    ['kubernetes..namespace', 'empty segments'],
    ['.namespace', 'empty segments'],
    ['namespace.', 'empty segments'],
    ['kubernetes.*', 'wildcards'],
    ['host?', 'wildcards'],
    ['service name', 'whitespace'],
    ['', 'empty'],
  ])('rejects the field %j (%s) with the path of the problem', async (field) => {
    const { tokens } = setup();
    const error = await failure(tokens.createFilter(admin, { field, value: 'x' }));
    expect(error.code).toBe('VALIDATION');
    expect(error.context.issues?.[0]?.path).toEqual(['input', 'field']);
    expect((await tokens.listFilters(admin)).items).toEqual([]);
  });

  it('rejects empty values, control characters and oversized values', async () => {
    const { tokens } = setup();
    for (const value of ['', 'a\u0000b', 'line\nbreak', 'x'.repeat(1025)]) {
      const error = await failure(tokens.createFilter(admin, { field: 'service.name', value }));
      expect(error.code).toBe('VALIDATION');
      expect(error.context.issues?.[0]?.path).toEqual(['input', 'value']);
    }
    await expect(tokens.createFilter(admin, { field: 'service.name', value: 'x'.repeat(1024) })).resolves.toMatchObject({ value: 'x'.repeat(1024) });
  });

  it('a member can list and read filters but not create them', async () => {
    const { tokens } = setup();
    const error = await failure(tokens.createFilter(member, { field: 'service.name', value: 'api' }));
    expect(error.code).toBe('FORBIDDEN');
    expect((await tokens.listFilters(member)).items).toEqual([]);
  });

  it('lists page by cursor, oldest first', async () => {
    const { tokens, advance } = setup();
    const created = [];
    for (let i = 0; i < 5; i++) {
      created.push(await tokens.createFilter(admin, { field: 'n', value: String(i) }));
      advance(1000);
    }
    const first = await tokens.listFilters(admin, { limit: 2 });
    const second = await tokens.listFilters(admin, { limit: 2, cursor: first.nextCursor });
    const third = await tokens.listFilters(admin, { limit: 2, cursor: second.nextCursor });
    expect([...first.items, ...second.items, ...third.items].map((f) => f.id)).toEqual(created.map((f) => f.id));
    expect(third.nextCursor).toBeNull();
  });
});
