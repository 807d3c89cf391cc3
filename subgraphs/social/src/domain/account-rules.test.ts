import { BadUserInputError } from '@pacegraph/service-kit';
import { validateSignUp } from './account-rules.js';

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
