// Uses the installed package through `require`, as a CommonJS app would.
const assert = require('node:assert/strict');
const { createInMemoryRepository, createSharedTokens, toPredicate, SharedTokenError } = require('shared-tokens');
const { runRepositoryConformanceSuite } = require('shared-tokens/testing');
const { createSearchProxy } = require('shared-tokens/proxy');

(async () => {
  const admin = { accountId: 'acme', userId: 'alice', role: 'admin' };
  const tokens = createSharedTokens({ repository: createInMemoryRepository() });
  const { secret } = await tokens.createToken(admin, { name: 'Dashboard' });
  assert.equal((await tokens.resolve(secret)).token.name, 'Dashboard');
  assert.equal(toPredicate({ kind: 'all' }, {})({}), true);
  await assert.rejects(tokens.resolve('shtk_not-a-secret'), (e) => e instanceof SharedTokenError && e.code === 'TOKEN_INVALID');
  assert.equal(typeof runRepositoryConformanceSuite, 'function');
  assert.equal(typeof createSearchProxy, 'function');
  console.log('require: ok');
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
