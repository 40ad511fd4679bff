/**
 * The `lowercase` normalizer: Lucene's `LowerCaseFilter`, which maps every
 * code point with Java's `Character.toLowerCase(int)` (Unicode simple case
 * mapping, no locale, no context).
 *
 * JS `toLowerCase` applied to one code point agrees with it except for
 * U+0130 `İ` (JS: `i̇`, two chars; Java: `i`); on whole strings JS also
 * applies the final-sigma rule (`Σ` → `ς` at a word end; Java: always `σ`).
 * Both are handled here, so the mapping preserves UTF-16 length, as Java's.
 *
 * Case mappings added after Unicode 10 (JDK 11, the oldest JDK a supported
 * engine runs on) make the engines disagree with each other depending on
 * their JDK: Georgian Mtavruli (U+1C90…, lowercased to Mkhedruli U+10D0…),
 * Latin Extended-D additions (U+A7B8…), Glagolitic U+2C2F/U+2C5F, Vithkuqi,
 * Garay, Medefaidrin, Cyrillic U+1C89, and Beria Erfe (Unicode 17, which
 * recent JS engines know and no JDK of a supported engine does).
 * `hasVersionDependentLowercase` finds those characters, their lowercase
 * targets, and code points the JS engine does not know (unassigned in its
 * Unicode version), so that filter values holding them can be rejected.
 * Checked against the full `Character.toLowerCase` tables of JDK 17 and
 * JDK 25 with Node 20 (Unicode 17): outside this set every code point maps
 * the same way. A JS engine with a Unicode version newer than 17 may add
 * mappings no JDK has; extend the set when that happens.
 *
 * @packageDocumentation
 */

const VERSION_DEPENDENT =
  /[\u019B\u0264\u0282\u10D0-\u10FF\u1C80-\u1CBF\u1D8E\u2C2F\u2C5F\uA790-\uA7FF\u{10570}-\u{105BF}\u{10D40}-\u{10D8F}\u{16E40}-\u{16E9F}\u{16EA0}-\u{16EDF}]|\p{Cn}/u;

/**
 * Whether lowercasing `s` depends on the Unicode version of the engine's JDK
 * (or of this JS engine), so no exact emulation exists for every engine.
 *
 * @example
 * ```ts
 * hasVersionDependentLowercase('Acme'); // false
 * hasVersionDependentLowercase('ა');    // true (Georgian: Mtavruli lowercases to it only on JDK ≥ 12)
 * ```
 */
export function hasVersionDependentLowercase(s: string): boolean {
  return VERSION_DEPENDENT.test(s);
}

/**
 * Java `Character.toLowerCase` applied to every code point of `s` (what the
 * `lowercase` normalizer indexes).
 *
 * @example
 * ```ts
 * javaLowerCase('ACME');  // 'acme'
 * javaLowerCase('İ');     // 'i'  (JS 'İ'.toLowerCase() is 'i̇')
 * javaLowerCase('ΑΣ');    // 'ασ' (JS gives 'ας')
 * ```
 */
export function javaLowerCase(s: string): string {
  if (!NEEDS_CODE_POINT_MAPPING.test(s)) return s.toLowerCase();
  let out = '';
  for (const codePoint of s) out += codePoint === '\u0130' ? 'i' : codePoint.toLowerCase();
  return out;
}

// Only these two make whole-string JS lowercasing differ from per-code-point mapping.
const NEEDS_CODE_POINT_MAPPING = /[\u0130\u03A3]/;

/**
 * Whether `javaLowerCase(leaf) === target`, without allocating when `leaf`
 * is ASCII. `target` must already be lowercased with `javaLowerCase`.
 *
 * @example
 * ```ts
 * equalsLowercased('AcMe', 'acme'); // true
 * ```
 */
export function equalsLowercased(leaf: string, target: string): boolean {
  // The mapping preserves UTF-16 length, so lengths must agree.
  if (leaf.length !== target.length) return false;
  for (let i = 0; i < leaf.length; i++) {
    let unit = leaf.charCodeAt(i);
    if (unit >= 0x80) return javaLowerCase(leaf) === target;
    if (unit >= 0x41 && unit <= 0x5a) unit += 0x20;
    if (unit !== target.charCodeAt(i)) return false;
  }
  return true;
}
