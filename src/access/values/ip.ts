/**
 * `ip` fields: addresses compared as the 16 bytes Lucene indexes
 * (`InetAddressPoint`), where an IPv4 address and its IPv4-mapped IPv6 form
 * are the same point: `"10.0.0.1"` matches `"::ffff:10.0.0.1"` and
 * `"::FFFF:a00:1"`, while `"::10.0.0.1"` (IPv4-compatible) is another address.
 *
 * Query side: a value with `/` is a CIDR block, which the engine turns into
 * a prefix query: not an exact value → rejected. Values the engine cannot
 * parse (`"10.0.0.256"`, `"010.0.0.1"`, `"1::2::3"`) fail the search →
 * rejected. Values only some engines accept are rejected too: zone ids
 * (`"fe80::1%eth0"`: accepted by recent Elasticsearch, refused by OpenSearch
 * and older versions), non-ASCII digits (the reverse), and hextets of more
 * than four digits.
 *
 * Index side: strings parsed with the grammar the engines share (Guava's
 * `InetAddresses`: dotted quads without leading zeros, IPv6 with one `::`
 * and an optional trailing dotted quad, case-insensitive hex); `null` →
 * `null_value`; anything else (numbers, malformed strings, zone ids) is
 * refused by the engine: no match.
 *
 * Performance: a leaf spelled exactly like the filter is a `===`; other
 * strings are parsed into a reused buffer without allocating (except an
 * IPv6 leaf with an embedded dotted quad).
 *
 * @packageDocumentation
 */
import type { IpFieldType } from '../mapping/field-types.js';
import type { PreparedLeafTerm } from './prepared-term.js';
import { rejectTerm } from './rejection.js';

const scratch = new Uint16Array(8);
const colonAt = new Int32Array(10);

/**
 * Parses an IP address string the way the engines index it, into eight
 * 16-bit groups (IPv4 as `::ffff:a.b.c.d`). Returns false when the engine
 * would refuse the string.
 *
 * @example
 * ```ts
 * const out = new Uint16Array(8);
 * parseIpAddress('10.0.0.1', out);        // true; out = [0,0,0,0,0,0xffff,0x0a00,0x0001]
 * parseIpAddress('::ffff:a00:1', out);    // true; same groups
 * parseIpAddress('10.0.0.256', out);      // false
 * ```
 */
export function parseIpAddress(s: string, out: Uint16Array): boolean {
  let hasColon = false;
  let hasDot = false;
  let lastColon = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2e) hasDot = true;
    else if (c === 0x3a) {
      if (hasDot) return false;
      hasColon = true;
      lastColon = i;
    } else if (hexValue(c) < 0) return false;
  }
  if (hasColon) {
    if (!hasDot) return parseIpv6(s, out);
    // Guava rewrites a trailing dotted quad as two hextets and parses the result.
    if (!parseIpv4(s, lastColon + 1, s.length, out, 6)) return false;
    const hex = `${s.slice(0, lastColon + 1)}${(out[6] ?? 0).toString(16)}:${(out[7] ?? 0).toString(16)}`;
    return parseIpv6(hex, out);
  }
  if (!hasDot) return false;
  out[0] = 0;
  out[1] = 0;
  out[2] = 0;
  out[3] = 0;
  out[4] = 0;
  out[5] = 0xffff;
  return parseIpv4(s, 0, s.length, out, 6);
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** Four decimal octets without leading zeros into out[at], out[at+1]. */
function parseIpv4(s: string, start: number, end: number, out: Uint16Array, at: number): boolean {
  let octets = 0;
  let high = 0;
  let value = 0;
  let digits = 0;
  for (let i = start; i <= end; i++) {
    const c = i === end ? 0x2e : s.charCodeAt(i);
    if (c === 0x2e) {
      if (digits === 0 || value > 255 || octets === 4) return false;
      if (octets % 2 === 0) high = value;
      else out[at + (octets >> 1)] = (high << 8) | value;
      octets++;
      value = 0;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39) {
      if (digits === 1 && value === 0) return false; // leading zero
      value = value * 10 + (c - 0x30);
      digits++;
      if (digits > 3) return false;
    } else {
      return false;
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
    value = value * 16 + hexValue(s.charCodeAt(i));
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
 * prepareIpTerm('client.ip', { type: 'ip' }, '10.0.0.0/8'); // throws VALIDATION (CIDR)
 * ```
 */
export function prepareIpTerm(field: string, type: IpFieldType, value: string): PreparedLeafTerm {
  if (value.includes('/')) {
    throw rejectTerm(field, type.type, value, 'a CIDR block matches a range of addresses, not one exact value');
  }
  if (value.includes('%')) {
    throw rejectTerm(field, type.type, value, 'IPv6 zone ids are accepted by some engines and refused by others');
  }
  const target = new Uint16Array(8);
  if (!parseIpAddress(value, target) || /[0-9a-fA-F]{5}/.test(value)) {
    throw rejectTerm(field, type.type, value, 'it is not an IP address (the engine fails the search)');
  }
  const nullTarget = new Uint16Array(8);
  const nullMatches = type.nullValue !== undefined && parseIpAddress(type.nullValue, nullTarget) && sameGroups(nullTarget, target);
  const matchLeaf = (leaf: unknown): boolean => {
    if (leaf === value) return true;
    if (typeof leaf === 'string') return parseIpAddress(leaf, scratch) && sameGroups(scratch, target);
    return leaf === null && nullMatches;
  };
  return { kind: 'leaf', queryValue: value, matchLeaf };
}

function sameGroups(a: Uint16Array, b: Uint16Array): boolean {
  for (let i = 0; i < 8; i++) if (a[i] !== b[i]) return false;
  return true;
}
