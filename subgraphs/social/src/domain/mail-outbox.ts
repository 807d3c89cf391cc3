import type { MailKind, OutboundMail } from '@pacegraph/db';
import { codeLifetimeMinutes } from './one-time-codes.js';

/** A mail to queue: its kind says what it says (`mailText`). */
export type Mail = { recipient: string } & ({ kind: CodeMailKind; code: string } | { kind: 'ACCOUNT_EXISTS' });

/** The kinds of mail that carry a one-time code. */
export type CodeMailKind = 'SIGN_UP_CODE' | 'PASSWORD_RESET_CODE';

/** The code a mail carries, or null for a kind that carries none. */
export const codeOf = (mail: Mail): string | null => ('code' in mail ? mail.code : null);

/** What the log names a mail by, never its address or code in production: the account or pending sign-up it is about. */
export type MailSubject = { userId: string } | { pendingSignUpId: string } | { passwordResetId: string };

/** Subject line and text of each kind of mail, as a mail sender would send them. */
export function mailText(mail: Pick<OutboundMail, 'kind' | 'code'>): { subject: string; text: string } {
  switch (mail.kind satisfies MailKind) {
    case 'SIGN_UP_CODE':
      return {
        subject: 'Your PaceGraph sign-up code',
        text: `Your code is ${mail.code}. It works for ${codeLifetimeMinutes} minutes. If you did not sign up for PaceGraph, ignore this mail.`,
      };
    case 'PASSWORD_RESET_CODE':
      return {
        subject: 'Your PaceGraph password reset code',
        text: `Your code to set a new password is ${mail.code}. It works for ${codeLifetimeMinutes} minutes. If you did not ask for it, ignore this mail: your password stays as it is.`,
      };
    case 'ACCOUNT_EXISTS':
      return {
        subject: 'Someone tried to sign up with your address',
        text: 'Someone tried to sign up for PaceGraph with this address, which already has an account. If it was you, log in instead. If not, nothing has changed.',
      };
  }
}
