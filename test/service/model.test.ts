/**
 * Model-based test of the service: random sequences of admin and member
 * operations over two accounts, run against the real service (in-memory
 * repository) and a small reference model. After every step the real state
 * equals the model's, and the invariants hold.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { SharedTokenError, type SharedTokenErrorCode } from '../../src/errors.js';
import type { SharedToken } from '../../src/domain/shared-token.js';
import type { TokenFilter } from '../../src/domain/token-filter.js';
import { DAY, HOUR, MINUTE, START, admin, member, otherAdmin, otherMember, setup, type Harness } from './support.js';

const ACTORS: readonly Actor[] = [admin, member, otherAdmin, otherMember];
const ACCOUNTS = ['acme', 'globex'] as const;
const FIELDS = ['service.name', 'kubernetes.namespace'] as const;
const VALUES = ['api', 'API', 'web'] as const;
const NAMES = ['Grafana', 'grafana', 'Kibana', 'Board'] as const;
const RESOLUTION = MINUTE;

interface ModelFilter {
  readonly id: string;
  readonly accountId: string;
  readonly field: string;
  readonly value: string;
}

interface ModelToken {
  id: string;
  accountId: string;
  name: string;
  filterIds: string[];
  filtersOperator: 'AND' | 'OR';
  status: 'active' | 'paused';
  expiresAt: number | null;
  lastUsedAt: number | null;
  version: number;
  secret: string;
  previous: { secret: string; validUntil: number } | null;
}

interface Model {
  now: number;
  filters: ModelFilter[];
  tokens: ModelToken[];
  /** Every secret ever issued, to check none leaks. */
  secrets: string[];
}

interface Real {
  harness: Harness;
  /** Highest version seen per token id. */
  versions: Map<string, number>;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: SharedTokenError };

async function attempt<T>(promise: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    if (!(error instanceof SharedTokenError)) throw error;
    return { ok: false, error };
  }
}

function fail(message: string): never {
  throw new Error(message);
}

/** Checks the real outcome against the model's prediction (an error code, or success). */
function expectOutcome<T>(outcome: Outcome<T>, predicted: SharedTokenErrorCode | 'ok', what: string): T | undefined {
  if (outcome.ok) {
    if (predicted !== 'ok') fail(`${what}: expected ${predicted}, but it succeeded`);
    return outcome.value;
  }
  if (predicted !== outcome.error.code) fail(`${what}: expected ${predicted}, got ${outcome.error.code}: ${outcome.error.message}`);
  assertNoSecret(JSON.stringify(outcome.error) + outcome.error.message, currentModel, what);
  return undefined;
}

let currentModel: Model;

function assertNoSecret(text: string, model: Model, where: string): void {
  for (const secret of model.secrets) if (text.includes(secret)) fail(`a secret leaked into ${where}`);
}

/** Picks one of `items` by `index`, or `undefined` ("an id that does not exist") for the slot after the last. */
function pick<T>(items: readonly T[], index: number): T | undefined {
  return items[index % (items.length + 1)];
}

const tokenIdOf = (m: Model, i: number) => pick(m.tokens, i)?.id ?? 'no-such-token';
const filterIdOf = (m: Model, i: number) => pick(m.filters, i)?.id ?? 'no-such-filter';

function visibleToken(m: Model, actor: Actor, id: string): ModelToken | undefined {
  return m.tokens.find((t) => t.id === id && t.accountId === actor.accountId);
}

function missingFilters(m: Model, actor: Actor, ids: readonly string[]): boolean {
  return ids.some((id) => !m.filters.some((f) => f.id === id && f.accountId === actor.accountId));
}

const set = (ids: readonly string[]) => [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const sameSet = (a: readonly string[], b: readonly string[]) => set(a).join('\n') === set(b).join('\n');

// ---------------------------------------------------------------------------
// Commands

abstract class Step implements fc.AsyncCommand<Model, Real> {
  check(): boolean {
    return true;
  }
  abstract run(m: Model, r: Real): Promise<void>;
  abstract toString(): string;
}

/** Runs a step, then compares the whole state with the model and checks the invariants. */
abstract class CheckedStep extends Step {
  async run(m: Model, r: Real): Promise<void> {
    currentModel = m;
    await this.apply(m, r);
    await compareState(m, r, this.toString());
  }
  abstract apply(m: Model, r: Real): Promise<void>;
}

class CreateFilter extends CheckedStep {
  constructor(readonly actor: number, readonly field: number, readonly value: number) {
    super();
  }
  async apply(m: Model, r: Real) {
    const actor = ACTORS[this.actor]!;
    const field = FIELDS[this.field]!;
    const value = VALUES[this.value]!;
    const predicted =
      actor.role !== 'admin'
        ? 'FORBIDDEN'
        : m.filters.some((f) => f.accountId === actor.accountId && f.field === field && f.value === value)
          ? 'CONFLICT'
          : 'ok';
    const filter = expectOutcome(await attempt(r.harness.tokens.createFilter(actor, { field, value })), predicted, this.toString());
    if (filter !== undefined) m.filters.push({ id: filter.id, accountId: actor.accountId, field, value });
  }
  toString() {
    return `createFilter(${this.actor}, ${FIELDS[this.field]}, ${VALUES[this.value]})`;
  }
}

class CreateToken extends CheckedStep {
  constructor(
    readonly actor: number,
    readonly name: number,
    readonly filters: readonly number[],
    readonly operator: 'AND' | 'OR',
    readonly never: boolean,
  ) {
    super();
  }
  async apply(m: Model, r: Real) {
    const actor = ACTORS[this.actor]!;
    const name = NAMES[this.name]!;
    const filterIds = this.filters.map((i) => filterIdOf(m, i));
    const predicted =
      actor.role !== 'admin'
        ? 'FORBIDDEN'
        : missingFilters(m, actor, filterIds)
          ? 'NOT_FOUND'
          : m.tokens.some((t) => t.accountId === actor.accountId && t.name.toLowerCase() === name.toLowerCase())
            ? 'CONFLICT'
            : 'ok';
    const input = { name, filterIds, filtersOperator: this.operator, ...(this.never ? { expiresAt: null } : {}) };
    const created = expectOutcome(await attempt(r.harness.tokens.createToken(actor, input)), predicted, this.toString());
    if (created === undefined) return;
    m.secrets.push(created.secret);
    m.tokens.push({
      id: created.token.id,
      accountId: actor.accountId,
      name,
      filterIds: set(filterIds),
      filtersOperator: this.operator,
      status: 'active',
      expiresAt: this.never ? null : m.now + 7 * DAY,
      lastUsedAt: null,
      version: 1,
      secret: created.secret,
      previous: null,
    });
  }
  toString() {
    return `createToken(${this.actor}, ${NAMES[this.name]}, [${this.filters.join()}], ${this.operator}, never=${this.never})`;
  }
}

/** The shape shared by every change of one token: role check, lookup, then the change itself. */
abstract class TokenChange extends CheckedStep {
  constructor(readonly actor: number, readonly token: number) {
    super();
  }
  async apply(m: Model, r: Real) {
    const actor = ACTORS[this.actor]!;
    const id = tokenIdOf(m, this.token);
    const target = visibleToken(m, actor, id);
    const predicted: SharedTokenErrorCode | 'ok' =
      actor.role !== 'admin' ? 'FORBIDDEN' : target === undefined ? 'NOT_FOUND' : this.predict(m, actor, target);
    const outcome = await attempt(this.call(r, actor, id, m));
    const value = expectOutcome(outcome, predicted, this.toString());
    if (outcome.ok && target !== undefined) {
      const before = JSON.stringify(target);
      this.change(m, target, value);
      if (JSON.stringify(target) !== before) target.version += 1;
    }
  }
  /** The error the change itself fails with, or `ok`. */
  predict(_m: Model, _actor: Actor, _token: ModelToken): SharedTokenErrorCode | 'ok' {
    return 'ok';
  }
  abstract call(r: Real, actor: Actor, id: string, m: Model): Promise<unknown>;
  /** Applies the change to the model (a no-op change leaves it equal, and the version unchanged). */
  abstract change(m: Model, token: ModelToken, result: unknown): void;
}

class Rename extends TokenChange {
  constructor(actor: number, token: number, readonly name: number) {
    super(actor, token);
  }
  override predict(m: Model, _actor: Actor, token: ModelToken) {
    const name = NAMES[this.name]!;
    if (token.name === name) return 'ok';
    const taken = m.tokens.some(
      (t) => t.accountId === token.accountId && t.id !== token.id && t.name.toLowerCase() === name.toLowerCase(),
    );
    return taken ? 'CONFLICT' : 'ok';
  }
  call(r: Real, actor: Actor, id: string) {
    return r.harness.tokens.renameToken(actor, id, { name: NAMES[this.name]! });
  }
  change(_m: Model, token: ModelToken) {
    token.name = NAMES[this.name]!;
  }
  toString() {
    return `renameToken(${this.actor}, #${this.token}, ${NAMES[this.name]})`;
  }
}

class SetFilters extends TokenChange {
  constructor(actor: number, token: number, readonly filters: readonly number[], readonly operator: 'AND' | 'OR' | undefined) {
    super(actor, token);
  }
  ids(m: Model) {
    return this.filters.map((i) => filterIdOf(m, i));
  }
  override predict(m: Model, actor: Actor) {
    return missingFilters(m, actor, this.ids(m)) ? 'NOT_FOUND' : 'ok';
  }
  call(r: Real, actor: Actor, id: string, m: Model) {
    const input = { filterIds: this.ids(m), ...(this.operator === undefined ? {} : { filtersOperator: this.operator }) };
    return r.harness.tokens.setTokenFilters(actor, id, input);
  }
  change(m: Model, token: ModelToken) {
    const ids = set(this.ids(m));
    if (!sameSet(ids, token.filterIds)) token.filterIds = ids;
    token.filtersOperator = this.operator ?? token.filtersOperator;
  }
  toString() {
    return `setTokenFilters(${this.actor}, #${this.token}, [${this.filters.join()}], ${this.operator})`;
  }
}

class AttachOrDetach extends TokenChange {
  constructor(actor: number, token: number, readonly filters: readonly number[], readonly attach: boolean) {
    super(actor, token);
  }
  ids(m: Model) {
    return this.filters.map((i) => filterIdOf(m, i));
  }
  override predict(m: Model, actor: Actor) {
    return missingFilters(m, actor, this.ids(m)) ? 'NOT_FOUND' : 'ok';
  }
  call(r: Real, actor: Actor, id: string, m: Model) {
    const input = { filterIds: this.ids(m) };
    return this.attach ? r.harness.tokens.attachFilters(actor, id, input) : r.harness.tokens.detachFilters(actor, id, input);
  }
  change(m: Model, token: ModelToken) {
    const ids = this.ids(m);
    const next = this.attach ? set([...token.filterIds, ...ids]) : token.filterIds.filter((id) => !ids.includes(id));
    if (!sameSet(next, token.filterIds)) token.filterIds = next;
  }
  toString() {
    return `${this.attach ? 'attach' : 'detach'}Filters(${this.actor}, #${this.token}, [${this.filters.join()}])`;
  }
}

class PauseOrResume extends TokenChange {
  constructor(actor: number, token: number, readonly pause: boolean) {
    super(actor, token);
  }
  call(r: Real, actor: Actor, id: string) {
    return this.pause ? r.harness.tokens.pauseToken(actor, id) : r.harness.tokens.resumeToken(actor, id);
  }
  change(_m: Model, token: ModelToken) {
    token.status = this.pause ? 'paused' : 'active';
  }
  toString() {
    return `${this.pause ? 'pause' : 'resume'}Token(${this.actor}, #${this.token})`;
  }
}

class SetExpiry extends TokenChange {
  constructor(actor: number, token: number, readonly never: boolean) {
    super(actor, token);
  }
  call(r: Real, actor: Actor, id: string, m: Model) {
    const expiresAt = this.never ? null : new Date(m.now + DAY).toISOString();
    return r.harness.tokens.setTokenExpiry(actor, id, { expiresAt });
  }
  change(m: Model, token: ModelToken) {
    token.expiresAt = this.never ? null : m.now + DAY;
  }
  toString() {
    return `setTokenExpiry(${this.actor}, #${this.token}, ${this.never ? 'never' : '+1 day'})`;
  }
}

class Rotate extends TokenChange {
  constructor(actor: number, token: number, readonly grace: boolean) {
    super(actor, token);
  }
  call(r: Real, actor: Actor, id: string) {
    return r.harness.tokens.rotateTokenSecret(actor, id, this.grace ? { gracePeriod: HOUR } : {});
  }
  change(m: Model, token: ModelToken, result: unknown) {
    const { secret } = result as { secret: string };
    m.secrets.push(secret);
    token.previous = this.grace ? { secret: token.secret, validUntil: m.now + HOUR } : null;
    token.secret = secret;
  }
  toString() {
    return `rotateTokenSecret(${this.actor}, #${this.token}, grace=${this.grace})`;
  }
}

class DeleteToken extends TokenChange {
  call(r: Real, actor: Actor, id: string) {
    return r.harness.tokens.deleteToken(actor, id);
  }
  change(m: Model, token: ModelToken) {
    m.tokens.splice(m.tokens.indexOf(token), 1);
  }
  toString() {
    return `deleteToken(${this.actor}, #${this.token})`;
  }
}

class DeleteFilter extends CheckedStep {
  constructor(readonly actor: number, readonly filter: number, readonly confirmed: boolean) {
    super();
  }
  async apply(m: Model, r: Real) {
    const actor = ACTORS[this.actor]!;
    const id = filterIdOf(m, this.filter);
    const target = m.filters.find((f) => f.id === id && f.accountId === actor.accountId);
    let confirm = 'fdc_not-a-confirmation';
    if (this.confirmed) {
      const preview = await attempt(r.harness.tokens.previewFilterDeletion(actor, id));
      const predictedPreview = actor.role !== 'admin' ? 'FORBIDDEN' : target === undefined ? 'NOT_FOUND' : 'ok';
      const value = expectOutcome(preview, predictedPreview, `preview of ${this.toString()}`);
      if (value !== undefined) {
        const affected = m.tokens.filter((t) => t.accountId === actor.accountId && t.filterIds.includes(id));
        if (!sameSet(value.affectedTokens.map((a) => a.token.id), affected.map((t) => t.id))) {
          fail(`${this.toString()}: the preview lists other tokens than the model`);
        }
        confirm = value.confirmation;
      }
    }
    const predicted =
      actor.role !== 'admin' ? 'FORBIDDEN' : target === undefined ? 'NOT_FOUND' : this.confirmed ? 'ok' : 'CONFIRMATION_REQUIRED';
    const outcome = await attempt(r.harness.tokens.deleteFilter(actor, id, { confirm }));
    if (expectOutcome(outcome, predicted, this.toString()) === undefined || target === undefined) return;
    m.filters.splice(m.filters.indexOf(target), 1);
    for (const token of m.tokens) {
      if (token.accountId === actor.accountId && token.filterIds.includes(id)) {
        token.filterIds = token.filterIds.filter((f) => f !== id);
        token.version += 1;
      }
    }
  }
  toString() {
    return `deleteFilter(${this.actor}, #${this.filter}, ${this.confirmed ? 'after a preview' : 'unconfirmed'})`;
  }
}

class Resolve extends CheckedStep {
  constructor(readonly token: number, readonly which: 'current' | 'previous' | 'garbage') {
    super();
  }
  async apply(m: Model, r: Real) {
    const target = pick(m.tokens, this.token);
    const secret =
      this.which === 'garbage' || target === undefined
        ? 'shtk_garbage'
        : this.which === 'current'
          ? target.secret
          : (target.previous?.secret ?? target.secret);
    const previousOk = target?.previous !== null && target?.previous !== undefined && target.previous.validUntil > m.now;
    const usable = target !== undefined && this.which !== 'garbage' && (this.which === 'current' || target.previous === null || previousOk);
    const predicted: SharedTokenErrorCode | 'ok' = !usable
      ? 'TOKEN_INVALID'
      : target.expiresAt !== null && target.expiresAt <= m.now
        ? 'TOKEN_EXPIRED'
        : target.status === 'paused'
          ? 'TOKEN_PAUSED'
          : 'ok';
    const access = expectOutcome(await attempt(r.harness.tokens.resolve(secret)), predicted, this.toString());
    if (access === undefined || target === undefined) return;
    const filterIds = access.filters.map((f) => f.id);
    if (!sameSet(filterIds, target.filterIds) || access.filtersOperator !== target.filtersOperator) {
      fail(`${this.toString()}: resolve does not reflect the latest filters`);
    }
    if (access.unrestricted !== (target.filterIds.length === 0)) fail(`${this.toString()}: wrong unrestricted flag`);
    if (target.lastUsedAt === null || m.now - target.lastUsedAt >= RESOLUTION) target.lastUsedAt = m.now;
  }
  toString() {
    return `resolve(#${this.token}, ${this.which})`;
  }
}

class Advance extends CheckedStep {
  constructor(readonly ms: number) {
    super();
  }
  async apply(m: Model, r: Real) {
    m.now += this.ms;
    r.harness.advance(this.ms);
  }
  toString() {
    return `advance(${this.ms} ms)`;
  }
}

// ---------------------------------------------------------------------------
// State comparison and invariants

async function listAll<T>(list: (cursor: string | null) => Promise<{ items: readonly T[]; nextCursor: string | null }>) {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: readonly T[]; nextCursor: string | null } = await list(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

async function compareState(m: Model, r: Real, step: string): Promise<void> {
  const { tokens } = r.harness;
  for (const accountId of ACCOUNTS) {
    const reader: Actor = { accountId, userId: 'inspector', role: 'member' };
    const filters = await listAll<TokenFilter>((cursor) => tokens.listFilters(reader, { cursor, limit: 3 }));
    const list = await listAll<SharedToken>((cursor) => tokens.listTokens(reader, { cursor, limit: 3 }));
    const project = (f: { id: string; field: string; value: string }) => `${f.id}|${f.field}|${f.value}`;
    const realFilters = filters.map(project).sort();
    const modelFilters = m.filters.filter((f) => f.accountId === accountId).map(project).sort();
    if (realFilters.join() !== modelFilters.join()) fail(`after ${step}: filters of ${accountId} differ from the model`);
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    const projectToken = (t: {
      id: string;
      name: string;
      filterIds: readonly string[];
      filtersOperator: string;
      status: string;
      version: number;
      expiresAt: string | null;
      lastUsedAt: string | null;
    }) => JSON.stringify([t.id, t.name, t.filterIds, t.filtersOperator, t.status, t.version, t.expiresAt, t.lastUsedAt]);
    const realTokens = list.map(projectToken).sort();
    const modelTokens = m.tokens
      .filter((t) => t.accountId === accountId)
      .map((t) => projectToken({ ...t, expiresAt: iso(t.expiresAt), lastUsedAt: iso(t.lastUsedAt) }))
      .sort();
    if (realTokens.join('\n') !== modelTokens.join('\n')) {
      fail(`after ${step}: tokens of ${accountId} differ from the model\nreal:  ${realTokens.join('\n       ')}\nmodel: ${modelTokens.join('\n       ')}`);
    }
    // Invariant: no token references a deleted or foreign filter.
    const own = new Set(filters.map((f) => f.id));
    for (const token of list) {
      if (!token.filterIds.every((id) => own.has(id))) fail(`after ${step}: token ${token.id} references a missing filter`);
      // Invariant: versions only grow.
      const seen = r.versions.get(token.id) ?? 0;
      if (token.version < seen) fail(`after ${step}: the version of ${token.id} went down`);
      r.versions.set(token.id, token.version);
    }
    // Invariant: no secret in anything returned.
    assertNoSecret(JSON.stringify([filters, list]), m, `the listings after ${step}`);
  }
  assertNoSecret(JSON.stringify(r.harness.events), m, `the events after ${step}`);
  assertNoSecret(await r.harness.dump(), m, `the repository after ${step}`);
}

// ---------------------------------------------------------------------------
// Arbitraries

const actorIndex = fc.nat({ max: ACTORS.length - 1 });
const objectIndex = fc.nat({ max: 5 });
const filterIndexes = fc.array(objectIndex, { minLength: 1, maxLength: 3 });
const operator = fc.constantFrom('AND' as const, 'OR' as const);

// Admins act more often than members, so that state actually builds up.
const adminIndex = fc.constantFrom(0, 0, 0, 0, 2, 2, 1, 3);

const createFilter = fc
  .tuple(adminIndex, fc.nat({ max: FIELDS.length - 1 }), fc.nat({ max: VALUES.length - 1 }))
  .map(([a, f, v]) => new CreateFilter(a, f, v));
const createToken = fc
  .tuple(adminIndex, fc.nat({ max: NAMES.length - 1 }), fc.array(objectIndex, { maxLength: 3 }), operator, fc.boolean())
  .map(([a, n, f, o, never]) => new CreateToken(a, n, f, o, never));

// Creations are listed twice: state has to build up for the other commands to bite.
const commands = [
  createFilter,
  createFilter,
  createToken,
  createToken,
  fc.tuple(adminIndex, objectIndex, fc.nat({ max: NAMES.length - 1 })).map(([a, t, n]) => new Rename(a, t, n)),
  fc
    .tuple(adminIndex, objectIndex, fc.array(objectIndex, { maxLength: 3 }), fc.option(operator, { nil: undefined }))
    .map(([a, t, f, o]) => new SetFilters(a, t, f, o)),
  fc.tuple(adminIndex, objectIndex, filterIndexes, fc.boolean()).map(([a, t, f, attach]) => new AttachOrDetach(a, t, f, attach)),
  fc.tuple(actorIndex, objectIndex, fc.boolean()).map(([a, t, p]) => new PauseOrResume(a, t, p)),
  fc.tuple(adminIndex, objectIndex, fc.boolean()).map(([a, t, never]) => new SetExpiry(a, t, never)),
  fc.tuple(adminIndex, objectIndex, fc.boolean()).map(([a, t, g]) => new Rotate(a, t, g)),
  fc.tuple(actorIndex, objectIndex).map(([a, t]) => new DeleteToken(a, t)),
  fc.tuple(adminIndex, objectIndex, fc.boolean()).map(([a, f, c]) => new DeleteFilter(a, f, c)),
  fc.tuple(objectIndex, fc.constantFrom('current' as const, 'previous' as const, 'garbage' as const)).map(([t, w]) => new Resolve(t, w)),
  fc.tuple(objectIndex, fc.constantFrom('current' as const, 'previous' as const)).map(([t, w]) => new Resolve(t, w)),
  fc.constantFrom(30 * 1000, 61 * 1000, HOUR, 3 * DAY).map((ms) => new Advance(ms)),
];

describe('the service against a reference model', () => {
  it('after every step of random admin and member operations over two accounts, state equals the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 80, size: 'max' }), async (cmds) => {
        const model: Model = { now: START.getTime(), filters: [], tokens: [], secrets: [] };
        const real: Real = { harness: setup(), versions: new Map() };
        await fc.asyncModelRun(() => ({ model, real }), cmds);
      }),
    );
  });
});
