import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The secrets the services share: JWT signing and the gateway's identity signature. */
export interface StackSecrets {
  jwtSecret: string;
  internalSecret: string;
}

/**
 * The embedded default's secrets: generated on first start and kept in
 * `<dataDirectory>/secrets.json` (readable by the owner only), so tokens
 * stay valid across restarts.
 */
export async function loadOrCreateSecrets(dataDirectory: string): Promise<StackSecrets> {
  const file = join(dataDirectory, 'secrets.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as StackSecrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secrets: StackSecrets = {
    jwtSecret: randomBytes(32).toString('base64url'),
    internalSecret: randomBytes(32).toString('base64url'),
  };
  await mkdir(dataDirectory, { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' }).catch(async (error) => {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  });
  return JSON.parse(await readFile(file, 'utf8')) as StackSecrets;
}
