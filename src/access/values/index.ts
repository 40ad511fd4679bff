/**
 * Per-field-type value semantics of `term`, shared by both compilers.
 *
 * @packageDocumentation
 */
export { prepareTerm, prepareSchemalessTerm } from './prepare-term.js';
export type { PreparedTerm, PreparedLeafTerm } from './prepared-term.js';
