/**
 * The ip and date parsers the oracle uses on both sides, pinned on the forms
 * the engine accepts and refuses.
 */
import { describe, expect, it } from 'vitest';
import type { FieldTypes } from '../../src/access/mapping/field-types.js';
import { evaluateOnDocs } from '../support/reference-evaluator.js';
import { ipTerm, parseIp } from '../support/reference-evaluator/ip-model.js';
import { expectShardError, matchesOne, term } from './helpers.js';

const hex = (text: string): string | undefined => {
  const ip = parseIp(text);
  return ip === undefined ? undefined : ipTerm(ip.bytes);
};

describe('InetAddresses.forString', () => {
  it('reads IPv4, IPv6 with :: and an embedded quad, to 16 bytes', () => {
    expect(hex('1.2.3.4')).toBe('00000000000000000000ffff01020304');
    expect(hex('::ffff:1.2.3.4')).toBe('00000000000000000000ffff01020304');
    expect(hex('::1.2.3.4')).toBe('00000000000000000000000001020304');
    expect(hex('::')).toBe('0'.repeat(32));
    expect(hex('2001:DB8::1')).toBe('20010db8000000000000000000000001');
    expect(hex('1:2:3:4:5:6:7::')).toBe('00010002000300040005000600070000');
    expect(hex('1:2:3:4:5:6:7:8')).toBe('00010002000300040005000600070008');
  });

  it('reads Unicode digits and drops an IPv6 scope id, as OpenSearch 2.19 indexes them', () => {
    expect(hex('fe80::1%eth0')).toBe(hex('fe80::1'));
    expect(hex('fe80::1%1')).toBe(hex('fe80::1'));
    expect(hex('١٠.0.0.1')).toBe(hex('10.0.0.1'));
    expect(hex('１０.0.0.1')).toBe(hex('10.0.0.1'));
    expect(hex('::ffff:ａ00:1')).toBe(hex('10.0.0.1'));
  });

  it('refuses what the engine refuses', () => {
    for (const bad of ['', '1.2.3', '1.2.3.4.5', '01.2.3.4', '256.0.0.1', '1.2.3.4 ', ':1', '1:::2', '1::2::3', '1:2:3:4:5:6:7:8:9', '::1:2:3:4:5:6:7:8', 'g::1', '12345::', 'fe80::1%', '1.2.3.4%1', '::1.2.3.4%1', '1.2.3.4/8']) {
      expect(parseIp(bad), bad).toBeUndefined();
    }
  });

  it('CIDR: prefix length per family, host bits ignored, mapped IPv4 with a prefix refused', () => {
    const fields: FieldTypes = { ip: { type: 'ip' } };
    expect(matchesOne(term('ip', '10.1.2.3/8'), { ip: '10.200.0.1' }, fields)).toBe(true);
    expect(matchesOne(term('ip', '0.0.0.0/0'), { ip: '::1' }, fields)).toBe(false);
    expect(matchesOne(term('ip', '::/0'), { ip: '::1' }, fields)).toBe(true);
    expect(matchesOne(term('ip', '2001:db8::/32'), { ip: '2001:db8:ffff::1' }, fields)).toBe(true);
    expectShardError(term('ip', '::ffff:10.0.0.0/104'), {}, fields);
    expectShardError(term('ip', '10.0.0.0/33'), {}, fields);
    expectShardError(term('ip', '10.0.0.0/8/8'), {}, fields);
  });
});

describe('dates (strict_date_optional_time||epoch_millis)', () => {
  const fields: FieldTypes = { d: { type: 'date' } };
  const at = (source: unknown, query: string): boolean => matchesOne(term('d', query), { d: source }, fields);

  it('reads partial dates, times, fractions and offsets', () => {
    expect(at('2020-01-01T10:00:00.123Z', '2020-01-01T10:00:00.123Z')).toBe(true);
    expect(at('2020-01-01T10:00:00,123Z', '2020-01-01T10:00:00.123Z')).toBe(true);
    expect(at('2020-01-01T12:00+02:00', '2020-01-01T10:00:00Z')).toBe(true);
    expect(at('2020-01-01T12:00+0200', '2020-01-01T10:00:00Z')).toBe(true);
    expect(at('2020-01-01T10', '2020-01-01T10:00:00Z')).toBe(true);
    expect(at('2020-02', '2020-02-01T00:00:00Z')).toBe(true);
  });

  it('a term with a partial time matches the rest of that time unit', () => {
    expect(at('2020-01-01T10:59:59.999Z', '2020-01-01T10')).toBe(true);
    expect(at('2020-01-01T11:00:00Z', '2020-01-01T10')).toBe(false);
    expect(at('2020-01-01T10:00:59Z', '2020-01-01T10:00')).toBe(true);
    expect(at('2020-02-02T00:00:00Z', '2020-02')).toBe(false);
  });

  it('refuses impossible or non-strict dates', () => {
    for (const bad of ['2020-02-30', '2019-02-29', '2020-1-01', '2020-01-01 10:00', '2020-01-01T24:00', '20-01-01', '2020-01-01t10', 'now']) {
      const docs = [{ _id: 'x', _source: { d: bad } }];
      expect(evaluateOnDocs({ match_all: {} }, docs, fields).size, bad).toBe(0);
    }
    expect(at('2020-02-29', '2020-02-29')).toBe(true);
  });

  it('date_nanos: unless read as OpenSearch, a time without seconds is refused, as Elasticsearch 8.19 refuses it', () => {
    // On the nodes: OpenSearch 2.19 indexed "2020-01-01T13" into a date_nanos field; Elasticsearch 8.19
    // (strict_date_optional_time_nanos) refused it, "…T13:00" and "…T13:00Z", and indexed "…T13:00:00.5".
    const docs = ['2020-01-01T13', '2020-01-01T13:45Z', '2020-01-01T', '2020-01-01T13:45:00', '2020-01-01T13:45:00.5Z', '2020-01-01'].map((v, i) => ({ _id: String(i), _source: { d: v } }));
    const all = (type: FieldTypes) => [...evaluateOnDocs({ match_all: {} }, docs, type)];
    expect(all({ d: { type: 'date_nanos' } })).toEqual(['3', '4', '5']);
    expect(all({ d: { type: 'date_nanos', engine: 'elasticsearch' } })).toEqual(['3', '4', '5']);
    expect(all({ d: { type: 'date_nanos', engine: 'opensearch' } })).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(all({ d: { type: 'date' } })).toEqual(['0', '1', '2', '3', '4', '5']);
  });

  it('refuses unmodelled formats instead of guessing', () => {
    const custom: FieldTypes = { d: { type: 'date', format: 'yyyy/MM/dd' } };
    expect(() => evaluateOnDocs(term('d', '2020/01/01'), [], custom)).toThrow(/not modelled/);
  });
});
