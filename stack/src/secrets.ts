import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { secret } from '@pacegraph/service-kit';
import { z } from 'zod';

/** The secrets the services share: JWT signing and the gateway's identity signature. */
export interface StackSecrets {
  jwtSecret: string;
  internalSecret: string;
}

const storedSecrets = z.object({ jwtSecret: secret, internalSecret: secret });

async function readSecrets(file: string): Promise<StackSecrets> {
  const parsed = storedSecrets.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a valid secrets file; delete it to generate new secrets`);
  return parsed.data;
}

/**
 * The embedded default's secrets: generated on first start and kept in
 * `<dataDirectory>/secrets.json` (readable by the owner only), so tokens
 * stay valid across restarts.
 */
export async function loadOrCreateSecrets(dataDirectory: string): Promise<StackSecrets> {
  const file = join(dataDirectory, 'secrets.json');
  try {
    return await readSecrets(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDirectory, { recursive: true });
  // Written whole to a temporary file, then linked into place: a reader never
  // sees half a file, and when two processes race, the first link wins.
  const temporary = `${file}.${process.pid}.tmp`;
  const generated: StackSecrets = {
    jwtSecret: randomBytes(32).toString('base64url'),
    internalSecret: randomBytes(32).toString('base64url'),
  };
  await writeFile(temporary, JSON.stringify(generated, null, 2), { mode: 0o600 });
  try {
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temporary);
  }
  return readSecrets(file);
}
