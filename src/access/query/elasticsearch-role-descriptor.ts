/**
 * The Elasticsearch role descriptor that makes the engine enforce the
 * token's filter itself (document-level security), for an API key's
 * `role_descriptors`.
 *
 * @packageDocumentation
 */
import type { ElasticsearchQuery } from './elasticsearch-query-types.js';
import type { AccessExpression } from '../expression/expression.js';
import type { FieldTypes } from '../mapping/field-types.js';
import { toElasticsearchQuery } from './elasticsearch-query.js';
import { roleIndices } from './role-indices.js';

/**
 * Options of {@link toElasticsearchRoleDescriptor}.
 *
 * @example
 * ```ts
 * const options: ElasticsearchRoleDescriptorOptions = { indices: ['logs-acme-*'], fields };
 * ```
 */
export interface ElasticsearchRoleDescriptorOptions {
  /** Index names or patterns the key may read (the token's `options.indices`). */
  readonly indices: readonly string[];
  /** Field types, as for `toElasticsearchQuery`. */
  readonly fields?: FieldTypes;
}

/**
 * One entry of an API key's `role_descriptors`: read-only, on the token's
 * indices, restricted indices excluded, with the token's filter as `query`.
 *
 * @example
 * ```json
 * { "cluster": [], "indices": [{ "names": ["logs-*"], "privileges": ["read"],
 *   "query": { "match_all": {} }, "allow_restricted_indices": false }] }
 * ```
 */
export interface ElasticsearchRoleDescriptor {
  readonly cluster: readonly string[];
  readonly indices: readonly {
    readonly names: readonly string[];
    readonly privileges: readonly string[];
    /** The token filter: Elasticsearch masks every other document out at the reader level. */
    readonly query: ElasticsearchQuery;
    readonly allow_restricted_indices: false;
  }[];
}

/**
 * Builds a role descriptor that can read `indices` and only the documents
 * the token sees. Create one API key per token with it and let the proxy
 * forward guarded requests with that key: Elasticsearch's document-level
 * security then hides other documents from every search feature, including
 * ones a guard cannot see.
 *
 * @throws SharedTokenError `VALIDATION` for empty indices or a remote, selector or date-math name.
 *
 * @example
 * ```ts
 * const descriptor = toElasticsearchRoleDescriptor({ kind: 'term', field: 'service.name', value: 'api' }, { indices: ['logs-*'] });
 * await client.security.createApiKey({ name: `token-${token.id}`, role_descriptors: { 'shared-token': descriptor } });
 * ```
 * ```json
 * { "cluster": [],
 *   "indices": [{ "names": ["logs-*"], "privileges": ["read"],
 *     "query": { "term": { "service.name": { "value": "api" } } },
 *     "allow_restricted_indices": false }] }
 * ```
 */
export function toElasticsearchRoleDescriptor(expression: AccessExpression, options: ElasticsearchRoleDescriptorOptions): ElasticsearchRoleDescriptor {
  const indices = roleIndices(options.indices);
  const query = toElasticsearchQuery(expression, { ...(options.fields === undefined ? {} : { fields: options.fields }) });
  return {
    cluster: [],
    indices: [{ names: indices, privileges: ['read'], query, allow_restricted_indices: false }],
  };
}
