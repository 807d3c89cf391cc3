import { isIPv6 } from 'node:net';

/**
 * The client a request counts against in per-address limits: an IPv4 address
 * as it is (one mapped into IPv6 written as IPv4), an IPv6 address as its /64
 * network, since one subscriber is given a whole /64 and could otherwise
 * spread guesses over 2^64 addresses. (A few lines, so no library for it.)
 */
export function clientOf(address: string | undefined): string | undefined {
  if (!address) return undefined;
  if (address.startsWith('::ffff:') && address.includes('.')) return address.slice('::ffff:'.length);
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('%')[0]!.split('::') as [string?, string?];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = address.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = address.includes('::')
    ? [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups]
    : headGroups;
  return `${groups
    .slice(0, 4)
    .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
