/**
 * A walk-through of shared-tokens on the in-memory repository:
 * `npm run demo`. Everything printed comes from the library's answers.
 */
import {
  SharedTokenError,
  createInMemoryRepository,
  createSharedTokens,
  fieldTypesFromMapping,
  toElasticsearchQuery,
  toPredicate,
  type Actor,
  type ResolvedAccess,
  type SharedTokenEvent,
} from '../src/index.js';

const admin: Actor = { accountId: 'acme', userId: 'alice', role: 'admin' };
const member: Actor = { accountId: 'acme', userId: 'bob', role: 'member' };
const stranger: Actor = { accountId: 'globex', userId: 'mallory', role: 'admin' };

// A few log documents of account "acme", as they would sit in the index.
const logs = [
  { '@timestamp': '2026-03-01T10:00:00Z', kubernetes: { namespace: 'payments' }, service: { name: 'checkout' }, message: 'card authorized' },
  { '@timestamp': '2026-03-01T10:00:01Z', kubernetes: { namespace: 'payments' }, service: { name: 'ledger' }, message: 'entry booked' },
  { '@timestamp': '2026-03-01T10:00:02Z', kubernetes: { namespace: 'storefront' }, service: { name: 'checkout' }, message: 'cart submitted' },
  { '@timestamp': '2026-03-01T10:00:03Z', kubernetes: { namespace: 'storefront' }, service: { name: 'search' }, message: 'query "boots"' },
  { '@timestamp': '2026-03-01T10:00:04Z', kubernetes: { namespace: 'internal' }, service: { name: 'hr' }, message: 'salary report generated' },
];

// The index's field types, as fieldTypesFromMapping reads them from GET /logs/_mapping: the query
// compiler needs them (a plain term on an unknown mapping could match analysed text).
const logFields = fieldTypesFromMapping({
  logs: { mappings: { properties: { kubernetes: { properties: { namespace: { type: 'keyword' } } }, service: { properties: { name: { type: 'keyword' } } }, message: { type: 'text' } } } },
});

const events: SharedTokenEvent[] = [];
const tokens = createSharedTokens({ repository: createInMemoryRepository(), onEvent: (event) => events.push(event) });

const say = (text = '') => console.log(text);
const step = (title: string) => say(`\n== ${title}`);

function showQuery(access: ResolvedAccess): void {
  // The same expression, compiled for the engine: what a proxy puts in front of the user's query.
  const query = JSON.stringify(toElasticsearchQuery(access.expression, { fields: logFields }), null, 2);
  say(`   query sent to Elasticsearch/OpenSearch:\n${query.replace(/^/gm, '     ')}`);
}

function showAccess(label: string, access: ResolvedAccess): void {
  // resolve() already compiled the filters: access.expression === compileAccess(filters, operator).
  const canSee = toPredicate(access.expression);
  const rule = access.unrestricted
    ? 'no filters: UNRESTRICTED, sees every log of the account'
    : access.filters.map((f) => `${f.field} = ${JSON.stringify(f.value)}`).join(` ${access.filtersOperator} `);
  say(`   ${label}: ${rule}`);
  for (const doc of logs) {
    say(`     ${canSee(doc) ? 'sees  ' : 'hidden'}  ${doc.kubernetes.namespace}/${doc.service.name}: ${doc.message}`);
  }
}

async function refused(what: string, call: Promise<unknown>): Promise<void> {
  try {
    await call;
    say(`   ${what}: unexpectedly allowed!`);
  } catch (error) {
    if (!(error instanceof SharedTokenError)) throw error;
    say(`   ${what}: refused with ${error.code} (${error.message})`);
  }
}

step('1. Alice (admin of "acme") creates three filters');
const payments = await tokens.createFilter(admin, { field: 'kubernetes.namespace', value: 'payments', description: 'Payments team' });
const checkout = await tokens.createFilter(admin, { field: 'service.name', value: 'checkout' });
const search = await tokens.createFilter(admin, { field: 'service.name', value: 'search' });
for (const f of [payments, checkout, search]) say(`   ${f.id.slice(0, 8)}  ${f.field} = ${JSON.stringify(f.value)}`);

step('2. She creates a token for the payments dashboard (AND)');
const board = await tokens.createToken(admin, { name: 'Payments dashboard', filterIds: [payments.id] });
say(`   secret (shown once, only its hash is stored): ${board.secret}`);
say(`   what lists show instead: hint ${board.token.hint}, expires ${board.token.expiresAt}`);

step('3. Someone opens the link: resolve(secret)');
const firstAccess = await tokens.resolve(board.secret);
showAccess('Payments dashboard', firstAccess);
showQuery(firstAccess);

step('4. Attaching "service.name = checkout" to an AND token narrows it');
await tokens.attachFilters(admin, board.token.id, { filterIds: [checkout.id] });
showAccess('Payments dashboard', await tokens.resolve(board.secret));

step('5. A second token, OR: checkout or search');
const storefront = await tokens.createToken(admin, {
  name: 'Storefront',
  filterIds: [checkout.id, search.id],
  filtersOperator: 'OR',
});
const storefrontAccess = await tokens.resolve(storefront.secret);
showAccess('Storefront', storefrontAccess);
showQuery(storefrontAccess);

step('6. Alice wants to delete the "checkout" filter: first the preview');
const preview = await tokens.previewFilterDeletion(admin, checkout.id);
for (const { token, effect } of preview.affectedTokens) say(`   ${token.name}: ${effect}`);
say(`   some token would see more: ${preview.widens}`);
await refused('deleting without the confirmation', tokens.deleteFilter(admin, checkout.id, { confirm: 'trust me' }));

step('7. She confirms; the filter is detached from every token at once');
await tokens.deleteFilter(admin, checkout.id, { confirm: preview.confirmation });
showAccess('Payments dashboard, next request', await tokens.resolve(board.secret));
showAccess('Storefront, next request', await tokens.resolve(storefront.secret));

step('8. Bob (member) may read, not manage');
say(`   Bob lists tokens: ${(await tokens.listTokens(member)).items.map((t) => t.name).join(', ')}`);
await refused('Bob pauses the dashboard token', tokens.pauseToken(member, board.token.id));
await refused('Mallory (another account) reads it', tokens.getToken(stranger, board.token.id));

step('9. Pausing and rotating take effect at the next request');
await tokens.pauseToken(admin, board.token.id);
await refused('the paused link', tokens.resolve(board.secret));
await tokens.resumeToken(admin, board.token.id);
const rotated = await tokens.rotateTokenSecret(admin, board.token.id, { gracePeriod: 60 * 60 * 1000 });
say(`   new secret ${rotated.secret}; the old one works for one more hour:`);
say(`   old secret resolves as the "${(await tokens.resolve(board.secret)).secretGeneration}" secret`);
await refused('a typo in the secret (rejected by its checksum, no lookup)', tokens.resolve(`${rotated.secret.slice(0, -1)}x`));

step('10. Bob (member) shares the dashboard: he creates a link, no admin needed');
const shared = await tokens.createLink(member, board.token.id, { label: 'Acme support', target: '/dashboards/payments' });
say(`   link secret (shown once): ${shared.secret}`);
say(`   what lists show: ${(await tokens.listLinks(member)).items.map((l) => `${l.label} -> ${l.target}, hint ${l.hint}, expires ${l.expiresAt}`).join('; ')}`);
const viaLink = await tokens.resolve(shared.secret);
say(`   the link resolves to token "${viaLink.token.name}", link "${viaLink.link?.label}" created by ${viaLink.link?.createdBy}`);
showAccess('Acme support link', viaLink);

step('11. Alice tightens the token; the link sees less at its next request');
const ledger = await tokens.createFilter(admin, { field: 'service.name', value: 'ledger' });
await tokens.attachFilters(admin, board.token.id, { filterIds: [ledger.id] });
showAccess('Acme support link, next request', await tokens.resolve(shared.secret));

step('12. Testing what the link shows: previewAccess says why a document is hidden');
const shown = await tokens.previewAccess(member, { tokenId: board.token.id }, logs);
say(`   ${shown.visible} visible, ${shown.hidden} hidden`);
for (const verdict of shown.documents) {
  const doc = logs[verdict.index]!;
  say(`     ${doc.kubernetes.namespace}/${doc.service.name}: ${verdict.explanation}`);
}
const draft = await tokens.previewAccess(admin, { filterIds: [payments.id, search.id], filtersOperator: 'OR' }, logs);
say(`   a draft (payments OR search), before saving it: ${draft.visible} visible, ${draft.hidden} hidden`);

step('13. Links are cut off one by one, or all at once through their token');
await refused('Mallory revokes Bob\'s link', tokens.revokeLink(stranger, shared.link.id));
const second = await tokens.createLink(admin, board.token.id, { label: 'Auditor' });
await tokens.revokeLink(member, shared.link.id);
await refused('the revoked link', tokens.resolve(shared.secret));
say(`   the token's other link still works: ${(await tokens.resolve(second.secret)).link?.label}`);
await tokens.pauseToken(admin, board.token.id);
await refused('the other link while its token is paused', tokens.resolve(second.secret));
await tokens.resumeToken(admin, board.token.id);

step('14. The hygiene report');
const report = await tokens.hygieneReport(admin);
say(`   unrestricted tokens: ${report.unrestrictedTokens.map((t) => t.name).join(', ') || 'none'}`);
say(`   filters no token uses: ${report.unusedFilters.map((f) => `${f.field}=${f.value}`).join(', ') || 'none'}`);
say(`   expiring within ${report.expiringWithinDays} days: ${report.expiringSoonTokens.map((t) => t.name).join(', ') || 'none'}`);
say(`   links never used: ${report.neverUsedLinks.map((l) => l.label ?? l.id).join(', ') || 'none'}`);

step('15. The audit trail (onEvent); no event holds a secret');
for (const event of events) {
  const detail =
    event.type === 'token.filters-changed'
      ? ` (${event.change}, widened: ${event.widened})`
      : event.type === 'link.created' || event.type === 'link.revoked'
        ? ` (${event.link.label})`
        : '';
  say(`   ${event.at}  ${event.actor.userId ?? 'system'}  ${event.type}${detail}`);
}
const leaked = [board.secret, storefront.secret, rotated.secret, shared.secret, second.secret].some((s) => JSON.stringify(events).includes(s));
say(`   secrets found in events: ${leaked ? 'YES (bug!)' : 'none'}`);
