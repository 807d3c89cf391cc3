import { clientOf } from './client-address.js';

describe('the client a request counts against', () => {
  it('is an IPv4 address as it is, and one mapped into IPv6 written as IPv4', () => {
    expect(clientOf('203.0.113.7')).toBe('203.0.113.7');
    expect(clientOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('is the /64 network of an IPv6 address, however it is written', () => {
    expect(clientOf('2001:db8:85a3:7:1:2:3:4')).toBe('2001:db8:85a3:7::/64');
    expect(clientOf('2001:0DB8:85A3:0007:ffff:ffff:ffff:ffff')).toBe('2001:db8:85a3:7::/64');
    expect(clientOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientOf('2001:db8:85a3:7::1')).toBe('2001:db8:85a3:7::/64');
    expect(clientOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientOf('::1')).toBe('0:0:0:0::/64');
  });

  it('is unknown without an address', () => {
    expect(clientOf(undefined)).toBeUndefined();
  });
});
