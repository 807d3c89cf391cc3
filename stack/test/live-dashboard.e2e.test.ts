import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { useStack } from './support/stack.js';
import { recordTrackPointsMutation, runningFixes, startRun } from './support/live-client.js';

/** Debian's chromium package; never a downloaded browser. `.ci/run` installs it where it is missing. */
const chromiumPath = '/usr/bin/chromium';
const screenshotPath = fileURLToPath(new URL('../test-output/live-dashboard.png', import.meta.url));
const describeWithChromium = existsSync(chromiumPath) ? describe : describe.skip;

describeWithChromium('the live dashboard page in Chromium', () => {
  const harness = useStack();
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(() => browser?.close());

  it('shows the figures and draws the route as points are recorded', async () => {
    const { athlete, call, id } = await startRun(harness.url);
    const page = await browser.newPage();
    const origin = new URL(harness.url).origin;
    await page.goto(`${origin}/live/${id}#token=${athlete.token}`);
    const text = (selector: string) => page.locator(selector).innerText();
    const routePoints = async () => Number((await page.locator('#route').getAttribute('data-points')) ?? 0);
    const showsStatus = (status: string) => page.locator('#status').filter({ hasText: new RegExp(`^${status}$`) }).waitFor();
    await showsStatus('ACTIVE');
    expect(await text('#athlete')).toBe('Live Runner');
    expect(await text('#distance')).toBe('0.00');

    await call(recordTrackPointsMutation, { activityId: id, points: runningFixes(0, 40) });
    await page.locator('#distance').filter({ hasNotText: /^0\.00$/ }).waitFor();
    const first = { distance: await text('#distance'), moving: await text('#moving'), pace: await text('#current-pace') };
    expect(Number(first.distance)).toBeGreaterThan(0.3);
    expect(first.pace).toMatch(/^\d+:\d\d$/);
    const firstRoute = await routePoints();
    expect(firstRoute).toBeGreaterThan(0);

    for (let batch = 1; batch <= 3; batch++) {
      await call(recordTrackPointsMutation, { activityId: id, points: runningFixes(40 * batch, 40) });
      await page.locator(`#route[data-points="${firstRoute + batch}"]`).waitFor();
    }
    expect(Number(await text('#distance'))).toBeGreaterThan(Number(first.distance) + 0.8);
    expect(await text('#moving')).not.toBe(first.moving);
    expect(await routePoints()).toBe(firstRoute + 3);
    expect((await page.locator('#path').getAttribute('points'))!.split(' ')).toHaveLength(firstRoute + 3);

    await call('mutation ($id: ID!) { pauseActivity(id: $id) { status } }', { id });
    await showsStatus('PAUSED');
    mkdirSync(fileURLToPath(new URL('../test-output/', import.meta.url)), { recursive: true });
    await page.screenshot({ path: screenshotPath });
    expect(existsSync(screenshotPath)).toBe(true);
  });
});
