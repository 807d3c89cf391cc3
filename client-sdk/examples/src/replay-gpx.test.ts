import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const example = fileURLToPath(new URL('../dist/replay-gpx.js', import.meta.url));

// The example as README shows it, fast: it starts its own stack, replays the
// run with a signal gap while a friend watches, and checks what was saved.
describe('the GPX replay example', () => {
  it('runs to the end, with the friend watching and the saved run matching the phone', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [example, '--speed', '400'], { timeout: 120_000 });
    expect(stdout).toContain('📵 signal lost');
    expect(stdout).toContain('📶 signal back');
    expect(stdout).toMatch(/friend {2}ACTIVE/);
    expect(stdout).toMatch(/friend {2}COMPLETED/);
    expect(stdout).toContain('The server saved exactly what the phone showed.');
  }, 150_000);
});
