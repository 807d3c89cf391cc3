import type { Logger } from '@pacegraph/service-kit';
import { createTransport } from 'nodemailer';
import { mailText, codeOf, type MailSubject } from './domain/mail-outbox.js';
import { logQueuedMail } from './mail-outbox.js';
import type { QueuedMail } from './store/outbound-mail.js';

/**
 * Delivers the mails social queues in its outbox. Two implementations: a
 * log line (development, and any deployment without SMTP) and SMTP.
 */
export interface MailSender {
  /** Delivers one mail; rejects when it could not (the caller retries). */
  send(queued: QueuedMail, about: MailSubject): Promise<void>;
  close(): Promise<void>;
}

/** The log line standing in for sending (`logQueuedMail`): what a deployment without SMTP does. */
export function logMailSender(log: Logger, production: boolean): MailSender {
  return {
    send: async (queued, about) => logQueuedMail(log, production, queued, about),
    close: async () => undefined,
  };
}

/** Sends over SMTP to the server of `smtpUrl` (`smtp://user:pass@host:port`, or `smtps://`), from `from`. */
export function smtpMailSender(smtpUrl: string, from: string, log: Logger): MailSender {
  const transport = createTransport(smtpUrl);
  return {
    async send({ id, mail }, about) {
      const { subject, text } = mailText({ kind: mail.kind, code: codeOf(mail) });
      await transport.sendMail({ from, to: mail.recipient, subject, text, messageId: `<${id}@pacegraph>` });
      // The address and code stay out of the log, as in production's stand-in line.
      log.info({ mailId: id, mailKind: mail.kind, ...about }, 'mail sent');
    },
    close: async () => transport.close(),
  };
}

/** Tries at delivering one mail before it is given up (logged). @default 4 */
export const mailDeliveryAttempts = 4;
/** The wait after the first failed try, doubling after each. @default 500 ms */
const firstRetryDelayMs = 500;

/**
 * Delivers a mail already committed to the outbox, in the background: the
 * request that queued it answers without waiting, so how long it takes never
 * tells whether a mail was sent (requestPasswordReset answers alike for an
 * address with no account). Failed tries are retried with a doubling wait;
 * after `mailDeliveryAttempts` the failure is logged and the mail stays in
 * the outbox only.
 */
export function deliverInBackground(sender: MailSender, log: Logger, queued: QueuedMail, about: MailSubject): void {
  const attempt = async (tried: number): Promise<void> => {
    try {
      await sender.send(queued, about);
    } catch (error) {
      // An SMTP error's text may quote the recipient: only its code is logged.
      const failure = failureCode(error);
      if (tried + 1 >= mailDeliveryAttempts) {
        log.error(
          { failure, mailId: queued.id, mailKind: queued.mail.kind, ...about },
          'mail could not be delivered; it stays in the outbox',
        );
        return;
      }
      log.warn({ failure, mailId: queued.id, attempt: tried + 1 }, 'mail delivery failed; retrying');
      await new Promise((resolve) => setTimeout(resolve, firstRetryDelayMs * 2 ** tried).unref());
      return attempt(tried + 1);
    }
  };
  void attempt(0);
}

/** What failed, without the error's text: nodemailer's code (ECONNECTION, EENVELOPE…) and the SMTP reply code. */
function failureCode(error: unknown): string {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return [typeof code === 'string' ? code : 'ERROR', typeof responseCode === 'number' ? responseCode : null].filter(Boolean).join(' ');
}
