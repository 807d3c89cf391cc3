import type { IncomingMessage, ServerResponse } from 'node:http';
import { bundleLivePage, type LivePageBundle } from './live-page-bundle.js';
import { openStreetMapTiles, tileImageSource, type LiveMapConfig } from './live-map.js';

const pagePath = /^\/live\/([0-9A-Za-z-]{1,64})$/;
const assetPath = /^\/live\/assets\/(live-page\.(?:js|css))$/;
const contentTypes = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' } as const;

/**
 * Serves the live page: `/live/<activityId>#token=<jwt>` shows the activity's
 * figures, route on a map and elevation, live over graphql-ws, with the route
 * so far and the final figures asked over HTTP. Both go through the public API
 * as the viewer (the token, if any, stays in the fragment, which browsers never
 * send to the server), so the page shows exactly what that viewer may see. Its
 * script and stylesheet, bundled from `gateway/live-page/`, are under `/live/assets/`.
 */
export function liveDashboardRoutes(
  map: LiveMapConfig = openStreetMapTiles,
): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  let bundle: Promise<LivePageBundle> | undefined;
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: ${tileImageSource(map.tileUrl)}`,
    "connect-src 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return async (request, response) => {
    if (request.method !== 'GET') return false;
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const asset = assetPath.exec(path);
    if (asset) {
      const name = asset[1] as keyof LivePageBundle;
      const files = await (bundle ??= bundleLivePage().catch((error: unknown) => {
        bundle = undefined;
        throw error;
      }));
      response.writeHead(200, {
        'content-type': contentTypes[name.endsWith('.js') ? 'js' : 'css'],
        'cache-control': 'public, max-age=3600',
      });
      response.end(files[name]);
      return true;
    }
    const match = pagePath.exec(path);
    if (!match) return false;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy });
    response.end(livePageHtml(match[1]!, map));
    return true;
  };
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function livePageHtml(activityId: string, map: LiveMapConfig): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PaceGraph live</title>
<link rel="stylesheet" href="/live/assets/live-page.css">
</head>
<body data-activity-id="${activityId}" data-tile-url="${escapeAttribute(map.tileUrl)}" data-tile-attribution="${escapeAttribute(map.attribution)}">
<header>
  <div><h1 id="title">Live activity</h1><p><span id="athlete"></span> <span id="sport"></span></p></div>
  <div class="state"><span id="status">…</span><time id="updated"></time></div>
</header>
<main>
  <section id="figures" aria-label="Figures">
    <div class="figure"><b id="distance">0.00</b><span>Distance km</span></div>
    <div class="figure"><b id="elapsed">0:00</b><span>Elapsed</span></div>
    <div class="figure"><b id="moving">0:00</b><span>Moving</span></div>
    <div class="figure"><b id="current">–</b><span id="current-label">Pace /km</span></div>
    <div class="figure"><b id="average">–</b><span id="average-label">Avg pace /km</span></div>
    <div class="figure"><b id="climb">–</b><span>Climb m</span></div>
  </section>
  <div id="map" role="region" aria-label="Route map"></div>
  <section id="profile" hidden><h2>Elevation</h2><svg id="elevation" viewBox="0 0 600 120" preserveAspectRatio="none" aria-hidden="true"></svg><p id="elevation-caption"></p></section>
  <p id="error" role="alert"></p>
</main>
<script src="/live/assets/live-page.js"></script>
</body>
</html>`;
}
