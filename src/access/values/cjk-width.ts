/**
 * The `cjk_width` normalizer filter: Lucene's `CJKWidthFilter`. Fullwidth
 * ASCII variants (U+FF01…U+FF5E) become ASCII; halfwidth katakana
 * (U+FF65…U+FF9F) become their fullwidth forms, and a halfwidth voiced or
 * semi-voiced mark combines with the katakana before it when a combined
 * character exists (`ｶﾞ` → `ガ`). The filter works on UTF-16 units from
 * left to right; the character a mark combines with is the one already
 * produced.
 *
 * @packageDocumentation
 */
import { HALFWIDTH_KATAKANA, KANA_COMBINATIONS } from './cjk-width-table.js';

const COMBINED: ReadonlyMap<number, number> = new Map(KANA_COMBINATIONS.map(([previous, mark, combined]) => [previous * 0x10000 + mark, combined]));

/**
 * `s` as `CJKWidthFilter` leaves it.
 *
 * @example
 * ```ts
 * cjkWidth('ＡＢＣ１'); // 'ABC1'
 * cjkWidth('ｶﾞ');      // 'ガ'
 * ```
 */
export function cjkWidth(s: string): string {
  if (!/[\uFF01-\uFF5E\uFF65-\uFF9F]/.test(s)) return s;
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit >= 0xff01 && unit <= 0xff5e) {
      out.push(unit - 0xfee0);
    } else if (unit >= 0xff65 && unit <= 0xff9f) {
      const previous = out.length > 0 ? out[out.length - 1] : undefined;
      const combined = (unit === 0xff9e || unit === 0xff9f) && previous !== undefined ? COMBINED.get(previous * 0x10000 + unit) : undefined;
      if (combined !== undefined) out[out.length - 1] = combined;
      else out.push(HALFWIDTH_KATAKANA.charCodeAt(unit - 0xff65));
    } else {
      out.push(unit);
    }
  }
  let text = '';
  for (let start = 0; start < out.length; start += 4096) text += String.fromCharCode(...out.slice(start, start + 4096));
  return text;
}
