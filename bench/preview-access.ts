/**
 * How long `previewAccess` takes on a real-sized sample: 10,000 generated
 * ECS-like documents (the most one call accepts), a token of three filters
 * and the generator's field types. Prints the median and worst of several
 * rounds and exits non-zero when the median is not well under a second
 * (500 ms, half the budget the feature promises), so CI catches a regression
 * without failing on a busy machine.
 *
 * Run: `npx tsx bench/preview-access.ts [--rounds 7]`
 */
import { createInMemoryRepository, createSharedTokens, type Actor } from '../src/index.js';
import { GENERATED_FIELDS, generateDocuments } from './generate-documents.js';
import { typedFields } from './ecs-catalog.js';

const BUDGET_MS = 500;
const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg === -1 ? 7 : Number(process.argv[roundsArg + 1]);

const admin: Actor = { accountId: 'acme', userId: 'alice', role: 'admin' };
const member: Actor = { accountId: 'acme', userId: 'bob', role: 'member' };
const tokens = createSharedTokens({ repository: createInMemoryRepository() });
const { docs } = generateDocuments({ count: 10_000, seed: 42 });
const { fields } = typedFields(undefined, GENERATED_FIELDS);

const filters = [
  await tokens.createFilter(admin, { field: 'kubernetes.namespace', value: 'payments' }),
  await tokens.createFilter(admin, { field: 'service.environment', value: 'production' }),
  await tokens.createFilter(admin, { field: 'http.response.status_code', value: '200' }),
];
const { token } = await tokens.createToken(admin, { name: 'Bench', filterIds: filters.map((f) => f.id) });

const times: number[] = [];
let visible = 0;
for (let round = 0; round < rounds; round++) {
  const start = performance.now();
  const preview = await tokens.previewAccess(member, { tokenId: token.id }, docs, { fields });
  times.push(performance.now() - start);
  visible = preview.visible;
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
const worst = times.at(-1) ?? Number.NaN;
console.log(
  `previewAccess: ${docs.length} documents, ${filters.length} filters (AND), ${visible} visible; ` +
    `median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms over ${rounds} rounds (budget ${BUDGET_MS} ms)`,
);
if (!(median < BUDGET_MS)) {
  console.error(`previewAccess is over budget: median ${median.toFixed(1)} ms >= ${BUDGET_MS} ms`);
  process.exitCode = 1;
}
