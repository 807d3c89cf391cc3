import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bearer, graphql, signUpAthlete } from './support/stack.js';

const startScript = fileURLToPath(new URL('../dist/start.js', import.meta.url));

interface Started {
  child: ChildProcess;
  gatewayUrl: string;
  /** What it has printed so far. */
  output(): string;
}

/** Runs `node stack/dist/start.js` (what `npm start` runs) as a new user would: no services, env defaults. */
async function start(dataDirectory: string, basePort: number): Promise<Started> {
  const { DATABASE_URL: _database, REDIS_URL: _redis, JWT_SECRET: _jwt, INTERNAL_SECRET: _internal, ...env } = process.env;
  const child = spawn(process.execPath, [startScript], {
    env: {
      ...env,
      DATA_DIR: dataDirectory,
      // Info, as `npm start` runs: the log is where a sign-up's code appears.
      LOG_LEVEL: 'info',
      PORT: String(basePort),
      SOCIAL_PORT: String(basePort + 1),
      ACTIVITY_PORT: String(basePort + 2),
      TELEMETRY_PORT: String(basePort + 3),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const gatewayUrl = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /PaceGraph is running: (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`start exited with ${code}: ${output}`)));
  });
  return { child, gatewayUrl, output: () => output };
}

/** The sign-up code the log says was mailed to `email`, as README tells a new user to find it. */
async function codeInLog(started: Started, email: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const line = started
      .output()
      .split('\n')
      .find((text) => text.includes(`mail queued to ${email}`));
    const code = line && /Your code is (\d{6})/.exec(line)?.[1];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no sign-up code for ${email} in the log`);
}

async function interrupt({ child }: Started): Promise<number | null> {
  const exited = once(child, 'exit');
  child.kill('SIGINT');
  const [code] = await exited;
  return code as number | null;
}

describe('npm start', () => {
  let dataDirectory: string;
  beforeAll(async () => {
    dataDirectory = await mkdtemp(join(tmpdir(), 'pacegraph-start-'));
  });
  afterAll(() => rm(dataDirectory, { recursive: true, force: true }));

  it('serves the gateway on an embedded database, stops cleanly on Ctrl-C, and keeps data across restarts', async () => {
    const basePort = 21_000 + Math.floor(Math.random() * 20_000);
    const first = await start(dataDirectory, basePort);
    expect(first.gatewayUrl).toBe(`http://127.0.0.1:${basePort}/graphql`);
    const athlete = await signUpAthlete(first.gatewayUrl, 'Paula Radcliffe', (email) => codeInLog(first, email));
    expect(await interrupt(first)).toBe(0);

    const secrets = await stat(join(dataDirectory, 'secrets.json'));
    expect(secrets.mode & 0o777).toBe(0o600);
    expect(Object.keys(JSON.parse(await readFile(join(dataDirectory, 'secrets.json'), 'utf8')))).toEqual(['jwtSecret', 'internalSecret']);

    const second = await start(dataDirectory, basePort);
    try {
      // The token from before the restart still works: same secrets, same database.
      const me = await graphql(second.gatewayUrl, '{ me { id name } }', {}, bearer(athlete.token));
      expect(me.data).toEqual({ me: { id: athlete.user.id, name: 'Paula Radcliffe' } });
    } finally {
      expect(await interrupt(second)).toBe(0);
    }
  }, 90_000);
});
