import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const example = fileURLToPath(new URL('../dist/replay-gpx.js', import.meta.url));

// The example as docs/client-sdk.md shows it, fast: it starts its own stack, replays the
// run with a signal gap while a friend watches, names the activity and its
// live page, and checks what was saved.
describe('the GPX replay example', () => {
  it('runs to the end, with the friend watching and the saved run matching the phone', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [example, '--speed', '400'], { timeout: 120_000 });
    expect(stdout).toContain('📵 signal lost');
    expect(stdout).toContain('📶 signal back');
    expect(stdout).toMatch(/friend {2}ACTIVE/);
    expect(stdout).toMatch(/friend {2}COMPLETED/);
    expect(stdout).toContain('The server saved exactly what the phone showed.');
    const activityId = /^Activity (\S+)$/m.exec(stdout)?.[1];
    expect(stdout).toMatch(new RegExp(`^Watch live: http://127\\.0\\.0\\.1:\\d+/live/${activityId}$`, 'm'));
  }, 150_000);
});
