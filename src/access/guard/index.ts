/**
 * The request guard: run an untrusted search request under a token, safely,
 * and the engine-side roles that enforce the same filter again.
 *
 * @packageDocumentation
 */
export { guardSearchRequest } from './guard-search-request.js';
export { DEFAULT_GUARD_LIMITS } from './limits.js';
export type { GuardLimits } from './limits.js';
export type {
  ContinuationBindings,
  GuardedEndpoint,
  GuardedSearchRequest,
  GuardOptions,
  SearchRequestInput,
  SearchRequestParamValue,
} from './types.js';
export { toOpenSearchRole } from './opensearch-role.js';
export type { OpenSearchRole, OpenSearchRoleOptions } from './opensearch-role.js';
export { toElasticsearchRoleDescriptor } from './elasticsearch-role-descriptor.js';
export type { ElasticsearchRoleDescriptor, ElasticsearchRoleDescriptorOptions } from './elasticsearch-role-descriptor.js';
