import { hashOneTimeCode, isWellFormedCode, judgeCode, maxCodeAttempts, newOneTimeCode, oneTimeCodeMatches } from './one-time-codes.js';

const secret = 's'.repeat(40);

describe('mailed one-time codes', () => {
  it('are six digits, leading zeros kept', () => {
    for (let draw = 0; draw < 200; draw++) expect(newOneTimeCode()).toMatch(/^\d{6}$/);
  });

  it.each([
    ['123456', true],
    [' 012345 ', true],
    ['12345', false],
    ['1234567', false],
    ['12a456', false],
    ['', false],
  ])('tells %j is well formed: %s', (code, wellFormed) => expect(isWellFormedCode(code)).toBe(wellFormed));

  it('match only the code they were made from, for the row they were made for', () => {
    const hash = hashOneTimeCode(secret, 'sign-up', 'pending-1', '042137');
    expect(hash).not.toContain('042137');
    expect(oneTimeCodeMatches(secret, 'sign-up', 'pending-1', '042137', hash)).toBe(true);
    expect(oneTimeCodeMatches(secret, 'sign-up', 'pending-1', '042138', hash)).toBe(false);
    expect(oneTimeCodeMatches(secret, 'sign-up', 'pending-2', '042137', hash)).toBe(false);
    expect(oneTimeCodeMatches('t'.repeat(40), 'sign-up', 'pending-1', '042137', hash)).toBe(false);
  });

  it('never pass a sign-up code for a password reset code of the same row', () => {
    const hash = hashOneTimeCode(secret, 'sign-up', 'row-1', '042137');
    expect(oneTimeCodeMatches(secret, 'password-reset', 'row-1', '042137', hash)).toBe(false);
  });

  it('judge a wrong code bad until its last try, then expired; no row counted is bad or expired as a row exists', () => {
    const codeHash = hashOneTimeCode(secret, 'password-reset', 'reset-1', '111111');
    const row = (attempts: number) => ({ id: 'reset-1', codeHash, attempts });
    expect(judgeCode(secret, 'password-reset', row(1), true, '111111')).toBe('ok');
    expect(judgeCode(secret, 'password-reset', row(1), true, '222222')).toBe('bad');
    expect(judgeCode(secret, 'password-reset', row(maxCodeAttempts), true, '222222')).toBe('expired');
    expect(judgeCode(secret, 'password-reset', null, true, '111111')).toBe('expired');
    expect(judgeCode(secret, 'password-reset', null, false, '111111')).toBe('bad');
  });
});
