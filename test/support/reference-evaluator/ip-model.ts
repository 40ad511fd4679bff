/**
 * `ip`: addresses as Lucene's `InetAddressPoint` stores them, 16 bytes, with
 * IPv4 mapped into `::ffff:a.b.c.d` (so the two spellings are one term).
 * Parsing follows `InetAddresses.forString`: dotted quads without leading
 * zeros, IPv6 with at most one `::` (standing for at least one group) and an
 * optional trailing dotted quad; no zone ids. A `term` value containing `/`
 * is a CIDR prefix query.
 */
import type { IpFieldType } from '../../../src/access/mapping/field-types.js';
import { type FieldModel, type QueryScalar, type RangeBound, leafText, queryText, rejected, shardError, testOf, lenient } from './field-model.js';


/** The 16 bytes of an IPv4 address, mapped. */
function ipv4Bytes(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || (part.length > 1 && part.startsWith('0'))) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  return bytes;
}

function ipv6Bytes(text: string): number[] | undefined {
  // A trailing dotted quad stands for the last two groups: rewrite it as hex first.
  let body = text;
  const lastColon = body.lastIndexOf(':');
  const tail = body.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = ipv4Bytes(tail);
    if (!v4) return undefined;
    const hex = (a: number, b: number): string => ((a << 8) | b).toString(16);
    body = `${body.slice(0, lastColon + 1)}${hex(v4[0]!, v4[1]!)}:${hex(v4[2]!, v4[3]!)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const parse = (half: string): number[] | undefined => {
    if (half === '') return [];
    const out: number[] = [];
    for (const g of half.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const hi = parse(halves[0]!);
  const lo = halves.length === 2 ? parse(halves[1]!) : [];
  if (!hi || !lo) return undefined;
  const explicit = hi.length + lo.length;
  // `::` stands for at least one zero group
  if (halves.length === 2 ? explicit > 7 : explicit !== 8) return undefined;
  const groups = [...hi, ...new Array<number>(8 - explicit).fill(0), ...lo];
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

/** `InetAddresses.forString`, as 16 bytes, and whether the text was an IPv4 address (or a mapped one). */
export function parseIp(text: string): { bytes: number[]; v4: boolean } | undefined {
  if (text.includes(':')) {
    const bytes = ipv6Bytes(text);
    if (!bytes) return undefined;
    const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
    return { bytes, v4: mapped };
  }
  const v4 = ipv4Bytes(text);
  return v4 ? { bytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4], v4: true } : undefined;
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
      return ip ? [ipTerm(ip.bytes)] : rejected(`'${text}' is not an IP string literal.`, true);
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
