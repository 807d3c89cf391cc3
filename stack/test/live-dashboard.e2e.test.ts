import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium } from './support/chromium.js';
import { useStack } from './support/stack.js';
import {
  liveActivityQuery,
  liveClient,
  recordTrackPointsMutation,
  runningFixes,
  runTime,
  startRun,
  subscribe,
} from './support/live-client.js';

const screenshotDir = fileURLToPath(new URL('../test-output/live-page/', import.meta.url));
const describeWithChromium = hasChromium ? describe : describe.skip;

const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };
const smallPhone = { width: 360, height: 740 };
/** The gateway's default tile server: unreachable here, as it is for a viewer offline. */
const tileRequests = /^https:\/\/tile\.openstreetmap\.org\//;

/** `count` fixes from seq `from`, one every 3 s, riding east at 8 m/s (28.8 km/h). */
const ridingFixes = (from: number, count: number) =>
  Array.from({ length: count }, (_, index) => {
    const seq = from + index;
    return { seq, time: runTime(3 * seq + 1), lat: 52, lon: 5 + (24 * seq) / 68_470, accuracy: 4, elevation: 10 + seq / 10 };
  });

describeWithChromium('the live page in Chromium', () => {
  const harness = useStack();
  let browser: Browser;
  let origin: string;
  const screenshots: string[] = [];

  beforeAll(async () => {
    origin = new URL(harness.url).origin;
    mkdirSync(screenshotDir, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    if (screenshots.length) console.log(`live page screenshots:\n${screenshots.join('\n')}`);
  });

  /** Opens `/live/<id>` at `viewport`; every tile request fails, as it does without network. */
  async function openLivePage(viewport: { width: number; height: number }, id: string, token?: string) {
    const context = await browser.newContext({ viewport });
    const tiles = { requested: 0 };
    await context.route(tileRequests, (route) => {
      tiles.requested++;
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/ERR_INTERNET_DISCONNECTED/.test(message.text())) problems.push(message.text());
    });
    await page.goto(`${origin}/live/${id}${token ? `#token=${token}` : ''}`, { waitUntil: 'domcontentloaded' });
    return { page, tiles, problems, close: () => context.close() };
  }

  const text = async (page: Page, selector: string) => (await page.locator(selector).textContent()) ?? '';
  const routePoints = async (page: Page) => Number((await page.locator('#map').getAttribute('data-route-points')) ?? 0);
  // Functions run in the browser reach its document through globalThis: the stack's TypeScript has no DOM types.
  /** Waits until the map has drawn at least `count` positions (the page's own count, `data-route-points`). */
  const drawsRoutePoints = (page: Page, count: number) =>
    page.waitForFunction((atLeast) => Number((globalThis as any).document.getElementById('map').dataset.routePoints) >= atLeast, count);
  const showsStatus = (page: Page, status: string) =>
    page
      .locator('#status')
      .filter({ hasText: new RegExp(`^${status}$`) })
      .waitFor();
  const overflowsHorizontally = (page: Page) =>
    page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth > (globalThis as any).innerWidth);
  async function screenshot(page: Page, name: string) {
    const path = `${screenshotDir}${name}.png`;
    await page.screenshot({ path, fullPage: true });
    screenshots.push(path);
  }

  it('follows a run watched from the start on a phone: figures, route on the map, pace per km, no sideways scroll', async () => {
    const { athlete, call, id } = await startRun(harness.url);
    const { page, tiles, problems, close } = await openLivePage(phone, id, athlete.token);
    await showsStatus(page, 'ACTIVE');
    expect(await text(page, '#athlete')).toBe('Live Runner');
    expect(await text(page, '#distance')).toBe('0.00');
    expect(await text(page, '#current-label')).toBe('Pace /km');

    await call(recordTrackPointsMutation, { activityId: id, points: runningFixes(0, 40) });
    await page
      .locator('#distance')
      .filter({ hasNotText: /^0\.00$/ })
      .waitFor();
    const first = { distance: await text(page, '#distance'), moving: await text(page, '#moving') };
    expect(Number(first.distance)).toBeGreaterThan(0.3);
    expect(await text(page, '#current')).toMatch(/^\d+:\d\d$/);
    expect(await text(page, '#average')).toMatch(/^\d+:\d\d$/);
    await drawsRoutePoints(page, 2);
    const firstRoute = await routePoints(page);

    for (let batch = 1; batch <= 3; batch++) {
      await call(recordTrackPointsMutation, { activityId: id, points: runningFixes(40 * batch, 40) });
      await drawsRoutePoints(page, (await routePoints(page)) + 1);
    }
    await page
      .locator('#distance')
      .filter({ hasNotText: new RegExp(`^${first.distance}$`) })
      .waitFor();
    expect(Number(await text(page, '#distance'))).toBeGreaterThan(Number(first.distance));
    expect(await routePoints(page)).toBeGreaterThan(firstRoute);
    expect(await page.locator('#map path.live-route').count()).toBeGreaterThan(0);
    expect(await page.locator('.leaflet-control-scale').count()).toBe(1);
    expect(await text(page, '#updated')).toMatch(/\d\d:\d\d:\d\d/);
    expect(await page.locator('#heart-rate').count()).toBe(0);
    expect(tiles.requested).toBeGreaterThan(0);
    expect(await overflowsHorizontally(page)).toBe(false);

    await call('mutation ($id: ID!) { pauseActivity(id: $id) { status } }', { id });
    await showsStatus(page, 'PAUSED');
    await screenshot(page, 'run-from-start-390');
    expect(problems).toEqual([]);
    await close();
  });

  it('shows a late joiner the whole route so far and the distance the athlete sees, on a desktop and a phone', async () => {
    const { athlete, call, id } = await startRun(harness.url, 'EVERYONE', { name: 'Early Riser', title: 'Long run' });
    for (let batch = 0; batch < 4; batch++) {
      await call(recordTrackPointsMutation, { activityId: id, points: runningFixes(40 * batch, 40) });
    }
    const owner = liveClient(harness.url, athlete.token);
    const ownerStream = subscribe(owner, liveActivityQuery, { id });
    const ownerDistance = ((await ownerStream.update()).distanceMeters / 1000).toFixed(2);
    ownerStream.unsubscribe();
    await owner.dispose();
    const route = await call('query ($id: ID!) { activity(id: $id) { route { pointCount } } }', { id });
    const storedRoutePoints = route.data!.activity.route.pointCount as number;
    expect(storedRoutePoints).toBeGreaterThanOrEqual(2);

    for (const [viewport, name] of [
      [desktop, 'late-joiner-1280'],
      [phone, 'late-joiner-390'],
    ] as const) {
      // Signed out: the activity is visible to everyone.
      const { page, tiles, problems, close } = await openLivePage(viewport, id);
      await showsStatus(page, 'ACTIVE');
      await drawsRoutePoints(page, storedRoutePoints);
      await page
        .locator('#distance')
        .filter({ hasText: new RegExp(`^${ownerDistance.replace('.', '\\.')}$`) })
        .waitFor();
      expect(await text(page, '#title')).toBe('Long run');
      expect(Number(await page.locator('#elevation').getAttribute('data-points'))).toBeGreaterThanOrEqual(2);
      expect(tiles.requested).toBeGreaterThan(0);
      expect(await overflowsHorizontally(page)).toBe(false);
      await screenshot(page, name);
      expect(problems).toEqual([]);
      await close();
    }
  });

  it('shows a completed activity with its final figures, not zeros', async () => {
    const { call, id } = await startRun(harness.url, 'EVERYONE', { name: 'Finisher', title: 'Race day' });
    await call(recordTrackPointsMutation, { activityId: id, points: runningFixes(0, 200) });
    await call('mutation ($id: ID!, $at: DateTime) { stopActivity(id: $id, at: $at) { id } }', { id, at: runTime(600) });
    await call('mutation ($id: ID!) { completeActivity(id: $id) { id } }', { id });
    const stored = await call('query ($id: ID!) { activity(id: $id) { stats { distanceMeters movingTimeSeconds } } }', { id });
    const { distanceMeters } = stored.data!.activity.stats;
    expect(distanceMeters).toBeGreaterThan(1500);

    for (const [viewport, name] of [
      [phone, 'completed-390'],
      [desktop, 'completed-1280'],
      [smallPhone, 'completed-360'],
    ] as const) {
      const { page, problems, close } = await openLivePage(viewport, id);
      await showsStatus(page, 'COMPLETED');
      await page
        .locator('#distance')
        .filter({ hasText: (distanceMeters / 1000).toFixed(2) })
        .waitFor();
      expect(await text(page, '#moving')).not.toBe('0:00');
      expect(await text(page, '#elapsed')).toBe('10:00');
      expect(await text(page, '#average')).toMatch(/^\d+:\d\d$/);
      expect(await text(page, '#climb')).toMatch(/^\d+$/);
      await drawsRoutePoints(page, 2);
      expect(await overflowsHorizontally(page)).toBe(false);
      await screenshot(page, name);
      expect(problems).toEqual([]);
      await close();
    }
  });

  it('shows an activity only to whom the API shows it: signed out, a private one is not there; its athlete sees it', async () => {
    const { athlete, call, id } = await startRun(harness.url, 'ONLY_ME', { name: 'Private Runner', title: 'Secret loop' });
    await call(recordTrackPointsMutation, { activityId: id, points: runningFixes(0, 40) });
    const stranger = await openLivePage(phone, id);
    await stranger.page.locator('#error').filter({ hasText: /\S/ }).waitFor();
    expect(await routePoints(stranger.page)).toBe(0);
    expect(await text(stranger.page, '#title')).toBe('Live activity');
    expect(await stranger.page.content()).not.toContain('Secret loop');
    await screenshot(stranger.page, 'private-signed-out-390');
    await stranger.close();

    const own = await openLivePage(phone, id, athlete.token);
    await showsStatus(own.page, 'ACTIVE');
    await drawsRoutePoints(own.page, 2);
    expect(await text(own.page, '#title')).toBe('Secret loop');
    expect(own.problems).toEqual([]);
    await own.close();
  });

  it("never draws a line across the athlete's privacy zone, even when the route is asked for again while they are in it", async () => {
    const { call, id } = await startRun(harness.url, 'EVERYONE', { name: 'Home Runner', title: 'From home' });
    // Around the fixes 1,000 m north of the start: the hidden shape holds 800-1,200 m and stays within 650-1,350 m.
    await call(`mutation { addPrivacyZone(input: { lat: ${52 + 1000 / 111_250}, lon: 5, radiusMeters: 200 }) { id } }`);
    await call(recordTrackPointsMutation, { activityId: id, points: runningFixes(0, 60) });
    const { page, problems, close } = await openLivePage(phone, id);
    await showsStatus(page, 'ACTIVE');
    await drawsRoutePoints(page, 2);
    const lines = () => page.locator('#map path.live-route').count();

    await call(recordTrackPointsMutation, { activityId: id, points: runningFixes(60, 40) }); // ends at 891 m: hidden
    await call('mutation ($id: ID!) { pauseActivity(id: $id) { status } }', { id });
    await showsStatus(page, 'PAUSED'); // a status change: the route is asked for again, in the zone
    await call('mutation ($id: ID!) { resumeActivity(id: $id) { status } }', { id });
    await showsStatus(page, 'ACTIVE');
    const before = await routePoints(page);
    await call(recordTrackPointsMutation, { activityId: id, points: runningFixes(100, 80) }); // ends at 1,611 m: out
    await call(recordTrackPointsMutation, { activityId: id, points: runningFixes(180, 40) });
    await drawsRoutePoints(page, before + 2);
    expect(await lines()).toBe(2);
    await screenshot(page, 'privacy-zone-390');
    expect(problems).toEqual([]);
    await close();
  });

  it('shows a ride in km/h, not in minutes per km', async () => {
    const { athlete, call, id } = await startRun(harness.url, 'EVERYONE', { name: 'Rider', title: 'Dyke loop', sport: 'RIDE' });
    const { page, problems, close } = await openLivePage(phone, id, athlete.token);
    await showsStatus(page, 'ACTIVE');
    await call(recordTrackPointsMutation, { activityId: id, points: ridingFixes(0, 60) });
    await page
      .locator('#distance')
      .filter({ hasNotText: /^0\.00$/ })
      .waitFor();
    expect(await text(page, '#current-label')).toBe('Speed km/h');
    expect(await text(page, '#average-label')).toBe('Avg speed km/h');
    await page
      .locator('#average')
      .filter({ hasText: /^\d+\.\d$/ })
      .waitFor();
    expect(Number(await text(page, '#average'))).toBeGreaterThan(20);
    await drawsRoutePoints(page, 2);
    await page.waitForFunction(() => Number((globalThis as any).document.getElementById('elevation').dataset.points) >= 2);
    expect(await text(page, '#elevation-caption')).toMatch(/^Per km, from \+?0 m to \+\d+ m against the start$/);
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'ride-390');
    expect(problems).toEqual([]);
    await close();
  });

  it('shows heart rate when the fixes carry it: the latest reading live, the average over moving time once saved', async () => {
    const { athlete, call, id } = await startRun(harness.url, 'EVERYONE', { name: 'Pulse', title: 'Heart rate run' });
    const { page, problems, close } = await openLivePage(phone, id, athlete.token);
    await showsStatus(page, 'ACTIVE');
    const withHeartRate = (fixes: ReturnType<typeof runningFixes>, heartRate: number) => fixes.map((fix) => ({ ...fix, heartRate }));
    await call(recordTrackPointsMutation, { activityId: id, points: withHeartRate(runningFixes(0, 40), 150) });
    await page.locator('#heart-rate').filter({ hasText: /^150$/ }).waitFor();
    expect(await text(page, '#heart-rate-label')).toBe('Heart rate bpm');
    await call(recordTrackPointsMutation, { activityId: id, points: withHeartRate(runningFixes(40, 40), 150) });
    // The latest fix's reading, not an average: one fix at 170 shows 170.
    await call(recordTrackPointsMutation, { activityId: id, points: withHeartRate(runningFixes(80, 1), 170) });
    await page.locator('#heart-rate').filter({ hasText: /^170$/ }).waitFor();
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'heart-rate-390');

    await call('mutation ($id: ID!, $at: DateTime) { stopActivity(id: $id, at: $at) { id } }', { id, at: runTime(300) });
    await call('mutation ($id: ID!) { completeActivity(id: $id) { id } }', { id });
    const stored = await call('query ($id: ID!) { activity(id: $id) { stats { averageHeartRateBpm } } }', { id });
    const average = stored.data!.activity.stats.averageHeartRateBpm as number;
    // Between the readings (docs/stats.md weighs them by time): the page shows the stored average, not the last reading.
    expect(average).toBeGreaterThan(150);
    expect(average).toBeLessThan(170);
    await showsStatus(page, 'COMPLETED');
    await page
      .locator('#heart-rate-label')
      .filter({ hasText: /^Avg heart rate bpm$/ })
      .waitFor();
    expect(await text(page, '#heart-rate')).toBe(String(Math.round(average)));
    expect(problems).toEqual([]);
    await close();
  });
});
