import { SignJWT } from 'jose';
import { AccessTokenVerifier, bearerTokenOf, issueAccessToken, verifyAccessToken } from './access-token.js';
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

  const signed = (claims: { iat: number; exp: number; ver?: unknown; sid?: unknown }) =>
    new SignJWT({ ...(claims.ver === undefined ? {} : { ver: claims.ver }), ...(claims.sid === undefined ? {} : { sid: claims.sid }) })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('athlete-7')
      .setIssuer('pacegraph')
      .setAudience('pacegraph-api')
      .setIssuedAt(claims.iat)
      .setExpirationTime(claims.exp)
      .sign(new TextEncoder().encode(secret));
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  it('are refused when issued in the future beyond a minute of clock skew', async () => {
    const now = nowSeconds();
    const future = await signed({ iat: now + 3600, exp: now + 7200 });
    await expect(verifyAccessToken(secret, future)).rejects.toMatchObject({ reason: 'AUTH.INVALID_TOKEN' });
    await expect(new AccessTokenVerifier(secret).verify(future)).rejects.toMatchObject({ reason: 'AUTH.INVALID_TOKEN' });
    const slightlyAhead = await signed({ iat: now + 30, exp: now + 3600 });
    await expect(verifyAccessToken(secret, slightlyAhead)).resolves.toBe('athlete-7');
  });

  it('are refused when they live longer than the 7 days PaceGraph issues', async () => {
    const now = nowSeconds();
    const forAYear = await signed({ iat: now, exp: now + 365 * 24 * 3600 });
    await expect(verifyAccessToken(secret, forAYear)).rejects.toMatchObject({ reason: 'AUTH.INVALID_TOKEN' });
    const sevenDays = await signed({ iat: now, exp: now + 7 * 24 * 3600 });
    await expect(verifyAccessToken(secret, sevenDays)).resolves.toBe('athlete-7');
  });

  it('carry the session they were issued to (null when none), and refuse a session id that is not a string', async () => {
    const verifier = new AccessTokenVerifier(secret);
    await expect(verifier.claimsOf(await issueAccessToken(secret, 'athlete-7', 900, 'api', 0, 'family-1'))).resolves.toMatchObject({
      sessionId: 'family-1',
    });
    await expect(verifier.claimsOf(await issueAccessToken(secret, 'athlete-7', 900))).resolves.toMatchObject({ sessionId: null });
    const now = nowSeconds();
    await expect(verifier.claimsOf(await signed({ iat: now, exp: now + 60, sid: 7 }))).rejects.toMatchObject({
      reason: 'AUTH.INVALID_TOKEN',
    });
  });

  it('carry the account token version they were issued with (0 when absent), and refuse a malformed one', async () => {
    const verifier = new AccessTokenVerifier(secret);
    await expect(verifier.claimsOf(await issueAccessToken(secret, 'athlete-7', 3600, 'api', 3))).resolves.toMatchObject({
      userId: 'athlete-7',
      tokenVersion: 3,
    });
    const now = nowSeconds();
    await expect(verifier.claimsOf(await signed({ iat: now, exp: now + 60 }))).resolves.toMatchObject({ tokenVersion: 0 });
    for (const ver of [-1, 1.5, 'two']) {
      await expect(verifier.claimsOf(await signed({ iat: now, exp: now + 60, ver }))).rejects.toMatchObject({
        reason: 'AUTH.INVALID_TOKEN',
      });
    }
  });

  it('are remembered once verified, but only until they expire, and only when valid', async () => {
    const verifier = new AccessTokenVerifier(secret);
    const issuedAt = Date.now();
    const token = await issueAccessToken(secret, 'athlete-7', 3600);
    await expect(verifier.verify(token, issuedAt)).resolves.toBe('athlete-7');
    await expect(verifier.verify(token, issuedAt + 1000)).resolves.toBe('athlete-7');
    expect(verifier.remembered).toBe(1);
    await expect(verifier.verify(token, issuedAt + 3601_000)).rejects.toMatchObject({ reason: 'AUTH.TOKEN_EXPIRED' });
    const foreign = await issueAccessToken('k'.repeat(40), 'athlete-7');
    // Refused however often it comes: only what passed is remembered.
    await expect(verifier.verify(foreign)).rejects.toMatchObject({ reason: 'AUTH.INVALID_TOKEN' });
    await expect(verifier.verify(foreign)).rejects.toMatchObject({ reason: 'AUTH.INVALID_TOKEN' });
    // A token the gateway made for one download of a data export opens no API request.
    const exportToken = await issueAccessToken(secret, 'athlete-7', 600, 'export');
    await expect(verifier.verify(exportToken)).rejects.toMatchObject({ reason: 'AUTH.INVALID_TOKEN' });
    expect(verifier.remembered).toBe(1);
  });

  it('come from a Bearer header, and a malformed header is an error, not anonymity', () => {
    expect(bearerTokenOf(undefined)).toBeUndefined();
    expect(bearerTokenOf('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerTokenOf('bearer abc')).toBe('abc');
    expect(() => bearerTokenOf('Basic dXNlcg==')).toThrow(UnauthenticatedError);
  });
});
