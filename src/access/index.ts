export type * from './expression.js';
export type * from './field-types.js';
