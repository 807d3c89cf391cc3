import { BadUserInputError } from '@pacegraph/service-kit';
import { validateNewPassword, validateSignUp } from './account-rules.js';

const valid = { name: 'Ada Lovelace', email: 'ada@example.com', password: 'correct horse' };

describe('sign-up rules', () => {
  it('trims the name and lower-cases the email', () => {
    expect(validateSignUp({ ...valid, name: '  Ada  ', email: ' Ada@Example.COM ' })).toEqual({
      name: 'Ada',
      email: 'ada@example.com',
      password: 'correct horse',
    });
  });

  it.each([
    ['name', { name: '   ' }, 'ACCOUNT.NAME_EMPTY'],
    ['name', { name: 'x'.repeat(81) }, 'ACCOUNT.NAME_TOO_LONG'],
    ['email', { email: 'ada.example.com' }, 'ACCOUNT.EMAIL_MALFORMED'],
    ['email', { email: 'ada@example' }, 'ACCOUNT.EMAIL_MALFORMED'],
    ['email', { email: 'a da@example.com' }, 'ACCOUNT.EMAIL_MALFORMED'],
    ['email', { email: `${'a'.repeat(250)}@example.com` }, 'ACCOUNT.EMAIL_MALFORMED'],
    ['password', { password: 'seven77' }, 'ACCOUNT.PASSWORD_TOO_SHORT'],
    ['password', { password: 'p'.repeat(257) }, 'ACCOUNT.PASSWORD_TOO_LONG'],
  ])('rejects a bad %s (%j) naming the field', (field, change, reason) => {
    const attempt = () => validateSignUp({ ...valid, ...change });
    expect(attempt).toThrow(BadUserInputError);
    expect(attempt).toThrow(expect.objectContaining({ field, reason, code: 'BAD_USER_INPUT' }));
  });
});

describe('password rules', () => {
  const owner = { name: 'Grete Waitz', email: 'grete.w@example.com' };
  const reasonFor = (password: string) => {
    try {
      validateNewPassword(password, owner);
      return 'ACCEPTED';
    } catch (error) {
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
      return (error as BadUserInputError).reason;
    }
  };

  it.each(['correct horse battery', 'marathon1978', 'long enough', 'Tr4ck-and-f1eld-nights', 'a'.repeat(3) + 'zq9!Lm2x'])(
    'accepts %j',
    (password) => expect(reasonFor(password)).toBe('ACCEPTED'),
  );

  it.each([
    ['password', 'ACCOUNT.PASSWORD_TOO_COMMON'],
    ['Password1', 'ACCOUNT.PASSWORD_TOO_COMMON'],
    ['P@ssw0rd2024!', 'ACCOUNT.PASSWORD_TOO_COMMON'],
    ['qwertyuiop', 'ACCOUNT.PASSWORD_TOO_COMMON'],
    ['iloveyou1', 'ACCOUNT.PASSWORD_TOO_COMMON'],
    ['FOOTBALL99', 'ACCOUNT.PASSWORD_TOO_COMMON'],
    ['1q2w3e4r5t', 'ACCOUNT.PASSWORD_TOO_COMMON'],
    ['12345678', 'ACCOUNT.PASSWORD_TOO_SIMPLE'],
    ['abcdefghij', 'ACCOUNT.PASSWORD_TOO_SIMPLE'],
    ['87654321', 'ACCOUNT.PASSWORD_TOO_SIMPLE'],
    ['aaaaaaaa', 'ACCOUNT.PASSWORD_TOO_SIMPLE'],
    ['abcabcabc', 'ACCOUNT.PASSWORD_TOO_SIMPLE'],
    ['          ', 'ACCOUNT.PASSWORD_TOO_SHORT'],
    ['  abc     ', 'ACCOUNT.PASSWORD_TOO_SHORT'],
    ['waitz-for-it', 'ACCOUNT.PASSWORD_PERSONAL'],
    ['my name is GreteWaitz', 'ACCOUNT.PASSWORD_PERSONAL'],
    ['grete.w runs far', 'ACCOUNT.PASSWORD_PERSONAL'],
    ['p'.repeat(257), 'ACCOUNT.PASSWORD_TOO_LONG'],
  ])('refuses %j with %s', (password, reason) => expect(reasonFor(password)).toBe(reason));
});
