import type { MailKind, OutboundMail } from '@pacegraph/db';
import { signUpCodeLifetimeMinutes } from './sign-up-codes.js';

/** A mail to queue: its kind says what it says (`mailText`). */
export type Mail = { recipient: string } & ({ kind: 'SIGN_UP_CODE'; code: string } | { kind: 'ACCOUNT_EXISTS' });

/** What the log names a mail by, never its address or code in production: the account or pending sign-up it is about. */
export type MailSubject = { userId: string } | { pendingSignUpId: string };

/** Subject line and text of each kind of mail, as a mail sender would send them. */
export function mailText(mail: Pick<OutboundMail, 'kind' | 'code'>): { subject: string; text: string } {
  switch (mail.kind satisfies MailKind) {
    case 'SIGN_UP_CODE':
      return {
        subject: 'Your PaceGraph sign-up code',
        text: `Your code is ${mail.code}. It works for ${signUpCodeLifetimeMinutes} minutes. If you did not sign up for PaceGraph, ignore this mail.`,
      };
    case 'ACCOUNT_EXISTS':
      return {
        subject: 'Someone tried to sign up with your address',
        text: 'Someone tried to sign up for PaceGraph with this address, which already has an account. If it was you, log in instead. If not, nothing has changed.',
      };
  }
}
