export * from './shared-tokens.js';
export * from './clock.js';
export * from './policy.js';
export type * from './token-results.js';
export type { ResolvedAccess } from './resolve.js';
export type { AffectedToken, FilterDeletionEffect, FilterDeletionPreview, FilterDeletionResult } from './filter-deletion.js';
export type { HygieneReport, SuspiciousFilter, SuspiciousValueReason } from './hygiene-report.js';
export { suspiciousValueReasons } from './hygiene-report.js';
