/**
 * The `uppercase` normalizer filter: Lucene's `UpperCaseFilter`, which maps
 * every code point with Java's `Character.toUpperCase(int)` (Unicode simple
 * case mapping, no locale, no context). JS `toUpperCase` on one code point
 * agrees with it except where Unicode's special casing applies a full
 * mapping (`ß` → `SS`, `ŉ` → `ʼN`, `ᾳ` → `ΑΙ`, ...): there Java keeps the
 * simple mapping, listed in `UPPERCASE_EXCEPTIONS`. Mappings that differ
 * between the JDKs the engines run on (17 to 25) or that this JS engine
 * knows and no JDK does are found by `hasVersionDependentUppercase`, so
 * that filter values holding them can be rejected.
 *
 * @packageDocumentation
 */
import { UPPERCASE_EXCEPTIONS, UPPERCASE_VERSION_DEPENDENT } from './java-uppercase-table.js';

const EXCEPTIONS: ReadonlyMap<number, string> = new Map(
  UPPERCASE_EXCEPTIONS.map(([codePoint, upper]) => [codePoint, String.fromCodePoint(upper)]),
);

/**
 * Java `Character.toUpperCase` applied to every code point of `s`.
 *
 * @example
 * ```ts
 * javaUpperCase('straße'); // 'STRAßE' (JS gives 'STRASSE')
 * ```
 */
export function javaUpperCase(s: string): string {
  let out = '';
  for (const codePoint of s) {
    const code = codePoint.codePointAt(0) ?? 0;
    out += EXCEPTIONS.get(code) ?? codePoint.toUpperCase();
  }
  return out;
}

/**
 * Whether uppercasing `s` depends on the Unicode version of the engine's
 * JDK (or of this JS engine).
 *
 * @example
 * ```ts
 * hasVersionDependentUppercase('acme'); // false
 * ```
 */
export function hasVersionDependentUppercase(s: string): boolean {
  return UPPERCASE_VERSION_DEPENDENT.test(s);
}
