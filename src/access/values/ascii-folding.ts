/**
 * The `asciifolding` normalizer filter: Lucene's `ASCIIFoldingFilter`, which
 * replaces every UTF-16 unit listed in its table by its ASCII equivalent
 * (`é` → `e`, `Æ` → `AE`, `①` → `1`) and keeps the others. In a normalizer
 * `preserve_original` has no effect (`ASCIIFoldingTokenFilterFactory.normalize`
 * always builds the filter without it). The table is the same in every
 * Lucene version the engines use.
 *
 * @packageDocumentation
 */
import { ASCII_FOLDING_GROUPS } from './ascii-folding-table.js';

let folding: Map<number, string> | undefined;

function table(): Map<number, string> {
  if (folding === undefined) {
    folding = new Map();
    for (const [ascii, units] of ASCII_FOLDING_GROUPS) {
      for (let i = 0; i < units.length; i++) folding.set(units.charCodeAt(i), ascii);
    }
  }
  return folding;
}

/**
 * `s` folded as `ASCIIFoldingFilter.foldToASCII` folds it.
 *
 * @example
 * ```ts
 * asciiFold('Café Æsir'); // 'Cafe AEsir'
 * ```
 */
export function asciiFold(s: string): string {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) < 0x80) i++;
  if (i === s.length) return s;
  const fold = table();
  let out = s.slice(0, i);
  for (; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    out += unit < 0x80 ? s[i] : (fold.get(unit) ?? s[i]);
  }
  return out;
}
