import { SignJWT } from 'jose';
import { bearerTokenOf, issueAccessToken, verifyAccessToken } from './access-token.js';
import { UnauthenticatedError } from './errors.js';

const secret = 'j'.repeat(40);

describe('access tokens', () => {
  it('name the user they were issued for', async () => {
    const token = await issueAccessToken(secret, 'athlete-7');
    await expect(verifyAccessToken(secret, token)).resolves.toBe('athlete-7');
  });

  it('are refused when signed with another secret, expired, or not ours', async () => {
    const foreign = await issueAccessToken('k'.repeat(40), 'athlete-7');
    await expect(verifyAccessToken(secret, foreign)).rejects.toMatchObject({ reason: 'AUTH.INVALID_TOKEN' });
    const expired = await issueAccessToken(secret, 'athlete-7', -60);
    await expect(verifyAccessToken(secret, expired)).rejects.toMatchObject({ reason: 'AUTH.TOKEN_EXPIRED' });
    const noIssuer = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('athlete-7')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(secret));
    await expect(verifyAccessToken(secret, noIssuer)).rejects.toBeInstanceOf(UnauthenticatedError);
    const neverExpires = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('athlete-7')
      .setIssuer('pacegraph')
      .setAudience('pacegraph-api')
      .setIssuedAt()
      .sign(new TextEncoder().encode(secret));
    await expect(verifyAccessToken(secret, neverExpires)).rejects.toMatchObject({ reason: 'AUTH.INVALID_TOKEN' });
  });

  it('come from a Bearer header, and a malformed header is an error, not anonymity', () => {
    expect(bearerTokenOf(undefined)).toBeUndefined();
    expect(bearerTokenOf('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerTokenOf('bearer abc')).toBe('abc');
    expect(() => bearerTokenOf('Basic dXNlcg==')).toThrow(UnauthenticatedError);
  });
});
