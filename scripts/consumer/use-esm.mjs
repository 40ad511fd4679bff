// Uses the installed package through `import`, as an ESM app would.
import assert from 'node:assert/strict';
import { compileAccess, createInMemoryRepository, createSharedTokens, guardSearchRequest, toElasticsearchQuery, toPredicate } from 'shared-tokens';
import { createSearchProxy } from 'shared-tokens/proxy';
import { runRepositoryConformanceSuite } from 'shared-tokens/testing';

const admin = { accountId: 'acme', userId: 'alice', role: 'admin' };
const tokens = createSharedTokens({ repository: createInMemoryRepository() });
const filter = await tokens.createFilter(admin, { field: 'service.name', value: 'api' });
const { secret } = await tokens.createToken(admin, { name: 'Dashboard', filterIds: [filter.id] });
const access = await tokens.resolve(secret);
const fields = { 'service.name': { type: 'keyword' } };
const predicate = toPredicate(access.expression, { fields });
assert.equal(predicate({ service: { name: 'api' } }), true);
assert.equal(predicate({ service: { name: 'web' } }), false);
const query = toElasticsearchQuery(compileAccess([{ field: 'service.name', value: 'api' }], 'AND'), { fields });
assert.equal(JSON.stringify(query).includes('"service.name"'), true);
const guarded = guardSearchRequest(
  { method: 'POST', path: '/logs/_search', body: { query: { match_all: {} } } },
  access.expression,
  { fields, indices: ['logs'] },
);
assert.equal(guarded.endpoint, 'search');
assert.equal(JSON.stringify(guarded.body).includes('"api"'), true, 'the guarded body carries the token filter');
assert.throws(() => guardSearchRequest({ method: 'POST', path: '/logs/_search', body: { script_fields: { x: { script: '1' } } } }, access.expression, { fields }));
assert.equal(typeof runRepositoryConformanceSuite, 'function');
assert.equal(typeof createSearchProxy, 'function');
console.log('import: ok');
