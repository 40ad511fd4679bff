/**
 * The OpenSearch security role that makes the engine enforce the token's
 * filter itself (document-level security), as a second line behind the guard.
 *
 * @packageDocumentation
 */
import type { AccessExpression } from '../expression/expression.js';
import type { FieldTypes } from '../mapping/field-types.js';
import { toElasticsearchQuery } from './elasticsearch-query.js';
import { roleIndices } from './role-indices.js';

/**
 * Options of {@link toOpenSearchRole}.
 *
 * @example
 * ```ts
 * const options: OpenSearchRoleOptions = { indices: ['logs-acme-*'], fields };
 * ```
 */
export interface OpenSearchRoleOptions {
  /** Index names or patterns the role may read (the token's `options.indices`). */
  readonly indices: readonly string[];
  /** Field types, as for `toElasticsearchQuery`. */
  readonly fields?: FieldTypes;
}

/**
 * An OpenSearch security role body (`PUT _plugins/_security/api/roles/<name>`):
 * read-only, on the token's indices, with the token's filter as `dls`.
 *
 * @example
 * ```json
 * { "cluster_permissions": [],
 *   "index_permissions": [{ "index_patterns": ["logs-*"], "dls": "{\"match_none\":{}}", "allowed_actions": ["read"] }] }
 * ```
 */
export interface OpenSearchRole {
  readonly cluster_permissions: readonly string[];
  readonly index_permissions: readonly {
    readonly index_patterns: readonly string[];
    /** The token filter as a JSON string: OpenSearch stores DLS as text. */
    readonly dls: string;
    readonly allowed_actions: readonly string[];
  }[];
}

/**
 * Builds an OpenSearch security role that can read `indices` and only the
 * documents the token sees (`dls`). Map the proxy's per-token backend user
 * (or a backend role) to it, so that even a request the guard should have
 * refused cannot read outside the token.
 *
 * @throws SharedTokenError `VALIDATION` for empty indices or a remote, selector or date-math name.
 *
 * @example
 * ```ts
 * const role = toOpenSearchRole({ kind: 'term', field: 'service.name', value: 'api' }, { indices: ['logs-*'] });
 * await client.security.createRole({ role: `token-${token.id}`, body: role });
 * ```
 * ```json
 * { "cluster_permissions": [],
 *   "index_permissions": [{ "index_patterns": ["logs-*"],
 *     "dls": "{\"term\":{\"service.name\":{\"value\":\"api\"}}}",
 *     "allowed_actions": ["read"] }] }
 * ```
 */
export function toOpenSearchRole(expression: AccessExpression, options: OpenSearchRoleOptions): OpenSearchRole {
  const indices = roleIndices(options.indices);
  const query = toElasticsearchQuery(expression, { ...(options.fields === undefined ? {} : { fields: options.fields }) });
  return {
    cluster_permissions: [],
    index_permissions: [{ index_patterns: indices, dls: JSON.stringify(query), allowed_actions: ['read'] }],
  };
}
