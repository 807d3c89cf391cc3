// Replays a recorded GPX file as a live run: a runner's phone records it with
// the SDK's offline-first recorder (losing its signal for a stretch in the
// middle), while a friend watches it live through `subscribe.liveActivity`.
// At the end, what the server saved is compared with what the phone showed.
//
//   npm run example:replay -- [file.gpx] [--speed 20] [--url http://127.0.0.1:4000/graphql]
//
// Without --url (or PACEGRAPH_URL) it starts a PaceGraph stack of its own, in memory.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createClient, type PaceGraphClient, type Recording } from '@pacegraph/client-sdk';
import { readSignUpCode, startStack } from '@pacegraph/stack';
import { readGpx } from '@pacegraph/track-files';
import WebSocket from 'ws';

const defaultTrack = fileURLToPath(new URL('../../../data/tracks/run-togeojson-garminconnect-hr.gpx', import.meta.url));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { speed: { type: 'string', default: '20' }, url: { type: 'string' } },
});
const file = positionals[0] ?? defaultTrack;
const speed = Number(values.speed);

const stack = values.url || process.env.PACEGRAPH_URL ? null : await startOwnStack();
const url = values.url ?? process.env.PACEGRAPH_URL ?? stack!.gatewayUrl;

// The track, shifted to have ended just now: fixes are the phone's own times, in the past.
const track = readGpx(await readFile(file, 'utf8'));
const shift = Date.now() - track.endedAt.getTime();
const fixes = track.points.map((point) => ({ ...point, time: new Date(point.time.getTime() + shift) }));
const startedAt = new Date(track.startedAt.getTime() + shift);

// The runner's phone loses its signal for the middle fifth of the run.
let signal = true;
const phoneFetch: typeof fetch = (input, init) => (signal ? fetch(input, init) : Promise.reject(new TypeError('fetch failed: no signal')));

const runner = createClient({ url, fetch: phoneFetch, backoff: { initialMs: 250, maxMs: 2_000 } });
const friend = createClient({ url, webSocketImpl: WebSocket });
try {
  const runnerId = await signUp(runner, 'Replay Runner');
  await signUp(friend, 'Watching Friend');
  await friend.follow({ userId: runnerId });

  const started = await runner.recorder.start({ sport: 'RUN', title: basename(file), visibility: 'FOLLOWERS', at: startedAt });
  if (started.error) throw new Error(started.error.message);
  const recording = started.data;
  const watching = watch(friend, recording);
  const created = await recording.created();
  if (created.error) throw new Error(created.error.message);
  console.log(`Activity ${created.data}`);
  console.log(`Watch live: ${new URL(url).origin}/live/${created.data}`);

  console.log(`Replaying ${fixes.length} fixes of ${basename(file)} at ${speed}× …`);
  for (const [index, fix] of fixes.entries()) {
    const previous = fixes[index - 1];
    if (previous) await sleep((fix.time.getTime() - previous.time.getTime()) / speed);
    const online = index < fixes.length * 0.4 || index >= fixes.length * 0.6;
    if (online !== signal) {
      signal = online;
      console.log(online ? '📶 signal back: catching up' : '📵 signal lost: recording on the phone');
    }
    const added = await recording.addPoint(fix);
    if (added.error) console.log(`  fix ${index} refused on the phone: ${added.error.reason}`);
    if (index % 20 === 0) {
      const live = recording.liveFigures();
      const { pendingPoints, online: reachable } = recording.syncState;
      console.log(
        `runner  ${km(live.distanceMeters)}  ${clock(live.movingTimeSeconds)} moving  pace ${pace(live.currentPaceSecondsPerKm)}  ` +
          `${pendingPoints} fixes waiting${reachable ? '' : ' (offline)'}`,
      );
    }
  }
  await recording.stop(fixes[fixes.length - 1]!.time);
  await recording.save({ title: `${basename(file)} (replayed)` });
  const synced = await recording.synced();
  if (synced.error) throw new Error(`sync failed: ${synced.error.message}`);
  await watching;

  const saved = await runner.activity({ id: recording.activityId! });
  if (saved.error) throw new Error(saved.error.message);
  const activity = saved.data.activity!;
  // Null only in a partial answer, while telemetry is down.
  if (!activity.stats) throw new Error('the server has no stats for the run yet');
  const phone = recording.stats();
  const kept = recording.recordedPoints().filter((point) => point.state !== 'rejected').length;
  const same = activity.trackPointCount === kept && JSON.stringify(activity.stats) === JSON.stringify(phone);
  console.log(`\nSaved ${activity.status}: ${activity.trackPointCount} fixes on the server, ${kept} kept on the phone`);
  console.log(
    `  phone:  ${km(phone.distanceMeters)} in ${clock(phone.movingTimeSeconds)}, ${Math.round(phone.elevationGainMeters)} m climb`,
  );
  console.log(
    `  server: ${km(activity.stats.distanceMeters)} in ${clock(activity.stats.movingTimeSeconds)}, ${Math.round(activity.stats.elevationGainMeters)} m climb`,
  );
  console.log(same ? 'The server saved exactly what the phone showed.' : 'MISMATCH between the phone and the server.');
  process.exitCode = same ? 0 : 1;
} finally {
  await Promise.all([runner.close(), friend.close()]);
  await stack?.close();
}

/** The friend's view: one line per live update until the run is saved. */
async function watch(client: PaceGraphClient, recording: Recording): Promise<void> {
  const created = await recording.created();
  if (created.error) return;
  for await (const update of client.subscribe.liveActivity(created.data)) {
    if (update.error) {
      console.log(`friend  (live error: ${update.error.code})`);
      continue;
    }
    const live = update.data.liveActivity;
    console.log(
      `friend  ${live.status.padEnd(9)} ${km(live.distanceMeters)}  ${clock(live.elapsedTimeSeconds)} elapsed  pace ${pace(live.currentPaceSecondsPerKm)}`,
    );
  }
}

/** Signs an athlete up, both steps: signUp mails a code, confirmSignUp signs in with it. */
async function signUp(client: PaceGraphClient, name: string): Promise<string> {
  const email = `${name.toLowerCase().replace(/\W/g, '-')}-${randomBytes(3).toString('hex')}@example.com`;
  const started = await client.signUp({ input: { name, email, password: 'amber kestrel at dawn' } });
  if (started.error) throw new Error(`${started.error.code}: ${started.error.message}`);
  const confirmed = await client.confirmSignUp({ email, code: await signUpCode(email) });
  if (confirmed.error) throw new Error(`${confirmed.error.code}: ${confirmed.error.message}`);
  client.setToken(confirmed.data.confirmSignUp.token);
  return confirmed.data.confirmSignUp.user.id;
}

/**
 * The code mailed to `email`: read from our own stack's outbox, or, against
 * another server, asked of whoever runs the example (it is in that server's
 * log until a mail sender is plugged in).
 */
async function signUpCode(email: string): Promise<string> {
  if (stack) return readSignUpCode(stack.databaseUrl, email);
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await prompt.question(`The sign-up code mailed to ${email} (see the server's log): `);
  } finally {
    prompt.close();
  }
}

async function startOwnStack() {
  const secret = () => randomBytes(32).toString('hex');
  return startStack({ secrets: { jwtSecret: secret(), internalSecret: secret() }, logLevel: 'warn' });
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
function km(meters: number) {
  return `${(meters / 1000).toFixed(2)} km`;
}
function clock(seconds: number) {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
function pace(secondsPerKm: number | null | undefined) {
  return secondsPerKm ? `${clock(secondsPerKm)}/km` : '–';
}
