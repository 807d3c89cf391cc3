import { DomainError } from '@pacegraph/service-kit';
import { gatewayLookupIds, type GatewayLookup } from './gateway-lookups.js';

const lookup: GatewayLookup = { gatewayOnly: 'TEST.GATEWAY_ONLY', tooMany: 'TEST.TOO_MANY', max: 3, counted: 'accounts' };
const id = (digit: number) => `a000000${digit}-0000-4000-8000-00000000000b`;

const reasonOf = (call: () => unknown) => {
  try {
    call();
  } catch (error) {
    return error instanceof DomainError ? error.reason : error;
  }
  return null;
};

describe('the ids a gateway lookup reads', () => {
  it('refuses anyone but the gateway', () => {
    expect(reasonOf(() => gatewayLookupIds(lookup, false, [id(1)]))).toBe('TEST.GATEWAY_ONLY');
  });

  it('refuses more ids than a call takes, counting repeats', () => {
    expect(reasonOf(() => gatewayLookupIds(lookup, true, [id(1), id(1), id(1), id(1)]))).toBe('TEST.TOO_MANY');
  });

  it('reads each id once, lower-cased, leaving out what cannot be a UUID', () => {
    expect(gatewayLookupIds(lookup, true, [id(1).toUpperCase(), id(1), 'not-an-id'])).toEqual([id(1)]);
  });
});
