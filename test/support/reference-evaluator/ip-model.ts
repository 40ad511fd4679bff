/**
 * `ip`: addresses as Lucene's `InetAddressPoint` stores them, 16 bytes, with
 * IPv4 mapped into `::ffff:a.b.c.d` (so the two spellings are one term).
 * Parsing follows OpenSearch's `InetAddresses.ipStringToBytes` step by step
 * (split-based, like the Java): characters before a `%` are `.`, `:` or
 * `Character.digit(c, 16)` digits (Unicode decimal digits and fullwidth
 * hex letters count); the scope id after `%` is dropped for IPv6 and must
 * not be empty; dotted quads without an ASCII leading zero; IPv6 with at
 * most one `::` and an optional trailing dotted quad. A `term` value
 * containing `/` is a CIDR prefix query.
 */
import type { IpFieldType } from '../../../src/access/mapping/field-types.js';
import { type FieldModel, type QueryScalar, type RangeBound, leafText, queryText, rejected, shardError, testOf, lenient } from './field-model.js';

/** `Character.digit(c, radix)` over one UTF-16 unit: Unicode `Nd` digits (BMP), ASCII and fullwidth Latin letters. */
function javaCharDigit(c: string, radix: number): number {
  const code = c.charCodeAt(0);
  let value = -1;
  if (/^[0-9]$/.test(c)) value = code - 48;
  else if (/^[a-z]$/i.test(c)) value = (code | 0x20) - 87;
  else if (code >= 0xff21 && code <= 0xff3a) value = code - 0xff21 + 10;
  else if (code >= 0xff41 && code <= 0xff5a) value = code - 0xff41 + 10;
  else if (c.length === 1 && /^\p{Nd}$/u.test(c)) {
    // Every Unicode decimal digit block is ten consecutive code points from its zero.
    let zero = code;
    while (/^\p{Nd}$/u.test(String.fromCharCode(zero - 1)) && code - (zero - 1) <= 9) zero--;
    value = code - zero;
  }
  return value < radix ? value : -1;
}

/** `Integer.parseInt(text, radix)` without a sign (callers have checked the characters), or undefined (NumberFormatException). */
function javaParseInt(text: string, radix: number): number | undefined {
  if (text === '') return undefined;
  let value = 0;
  for (const c of text.split('')) {
    const d = javaCharDigit(c, radix);
    if (d < 0) return undefined;
    value = value * radix + d;
    if (value > 2 ** 31 - 1) return undefined;
  }
  return value;
}

/** `textToNumericFormatV4`: four bytes, or undefined. */
function ipv4Bytes(text: string): number[] | undefined {
  // split("\\.", 5): trailing empty strings kept.
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    const n = javaParseInt(part, 10);
    if (n === undefined || n > 255 || (part.startsWith('0') && part.length > 1)) return undefined;
    bytes.push(n);
  }
  return bytes;
}

/** `textToNumericFormatV6`: sixteen bytes, or undefined. */
function ipv6Bytes(text: string): number[] | undefined {
  const parts = text.split(':');
  if (parts.length < 3 || parts.length > 9) return undefined;
  let skipIndex = -1;
  for (let i = 1; i < parts.length - 1; i++) {
    if (parts[i] === '') {
      if (skipIndex >= 0) return undefined;
      skipIndex = i;
    }
  }
  let partsHi = parts.length;
  let partsLo = 0;
  if (skipIndex >= 0) {
    partsHi = skipIndex;
    partsLo = parts.length - skipIndex - 1;
    if (parts[0] === '' && --partsHi !== 0) return undefined;
    if (parts[parts.length - 1] === '' && --partsLo !== 0) return undefined;
  }
  const skipped = 8 - (partsHi + partsLo);
  if (skipIndex >= 0 ? skipped < 1 : skipped !== 0) return undefined;
  const groups: number[] = [];
  const hextet = (part: string): boolean => {
    const n = javaParseInt(part, 16);
    if (n === undefined || n > 0xffff) return false;
    groups.push(n);
    return true;
  };
  for (let i = 0; i < partsHi; i++) if (!hextet(parts[i]!)) return undefined;
  for (let i = 0; i < skipped; i++) groups.push(0);
  for (let i = partsLo; i > 0; i--) if (!hextet(parts[parts.length - i]!)) return undefined;
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

/** `ipStringToBytes`: 4 or 16 bytes, or undefined. */
function ipStringToBytes(input: string): number[] | undefined {
  let text = input;
  let hasColon = false;
  let hasDot = false;
  let percentIndex = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '.') hasDot = true;
    else if (c === ':') {
      if (hasDot) return undefined;
      hasColon = true;
    } else if (c === '%') {
      percentIndex = i;
      break;
    } else if (javaCharDigit(c, 16) === -1) return undefined;
  }
  if (hasColon) {
    if (hasDot) {
      const lastColon = text.lastIndexOf(':');
      const quad = ipv4Bytes(text.slice(lastColon + 1));
      if (!quad) return undefined;
      const hex = (a: number, b: number): string => ((a << 8) | b).toString(16);
      text = `${text.slice(0, lastColon + 1)}${hex(quad[0]!, quad[1]!)}:${hex(quad[2]!, quad[3]!)}`;
    }
    if (percentIndex === text.length - 1) return undefined;
    if (percentIndex !== -1) text = text.slice(0, percentIndex);
    return ipv6Bytes(text);
  }
  return hasDot ? ipv4Bytes(text) : undefined;
}

/** `InetAddresses.forString`, as 16 bytes, and whether the text was an IPv4 address (or a mapped one). */
export function parseIp(text: string): { bytes: number[]; v4: boolean } | undefined {
  const raw = ipStringToBytes(text);
  if (!raw) return undefined;
  const bytes = raw.length === 4 ? [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...raw] : raw;
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return { bytes, v4: mapped };
}

/** The term for 16 bytes: 32 lower-case hex digits (their order is the byte order). */
export function ipTerm(bytes: readonly number[]): string {
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
}

function parseQueryIp(value: QueryScalar, pointer: string): string {
  const text = queryText(value);
  const ip = parseIp(text);
  if (!ip) shardError(pointer, `'${text}' is not an IP string literal.`);
  return ipTerm(ip.bytes);
}

/** `InetAddresses.parseCidr` + `InetAddressPoint.newPrefixQuery`: the [low, high] terms of the block. */
function cidrBounds(text: string, pointer: string): [string, string] {
  const fields = text.split('/');
  while (fields.length > 0 && fields[fields.length - 1] === '') fields.pop(); // Java's split drops trailing empties
  if (fields.length !== 2) shardError(pointer, `Expected [ip/prefix] but was [${text}]`);
  const [addressText, prefixText] = fields as [string, string];
  const ip = parseIp(addressText);
  if (!ip) shardError(pointer, `'${addressText}' is not an IP string literal.`);
  if (addressText.includes(':') && ip.v4) {
    shardError(pointer, `CIDR notation is not allowed with IPv6-mapped IPv4 address [${addressText}]`);
  }
  if (!/^[+-]?\d+$/.test(prefixText)) shardError(pointer, `For input string: "${prefixText}"`);
  let prefix = Number(prefixText);
  const width = ip.v4 ? 32 : 128;
  if (prefix < 0 || prefix > width) shardError(pointer, `illegal prefixLength '${prefix}'`);
  if (ip.v4) prefix += 96;
  const low = ip.bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    return b & (0xff << (8 - keep)) & 0xff;
  });
  const high = ip.bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    return (b | (0xff >> keep)) & 0xff;
  });
  return [ipTerm(low), ipTerm(high)];
}

/** The `ip` model. */
export function ipModel(spec: IpFieldType): FieldModel {
  const term = (value: QueryScalar, pointer: string) => {
    const text = queryText(value);
    if (typeof value === 'string' && text.includes('/')) {
      const [low, high] = cidrBounds(text, pointer);
      return testOf((t) => typeof t === 'string' && t >= low && t <= high);
    }
    const wanted = parseQueryIp(value, pointer);
    return testOf((t) => t === wanted);
  };
  const bound = (b: RangeBound | undefined, pointer: string): string | undefined => (b === undefined ? undefined : parseQueryIp(b.value, pointer));
  return {
    typeName: 'ip',
    index: (leaf) => {
      const text = leaf === null ? spec.nullValue : leafText(leaf);
      if (text === undefined) return [];
      const ip = parseIp(text);
      // Elasticsearch's InetAddresses.parseOctet reads ASCII digits only: unless the field is read as
      // OpenSearch's, a dotted quad with another digit is refused (the stricter reading, as the library's).
      const quad = text.slice(text.lastIndexOf(':') + 1);
      const asciiOnly = spec.engine !== 'opensearch' && quad.includes('.') && /[^\x00-\x7f]/.test(quad);
      return ip && !asciiOnly ? [ipTerm(ip.bytes)] : rejected(`'${text}' is not an IP string literal.`, true);
    },
    term,
    range: (bounds, pointer) => {
      const lo = bound(bounds.lower, pointer);
      const hi = bound(bounds.upper, pointer);
      return testOf(
        (t) =>
          typeof t === 'string' &&
          (lo === undefined || t > lo || (t === lo && bounds.lower!.inclusive)) &&
          (hi === undefined || t < hi || (t === hi && bounds.upper!.inclusive)),
      );
    },
    prefix: (_value, pointer) => shardError(pointer, 'Can only use prefix queries on keyword and text fields, not on [ip]'),
    match: (value, options, pointer) => [lenient(options.lenient, () => term(value, pointer))],
  };
}
