import type { MailKind, OutboundMail, Prisma, PrismaClient } from '@pacegraph/db';
import { codeOf, type Mail } from '../domain/mail-outbox.js';

/** A mail and the id it is queued under. */
export interface QueuedMail {
  id: string;
  mail: Mail;
}

/** The statement that queues a mail in the outbox, for a caller's transaction. */
export function mailQueueing(prisma: PrismaClient, { id, mail }: QueuedMail): Prisma.PrismaPromise<OutboundMail> {
  return prisma.outboundMail.create({ data: { id, recipient: mail.recipient, kind: mail.kind, code: codeOf(mail) } });
}

/**
 * The latest mail of `kind` queued for `recipient`, or null: how a mail
 * sender, a tool or a test reads the outbox social owns.
 */
export function latestMail(prisma: PrismaClient, recipient: string, kind: MailKind): Promise<OutboundMail | null> {
  return prisma.outboundMail.findFirst({ where: { recipient, kind }, orderBy: { createdAt: 'desc' } });
}
