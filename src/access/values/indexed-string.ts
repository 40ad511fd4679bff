/**
 * How Lucene turns a Java string into term bytes: UTF-8, with every unpaired
 * surrogate replaced by U+FFFD (`UnicodeUtil.UTF16toUTF8`). Two strings that
 * differ only there index to the same term, and a term longer than 32766
 * UTF-8 bytes makes the engine reject the whole document.
 *
 * @packageDocumentation
 */

/** Lucene's `IndexWriter.MAX_TERM_LENGTH`: longer terms make the document fail to index. */
export const MAX_TERM_BYTES = 32766;

/**
 * The UTF-8 length of `s` as Lucene encodes it (an unpaired surrogate
 * counts as the 3 bytes of U+FFFD).
 *
 * @example
 * ```ts
 * utf8Length('é');      // 2
 * utf8Length('😀');     // 4
 * utf8Length('\uD800'); // 3
 * ```
 */
export function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit < 0xe000;
}

/**
 * `s` with every unpaired surrogate replaced by U+FFFD: the string whose
 * UTF-8 bytes Lucene indexes for `s`.
 *
 * @example
 * ```ts
 * toIndexedForm('a\uD800b'); // 'a\uFFFDb'
 * ```
 */
export function toIndexedForm(s: string): string {
  return LONE_SURROGATE.test(s) ? s.replace(LONE_SURROGATE_ALL, '\uFFFD') : s;
}

// Without the `u` flag these match UTF-16 units, which is what is needed here.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATE_ALL = new RegExp(LONE_SURROGATE.source, 'g');

/**
 * Whether `s` has an unpaired surrogate (and so indexes as if it held U+FFFD there).
 *
 * @example
 * ```ts
 * hasLoneSurrogate('\uD800'); // true
 * hasLoneSurrogate('😀');      // false
 * ```
 */
export function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}
