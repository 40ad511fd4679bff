import { SharedTokenError, type ValidationIssue } from '../errors.js';
import type { StoredSharedLink } from '../domain/shared-link.js';
import type { StoredSharedToken } from '../domain/shared-token.js';
import type { TokenFilter } from '../domain/token-filter.js';

// The repository trusts the service for domain rules (names, field syntax,
// expiry policy) but checks what its own indexes and ordering depend on, so
// a malformed record is refused instead of corrupting an index.

type Path = readonly (string | number)[];

/**
 * Throws `VALIDATION` unless `value` has the filter members the repository
 * indexes and orders by.
 *
 * @internal
 */
export function assertFilterShape(value: unknown, path: Path): asserts value is TokenFilter {
  const issues: ValidationIssue[] = [];
  const record = asRecord(value, path, issues);
  if (record !== null) {
    for (const member of ['id', 'accountId', 'field', 'value', 'createdAt'] as const) {
      expectString(record, member, path, issues);
    }
    expectVersion(record, path, issues);
  }
  throwIfAny(issues, 'filter');
}

/**
 * Throws `VALIDATION` unless `value` has the token members the repository
 * indexes and orders by.
 *
 * @internal
 */
export function assertTokenShape(value: unknown, path: Path): asserts value is StoredSharedToken {
  const issues: ValidationIssue[] = [];
  const record = asRecord(value, path, issues);
  if (record !== null) {
    for (const member of ['id', 'accountId', 'name', 'createdAt', 'secretHash'] as const) {
      expectString(record, member, path, issues);
    }
    expectVersion(record, path, issues);
    const filterIds = record['filterIds'];
    if (!Array.isArray(filterIds) || !filterIds.every((id) => typeof id === 'string')) {
      issues.push({ path: [...path, 'filterIds'], message: 'must be an array of strings' });
    }
    const lastUsedAt = record['lastUsedAt'];
    if (lastUsedAt !== null && typeof lastUsedAt !== 'string') {
      issues.push({ path: [...path, 'lastUsedAt'], message: 'must be a string or null' });
    }
    const previous = record['previousSecret'];
    if (previous !== null) {
      const previousRecord = asRecord(previous, [...path, 'previousSecret'], issues);
      if (previousRecord !== null) expectString(previousRecord, 'hash', [...path, 'previousSecret'], issues);
    }
  }
  throwIfAny(issues, 'token');
}

/**
 * Throws `VALIDATION` unless `value` has the link members the repository
 * indexes, orders by and compares.
 *
 * @internal
 */
export function assertLinkShape(value: unknown, path: Path): asserts value is StoredSharedLink {
  const issues: ValidationIssue[] = [];
  const record = asRecord(value, path, issues);
  if (record !== null) {
    for (const member of ['id', 'accountId', 'tokenId', 'createdAt', 'createdBy', 'secretHash'] as const) {
      expectString(record, member, path, issues);
    }
    expectVersion(record, path, issues);
    for (const member of ['expiresAt', 'lastUsedAt'] as const) {
      const instant = record[member];
      if (instant !== null && (typeof instant !== 'string' || Number.isNaN(Date.parse(instant)))) {
        issues.push({ path: [...path, member], message: 'must be an ISO-8601 string or null' });
      }
    }
  }
  throwIfAny(issues, 'link');
}

function asRecord(value: unknown, path: Path, issues: ValidationIssue[]): Record<string, unknown> | null {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  issues.push({ path, message: 'must be an object' });
  return null;
}

function expectString(record: Record<string, unknown>, member: string, path: Path, issues: ValidationIssue[]): void {
  if (typeof record[member] !== 'string') issues.push({ path: [...path, member], message: 'must be a string' });
}

function expectVersion(record: Record<string, unknown>, path: Path, issues: ValidationIssue[]): void {
  const version = record['version'];
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    issues.push({ path: [...path, 'version'], message: 'must be a positive integer' });
  }
}

function throwIfAny(issues: readonly ValidationIssue[], what: string): void {
  if (issues.length > 0) throw new SharedTokenError('VALIDATION', `Malformed ${what} record.`, { issues });
}
