// The browser page's script, bundled by run.mjs from the built package (the
// `shared-tokens` import resolves to dist/ through package.json `exports`).
// Runs the library as a browser app would and leaves the outcome in
// `window.sharedTokensResult` for the runner to read.
import {
  compileAccess,
  createInMemoryRepository,
  createSharedTokens,
  guardSearchRequest,
  isSharedTokenError,
  toElasticsearchQuery,
  toPredicate,
} from 'shared-tokens';

const checks = [];
async function check(name, run) {
  try {
    const detail = await run();
    checks.push({ name, ok: true, detail: detail === undefined ? '' : String(detail) });
  } catch (error) {
    checks.push({ name, ok: false, detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const admin = { accountId: 'acme', userId: 'alice', role: 'admin' };
const fields = { 'service.name': { type: 'keyword' }, 'http.response.status_code': { type: 'long' } };

async function inSecureContext() {
  const tokens = createSharedTokens({ repository: createInMemoryRepository() });
  let access;
  await check('creates a filter and a token with the in-memory repository', async () => {
    const filter = await tokens.createFilter(admin, { field: 'service.name', value: 'checkout' });
    const { token, secret } = await tokens.createToken(admin, { name: 'Checkout dashboard', filterIds: [filter.id] });
    assert(token.name === 'Checkout dashboard', 'token name');
    assert(/^shtk_[0-9A-Za-z]{49}$/.test(secret), `secret shape: ${secret.slice(0, 8)}...`);
    access = await tokens.resolve(secret);
    return `token ${token.id}`;
  });
  await check('resolves the secret (SHA-256 through Web Crypto)', async () => {
    assert(access !== undefined, 'no access resolved');
    assert(access.token.name === 'Checkout dashboard', 'resolved the wrong token');
    const refused = await tokens.resolve('shtk_0000').then(() => undefined, (error) => error);
    assert(isSharedTokenError(refused, 'TOKEN_INVALID'), `a wrong secret gave ${refused}`);
    return access.expression.kind;
  });
  await check('compiles a predicate that keeps only the token\'s documents', () => {
    const keep = toPredicate(access.expression, { fields });
    assert(keep({ service: { name: 'checkout' } }) === true, 'own document refused');
    assert(keep({ service: { name: 'billing' } }) === false, 'other document kept');
    assert(keep({ 'service.name': 'checkout' }) === true, 'dotted key refused');
  });
  await check('compiles a query', () => {
    const expression = compileAccess(
      [
        { field: 'service.name', value: 'checkout' },
        { field: 'http.response.status_code', value: '500' },
      ],
      'AND',
    );
    const query = JSON.stringify(toElasticsearchQuery(expression, { fields }));
    assert(query.includes('"checkout"') && query.includes('500'), query);
    return query;
  });
  await check('guards a search request, and refuses a hostile one', () => {
    const guarded = guardSearchRequest(
      { method: 'POST', path: '/logs-*/_search', body: { query: { match: { message: 'timeout' } }, size: 10 } },
      access.expression,
      { fields, indices: ['logs-*'] },
    );
    assert(guarded.endpoint === 'search', guarded.endpoint);
    assert(JSON.stringify(guarded.body).includes('"checkout"'), 'the token filter is not in the guarded body');
    let refusal;
    try {
      guardSearchRequest({ method: 'POST', path: '/logs-*/_search', body: { query: { match_all: {} }, script_fields: { x: { script: '1' } } } }, access.expression, { fields });
    } catch (error) {
      refusal = error;
    }
    assert(isSharedTokenError(refusal, 'UNSAFE_REQUEST'), `script_fields was not refused: ${refusal}`);
    return refusal.context.pointer ?? refusal.context.reason;
  });
}

async function outsideSecureContext() {
  await check('without Web Crypto (not a secure context) creating a token fails with UNSUPPORTED_RUNTIME', async () => {
    assert(globalThis.crypto?.subtle === undefined, 'crypto.subtle is present: this page is a secure context');
    const tokens = createSharedTokens({ repository: createInMemoryRepository() });
    const error = await tokens.createToken(admin, { name: 'Checkout dashboard' }).then(() => undefined, (e) => e);
    assert(isSharedTokenError(error, 'UNSUPPORTED_RUNTIME'), `got ${error}`);
    assert(/secure context/.test(error.message), error.message);
    return error.message;
  });
  await check('without Web Crypto the predicate and the guard still work', () => {
    const expression = compileAccess([{ field: 'service.name', value: 'checkout' }], 'AND');
    assert(toPredicate(expression, { fields })({ service: { name: 'checkout' } }) === true, 'predicate');
    assert(guardSearchRequest({ path: '/logs/_search', body: { query: { match_all: {} } } }, expression, { fields, indices: ['logs'] }).endpoint === 'search', 'guard');
  });
}

(async () => {
  if (window.isSecureContext) await inSecureContext();
  else await outsideSecureContext();
  window.sharedTokensResult = { secureContext: window.isSecureContext, checks };
})().catch((error) => {
  window.sharedTokensResult = { secureContext: window.isSecureContext, checks, crashed: String(error) };
});
