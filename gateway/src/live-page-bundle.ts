import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** The live page's script and stylesheet (Leaflet's included), as served under `/live/assets/`. */
export interface LivePageBundle {
  'live-page.js': Uint8Array;
  'live-page.css': Uint8Array;
}

const sourceDir = fileURLToPath(new URL('../live-page/', import.meta.url));

/**
 * Bundles `gateway/live-page/` (its modules, Leaflet and the figure rules of
 * track-math) in memory with esbuild: about a second, once per process, on
 * the first request for an asset. Leaflet's CSS images become data: URLs.
 */
export async function bundleLivePage(): Promise<LivePageBundle> {
  const result = await build({
    entryPoints: [`${sourceDir}main.js`, `${sourceDir}live-page.css`],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    target: ['chrome109', 'firefox115', 'safari15'],
    outdir: '/live-page',
    entryNames: 'live-page',
    // Workspace packages resolve to their TypeScript sources, as everywhere else in the repository.
    conditions: ['@pacegraph/source'],
    loader: { '.png': 'dataurl', '.svg': 'dataurl' },
    logLevel: 'silent',
  });
  const file = (name: keyof LivePageBundle) => {
    const output = result.outputFiles.find((each) => each.path === `/live-page/${name}`);
    if (!output) throw new Error(`the live page bundle has no ${name}`);
    return output.contents;
  };
  return { 'live-page.js': file('live-page.js'), 'live-page.css': file('live-page.css') };
}
