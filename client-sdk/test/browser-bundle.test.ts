import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const entry = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

/** Bundles an entry point as an app's bundler would for a browser (or React Native): no Node built-ins to fall back on. */
async function bundleForBrowser(path: string) {
  const result = await build({
    entryPoints: [entry(path)],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    conditions: ['@pacegraph/source'],
  });
  const packages = new Set(
    Object.keys(result.metafile.inputs)
      .filter((input) => input.includes('node_modules/'))
      .map((input) => input.split('node_modules/').pop()!.split('/')[0]!),
  );
  return { bytes: result.outputFiles[0]!.contents.length, packages: [...packages].sort() };
}

describe('the SDK core in a browser bundle', () => {
  it('bundles without Node built-ins, with graphql-ws and the shared track math only', async () => {
    const bundle = await bundleForBrowser('index.ts');
    expect(bundle.packages).toEqual(['geographiclib-geodesic', 'graphql-ws', 'simplify-js']);
    expect(bundle.bytes).toBeLessThan(150_000);
  });

  it('bundles the in-memory store, a separate entry point', async () => {
    expect((await bundleForBrowser('storage/memory.ts')).packages).toEqual([]);
  });

  it('cannot bundle the Node store for a browser (it is Node only, and kept out of the core)', async () => {
    await expect(bundleForBrowser('storage/sqlite-node.ts')).rejects.toThrow(/node:fs/);
  });
});
