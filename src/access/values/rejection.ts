import { SharedTokenError } from '../../errors.js';

/**
 * The one way a value module refuses a filter value: a `VALIDATION` error
 * whose message names the field, the type and the reason, and whose context
 * carries them for hosts (`{ field, fieldType, value, reason }`). Filter
 * values are not secrets, so the value is included.
 *
 * @example
 * ```ts
 * throw rejectTerm('ip', 'ip', '10.0.0.0/8', 'a CIDR block is a range, not an exact value');
 * // SharedTokenError: Filter value "10.0.0.0/8" on field "ip" (ip) cannot be matched exactly: a CIDR block ...
 * ```
 */
export function rejectTerm(field: string, fieldType: string, value: string, reason: string): SharedTokenError {
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return new SharedTokenError(
    'VALIDATION',
    `Filter value ${JSON.stringify(shown)} on field "${field}" (${fieldType}) cannot be matched exactly: ${reason}`,
    { field, fieldType, value, reason },
  );
}
