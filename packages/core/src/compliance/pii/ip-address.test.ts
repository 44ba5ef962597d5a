import { describe, expect, it } from 'vitest';
import { detectIpAddresses, isValidIpv6 } from './ip-address.ts';

describe('detectIpAddresses', () => {
  it('finds IPv4 and IPv6 in Chinese text after an emoji', () => {
    const found = detectIpAddresses('🚀登录IP：10.1.2.3，IPv6地址fe80::1%eth0。');
    expect(found.map((f) => [f.text, f.start])).toEqual([
      ['10.1.2.3', 6],
      ['fe80::1%eth0', 21],
    ]);
    expect(found[0]?.score).toBe(0.85);
  });

  it('rejects out-of-range octets and malformed IPv6', () => {
    expect(detectIpAddresses('999.1.1.1 1.2.3')).toEqual([]);
    expect(detectIpAddresses('1:2:3:4:5:6:7:8:9')).toEqual([]);
  });

  it('validates IPv6 text', () => {
    expect(isValidIpv6('::')).toBe(true);
    expect(isValidIpv6('::ffff:1.2.3.4')).toBe(true);
    expect(isValidIpv6('1::2::3')).toBe(false);
    expect(isValidIpv6('1:2:3:4:5:6:7:1.2.3.4')).toBe(false);
  });
});
