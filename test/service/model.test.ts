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
import type { SharedLink } from '../../src/domain/shared-link.js';
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

interface ModelLink {
  id: string;
  accountId: string;
  tokenId: string;
  createdBy: string;
  expiresAt: number | null;
  lastUsedAt: number | null;
  version: number;
  secret: string;
}

interface Model {
  now: number;
  filters: ModelFilter[];
  tokens: ModelToken[];
  links: ModelLink[];
  /** Links revoked or deleted with their token: their secrets must never resolve again. */
  goneLinks: ModelLink[];
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

/** How often the link commands reached their interesting outcomes, over the whole run. */
const reached = { steps: 0, linkResolved: 0, goneLinkRefused: 0, linkPaused: 0, linkExpired: 0, memberListed: 0, revokeForbidden: 0, linkFollowedExpiry: 0 };

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
    reached.steps++;
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
    const limit = token.expiresAt;
    if (limit === null) return;
    for (const link of m.links) {
      if (link.tokenId === token.id && link.accountId === token.accountId && (link.expiresAt === null || link.expiresAt > limit)) {
        link.expiresAt = limit;
        link.version += 1;
        reached.linkFollowedExpiry++;
      }
    }
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
    // Its links go with it, in the same commit.
    const cascaded = m.links.filter((l) => l.tokenId === token.id && l.accountId === token.accountId);
    m.links = m.links.filter((l) => !cascaded.includes(l));
    m.goneLinks.push(...cascaded);
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

const LINK_EXPIRIES = ['default', '+1 hour', '+30 days', 'never'] as const;
type LinkExpiry = (typeof LINK_EXPIRIES)[number];

type Who = 'admin' | 'member' | 'other member' | 'foreign';
const WHO: readonly Who[] = ['admin', 'member', 'other member', 'foreign'];
const carolOf = (accountId: string): Actor => ({ accountId, userId: `${accountId}-carol`, role: 'member' });

/** An actor relative to an account: its admin, one of two members, or someone of the other account. */
function actorFor(accountId: string | undefined, who: Who): Actor {
  const home = accountId ?? 'acme';
  const away = home === 'acme' ? 'globex' : 'acme';
  const of = (account: string) => ACTORS.filter((a) => a.accountId === account);
  switch (who) {
    case 'admin':
      return of(home).find((a) => a.role === 'admin')!;
    case 'member':
      return of(home).find((a) => a.role === 'member')!;
    case 'other member':
      return carolOf(home);
    case 'foreign':
      return of(away).find((a) => a.role === 'member')!;
  }
}

class CreateLink extends CheckedStep {
  constructor(readonly who: Who, readonly token: number, readonly expiry: LinkExpiry) {
    super();
  }
  async apply(m: Model, r: Real) {
    // An existing token whenever there is one: a foreign actor covers the misses.
    const chosen = m.tokens[this.token % Math.max(m.tokens.length, 1)];
    const actor = actorFor(chosen?.accountId, this.who);
    const id = chosen?.id ?? 'no-such-token';
    const target = visibleToken(m, actor, id);
    const wanted = (t: ModelToken): number | null =>
      this.expiry === 'default' ? t.expiresAt : this.expiry === 'never' ? null : m.now + (this.expiry === '+1 hour' ? HOUR : 30 * DAY);
    const predicted: SharedTokenErrorCode | 'ok' =
      target === undefined
        ? 'NOT_FOUND'
        : target.expiresAt !== null && target.expiresAt <= m.now
          ? 'TOKEN_EXPIRED'
          : later(wanted(target), target.expiresAt)
            ? 'VALIDATION'
            : 'ok';
    const input =
      this.expiry === 'default' ? {} : { expiresAt: this.expiry === 'never' ? null : new Date(m.now + (this.expiry === '+1 hour' ? HOUR : 30 * DAY)).toISOString() };
    const created = expectOutcome(await attempt(r.harness.tokens.createLink(actor, id, input)), predicted, this.toString());
    if (created === undefined || target === undefined) return;
    m.secrets.push(created.secret);
    m.links.push({
      id: created.link.id,
      accountId: actor.accountId,
      tokenId: id,
      createdBy: actor.userId,
      expiresAt: wanted(target),
      lastUsedAt: null,
      version: 1,
      secret: created.secret,
    });
  }
  toString() {
    return `createLink(${this.who}, #${this.token}, ${this.expiry})`;
  }
}

function later(expiresAt: number | null, limit: number | null): boolean {
  if (limit === null) return false;
  return expiresAt === null || expiresAt > limit;
}

class ListLinks extends CheckedStep {
  constructor(readonly account: number, readonly who: Who) {
    super();
  }
  async apply(m: Model, r: Real) {
    const actor = actorFor(ACCOUNTS[this.account], this.who);
    const seen = await listAll<SharedLink>((cursor) => r.harness.tokens.listLinks(actor, { cursor, limit: 2 }));
    const expected = m.links.filter((l) => l.accountId === actor.accountId && (actor.role === 'admin' || l.createdBy === actor.userId));
    if (!sameSet(seen.map((l) => l.id), expected.map((l) => l.id))) fail(`${this.toString()}: lists other links than the model`);
    // A member never sees another user's link.
    if (actor.role === 'member' && seen.some((l) => l.createdBy !== actor.userId)) fail(`${this.toString()}: a member saw another user's link`);
    if (actor.role === 'member' && m.links.some((l) => l.accountId === actor.accountId && l.createdBy !== actor.userId)) reached.memberListed++;
  }
  toString() {
    return `listLinks(${ACCOUNTS[this.account]}, ${this.who})`;
  }
}

class RevokeLink extends CheckedStep {
  constructor(readonly who: Who, readonly link: number) {
    super();
  }
  async apply(m: Model, r: Real) {
    const link = pick(m.links, this.link);
    const actor = actorFor(link?.accountId, this.who);
    const id = link?.id ?? 'no-such-link';
    const visible = link !== undefined && link.accountId === actor.accountId;
    const predicted: SharedTokenErrorCode | 'ok' = !visible
      ? 'NOT_FOUND'
      : actor.role !== 'admin' && link.createdBy !== actor.userId
        ? 'FORBIDDEN'
        : 'ok';
    const outcome = await attempt(r.harness.tokens.revokeLink(actor, id));
    expectOutcome(outcome, predicted, this.toString());
    if (predicted === 'FORBIDDEN') reached.revokeForbidden++;
    if (!outcome.ok || link === undefined) return;
    m.links.splice(m.links.indexOf(link), 1);
    m.goneLinks.push(link);
  }
  toString() {
    return `revokeLink(${this.who}, #${this.link})`;
  }
}

class ResolveLink extends CheckedStep {
  constructor(readonly link: number, readonly gone: boolean) {
    super();
  }
  async apply(m: Model, r: Real) {
    const pool = this.gone ? m.goneLinks : m.links;
    const link = pool[this.link % Math.max(pool.length, 1)];
    if (link === undefined) return;
    const live = m.links.includes(link);
    const token = m.tokens.find((t) => t.id === link.tokenId && t.accountId === link.accountId);
    const predicted: SharedTokenErrorCode | 'ok' =
      !live || token === undefined
        ? 'TOKEN_INVALID'
        : (token.expiresAt !== null && token.expiresAt <= m.now) || (link.expiresAt !== null && link.expiresAt <= m.now)
          ? 'TOKEN_EXPIRED'
          : token.status === 'paused'
            ? 'TOKEN_PAUSED'
            : 'ok';
    const access = expectOutcome(await attempt(r.harness.tokens.resolve(link.secret)), predicted, this.toString());
    if (predicted === 'TOKEN_INVALID') reached.goneLinkRefused++;
    if (predicted === 'TOKEN_PAUSED') reached.linkPaused++;
    if (predicted === 'TOKEN_EXPIRED') reached.linkExpired++;
    if (access === undefined || token === undefined) return;
    reached.linkResolved++;
    if (access.link?.id !== link.id || access.token.id !== token.id) fail(`${this.toString()}: resolved to another credential`);
    if (!sameSet(access.filters.map((f) => f.id), token.filterIds) || access.filtersOperator !== token.filtersOperator) {
      fail(`${this.toString()}: the link does not see the token's latest filters`);
    }
    if (link.lastUsedAt === null || m.now - link.lastUsedAt >= RESOLUTION) link.lastUsedAt = m.now;
    if (token.lastUsedAt === null || m.now - token.lastUsedAt >= RESOLUTION) token.lastUsedAt = m.now;
  }
  toString() {
    return `resolve(link #${this.link}${this.gone ? ', revoked or deleted' : ''})`;
  }
}

/** An admin pauses or resumes the token behind a live link: the link must follow at its next request. */
class PauseLinkedToken extends CheckedStep {
  constructor(readonly link: number, readonly pause: boolean) {
    super();
  }
  async apply(m: Model, r: Real) {
    const link = m.links[this.link % Math.max(m.links.length, 1)];
    const token = link === undefined ? undefined : m.tokens.find((t) => t.id === link.tokenId && t.accountId === link.accountId);
    if (link === undefined || token === undefined) return;
    const actor = actorFor(link.accountId, 'admin');
    const call = this.pause ? r.harness.tokens.pauseToken(actor, token.id) : r.harness.tokens.resumeToken(actor, token.id);
    expectOutcome(await attempt(call), 'ok', this.toString());
    const status = this.pause ? 'paused' : 'active';
    if (token.status !== status) {
      token.status = status;
      token.version += 1;
    }
  }
  toString() {
    return `${this.pause ? 'pause' : 'resume'} the token of link #${this.link}`;
  }
}

/** An admin moves the expiry of the token behind a live link to one day from now: later links must follow. */
class ShortenLinkedToken extends CheckedStep {
  constructor(readonly link: number) {
    super();
  }
  async apply(m: Model, r: Real) {
    const link = m.links[this.link % Math.max(m.links.length, 1)];
    const token = link === undefined ? undefined : m.tokens.find((t) => t.id === link.tokenId && t.accountId === link.accountId);
    if (link === undefined || token === undefined) return;
    const step = new SetExpiry(ACTORS.indexOf(actorFor(link.accountId, 'admin')), m.tokens.indexOf(token), false);
    await step.apply(m, r);
  }
  toString() {
    return `shorten the token of link #${this.link} to one day`;
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
    const linkReader: Actor = { accountId, userId: 'inspector', role: 'admin' };
    const links = await listAll<SharedLink>((cursor) => tokens.listLinks(linkReader, { cursor, limit: 3 }));
    const projectLink = (l: { id: string; tokenId: string; createdBy: string; expiresAt: string | null; lastUsedAt: string | null; version: number }) =>
      JSON.stringify([l.id, l.tokenId, l.createdBy, l.expiresAt, l.lastUsedAt, l.version]);
    const realLinks = links.map(projectLink).sort();
    const modelLinks = m.links
      .filter((l) => l.accountId === accountId)
      .map((l) => projectLink({ ...l, expiresAt: iso(l.expiresAt), lastUsedAt: iso(l.lastUsedAt) }))
      .sort();
    if (realLinks.join('\n') !== modelLinks.join('\n')) {
      fail(`after ${step}: links of ${accountId} differ from the model\nreal:  ${realLinks.join('\n       ')}\nmodel: ${modelLinks.join('\n       ')}`);
    }
    // Invariant: no link outlives its token, and every link's token exists.
    for (const link of links) {
      const token = list.find((t) => t.id === link.tokenId);
      if (token === undefined) fail(`after ${step}: link ${link.id} outlived its token`);
      if (token.expiresAt !== null && (link.expiresAt === null || Date.parse(link.expiresAt) > Date.parse(token.expiresAt))) {
        fail(`after ${step}: link ${link.id} expires after its token`);
      }
    }
    // Invariant: no secret in anything returned.
    assertNoSecret(JSON.stringify([filters, list, links]), m, `the listings after ${step}`);
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
const who = fc.constantFrom(...WHO, 'member' as const, 'admin' as const);

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
  // Tokens without filters succeed more often, so that links have tokens to attach to.
  fc
    .tuple(fc.constantFrom(0, 2), fc.nat({ max: NAMES.length - 1 }), operator, fc.boolean())
    .map(([a, n, o, never]) => new CreateToken(a, n, [], o, never)),
  // Links: created by admins and members alike; listed more than once so links build up.
  ...[1, 2, 3].map(() =>
    fc.tuple(who, objectIndex, fc.constantFrom(...LINK_EXPIRIES, 'default' as const, '+1 hour' as const)).map(([w, t, e]) => new CreateLink(w, t, e)),
  ),
  fc.tuple(fc.nat({ max: 1 }), who).map(([a, w]) => new ListLinks(a, w)),
  ...[1, 2].map(() => fc.tuple(who, objectIndex).map(([w, l]) => new RevokeLink(w, l))),
  ...[1, 2, 3].map(() => fc.tuple(objectIndex, fc.boolean()).map(([l, gone]) => new ResolveLink(l, gone))),
  ...[1, 2].map(() => fc.tuple(objectIndex, fc.boolean()).map(([l, p]) => new PauseLinkedToken(l, p))),
  objectIndex.map((l) => new ShortenLinkedToken(l)),
  fc.constantFrom(HOUR, 2 * DAY).map((ms) => new Advance(ms)),
];

describe('the service against a reference model', () => {
  it('after every step of random admin and member operations over two accounts, state equals the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 80, size: 'max' }), async (cmds) => {
        const model: Model = { now: START.getTime(), filters: [], tokens: [], links: [], goneLinks: [], secrets: [] };
        const real: Real = { harness: setup(), versions: new Map() };
        await fc.asyncModelRun(() => ({ model, real }), cmds);
      }),
    );
    // The link laws above only bite if the runs reached these situations.
    for (const [situation, count] of Object.entries(reached)) {
      if (count === 0) fail(`no run reached ${situation}`);
    }
  });
});
