/**
 * The README's tour, runnable: `npx tsx examples/tour.ts`. Its output is
 * the block shown in the README (a test keeps the two the same).
 */
import {
  createInMemoryRepository,
  createSharedTokens,
  guardSearchRequest,
  isSharedTokenError,
  toElasticsearchQuery,
  toPredicate,
  type Actor,
} from '../src/index.js';

const tokens = createSharedTokens({ repository: createInMemoryRepository() });
const admin: Actor = { accountId: 'acme', userId: 'alice', role: 'admin' };
const member: Actor = { accountId: 'acme', userId: 'bob', role: 'member' };

// An admin makes a reusable filter and a token that uses it.
const payments = await tokens.createFilter(admin, { field: 'kubernetes.namespace', value: 'payments' });
const { token } = await tokens.createToken(admin, { name: 'Payments board', filterIds: [payments.id] });

// A member shares it: a link with its own secret, shown once, stored hashed.
const { link, secret } = await tokens.createLink(member, token.id, { label: 'Acme support' });
console.log(`link "${link.label}" for token "${token.name}": a ${secret.length}-character secret, lists show ${link.hint.replace(/.{4}$/, 'xxxx')}`);

// Each request resolves the secret: the token's access as it is right now.
const access = await tokens.resolve(secret);
const fields = { 'kubernetes.namespace': { type: 'keyword' } } as const; // from fieldTypesFromMapping(GET /logs/_mapping)
console.log('query:', JSON.stringify(toElasticsearchQuery(access.expression, { fields })));

const logs = [
  { kubernetes: { namespace: 'payments' }, message: 'card authorized' },
  { 'kubernetes.namespace': 'payments', message: 'entry booked' },
  { kubernetes: { namespace: 'internal' }, message: 'salary report' },
];
console.log('in process:', logs.filter(toPredicate(access.expression)).map((doc) => doc.message));

// A dashboard's own search, made safe to run under the token.
const guarded = guardSearchRequest({ method: 'POST', path: '/logs/_search', body: { query: { match: { message: 'card' } } } }, access.expression, {
  indices: ['logs'],
  fields,
});
console.log('guarded:', JSON.stringify(guarded.body));
try {
  guardSearchRequest({ path: '/logs/_search', body: { aggs: { all: { global: {} } } } }, access.expression, { indices: ['logs'], fields });
} catch (error) {
  if (isSharedTokenError(error)) console.log('refused:', error.code, error.context['reason']);
}

// Pausing the token stops every link at its next request.
await tokens.pauseToken(admin, token.id);
await tokens.resolve(secret).catch((error: unknown) => isSharedTokenError(error) && console.log('after pause:', error.code));
