/**
 * shared-tokens: read-only shared tokens for log access.
 *
 * - Tokens and filters, and the use cases around them: {@link createSharedTokens}.
 * - The access expression and its compilers: {@link compileAccess},
 *   {@link toElasticsearchQuery}, {@link toPredicate}, {@link fieldTypesFromMapping}.
 * - The request guard: {@link guardSearchRequest}; engine-side roles:
 *   {@link toOpenSearchRole}, {@link toElasticsearchRoleDescriptor}.
 * - Storage: {@link createInMemoryRepository} and the {@link SharedTokenRepository} contract.
 *
 * @packageDocumentation
 */

// Errors
export { SharedTokenError, UnsafeRequestError, isSharedTokenError } from './errors.js';
export type { SharedTokenErrorCode, SharedTokenErrorContext, ValidationIssue } from './errors.js';

// The service and its types
export { createSharedTokens } from './service/shared-tokens.js';
export type { SharedTokens, SharedTokensOptions, VersionOptions } from './service/shared-tokens.js';
export { systemClock } from './service/clock.js';
export type { Clock } from './service/clock.js';
export type { SharedTokensPolicy } from './service/policy.js';
export type { TokenWithSecret } from './service/token-results.js';
export type { ResolvedAccess } from './service/resolve.js';
export type { AffectedToken, FilterDeletionEffect, FilterDeletionPreview, FilterDeletionResult } from './service/filter-deletion.js';
export type { HygieneReport, SuspiciousFilter, SuspiciousValueReason } from './service/hygiene-report.js';
export type { SecretOptions } from './domain/secret.js';
export { INPUT_LIMITS } from './domain/limits.js';

// The domain's records and events
export type { Actor, Role } from './domain/actor.js';
export type { AccountId, PreviousSecret, SharedToken, StoredSharedToken, TokenStatus } from './domain/shared-token.js';
export type { TokenFilter } from './domain/token-filter.js';
export type { SharedLink, StoredSharedLink } from './domain/shared-link.js';
export type { ResolvedLink } from './service/resolve.js';
export type { LinkWithSecret } from './service/link-use-cases.js';
export type { AccessPreview, DocumentVerdict, FilterVerdict, PreviewAccessOptions, PreviewTarget } from './service/preview-access.js';
export type { AccessChange } from './domain/access-change.js';
export type {
  EventActor,
  EventBase,
  FilterCreatedEvent,
  FilterDeletedEvent,
  LinkCreatedEvent,
  LinkRevokedEvent,
  SharedTokenEvent,
  SharedTokenEventType,
  TokenCreatedEvent,
  TokenDeletedEvent,
  TokenExpiryChangedEvent,
  TokenFiltersChangedEvent,
  TokenPausedEvent,
  TokenRenamedEvent,
  TokenResumedEvent,
  TokenSecretRotatedEvent,
  TokenUsageWriteFailedEvent,
} from './domain/events.js';

// Storage
export { createInMemoryRepository } from './repository/in-memory/in-memory-repository.js';
export { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from './repository/contract.js';
export type { CredentialMatch, LinkScope, Page, PageRequest, RepositoryChange, SharedTokenRepository } from './repository/contract.js';

// The access expression and its compilers
export type {
  AccessExpression,
  AllExpression,
  AndExpression,
  FilterTerm,
  FiltersOperator,
  NoneExpression,
  OrExpression,
  TermExpression,
  TermsExpression,
} from './access/expression/expression.js';
export { parseAccessExpression } from './access/expression/expression-schema.js';
export { compileAccess } from './access/plan/compile-access.js';
export { fieldTypesFromMapping } from './access/mapping/mapping.js';
export type { FieldTypesFromMappingOptions, MappingEngine } from './access/mapping/mapping.js';
export type * from './access/mapping/field-types.js';
export { toElasticsearchQuery } from './access/query/elasticsearch-query.js';
export type { ElasticsearchQueryOptions } from './access/query/elasticsearch-query.js';
export type * from './access/query/elasticsearch-query-types.js';
export { toPredicate } from './access/predicate/predicate.js';
export type { DocumentPredicate, PredicateOptions } from './access/predicate/predicate.js';
export { parseJsonDocument } from './access/documents/parse-json-document.js';
export { isJsonNumber, jsonNumber } from './access/documents/json-number.js';
export type { JsonNumber } from './access/documents/json-number.js';
export { toOpenSearchRole } from './access/query/opensearch-role.js';
export type { OpenSearchRole, OpenSearchRoleOptions } from './access/query/opensearch-role.js';
export { toElasticsearchRoleDescriptor } from './access/query/elasticsearch-role-descriptor.js';
export type { ElasticsearchRoleDescriptor, ElasticsearchRoleDescriptorOptions } from './access/query/elasticsearch-role-descriptor.js';

// The request guard
export { guardSearchRequest } from './guard/guard-search-request.js';
export { DEFAULT_GUARD_LIMITS } from './guard/limits.js';
export { sanitizeEngineResponse, toSafeEngineError } from './guard/safe-engine-error.js';
export type { SafeEngineError } from './guard/safe-engine-error.js';
export type { GuardLimits } from './guard/limits.js';
export type {
  ContinuationBindings,
  GuardedEndpoint,
  GuardedSearchRequest,
  GuardOptions,
  SearchRequestInput,
  SearchRequestParamValue,
} from './guard/types.js';
