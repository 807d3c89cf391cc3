// Generates the Prisma client offline. `prisma generate` runs on WebAssembly,
// but the CLI first tries to download its native schema engine unless
// PRISMA_SCHEMA_ENGINE_BINARY names an existing file; generate never runs it,
// so any existing executable will do, and Node's own is always there.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, 'generate'], {
  stdio: 'inherit',
  cwd: new URL('..', import.meta.url),
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});
process.exit(result.status ?? 1);
