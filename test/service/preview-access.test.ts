import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toPredicate } from '../../src/access/predicate/predicate.js';
import { admin, codeOf, member, otherMember, setup } from './support.js';

async function world() {
  const harness = setup();
  const { tokens } = harness;
  const service = await tokens.createFilter(admin, { field: 'service.name', value: 'checkout' });
  const namespace = await tokens.createFilter(admin, { field: 'kubernetes.namespace', value: 'prod' });
  const { token, secret } = await tokens.createToken(admin, { name: 'Board', filterIds: [service.id, namespace.id] });
  return { ...harness, service, namespace, token, secret };
}

describe('previewAccess', () => {
  it('says per document whether it is visible and which filter hid it, with totals', async () => {
    const { tokens, token, service, namespace } = await world();
    const docs = [
      { service: { name: 'checkout' }, kubernetes: { namespace: 'prod' } },
      { service: { name: 'cart' }, kubernetes: { namespace: 'prod' } },
      { 'service.name': 'checkout' },
      'not a document',
    ];
    const preview = await tokens.previewAccess(member, { tokenId: token.id }, docs);
    expect(preview.visible).toBe(1);
    expect(preview.hidden).toBe(3);
    expect(preview.documents.map((d) => d.visible)).toEqual([true, false, false, false]);
    expect(preview.documents[0]?.explanation).toBe('visible: every filter matched');
    expect(preview.documents[1]?.explanation).toBe('hidden: service.name = "checkout" did not match');
    expect(preview.documents[2]?.explanation).toBe('hidden: kubernetes.namespace = "prod" did not match');
    expect(preview.documents[3]?.explanation).toBe('hidden: not a document (a JSON object)');
    // Frozen all the way down, like everything the service returns.
    for (const part of [preview, preview.documents, preview.documents[1], preview.documents[1]?.filters, preview.documents[1]?.filters[0], preview.filters, preview.matchesPerFilter]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
    const byId = new Map(preview.documents[1]?.filters.map((f) => [f.filterId, f.matched]));
    expect(byId.get(service.id)).toBe(false);
    expect(byId.get(namespace.id)).toBe(true);
    // service.name matched documents 0 and 2, kubernetes.namespace documents 0 and 1.
    expect(new Map(preview.matchesPerFilter.map((m) => [m.filterId, m.matched]))).toEqual(new Map([[service.id, 2], [namespace.id, 2]]));
  });

  it('previews a draft filter set before saving it, OR included; unrestricted sees every object', async () => {
    const { tokens, service, namespace } = await world();
    const docs = [{ service: { name: 'cart' }, kubernetes: { namespace: 'prod' } }, { service: { name: 'cart' } }];
    const or = await tokens.previewAccess(admin, { filterIds: [service.id, namespace.id], filtersOperator: 'OR' }, docs);
    expect(or.documents.map((d) => d.visible)).toEqual([true, false]);
    expect(or.documents[0]?.explanation).toBe('visible: kubernetes.namespace = "prod" matched');
    expect(or.documents[1]?.explanation).toMatch(/^hidden: no filter matched/);
    const all = await tokens.previewAccess(admin, { filterIds: [] }, docs);
    expect(all.unrestricted).toBe(true);
    expect(all.visible).toBe(2);
  });

  it('uses the field types it is given, as the engine would (a keyword normalizer, a numeric field)', async () => {
    const { tokens } = setup();
    const code = await tokens.createFilter(admin, { field: 'http.status', value: '500' });
    const fields = { 'http.status': { type: 'integer' } } as const;
    const preview = await tokens.previewAccess(admin, { filterIds: [code.id] }, [{ http: { status: 500 } }, { http: { status: '500.0' } }], {
      fields: fields as never,
    });
    const schemaless = await tokens.previewAccess(admin, { filterIds: [code.id] }, [{ http: { status: 500 } }, { http: { status: '500.0' } }]);
    const predicate = toPredicate({ kind: 'term', field: 'http.status', value: '500' }, { fields: fields as never });
    expect(preview.documents.map((d) => d.visible)).toEqual([predicate({ http: { status: 500 } }), predicate({ http: { status: '500.0' } })]);
    expect(schemaless.documents.map((d) => d.visible)).toEqual([
      toPredicate({ kind: 'term', field: 'http.status', value: '500' })({ http: { status: 500 } }),
      toPredicate({ kind: 'term', field: 'http.status', value: '500' })({ http: { status: '500.0' } }),
    ]);
  });

  it('agrees with the predicate of what resolve returns, and visibility is the AND/OR of the per-filter verdicts', async () => {
    const values = ['a', 'b', 'A'];
    const doc = fc.record(
      { service: fc.record({ name: fc.oneof(fc.constantFrom(...values), fc.array(fc.constantFrom(...values), { maxLength: 2 })) }, { requiredKeys: [] }), env: fc.constantFrom(...values) },
      { requiredKeys: [] },
    );
    const filterSpec = fc.record({ field: fc.constantFrom('service.name', 'env'), value: fc.constantFrom(...values) });
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(filterSpec, { selector: (f) => `${f.field}=${f.value}`, maxLength: 3 }), fc.constantFrom('AND' as const, 'OR' as const), fc.array(doc, { maxLength: 20 }), async (specs, operator, docs) => {
        const { tokens } = setup();
        const filters = [];
        for (const spec of specs) filters.push(await tokens.createFilter(admin, spec));
        const { token, secret } = await tokens.createToken(admin, { name: 'T', filterIds: filters.map((f) => f.id), filtersOperator: operator });
        const sees = toPredicate((await tokens.resolve(secret)).expression);
        const preview = await tokens.previewAccess(member, { tokenId: token.id }, docs);
        preview.documents.forEach((verdict, index) => {
          checked++;
          expect(verdict.visible).toBe(sees(docs[index]));
          const matches = verdict.filters.map((f) => f.matched);
          const combined = matches.length === 0 ? true : operator === 'AND' ? matches.every(Boolean) : matches.some(Boolean);
          expect(verdict.visible).toBe(combined);
        });
        expect(preview.visible + preview.hidden).toBe(docs.length);
      }),
    );
    expect(checked).toBeGreaterThan(100);
  });

  it('refuses other accounts, unknown filters and bad input', async () => {
    const { tokens, token } = await world();
    expect(await codeOf(tokens.previewAccess(otherMember, { tokenId: token.id }, []))).toBe('NOT_FOUND');
    expect(await codeOf(tokens.previewAccess(member, { filterIds: ['nope'] }, []))).toBe('NOT_FOUND');
    expect(await codeOf(tokens.previewAccess(member, { tokenId: token.id, filterIds: [] } as never, []))).toBe('VALIDATION');
    expect(await codeOf(tokens.previewAccess(member, { tokenId: token.id }, 'docs' as never))).toBe('VALIDATION');
    expect(await codeOf(tokens.previewAccess(member, { tokenId: token.id }, new Array(10_001).fill({})))).toBe('VALIDATION');
    expect(await codeOf(tokens.previewAccess(member, { tokenId: token.id }, [], { typo: 1 } as never))).toBe('VALIDATION');
  });
});
