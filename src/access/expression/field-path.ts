/**
 * Field path rules shared by `compileAccess` and the expression schema.
 *
 * @packageDocumentation
 */

/**
 * Why `field` is not an acceptable dotted field path, or `undefined` when it is.
 *
 * A field path is one or more non-empty segments joined by `.`, without
 * whitespace other than the ordinary space (tabs, line breaks, no-break and
 * zero-width spaces are refused), control characters, unpaired surrogates,
 * or the wildcard characters `*` and `?` (filters are exact matches; a
 * pattern in a field name would silently widen access on engines that
 * expand it). The engine maps a key such as `"my field"` like any other
 * (`DocumentParser` splits keys on `.` only), so a space inside a segment is
 * accepted; a segment that starts or ends with a space is refused, because
 * it looks like another field when displayed.
 *
 * @example
 * ```ts
 * fieldPathProblem('kubernetes.namespace'); // undefined
 * fieldPathProblem('a..b');                 // 'has an empty segment'
 * ```
 */
export function fieldPathProblem(field: string): string | undefined {
  if (field.length === 0) return 'is empty';
  // Zero-width spaces and controls too: the domain's filter schema rejects them, and so does this check.
  if (/[^\S ]|[\u200b\u2060\ufeff]/u.test(field)) return 'contains whitespace other than a space';
  if (field.split('.').some((segment) => segment.startsWith(' ') || segment.endsWith(' '))) {
    return 'has a segment that starts or ends with a space';
  }
  if (/\p{Cc}/u.test(field)) return 'contains a control character';
  if (field.includes('*') || field.includes('?')) return 'contains a wildcard character (* or ?)';
  if (field.split('.').some((segment) => segment.length === 0)) return 'has an empty segment';
  if (!isWellFormedUtf16(field)) return 'contains an unpaired UTF-16 surrogate';
  return undefined;
}

/**
 * Whether `text` has no unpaired UTF-16 surrogate. The engine encodes terms as
 * UTF-8 and replaces an unpaired surrogate with U+FFFD, so two different JS
 * strings would become the same term: such values cannot be matched exactly.
 *
 * @example
 * ```ts
 * isWellFormedUtf16('café 🎉'); // true
 * isWellFormedUtf16('\uD800');  // false
 * ```
 */
export function isWellFormedUtf16(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next < 0xdc00 || next > 0xdfff) return false;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return false;
    }
  }
  return true;
}
