import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readSignUpCode } from '@pacegraph/stack';
import { bootTestStack, type StackUnderTest } from '@pacegraph/stack/testing';
import { createClient } from '../src/index.js';

const run = promisify(execFile);
const sdkRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(sdkRoot, '..');
const consumerSource = fileURLToPath(new URL('./support/packed-consumer.ts', import.meta.url));
/** The internal packages an app cannot install: none may be named in the tarball. */
const internalPackage = /@pacegraph\/(?!client-sdk)/;

/** Subprocesses get neither jest's NODE_OPTIONS nor the npm settings of a run under `npm test` (a workspace, say). */
const cleanEnv = (extra: Record<string, string> = {}) => {
  const env: Record<string, string | undefined> = { ...process.env, ...extra };
  for (const key of Object.keys(env)) if (key === 'NODE_OPTIONS' || key.toLowerCase().startsWith('npm_')) delete env[key];
  return env as NodeJS.ProcessEnv;
};
/** The version this repository builds with: an app installs the same, from npm's cache (the registry only when missing there). */
const repoVersion = async (name: string) =>
  JSON.parse(await readFile(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')).version as string;

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

// The SDK as an app outside this repository gets it: `npm pack` (its prepack
// generates and builds), installed into a fresh project, used from an ES module and
// from CommonJS, against the whole stack through the gateway.
describe('the SDK packed with npm pack, in an app of its own', () => {
  let harness: StackUnderTest;
  let app: string;
  let packed: PackResult;

  const pack = async (destination: string): Promise<PackResult> => {
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination], {
      cwd: sdkRoot,
      env: cleanEnv(),
      maxBuffer: 16 << 20,
    });
    return (JSON.parse(stdout) as PackResult[])[0]!;
  };
  const install = async (tarball: string) => {
    await writeFile(join(app, 'package.json'), `${JSON.stringify({ name: 'packed-sdk-app', private: true, type: 'module' }, null, 2)}\n`);
    const tools = await Promise.all(
      ['typescript', 'ws', '@types/ws', '@types/node', 'graphql'].map(async (name) => `${name}@${await repoVersion(name)}`),
    );
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--save-exact', tarball, ...tools], {
      cwd: app,
      env: cleanEnv(),
    });
  };
  /** Runs a consumer to its end, typing in the sign-up code mailed (read from the outbox, as a person reads the email); its output. */
  const consume = (script: string, env: Record<string, string> = {}) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [script], { cwd: app, env: cleanEnv({ PACEGRAPH_URL: harness.stack.gatewayUrl, ...env }) });
      let output = '';
      let asked = false;
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        const email = /Code sent to (\S+): /.exec(output)?.[1];
        if (email && !asked) {
          asked = true;
          readSignUpCode(harness.databaseUrl, email).then((code) => child.stdin.end(`${code}\n`), reject);
        }
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      child.on('error', reject);
      child.on('close', (status) => (status === 0 ? resolve(output) : reject(new Error(`${script} exited with ${status}:\n${output}`))));
    });

  beforeAll(async () => {
    app = await mkdtemp(join(tmpdir(), 'pacegraph-packed-sdk-'));
    [harness, packed] = await Promise.all([bootTestStack(), pack(app)]);
    await install(join(app, packed.filename));
    // One consumer, twice: "type": "module" makes consumer.ts an ES module; consumer.cts is CommonJS.
    await copyFile(consumerSource, join(app, 'consumer.ts'));
    await copyFile(consumerSource, join(app, 'consumer.cts'));
    const compilerOptions = { module: 'nodenext', target: 'es2022', strict: true, skipLibCheck: false, types: ['node'], outDir: 'out' };
    await writeFile(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['consumer.ts', 'consumer.cts'] }));
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
    if (app) await rm(app, { recursive: true, force: true });
  });

  it('ships its build only, as ES modules and CommonJS with declarations, naming no internal package', async () => {
    const files = packed.files.map(({ path }) => path);
    for (const entry of ['index', 'storage/memory', 'storage/sqlite-node']) {
      expect(files).toEqual(
        expect.arrayContaining([`dist/${entry}.js`, `dist/${entry}.d.ts`, `dist/cjs/${entry}.js`, `dist/cjs/${entry}.d.ts`]),
      );
    }
    expect(files.filter((path) => !path.startsWith('dist/') && path !== 'package.json')).toEqual([]);

    const installed = join(app, 'node_modules', '@pacegraph', 'client-sdk');
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
    expect(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }).filter((name) => internalPackage.test(name))).toEqual(
      [],
    );
    const naming: string[] = [];
    for (const path of files.filter((path) => path.startsWith('dist/'))) {
      if (internalPackage.test(await readFile(join(installed, path), 'utf8'))) naming.push(path);
    }
    expect(naming).toEqual([]);
  });

  it('type-checks an app against its declarations, from an ES module and from CommonJS', async () => {
    const typecheck = run(process.execPath, [join(app, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app], {
      cwd: app,
      env: cleanEnv(),
    });
    await expect(typecheck.catch(({ stdout }: { stdout: string }) => Promise.reject(new Error(stdout)))).resolves.toBeDefined();
    const resolve = "console.log(require.resolve('@pacegraph/client-sdk'), require.resolve('@pacegraph/client-sdk/storage/sqlite-node'))";
    const { stdout } = await run(process.execPath, ['--input-type=commonjs', '-e', resolve], { cwd: app, env: cleanEnv() });
    expect(stdout.trim().split(' ')).toEqual([
      join(app, 'node_modules/@pacegraph/client-sdk/dist/cjs/index.js'),
      join(app, 'node_modules/@pacegraph/client-sdk/dist/cjs/storage/sqlite-node.js'),
    ]);
  });

  it.each([
    ['an ES module, storing in memory', 'out/consumer.js', {}],
    ['CommonJS, storing in SQLite', 'out/consumer.cjs', { RECORDINGS_DB: 'runs.db' }],
  ])('signs up, records, watches live and completes a run from %s, and prints the activity and its live page', async (_, script, env) => {
    const stdout = await consume(script, env);
    const activityId = /^Activity (\S+)$/m.exec(stdout)?.[1];
    expect(activityId).toBeDefined();
    const origin = new URL(harness.stack.gatewayUrl).origin;
    expect(stdout).toContain(`Watch live: ${origin}/live/${activityId}\n`);
    // The first live figures may come before the start has reached the server: NOT_STARTED, 0 m.
    expect(stdout).toMatch(/Live: [A-Z_]+ \d+ m\n/);

    const reader = createClient({ url: harness.stack.gatewayUrl });
    const saved = await reader.activity({ id: activityId! });
    await reader.close();
    expect(saved.data?.activity).toMatchObject({
      id: activityId,
      status: 'COMPLETED',
      title: 'Packed SDK run, saved',
      trackPointCount: 12,
    });
    expect((await fetch(`${origin}/live/${activityId}`)).status).toBe(200);
  });
});
