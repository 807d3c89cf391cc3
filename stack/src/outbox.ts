import { openDatabase } from '@pacegraph/db';
import { latestMail } from '@pacegraph/social';

/**
 * The code social last mailed to `email` for its sign-up, read from the
 * outbox in the deployment's database: how tools and tests on a stack
 * without a mail sender finish a sign-up. Throws when none was mailed.
 */
export async function readSignUpCode(databaseUrl: string, email: string): Promise<string> {
  const database = openDatabase(databaseUrl, { maxConnections: 1 });
  try {
    const mail = await latestMail(database.prisma, email.trim().toLowerCase(), 'SIGN_UP_CODE');
    if (!mail?.code) throw new Error(`no sign-up code was mailed to ${email}`);
    return mail.code;
  } finally {
    await database.close();
  }
}
