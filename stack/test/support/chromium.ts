import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium package; never a downloaded browser. `.ci/run` installs it where it is missing. */
const chromiumPath = '/usr/bin/chromium';

/** Whether this machine has the browser: tests that drive it are skipped without it. */
export const hasChromium = existsSync(chromiumPath);

/** Starts headless Chromium as the tests drive it: no sandbox, GPU or background traffic of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
