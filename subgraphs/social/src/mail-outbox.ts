import { randomUUID } from 'node:crypto';
import type { Logger } from '@pacegraph/service-kit';
import { codeOf, mailText, type Mail, type MailSubject } from './domain/mail-outbox.js';
import type { QueuedMail } from './store/outbound-mail.js';

/** A mail with the id it is to be queued under (`mailQueueing` stores it, in a caller's transaction). */
export function newQueuedMail(mail: Mail): QueuedMail {
  return { id: randomUUID(), mail };
}

/**
 * The log line that stands in for sending a queued mail where no SMTP server
 * is configured (`logMailSender`). Outside production it holds the mail (so a developer on
 * `npm start` finds their sign-up code in the log); in production only the
 * mail's kind and ids, never its address or code.
 */
export function logQueuedMail(log: Logger, production: boolean, queued: QueuedMail, about: MailSubject): void {
  const { id, mail } = queued;
  if (production) {
    log.info({ mailId: id, mailKind: mail.kind, ...about }, 'mail queued');
    return;
  }
  const { subject, text } = mailText({ kind: mail.kind, code: codeOf(mail) });
  log.info(
    { mailId: id, mailKind: mail.kind, ...about, to: mail.recipient, subject },
    `mail queued to ${mail.recipient} (a stand-in for sending it: no mail sender in this deployment): ${text}`,
  );
}
