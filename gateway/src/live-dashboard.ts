import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The graphql-ws browser client, served beside the page (nothing outside the machine is reachable). */
const clientScriptPath = join(dirname(createRequire(import.meta.url).resolve('graphql-ws/package.json')), 'umd/graphql-ws.min.js');
const pagePath = /^\/live\/([0-9A-Za-z-]{1,64})$/;

/**
 * Serves the live dashboard: `/live/<activityId>#token=<jwt>` subscribes to
 * the activity over graphql-ws and shows its figures and route as they come.
 * The token stays in the fragment, which browsers never send to the server.
 */
export function liveDashboardRoutes(): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  let clientScript: Promise<Buffer> | undefined;
  return async (request, response) => {
    if (request.method !== 'GET') return false;
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/live/graphql-ws.js') {
      const script = await (clientScript ??= readFile(clientScriptPath));
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600' });
      response.end(script);
      return true;
    }
    const match = pagePath.exec(path);
    if (!match) return false;
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
    });
    response.end(dashboardHtml(match[1]!));
    return true;
  };
}

function dashboardHtml(activityId: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PaceGraph live</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; background: #10141a; color: #e8eef5; }
  header { padding: 16px 24px; display: flex; gap: 16px; align-items: baseline; }
  h1 { font-size: 20px; margin: 0; }
  #status { padding: 2px 10px; border-radius: 10px; background: #2b6; color: #000; font-weight: 600; }
  #figures { display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px; padding: 0 24px; }
  .figure { background: #1b222c; border-radius: 8px; padding: 12px; }
  .figure b { display: block; font-size: 28px; font-variant-numeric: tabular-nums; }
  .figure span { font-size: 12px; color: #9ab; text-transform: uppercase; }
  svg { display: block; margin: 16px 24px; background: #1b222c; border-radius: 8px; }
  #error { color: #f77; padding: 0 24px; }
</style>
</head>
<body>
<header><h1 id="title">Live activity</h1><span id="athlete"></span><span id="status">…</span></header>
<section id="figures">
  <div class="figure"><b id="elapsed">0:00</b><span>Elapsed</span></div>
  <div class="figure"><b id="moving">0:00</b><span>Moving</span></div>
  <div class="figure"><b id="distance">0.00</b><span>km</span></div>
  <div class="figure"><b id="current-pace">–</b><span>Current pace /km</span></div>
  <div class="figure"><b id="average-pace">–</b><span>Average pace /km</span></div>
</section>
<svg id="route" width="640" height="400" viewBox="0 0 640 400"><polyline id="path" fill="none" stroke="#4af" stroke-width="3" points=""/></svg>
<p id="error"></p>
<script src="/live/graphql-ws.js"></script>
<script>
(() => {
  const activityId = ${JSON.stringify(activityId)};
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  const $ = (id) => document.getElementById(id);
  const clock = (seconds) => {
    const s = Math.max(0, Math.floor(seconds));
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = String(s % 60).padStart(2, '0');
    return h ? h + ':' + String(m).padStart(2, '0') + ':' + r : m + ':' + r;
  };
  const pace = (seconds) => (seconds == null ? '–' : clock(seconds));
  const points = [];
  let latest = null, receivedAt = 0;
  function drawRoute() {
    if (points.length === 0) return;
    const lats = points.map((p) => p.lat), lons = points.map((p) => p.lon);
    const south = Math.min(...lats), north = Math.max(...lats), west = Math.min(...lons), east = Math.max(...lons);
    const cos = Math.cos(((south + north) / 2) * Math.PI / 180);
    const width = Math.max((east - west) * cos, 1e-6), height = Math.max(north - south, 1e-6);
    const scale = Math.min(600 / width, 360 / height);
    // Centred: a route that runs straight north is a line down the middle, not along the edge.
    const left = 320 - (width * scale) / 2, bottom = 200 + (height * scale) / 2;
    $('path').setAttribute('points', points.map((p) =>
      (left + (p.lon - west) * cos * scale).toFixed(1) + ',' + (bottom - (p.lat - south) * scale).toFixed(1)).join(' '));
    $('route').dataset.points = String(points.length);
  }
  function show(update) {
    latest = update; receivedAt = Date.now();
    $('status').textContent = update.status;
    $('distance').textContent = (update.distanceMeters / 1000).toFixed(2);
    $('moving').textContent = clock(update.movingTimeSeconds);
    $('current-pace').textContent = pace(update.currentPaceSecondsPerKm);
    $('average-pace').textContent = pace(update.averagePaceSecondsPerKm);
    if (update.activity) {
      $('title').textContent = update.activity.title || 'Live activity';
      $('athlete').textContent = update.activity.athlete ? update.activity.athlete.name : '';
    }
    const last = update.lastPoint;
    if (last && !points.some((p) => p.time === last.time)) { points.push(last); drawRoute(); }
    tick();
  }
  function tick() {
    if (!latest) return;
    const running = latest.status === 'ACTIVE' ? (Date.now() - receivedAt) / 1000 : 0;
    $('elapsed').textContent = clock(latest.elapsedTimeSeconds + running);
  }
  setInterval(tick, 1000);
  const client = graphqlWs.createClient({
    url: location.origin.replace(/^http/, 'ws') + '/graphql',
    connectionParams: token ? { authorization: 'Bearer ' + token } : {},
    retryAttempts: Infinity,
    shouldRetry: () => true,
  });
  client.subscribe({
    query: 'subscription ($id: ID!) { liveActivity(activityId: $id) { status elapsedTimeSeconds movingTimeSeconds distanceMeters currentPaceSecondsPerKm averagePaceSecondsPerKm lastPoint { lat lon time } activity { title athlete { name } } } }',
    variables: { id: activityId },
  }, {
    next: (result) => {
      if (result.data) show(result.data.liveActivity);
      if (result.errors) $('error').textContent = result.errors.map((e) => e.message).join('; ');
    },
    error: (error) => { $('error').textContent = Array.isArray(error) ? error.map((e) => e.message).join('; ') : 'Connection lost'; },
    complete: () => { $('status').textContent = latest ? latest.status : 'ENDED'; },
  });
})();
</script>
</body>
</html>`;
}
