// Loads the ESM and the CommonJS copy of the installed package into one
// process (a CommonJS adapter inside an ESM app) and checks that each
// recognises the other's errors, and that the service retries a CONFLICT
// thrown by the other copy instead of reporting a REPOSITORY failure.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as esm from 'shared-tokens';

const cjs = createRequire(import.meta.url)('shared-tokens');
assert.notEqual(cjs.SharedTokenError, esm.SharedTokenError, 'the two copies should be distinct');

const fromCjs = new cjs.SharedTokenError('CONFLICT', 'stale', { expectedVersion: 1, actualVersion: 2 });
assert.equal(fromCjs instanceof esm.SharedTokenError, true);
assert.equal(esm.isSharedTokenError(fromCjs, 'CONFLICT'), true);
const fromEsm = new esm.UnsafeRequestError('url-param-not-allowed', 'no');
assert.equal(fromEsm instanceof cjs.UnsafeRequestError, true);
assert.equal(cjs.isSharedTokenError(fromEsm, 'UNSAFE_REQUEST'), true);
assert.equal(new cjs.SharedTokenError('VALIDATION', 'x') instanceof esm.UnsafeRequestError, false);

// An ESM service over a repository whose first commit fails the way a
// CommonJS adapter reports a lost race: with the CJS copy's error class.
const inner = esm.createInMemoryRepository();
let commits = 0;
const repository = Object.assign(Object.create(null), inner, {
  commit: async (accountId, changes) => {
    commits++;
    if (commits === 2) throw new cjs.SharedTokenError('CONFLICT', 'lost a race', { expectedVersion: 1, actualVersion: 2 });
    return inner.commit(accountId, changes);
  },
});
for (const key of Object.keys(Object.getPrototypeOf(inner) ?? {})) repository[key] ??= inner[key].bind(inner);
const admin = { accountId: 'acme', userId: 'alice', role: 'admin' };
const tokens = esm.createSharedTokens({ repository });
const { token } = await tokens.createToken(admin, { name: 'Dashboard' });
const renamed = await tokens.renameToken(admin, token.id, { name: 'Dashboard (prod)' });
assert.equal(renamed.name, 'Dashboard (prod)');
assert.equal(commits, 3, 'the rename should have been retried once after the CJS CONFLICT');
console.log('dual package: ok');
