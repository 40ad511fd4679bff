/**
 * `ip` fields: addresses compared as the 16 bytes Lucene indexes
 * (`InetAddressPoint`), where an IPv4 address and its IPv4-mapped IPv6 form
 * are the same point: `"10.0.0.1"` matches `"::ffff:10.0.0.1"` and
 * `"::FFFF:a00:1"`, while `"::10.0.0.1"` (IPv4-compatible) is another address.
 *
 * Both sides are read like OpenSearch's `InetAddresses.ipStringToBytes`
 * (a copy of Guava's): every character before a `%` must be `.`, `:` or a
 * digit in the sense of Java's `Character.digit(c, 16)`, so Unicode
 * decimal digits (`"١٠.0.0.1"`, fullwidth `"１０.0.0.1"`) and fullwidth hex
 * letters (`"::ffff:ａ00:1"`) are read as their values; an octet may not
 * start with an ASCII `0` (`"010.0.0.1"` is refused, `"٠1.0.0.1"` is 1);
 * an IPv6 address may carry a non-empty zone id after `%`, which is
 * dropped (`"fe80::1%eth0"` is `fe80::1`); an IPv4 address with a `%`, or
 * an IPv6 one with an embedded dotted quad and a `%`, is refused.
 *
 * Query side: a value with `/` is a CIDR block, which the engine turns into
 * a prefix query: not an exact value → rejected. Values the engine cannot
 * parse (`"10.0.0.256"`, `"010.0.0.1"`, `"1::2::3"`) fail the search →
 * rejected. Hextets of more than four digits are rejected in filters. An IPv6 zone id is accepted in a filter
 * (`"fe80::1%eth0"` is `fe80::1`, as OpenSearch 2.19 and Elasticsearch
 * answer); engines older than these fail such a search, which selects
 * nothing.
 *
 * Engines: Elasticsearch's `InetAddresses.parseOctet` reads ASCII digits
 * only, so with `type.engine` `'elasticsearch'` (and, as the stricter
 * reading, without an engine) an IPv4 octet with another digit is refused;
 * non-ASCII digits in a filter are accepted only with `'opensearch'`.
 *
 * Index side: strings parsed as above; `null` → `null_value`; anything else
 * (numbers, malformed strings) is refused by the engine: no match.
 *
 * Performance: a leaf spelled exactly like the filter is a `===`; other
 * strings are parsed into a reused buffer without allocating (except an
 * IPv6 leaf with an embedded dotted quad).
 *
 * @packageDocumentation
 */
import type { IpFieldType, ValueEngine } from '../mapping/field-types.js';
import { javaDigit } from './java-digit.js';
import type { PreparedLeafTerm } from './prepared-term.js';
import { rejectTerm } from './rejection.js';

const scratch = new Uint16Array(8);
const colonAt = new Int32Array(10);

/**
 * Parses an IP address string the way the engine indexes it
 * (`InetAddresses.ipStringToBytes`), into eight 16-bit groups (IPv4 as
 * `::ffff:a.b.c.d`). Returns false when the engine would refuse the string.
 *
 * @example
 * ```ts
 * const out = new Uint16Array(8);
 * parseIpAddress('10.0.0.1', out);        // true; out = [0,0,0,0,0,0xffff,0x0a00,0x0001]
 * parseIpAddress('::ffff:a00:1', out);    // true; same groups
 * parseIpAddress('fe80::1%eth0', out);    // true; the zone id is dropped
 * parseIpAddress('10.0.0.256', out);      // false
 * parseIpAddress('١٠.0.0.1', out);        // true (OpenSearch reads Unicode digits)
 * parseIpAddress('١٠.0.0.1', out, 'elasticsearch'); // false
 * ```
 */
export function parseIpAddress(s: string, out: Uint16Array, engine: ValueEngine = 'opensearch'): boolean {
  // Elasticsearch's InetAddresses.parseOctet takes ASCII '0'-'9' only; OpenSearch's Integer.parseInt any Unicode digit.
  const asciiOctets = engine === 'elasticsearch';
  let hasColon = false;
  let hasDot = false;
  let lastColon = -1;
  let end = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2e) hasDot = true;
    else if (c === 0x3a) {
      if (hasDot) return false;
      hasColon = true;
      lastColon = i;
    } else if (c === 0x25) {
      // Everything after a '%' is a scope id, which must not be empty.
      end = i;
      break;
    } else if (javaDigit(c, 16) < 0) return false;
  }
  if (hasColon) {
    if (end < s.length && (hasDot || end === s.length - 1)) return false;
    if (!hasDot) return parseIpv6(end === s.length ? s : s.slice(0, end), out);
    // The engine rewrites a trailing dotted quad as two hextets and parses the result.
    if (!parseIpv4(s, lastColon + 1, s.length, out, 6, asciiOctets)) return false;
    const hex = `${s.slice(0, lastColon + 1)}${(out[6] ?? 0).toString(16)}:${(out[7] ?? 0).toString(16)}`;
    return parseIpv6(hex, out);
  }
  if (!hasDot || end < s.length) return false;
  out[0] = 0;
  out[1] = 0;
  out[2] = 0;
  out[3] = 0;
  out[4] = 0;
  out[5] = 0xffff;
  return parseIpv4(s, 0, s.length, out, 6, asciiOctets);
}

/**
 * Four octets into out[at], out[at+1], each read like `Integer.parseInt`
 * (any Unicode decimal digit) and refused above 255 or when it starts with
 * an ASCII `0` and has more than one character.
 */
function parseIpv4(s: string, start: number, end: number, out: Uint16Array, at: number, asciiOnly: boolean): boolean {
  let octets = 0;
  let high = 0;
  let value = 0;
  let digits = 0;
  let leadingAsciiZero = false;
  for (let i = start; i <= end; i++) {
    const c = i === end ? 0x2e : s.charCodeAt(i);
    if (c === 0x2e) {
      if (digits === 0 || value > 255 || octets === 4 || (leadingAsciiZero && digits > 1)) return false;
      if (octets % 2 === 0) high = value;
      else out[at + (octets >> 1)] = (high << 8) | value;
      octets++;
      value = 0;
      digits = 0;
    } else {
      const d = asciiOnly ? (c >= 0x30 && c <= 0x39 ? c - 0x30 : -1) : javaDigit(c, 10);
      if (d < 0) return false;
      if (digits === 0) leadingAsciiZero = c === 0x30;
      // Capped: any value above 255 is refused, however many digits it has.
      value = Math.min(value * 10 + d, 256);
      digits++;
    }
  }
  return octets === 4;
}

/** Guava's `textToNumericFormatV6` over `s` (hex digits and colons only). */
function parseIpv6(s: string, out: Uint16Array): boolean {
  let parts = 1;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) === 0x3a) {
      if (parts > 9) return false;
      colonAt[parts - 1] = i;
      parts++;
    }
  }
  if (parts < 3 || parts > 9) return false;
  partCount = parts;
  textLength = s.length;
  let skipIndex = -1;
  for (let p = 1; p < parts - 1; p++) {
    if (partStart(p) === partEnd(p)) {
      if (skipIndex >= 0) return false;
      skipIndex = p;
    }
  }
  let partsHi = parts;
  let partsLo = 0;
  if (skipIndex >= 0) {
    partsHi = skipIndex;
    partsLo = parts - skipIndex - 1;
    if (partEnd(0) === 0 && --partsHi !== 0) return false;
    if (partStart(parts - 1) === s.length && --partsLo !== 0) return false;
  }
  const skipped = 8 - (partsHi + partsLo);
  if (skipIndex >= 0 ? skipped < 1 : skipped !== 0) return false;
  let group = 0;
  for (let p = 0; p < partsHi; p++) {
    const hextet = parseHextet(s, partStart(p), partEnd(p));
    if (hextet < 0) return false;
    out[group++] = hextet;
  }
  for (let k = 0; k < skipped; k++) out[group++] = 0;
  for (let p = parts - partsLo; p < parts; p++) {
    const hextet = parseHextet(s, partStart(p), partEnd(p));
    if (hextet < 0) return false;
    out[group++] = hextet;
  }
  return true;
}

// Module-level state of the current parse, so that the part helpers need no closure.
let partCount = 0;
let textLength = 0;

function partStart(p: number): number {
  return p === 0 ? 0 : (colonAt[p - 1] ?? 0) + 1;
}

function partEnd(p: number): number {
  return p === partCount - 1 ? textLength : (colonAt[p] ?? 0);
}

function parseHextet(s: string, start: number, end: number): number {
  if (end <= start) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = javaDigit(s.charCodeAt(i), 16);
    if (d < 0) return -1;
    value = value * 16 + d;
    if (value > 0xffff) return -1;
  }
  return value;
}

/**
 * Prepares a `term` on an `ip` field.
 *
 * @example
 * ```ts
 * const t = prepareIpTerm('client.ip', { type: 'ip' }, '10.0.0.1');
 * t.matchLeaf('::ffff:10.0.0.1'); // true
 * t.matchLeaf('١٠.0.0.1');        // true (Unicode digits, as the engine reads them)
 * prepareIpTerm('client.ip', { type: 'ip' }, '10.0.0.0/8'); // throws VALIDATION (CIDR)
 * ```
 */
export function prepareIpTerm(field: string, type: IpFieldType, value: string): PreparedLeafTerm {
  if (value.includes('/')) {
    throw rejectTerm(field, type.type, value, 'a CIDR block matches a range of addresses, not one exact value');
  }
  // Without the engine, documents are read the stricter way (Elasticsearch's): never wider than either engine.
  const engine: ValueEngine = type.engine ?? 'elasticsearch';
  const target = new Uint16Array(8);
  if (!parseIpAddress(value, target, engine)) {
    throw rejectTerm(field, type.type, value, 'it is not an IP address (the engine fails the search)');
  }
  const address = value.split('%', 1)[0] ?? value;
  if (type.engine === undefined && /[^\x00-\x7f]/.test(address)) {
    throw rejectTerm(field, type.type, value, 'OpenSearch reads non-ASCII digits in an address and Elasticsearch does not, so the engines disagree (give the engine)');
  }
  if (/[0-9a-fA-F]{5}/.test(address)) {
    throw rejectTerm(field, type.type, value, 'a hextet of more than four digits is read differently by the engines');
  }
  const nullTarget = new Uint16Array(8);
  const nullMatches = type.nullValue !== undefined && parseIpAddress(type.nullValue, nullTarget, engine) && sameGroups(nullTarget, target);
  const matchLeaf = (leaf: unknown): boolean => {
    if (leaf === value) return true;
    if (typeof leaf === 'string') return parseIpAddress(leaf, scratch, engine) && sameGroups(scratch, target);
    return leaf === null && nullMatches;
  };
  return { kind: 'leaf', queryValue: value, matchLeaf };
}

function sameGroups(a: Uint16Array, b: Uint16Array): boolean {
  for (let i = 0; i < 8; i++) if (a[i] !== b[i]) return false;
  return true;
}
