import { hashSignUpCode, isWellFormedSignUpCode, newSignUpCode, signUpCodeMatches } from './sign-up-codes.js';

const secret = 's'.repeat(40);

describe('sign-up codes', () => {
  it('are six digits, leading zeros kept', () => {
    for (let draw = 0; draw < 200; draw++) expect(newSignUpCode()).toMatch(/^\d{6}$/);
  });

  it.each([
    ['123456', true],
    [' 012345 ', true],
    ['12345', false],
    ['1234567', false],
    ['12a456', false],
    ['', false],
  ])('tells %j is well formed: %s', (code, wellFormed) => expect(isWellFormedSignUpCode(code)).toBe(wellFormed));

  it('match only the code they were made from, for the sign-up they were made for', () => {
    const hash = hashSignUpCode(secret, 'pending-1', '042137');
    expect(hash).not.toContain('042137');
    expect(signUpCodeMatches(secret, 'pending-1', '042137', hash)).toBe(true);
    expect(signUpCodeMatches(secret, 'pending-1', '042138', hash)).toBe(false);
    expect(signUpCodeMatches(secret, 'pending-2', '042137', hash)).toBe(false);
    expect(signUpCodeMatches('t'.repeat(40), 'pending-1', '042137', hash)).toBe(false);
  });
});
