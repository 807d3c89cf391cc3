import { identityMaxAgeSeconds, signIdentity, verifyIdentity } from './signed-identity.js';

const secret = 's'.repeat(40);
const now = Date.parse('2026-11-22T07:00:00Z');

describe('the signed identity header', () => {
  it('carries a viewer, or nobody, from the gateway to a subgraph', () => {
    expect(verifyIdentity(secret, signIdentity(secret, { viewerId: 'athlete-1' }, now), now)).toEqual({
      viewerId: 'athlete-1',
    });
    expect(verifyIdentity(secret, signIdentity(secret, { viewerId: null }, now), now)).toEqual({ viewerId: null });
  });

  it('rejects a missing header, another secret, and a payload swapped under the signature', () => {
    const header = signIdentity(secret, { viewerId: 'athlete-1' }, now);
    expect(verifyIdentity(secret, undefined, now)).toBeNull();
    expect(verifyIdentity('t'.repeat(40), header, now)).toBeNull();
    const [version, , signature] = header.split('.');
    const forged = Buffer.from(JSON.stringify({ viewerId: 'athlete-2', issuedAt: now / 1000 })).toString('base64url');
    expect(verifyIdentity(secret, `${version}.${forged}.${signature}`, now)).toBeNull();
    expect(verifyIdentity(secret, 'v1.garbage', now)).toBeNull();
  });

  it('rejects a signature older or newer than the allowed skew', () => {
    const header = signIdentity(secret, { viewerId: 'athlete-1' }, now);
    const skew = (identityMaxAgeSeconds + 1) * 1000;
    expect(verifyIdentity(secret, header, now + skew)).toBeNull();
    expect(verifyIdentity(secret, header, now - skew)).toBeNull();
    expect(verifyIdentity(secret, header, now + skew - 2000)).not.toBeNull();
  });
});
