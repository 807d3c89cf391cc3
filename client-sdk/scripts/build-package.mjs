// Builds the SDK as an app installs it (from `npm pack` or a registry):
// every entry point of package.json's "exports" as ESM (dist/) and CommonJS
// (dist/cjs/, marked CommonJS by its own package.json), each with type
// declarations. The internal @pacegraph/* packages are not published, so
// their code is bundled in and their declarations are copied to
// dist/internal/<name>/; everything else the SDK imports must be one of its
// "dependencies" and stays an import.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const dist = join(packageRoot, 'dist');
const cjsDist = join(dist, 'cjs');
const internalScope = '@pacegraph/';
const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
const dependencies = new Set(Object.keys(manifest.dependencies ?? {}));
/** The source of each entry point, as the workspace resolves it ("src/index.ts", …). */
const entryPoints = Object.values(manifest.exports).map((target) => target['@pacegraph/source'].replace(/^\.\//, ''));

rmSync(dist, { recursive: true, force: true });
await Promise.all([bundle('esm', dist), bundle('cjs', cjsDist)]);
writeFileSync(join(cjsDist, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
emitDeclarations();
for (const file of files(dist).filter((file) => file.endsWith('.d.ts') && !file.startsWith(`${cjsDist}/`))) {
  const copy = join(cjsDist, relative(dist, file));
  mkdirSync(dirname(copy), { recursive: true });
  cpSync(file, copy);
}
assertNoInternalImports();

/** Bundles every entry point in one module format: internal packages inlined, dependencies and Node built-ins imported. */
async function bundle(format, outdir) {
  await build({
    absWorkingDir: packageRoot,
    entryPoints,
    outbase: 'src',
    outdir,
    bundle: true,
    format,
    platform: 'node',
    target: 'node20',
    conditions: ['@pacegraph/source'],
    logLevel: 'warning',
    plugins: [{ name: 'dependencies', setup: (build) => build.onResolve({ filter: /^[^./]/ }, resolveBare) }],
  });
}

function resolveBare({ path }) {
  if (path.startsWith('node:')) return { external: true };
  const name = packageName(path);
  if (name.startsWith(internalScope)) return undefined;
  if (dependencies.has(name)) return { external: true };
  return { errors: [{ text: `"${path}" is imported but "${name}" is not among the SDK's dependencies` }] };
}

/**
 * The SDK's declarations, then those of each internal package they name (and
 * of those these name in turn: track-math's name activity-rules), with the
 * imports rewritten to the copies.
 */
function emitDeclarations() {
  tsc(join(packageRoot, 'tsconfig.build.json'), dist);
  const internalPackages = rewriteInternalImports(dist);
  for (const name of internalPackages) {
    const packageDirectory = realpathSync(join(packageRoot, '..', 'node_modules', name));
    const outDir = join(dist, 'internal', name.slice(internalScope.length));
    tsc(join(packageDirectory, 'tsconfig.build.json'), outDir);
    // A Set's loop also visits what is added while it runs (once each): the packages this one names are emitted too.
    for (const named of rewriteInternalImports(outDir)) internalPackages.add(named);
  }
}

/** Points the imports of internal packages in the declarations under `directory` to their copies; returns the packages named. */
function rewriteInternalImports(directory) {
  const internalPackages = new Set();
  const specifier = new RegExp(`(from\\s+|import\\(\\s*)(['"])(${internalScope}[^'"/]+)\\2`, 'g');
  for (const file of files(directory).filter((file) => file.endsWith('.d.ts'))) {
    const text = readFileSync(file, 'utf8');
    const rewritten = text.replace(specifier, (_, keyword, quote, name) => {
      internalPackages.add(name);
      const target = relative(dirname(file), join(dist, 'internal', name.slice(internalScope.length), 'index.js'))
        .split('\\')
        .join(posix.sep);
      return `${keyword}${quote}${target.startsWith('.') ? target : `./${target}`}${quote}`;
    });
    if (rewritten !== text) writeFileSync(file, rewritten);
  }
  return internalPackages;
}

function tsc(project, outDir) {
  const args = [
    '-p',
    project,
    '--emitDeclarationOnly',
    '--declaration',
    '--declarationMap',
    'false',
    '--sourceMap',
    'false',
    '--outDir',
    outDir,
  ];
  const result = spawnSync(process.execPath, [join(packageRoot, '..', 'node_modules', 'typescript', 'bin', 'tsc'), ...args], {
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`tsc ${args.join(' ')} failed`);
}

/** An app cannot install the internal packages: nothing in dist may still import one. */
function assertNoInternalImports() {
  const pattern = new RegExp(`(from|import|require)\\s*\\(?\\s*['"]${internalScope}`);
  const offenders = files(dist).filter((file) => pattern.test(readFileSync(file, 'utf8')));
  if (offenders.length)
    throw new Error(`still importing an internal package: ${offenders.map((file) => relative(packageRoot, file)).join(', ')}`);
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function files(directory) {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
