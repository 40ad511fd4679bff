/**
 * shared-tokens: read-only shared tokens for log access.
 *
 * - Tokens and filters, and the use cases around them: {@link createSharedTokens}.
 * - The access expression and its compilers: {@link compileAccess},
 *   {@link toElasticsearchQuery}, {@link toPredicate}, {@link fieldTypesFromMapping}.
 * - The request guard: {@link guardSearchRequest}.
 * - Storage: {@link createInMemoryRepository} and the {@link SharedTokenRepository} contract.
 *
 * @packageDocumentation
 */
export * from './domain/index.js';
export * from './repository/index.js';
export * from './service/index.js';
export * from './access/index.js';
export * from './access/guard/index.js';
