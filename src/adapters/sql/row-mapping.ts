import { deepFreeze } from '../../domain/deep-freeze.js';
import type { StoredSharedLink } from '../../domain/shared-link.js';
import type { StoredSharedToken } from '../../domain/shared-token.js';
import type { TokenFilter } from '../../domain/token-filter.js';
import type { SqlRow } from './sql-port.js';

// Records are stored whole as JSON text in a `record` column next to the key
// columns that index them; JSON.stringify escapes NUL and lone surrogates,
// so any string round-trips. `lastUsedAt` of a token is the usage table's
// value when a use was recorded after the last commit of the token.

/** The filter stored in `row.record`. @internal */
export function filterFromRow(row: SqlRow): TokenFilter {
  return deepFreeze(JSON.parse(String(row['record'])) as TokenFilter);
}

/** The token stored in `row.record`, with the recorded use (`row.last_used_at`) when there is one. @internal */
export function tokenFromRow(row: SqlRow): StoredSharedToken {
  const token = JSON.parse(String(row['record'])) as { lastUsedAt: string | null };
  const recorded = row['last_used_at'];
  if (typeof recorded === 'string') token.lastUsedAt = usageFromColumn(recorded);
  return deepFreeze(token as unknown as StoredSharedToken);
}

/**
 * The link stored in `row.record`. A recorded use (`row.last_used_at`) is
 * kept only when later than the record's: link uses never go backwards.
 *
 * @internal
 */
export function linkFromRow(row: SqlRow): StoredSharedLink {
  const link = JSON.parse(String(row['record'])) as { lastUsedAt: string | null };
  const recorded = row['last_used_at'];
  if (typeof recorded === 'string') {
    const use = usageFromColumn(recorded);
    if (link.lastUsedAt === null || Date.parse(use) > Date.parse(link.lastUsedAt)) link.lastUsedAt = use;
  }
  return deepFreeze(link as unknown as StoredSharedLink);
}

/** The JSON text stored for a record. @internal */
export function recordText(record: TokenFilter | StoredSharedToken | StoredSharedLink): string {
  return JSON.stringify(record);
}

/** The text stored for a recorded use: JSON, so any string is storable. @internal */
export function usageColumn(lastUsedAt: string): string {
  return JSON.stringify(lastUsedAt);
}

/** The use a {@link usageColumn} text holds. @internal */
export function usageFromColumn(text: string): string {
  return JSON.parse(text) as string;
}
