import * as fc from 'fast-check';
import type { RepositoryChange, SharedTokenRepository } from '../../repository/contract.js';
import type { RepositoryInspector } from '../../repository/repository-inspector.js';
import { rejectionOf } from '../error-shape.js';
import { aFilter, aLink, aToken, fixtureHash, fixtureTime } from '../fixtures.js';
import { emptyWorld, modelCommit, modelKey, modelRecordLinkUsage, modelRecordUsage, type ModelWorld } from '../reference-model.js';
import { snapshot } from '../seed.js';
import type { SuiteContext } from '../suite-context.js';

const ACCOUNTS = ['acct-a', 'acct-b'] as const;
const LABELS = 3;
const HASHES = 16;

/** How a generated change picks its expectedVersion, resolved against the model when it runs. */
type VersionIntent = 'current' | 'stale' | 'skip-a-version';

type ChangeIntent =
  | {
      readonly type: 'put-filter';
      readonly label: number;
      readonly field: string;
      readonly value: string;
      readonly minute: number;
      /** A record of the other account, which the commit must refuse. */
      readonly foreign: boolean;
      readonly version: VersionIntent;
    }
  | {
      readonly type: 'put-token';
      readonly label: number;
      readonly name: string;
      readonly hash: number;
      readonly previousHash: number | null;
      readonly filters: readonly number[];
      /** When false, filters that do not exist (yet) are left out, so most tokens are valid. */
      readonly dangling: boolean;
      readonly minute: number;
      readonly lastUsedMinute: number | null;
      /** Minutes after the fixture epoch the token expires, or `null` for never: drives the link expiry rule. */
      readonly expiresMinute: number | null;
      readonly version: VersionIntent;
    }
  | {
      readonly type: 'put-link';
      readonly label: number;
      /** The label of the token it belongs to (which may not exist). */
      readonly token: number;
      /** Drawn from the same hashes as tokens: one secret-hash space. */
      readonly hash: number;
      readonly createdBy: string;
      readonly expiresMinute: number | null;
      readonly minute: number;
      readonly lastUsedMinute: number | null;
      readonly version: VersionIntent;
    }
  | { readonly type: 'delete-filter' | 'delete-token' | 'delete-link'; readonly label: number; readonly version: VersionIntent };

type Command =
  | { readonly kind: 'commit'; readonly account: number; readonly changes: readonly ChangeIntent[] }
  | { readonly kind: 'usage'; readonly account: number; readonly label: number; readonly minute: number }
  | { readonly kind: 'link-usage'; readonly account: number; readonly label: number; readonly minute: number };

const version = fc.oneof(
  { weight: 10, arbitrary: fc.constant<VersionIntent>('current') },
  { weight: 1, arbitrary: fc.constant<VersionIntent>('stale') },
  { weight: 1, arbitrary: fc.constant<VersionIntent>('skip-a-version') },
);
const label = fc.nat(LABELS - 1);
const minute = fc.integer({ min: 0, max: 3 });

const putFilter = fc.record({
  type: fc.constant('put-filter' as const),
  label,
  field: fc.constantFrom('env', 'team'),
  value: fc.constantFrom('prod', 'Prod', 'dev', 'prod ', 'stag*'),
  minute,
  foreign: fc.nat(15).map((roll) => roll === 0),
  version,
});

const putToken = fc.record({
  type: fc.constant('put-token' as const),
  label,
  name: fc.constantFrom('Alpha', 'ALPHA', 'alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon'),
  hash: fc.nat(HASHES - 1),
  previousHash: fc.option(fc.nat(HASHES - 1), { nil: null, freq: 4 }),
  filters: fc.uniqueArray(label, { maxLength: LABELS }),
  dangling: fc.nat(9).map((roll) => roll === 0),
  minute,
  lastUsedMinute: fc.option(minute, { nil: null }),
  expiresMinute: fc.option(fc.integer({ min: 100, max: 103 }), { nil: null, freq: 2 }),
  version,
});

const putLink = fc.record({
  type: fc.constant('put-link' as const),
  label,
  token: label,
  hash: fc.nat(HASHES - 1),
  createdBy: fc.constantFrom('bob', 'carol'),
  expiresMinute: fc.option(fc.integer({ min: 100, max: 103 }), { nil: null, freq: 3 }),
  minute,
  lastUsedMinute: fc.option(minute, { nil: null }),
  version,
});

const deletion = fc.record({ type: fc.constantFrom('delete-filter' as const, 'delete-token' as const, 'delete-link' as const), label, version });

const changeIntent: fc.Arbitrary<ChangeIntent> = fc.oneof(
  { weight: 3, arbitrary: putFilter },
  { weight: 3, arbitrary: putToken },
  { weight: 3, arbitrary: putLink },
  { weight: 2, arbitrary: deletion },
);

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('commit' as const), account: fc.nat(1), changes: fc.array(changeIntent, { minLength: 1, maxLength: 3 }) }) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.record({ kind: fc.constant('usage' as const), account: fc.nat(1), label, minute: fc.integer({ min: 0, max: 9 }) }),
      fc.record({ kind: fc.constant('link-usage' as const), account: fc.nat(1), label, minute: fc.integer({ min: 0, max: 9 }) }),
    ),
  },
);

// Every run starts from two tokens with links in each account, so that
// deletions, cascades, expiry moves and hash clashes meet existing links
// often instead of by chance.
const setupCommands: readonly Command[] = [0, 1].map((account) => ({
  kind: 'commit' as const,
  account,
  changes: [
    { type: 'put-token' as const, label: 0, name: 'Setup zero', hash: account * 8, previousHash: null, filters: [], dangling: false, minute: 0, lastUsedMinute: null, expiresMinute: null, version: 'current' as const },
    { type: 'put-token' as const, label: 1, name: 'Setup one', hash: account * 8 + 1, previousHash: null, filters: [], dangling: false, minute: 0, lastUsedMinute: null, expiresMinute: 102, version: 'current' as const },
    { type: 'put-link' as const, label: 0, token: 0, hash: account * 8 + 2, createdBy: 'bob', expiresMinute: null, minute: 1, lastUsedMinute: null, version: 'current' as const },
    { type: 'put-link' as const, label: 1, token: 1, hash: account * 8 + 3, createdBy: 'carol', expiresMinute: 101, minute: 1, lastUsedMinute: null, version: 'current' as const },
  ],
}));

/** The expectedVersion and written version an intent stands for, given the version it sees. */
function versions(intent: VersionIntent, current: number | null): { expected: number | null; written: number } {
  switch (intent) {
    case 'current':
      return { expected: current, written: (current ?? 0) + 1 };
    case 'stale':
      return current === null ? { expected: 1, written: 2 } : { expected: current === 1 ? null : current - 1, written: current };
    case 'skip-a-version':
      return { expected: current, written: (current ?? 0) + 2 };
    default: {
      const unknown: never = intent;
      throw new Error(`unknown version intent ${String(unknown)}`);
    }
  }
}

/** Turns intents into changes, reading versions from the model as the batch would see them. */
function resolveChanges(world: ModelWorld, accountId: string, intents: readonly ChangeIntent[]): RepositoryChange[] {
  // Versions as the batch sees them: earlier changes in the batch count.
  const seen = new Map<string, number | null>();
  const currentVersion = (kind: 'filter' | 'token' | 'link', id: string): number | null => {
    const key = `${kind}:${id}`;
    if (seen.has(key)) return seen.get(key) ?? null;
    const records: ReadonlyMap<string, { readonly version: number }> =
      kind === 'filter' ? world.filters : kind === 'token' ? world.tokens : world.links;
    return records.get(modelKey(accountId, id))?.version ?? null;
  };
  return intents.map((intent): RepositoryChange => {
    switch (intent.type) {
      case 'put-filter': {
        const id = aFilter(accountId, `f${intent.label}`).id;
        const { expected, written } = versions(intent.version, currentVersion('filter', id));
        seen.set(`filter:${id}`, written);
        const owner = intent.foreign ? ACCOUNTS.find((other) => other !== accountId) ?? accountId : accountId;
        const filter = aFilter(owner, `f${intent.label}`, { field: intent.field, value: intent.value, createdAt: fixtureTime(intent.minute), version: written });
        return { type: 'put-filter', filter, expectedVersion: expected };
      }
      case 'put-token': {
        const id = aToken(accountId, `t${intent.label}`).id;
        const { expected, written } = versions(intent.version, currentVersion('token', id));
        seen.set(`token:${id}`, written);
        const token = aToken(accountId, `t${intent.label}`, {
          name: intent.name,
          secretHash: fixtureHash(`h${intent.hash}`),
          previousSecret: intent.previousHash === null ? null : { hash: fixtureHash(`h${intent.previousHash}`), validUntil: fixtureTime(60) },
          filterIds: intent.filters
            .map((index) => aFilter(accountId, `f${index}`).id)
            .filter((filterId) => intent.dangling || currentVersion('filter', filterId) !== null)
            .sort(),
          createdAt: fixtureTime(intent.minute),
          lastUsedAt: intent.lastUsedMinute === null ? null : fixtureTime(intent.lastUsedMinute),
          expiresAt: intent.expiresMinute === null ? null : fixtureTime(intent.expiresMinute),
          version: written,
        });
        return { type: 'put-token', token, expectedVersion: expected };
      }
      case 'put-link': {
        const id = aLink(accountId, '', `l${intent.label}`).id;
        const { expected, written } = versions(intent.version, currentVersion('link', id));
        seen.set(`link:${id}`, written);
        const link = aLink(accountId, aToken(accountId, `t${intent.token}`).id, `l${intent.label}`, {
          secretHash: fixtureHash(`h${intent.hash}`),
          createdBy: intent.createdBy,
          expiresAt: intent.expiresMinute === null ? null : fixtureTime(intent.expiresMinute),
          createdAt: fixtureTime(intent.minute),
          lastUsedAt: intent.lastUsedMinute === null ? null : fixtureTime(intent.lastUsedMinute),
          version: written,
        });
        return { type: 'put-link', link, expectedVersion: expected };
      }
      case 'delete-filter':
      case 'delete-token':
      case 'delete-link': {
        const kind = intent.type === 'delete-filter' ? 'filter' : intent.type === 'delete-token' ? 'token' : 'link';
        const id =
          kind === 'filter'
            ? aFilter(accountId, `f${intent.label}`).id
            : kind === 'token'
              ? aToken(accountId, `t${intent.label}`).id
              : aLink(accountId, '', `l${intent.label}`).id;
        const current = currentVersion(kind, id);
        seen.set(`${kind}:${id}`, null);
        const expected = intent.version === 'current' ? (current ?? 1) : (current ?? 0) + 1;
        return { type: intent.type, id, expectedVersion: expected };
      }
      default: {
        const unknown: never = intent;
        throw new Error(`unknown intent ${JSON.stringify(unknown)}`);
      }
    }
  });
}

function byKey<T extends { readonly createdAt: string; readonly id: string }>(records: Iterable<T>): T[] {
  return [...records].sort((a, b) => (a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Compares what the repository stores and answers with the model's world. */
async function expectMatches(
  expect: SuiteContext['expect'],
  repository: SharedTokenRepository,
  inspect: RepositoryInspector,
  world: ModelWorld,
): Promise<void> {
  const modelInspector = {
    storedFilters: async (accountId: string) => [...world.filters.values()].filter((filter) => filter.accountId === accountId),
    storedTokens: async (accountId: string) => [...world.tokens.values()].filter((token) => token.accountId === accountId),
    storedLinks: async (accountId: string) => [...world.links.values()].filter((link) => link.accountId === accountId),
  };
  expect(await snapshot(inspect, ACCOUNTS)).toEqual(await snapshot(modelInspector, ACCOUNTS));
  for (const accountId of ACCOUNTS) {
    const tokens = await modelInspector.storedTokens(accountId);
    expect((await repository.listFilters(accountId, { limit: 500 })).items).toEqual(byKey(await modelInspector.storedFilters(accountId)));
    expect((await repository.listTokens(accountId, { limit: 500 })).items).toEqual(byKey(tokens));
    for (let index = 0; index < LABELS; index += 1) {
      const filterId = aFilter(accountId, `f${index}`).id;
      expect(await repository.listTokensByFilter(accountId, filterId)).toEqual(byKey(tokens.filter((token) => token.filterIds.includes(filterId))));
    }
    const links = await modelInspector.storedLinks(accountId);
    expect((await repository.listLinks(accountId, {}, { limit: 500 })).items).toEqual(byKey(links));
    for (let index = 0; index < LABELS; index += 1) {
      const tokenId = aToken(accountId, `t${index}`).id;
      expect((await repository.listLinks(accountId, { tokenId }, { limit: 500 })).items).toEqual(byKey(links.filter((link) => link.tokenId === tokenId)));
      expect((await repository.listLinks(accountId, { tokenId, createdBy: 'bob' }, { limit: 500 })).items).toEqual(
        byKey(links.filter((link) => link.tokenId === tokenId && link.createdBy === 'bob')),
      );
    }
    expect((await repository.listLinks(accountId, { createdBy: 'carol' }, { limit: 500 })).items).toEqual(
      byKey(links.filter((link) => link.createdBy === 'carol')),
    );
  }
  for (let index = 0; index < HASHES; index += 1) {
    const hash = fixtureHash(`h${index}`);
    const holder = [...world.tokens.values()].find((token) => token.secretHash === hash || token.previousSecret?.hash === hash) ?? null;
    expect(await repository.findTokenBySecretHash(hash)).toEqual(holder);
    const link = [...world.links.values()].find((candidate) => candidate.secretHash === hash) ?? null;
    const linkToken = link === null ? undefined : world.tokens.get(modelKey(link.accountId, link.tokenId));
    const credential = holder !== null ? { token: holder, link: null } : link !== null && linkToken !== undefined ? { token: linkToken, link } : null;
    expect(await repository.findCredentialBySecretHash(hash)).toEqual(credential);
  }
}

/** Random sequences of commits and usage writes, checked after every step against a brute-force model. */
export function modelCases({ describe, test, expect, withFreshInstance, fcParameters }: SuiteContext): void {
  describe('against a reference model', () => {
    test('random batches over two accounts are applied or refused exactly as the contract says', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (commands) =>
          withFreshInstance(async ({ repository, inspect }) => {
            let world = emptyWorld;
            for (const current of [...setupCommands, ...commands]) {
              const accountId = ACCOUNTS[current.account] ?? ACCOUNTS[0];
              if (current.kind === 'usage') {
                const tokenId = aToken(accountId, `t${current.label}`).id;
                await repository.recordTokenUsage(accountId, tokenId, fixtureTime(current.minute));
                world = modelRecordUsage(world, accountId, tokenId, fixtureTime(current.minute));
              } else if (current.kind === 'link-usage') {
                const linkId = aLink(accountId, '', `l${current.label}`).id;
                await repository.recordLinkUsage(accountId, linkId, fixtureTime(current.minute));
                world = modelRecordLinkUsage(world, accountId, linkId, fixtureTime(current.minute));
              } else {
                const changes = resolveChanges(world, accountId, current.changes);
                const outcome = modelCommit(world, accountId, changes);
                if (outcome.accepted) {
                  await repository.commit(accountId, changes);
                  world = outcome.world;
                } else {
                  const error = await rejectionOf(repository.commit(accountId, changes));
                  expect(error.name).toBe('SharedTokenError');
                  expect(outcome.codes.includes(String(error.code))).toBe(true);
                }
              }
              await expectMatches(expect, repository, inspect, world);
            }
          }),
        ),
        fcParameters,
      );
    });
  });
}
