import { randomUUID } from 'node:crypto';
import type { MailKind, OutboundMail, Prisma, PrismaClient } from '@pacegraph/db';
import type { Logger } from '@pacegraph/service-kit';
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

/** A mail queued under `id`, and the statement that queues it in the outbox (`outbound_mail`), for a caller's transaction. */
export function queueMail(prisma: PrismaClient, mail: Mail): { id: string; mail: Mail; statement: Prisma.PrismaPromise<OutboundMail> } {
  const id = randomUUID();
  const code = mail.kind === 'SIGN_UP_CODE' ? mail.code : null;
  return { id, mail, statement: prisma.outboundMail.create({ data: { id, recipient: mail.recipient, kind: mail.kind, code } }) };
}

/**
 * The log line that stands in for sending a queued mail: no mail sender is
 * plugged in yet. Outside production it holds the mail (so a developer on
 * `npm start` finds their sign-up code in the log); in production only the
 * mail's kind and ids, never its address or code.
 */
export function logQueuedMail(log: Logger, production: boolean, queued: { id: string; mail: Mail }, about: MailSubject): void {
  const { id, mail } = queued;
  if (production) {
    log.info({ mailId: id, mailKind: mail.kind, ...about }, 'mail queued');
    return;
  }
  const { subject, text } = mailText({ kind: mail.kind, code: mail.kind === 'SIGN_UP_CODE' ? mail.code : null });
  log.info(
    { mailId: id, mailKind: mail.kind, ...about, to: mail.recipient, subject },
    `mail queued to ${mail.recipient} (a stand-in for sending it: no mail sender in this deployment): ${text}`,
  );
}

/**
 * The latest mail of `kind` queued for `recipient`, or null: how a mail
 * sender, a tool or a test reads the outbox social owns.
 */
export function latestMail(prisma: PrismaClient, recipient: string, kind: MailKind): Promise<OutboundMail | null> {
  return prisma.outboundMail.findFirst({ where: { recipient, kind }, orderBy: { createdAt: 'desc' } });
}
