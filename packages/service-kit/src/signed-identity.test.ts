import { identityMaxAgeSeconds, signIdentity, verifyIdentity } from './signed-identity.js';

const secret = 's'.repeat(40);
const now = Date.parse('2026-11-22T07:00:00Z');
const body = JSON.stringify({ query: '{ me { id } }' });

describe('the signed identity header', () => {
  it('carries a viewer, or nobody, from the gateway to a subgraph', () => {
    expect(verifyIdentity(secret, signIdentity(secret, { viewerId: 'athlete-1' }, 'social', body, now), 'social', body, now)).toEqual({
      viewerId: 'athlete-1',
    });
    expect(verifyIdentity(secret, signIdentity(secret, { viewerId: null }, 'social', body, now), 'social', body, now)).toEqual({
      viewerId: null,
    });
  });

  it("carries the client's address, under the signature", () => {
    const header = signIdentity(secret, { viewerId: null, clientAddress: '203.0.113.7' }, 'social', body, now);
    expect(verifyIdentity(secret, header, 'social', body, now)).toEqual({ viewerId: null, clientAddress: '203.0.113.7' });
    const [version, payload, signature] = header.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const moved = Buffer.from(JSON.stringify({ ...claims, clientAddress: '198.51.100.1' })).toString('base64url');
    expect(verifyIdentity(secret, `${version}.${moved}.${signature}`, 'social', body, now)).toBeNull();
  });

  it("carries the viewer's session, under the signature", () => {
    const header = signIdentity(secret, { viewerId: 'athlete-1', sessionId: 'family-1' }, 'social', body, now);
    expect(verifyIdentity(secret, header, 'social', body, now)).toEqual({ viewerId: 'athlete-1', sessionId: 'family-1' });
  });

  it('carries the gateway subscribing on behalf of many viewers, and only when signed so', () => {
    const fanOut = signIdentity(secret, { viewerId: null, fanOut: true }, 'telemetry', body, now);
    expect(verifyIdentity(secret, fanOut, 'telemetry', body, now)).toEqual({ viewerId: null, fanOut: true });
    const [version, payload, signature] = fanOut.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const plain = Buffer.from(JSON.stringify({ ...claims, fanOut: undefined })).toString('base64url');
    expect(verifyIdentity(secret, `${version}.${plain}.${signature}`, 'telemetry', body, now)).toBeNull();
  });

  it('rejects a missing header, another secret, and a payload swapped under the signature', () => {
    const header = signIdentity(secret, { viewerId: 'athlete-1' }, 'social', body, now);
    expect(verifyIdentity(secret, undefined, 'social', body, now)).toBeNull();
    expect(verifyIdentity('t'.repeat(40), header, 'social', body, now)).toBeNull();
    const [version, , signature] = header.split('.');
    const forged = Buffer.from(JSON.stringify({ viewerId: 'athlete-2', issuedAt: now / 1000 })).toString('base64url');
    expect(verifyIdentity(secret, `${version}.${forged}.${signature}`, 'social', body, now)).toBeNull();
    expect(verifyIdentity(secret, 'v1.garbage', 'social', body, now)).toBeNull();
  });

  it('rejects a header made for another subgraph, or with anything appended', () => {
    const header = signIdentity(secret, { viewerId: 'athlete-1' }, 'social', body, now);
    expect(verifyIdentity(secret, header, 'activity', body, now)).toBeNull();
    expect(verifyIdentity(secret, `${header}.extra`, 'social', body, now)).toBeNull();
  });

  it('rejects a signature older or newer than the allowed skew', () => {
    const header = signIdentity(secret, { viewerId: 'athlete-1' }, 'social', body, now);
    const skew = (identityMaxAgeSeconds + 1) * 1000;
    expect(verifyIdentity(secret, header, 'social', body, now + skew)).toBeNull();
    expect(verifyIdentity(secret, header, 'social', body, now - skew)).toBeNull();
    expect(verifyIdentity(secret, header, 'social', body, now + skew - 2000)).not.toBeNull();
  });

  it('binds the header to the one request it was made for: another body, even one byte apart, is refused', () => {
    const header = signIdentity(secret, { viewerId: 'athlete-1' }, 'telemetry', body, now);
    expect(verifyIdentity(secret, header, 'telemetry', Buffer.from(body), now)).toEqual({ viewerId: 'athlete-1' });
    expect(verifyIdentity(secret, header, 'telemetry', body.replace('me', 'mE'), now)).toBeNull();
    expect(verifyIdentity(secret, header, 'telemetry', `${body} `, now)).toBeNull();
    expect(verifyIdentity(secret, header, 'telemetry', '', now)).toBeNull();
  });
});
