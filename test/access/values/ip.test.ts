/**
 * IP canonicalization: every spelling of one address (full, compressed,
 * upper/lower case, leading zeros in hextets, IPv4 and IPv4-mapped forms)
 * is the same indexed point; different addresses never are.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIpAddress, prepareIpTerm } from '../../../src/access/values/ip.js';
import { SharedTokenError } from '../../../src/errors.js';

type Groups = readonly number[];

const groupsArbitrary: fc.Arbitrary<Groups> = fc.array(
  fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 0, max: 0xffff }) }),
  { minLength: 8, maxLength: 8 },
);
const mappedArbitrary: fc.Arbitrary<Groups> = fc
  .tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }))
  .map(([a, b]) => [0, 0, 0, 0, 0, 0xffff, a, b]);

/** Independent spellings of one address. */
function spellings(groups: Groups): string[] {
  const hex = groups.map((g) => g.toString(16));
  const out = [hex.join(':'), hex.join(':').toUpperCase(), groups.map((g) => g.toString(16).padStart(4, '0')).join(':')];
  // Compress every run of two or more zero groups (any run is a valid spelling, not only the longest).
  for (let start = 0; start < 8; start++) {
    for (let end = start + 1; end <= 8; end++) {
      if (groups.slice(start, end).every((g) => g === 0)) out.push(`${hex.slice(0, start).join(':')}::${hex.slice(end).join(':')}`);
    }
  }
  const v4 = `${(groups[6] ?? 0) >> 8}.${(groups[6] ?? 0) & 255}.${(groups[7] ?? 0) >> 8}.${(groups[7] ?? 0) & 255}`;
  out.push(`${hex.slice(0, 6).join(':')}:${v4}`);
  if (groups.slice(0, 6).join(',') === '0,0,0,0,0,65535') out.push(v4, `::ffff:${v4}`, `::FFFF:${v4}`);
  return out;
}

function parsed(s: string): number[] | undefined {
  const out = new Uint16Array(8);
  return parseIpAddress(s, out) ? [...out] : undefined;
}

describe('ip parsing', () => {
  it('reads every spelling of an address as the same eight groups', () => {
    fc.assert(
      fc.property(fc.oneof(groupsArbitrary, mappedArbitrary), (groups) => {
        for (const spelling of spellings(groups)) expect(parsed(spelling), spelling).toEqual([...groups]);
      }),
    );
  });

  it('matches a document spelled differently, and never another address', () => {
    fc.assert(
      fc.property(fc.oneof(groupsArbitrary, mappedArbitrary), fc.oneof(groupsArbitrary, mappedArbitrary), fc.nat(), fc.nat(), (a, b, i, j) => {
        const filters = spellings(a);
        const docs = spellings(b);
        const term = prepareIpTerm('ip', { type: 'ip' }, filters[i % filters.length] ?? '');
        expect(term.matchLeaf(docs[j % docs.length])).toBe(a.join(',') === b.join(','));
      }),
    );
  });

  it('keeps IPv4-compatible (::a.b.c.d) apart from IPv4-mapped', () => {
    expect(prepareIpTerm('ip', { type: 'ip' }, '10.0.0.1').matchLeaf('::10.0.0.1')).toBe(false);
    expect(prepareIpTerm('ip', { type: 'ip' }, '10.0.0.1').matchLeaf('::ffff:a00:1')).toBe(true);
  });

  it.each(['10.0.0.256', '010.0.0.1', '10.0.0', '1.2.3.4.5', '1::2::3', ':1::2', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7:1.2.3.4', '::ffff:1.2.3', '', ' 10.0.0.1', '١٠.٠.٠.١', '１０.0.0.1', '10.0.0.1%eth0', 'fe80::1%', '::ffff:10.0.0.1%1', '10.0.0.0/8', '2001:db8::00001'])(
    'rejects the filter %j',
    (value) => {
      expect(() => prepareIpTerm('client.ip', { type: 'ip' }, value)).toThrow(SharedTokenError);
    },
  );

  it('treats documents the engines refuse (numbers, malformed strings) as no match, and null as null_value', () => {
    const term = prepareIpTerm('ip', { type: 'ip', nullValue: '0.0.0.0' }, '::ffff:0:0');
    expect(term.matchLeaf(null)).toBe(true);
    expect(term.matchLeaf(0)).toBe(false);
    expect(term.matchLeaf('0.0.0.00')).toBe(false);
    expect(prepareIpTerm('ip', { type: 'ip' }, '0.0.0.0').matchLeaf(null)).toBe(false);
  });

  // OpenSearch 2.19 indexes these (InetAddresses.ipStringToBytes reads digits with Character.digit and drops a scope id).
  it.each([
    ['١٠.0.0.1', '10.0.0.1'],
    ['١٠.٠.٠.١', '10.0.0.1'],
    ['１０.0.0.1', '10.0.0.1'],
    ['::ffff:ａ00:1', '10.0.0.1'],
    ['ＦＥ80::1', 'fe80::1'],
    ['::１', '::1'],
    ['٠1.0.0.1', '1.0.0.1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['fe80::1%1', 'fe80::1'],
    ['fe80::1%eth0%1', 'fe80::1'],
    ['fe80::1%ab/c', 'fe80::1'],
  ])('indexes the document %j as %s (OpenSearch)', (document, address) => {
    expect(prepareIpTerm('ip', { type: 'ip', engine: 'opensearch' }, address).matchLeaf(document)).toBe(true);
  });

  it.each(['10.0.0.1%eth0', '::ffff:10.0.0.1%1', 'fe80::1%', '𝟏0.0.0.1', '0１.0.0.1', '10.0.0.01', '1.2.3.4%a:1.2.3.4'])('refuses the document %j as the engine does', (document) => {
    expect(parsed(document)).toBeUndefined();
  });

  it('accepts an IPv6 filter with a zone id and drops the zone, as the engine does', () => {
    const term = prepareIpTerm('ip', { type: 'ip' }, 'fe80::1%eth0');
    expect(term.queryValue).toBe('fe80::1%eth0');
    expect(term.matchLeaf('fe80::1')).toBe(true);
    expect(term.matchLeaf('fe80::1%2')).toBe(true);
    expect(term.matchLeaf('fe80::2')).toBe(false);
  });
});

// Elasticsearch 8.19's InetAddresses.parseOctet reads ASCII '0'-'9' only (the readings below were taken from the
// engine's InetAddresses.forString, which IpFieldMapper calls for documents and term queries alike); IPv6 hextets
// still go through Character.digit, so fullwidth hex is read by both engines.
describe('ip parsing on Elasticsearch', () => {
  it.each([
    ['١٠.0.0.1', undefined],
    ['١٠.٠.٠.١', undefined],
    ['１０.0.0.1', undefined],
    ['٠1.0.0.1', undefined],
    ['::ffff:١0.0.0.1', undefined],
    ['::ffff:ａ00:1', '10.0.0.1'],
    ['ＦＥ80::1', 'fe80::1'],
    ['::１', '::1'],
    ['fe80::1%eth0', 'fe80::1'],
  ])('reads the document %j as %s', (document, address) => {
    const out = new Uint16Array(8);
    expect(parseIpAddress(document, out, 'elasticsearch')).toBe(address !== undefined);
    if (address !== undefined) expect(prepareIpTerm('ip', { type: 'ip', engine: 'elasticsearch' }, address).matchLeaf(document)).toBe(true);
  });

  it('without the engine, reads documents the stricter way and refuses filters the engines read differently', () => {
    expect(prepareIpTerm('ip', { type: 'ip' }, '10.0.0.1').matchLeaf('١٠.0.0.1')).toBe(false);
    expect(prepareIpTerm('ip', { type: 'ip', engine: 'opensearch' }, '10.0.0.1').matchLeaf('١٠.0.0.1')).toBe(true);
    expect(() => prepareIpTerm('ip', { type: 'ip' }, '١٠.0.0.1')).toThrow(SharedTokenError);
    expect(() => prepareIpTerm('ip', { type: 'ip', engine: 'elasticsearch' }, '١٠.0.0.1')).toThrow(/not an IP address/);
    expect(prepareIpTerm('ip', { type: 'ip', engine: 'opensearch' }, '١٠.0.0.1').matchLeaf('10.0.0.1')).toBe(true);
  });
});
