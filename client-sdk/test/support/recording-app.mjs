// An app that records a run with the SDK, as its own process so a test can
// kill it: it replays a synthetic run (its fixes and pauses, shifted to end
// near now) into a recorder on a SQLite store, driven by JSON commands on
// stdin, one JSON answer per line on stdout.
//
//   node recording-app.mjs '{"url": "...", "token": "...", "store": "/tmp/x.db", "seed": 7, "startMs": 1764000000000}'
//
// Commands: {"cmd":"open"} starts a recording or takes up the unfinished one;
// {"cmd":"record","until":N} records the run's fixes (and its pauses) up to
// fix N; {"cmd":"finish"} stops and saves after the last fix and waits for
// the sync; {"cmd":"state"}.
import { createInterface } from 'node:readline';
import { createClient } from '@pacegraph/client-sdk';
import { sqliteRecordingStore } from '@pacegraph/client-sdk/storage/sqlite-node';
import { finishRun, recordRun, runToReplay } from './run-to-replay.mjs';

const config = JSON.parse(process.argv[2]);
const run = runToReplay(config.seed, config.startMs);
const client = createClient({
  url: config.url,
  token: config.token,
  storage: sqliteRecordingStore({ path: config.store }),
  backoff: { initialMs: 100, maxMs: 1_000 },
});
let recording = null;

const answer = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);

const commands = {
  async open() {
    [recording] = await client.recorder.unfinished();
    const resumed = Boolean(recording);
    if (!recording) {
      const started = await client.recorder.start({ sport: 'RUN', title: 'Forest loop', at: run.startedAt });
      if (started.error) return { error: started.error };
      recording = started.data;
    }
    return { resumed, id: recording.id, nextFix: recording.recordedPoints().length, state: recording.syncState };
  },
  async record({ until }) {
    await recordRun(recording, run, until);
    return { recorded: recording.recordedPoints().length, state: recording.syncState };
  },
  async finish() {
    const synced = await finishRun(recording, run);
    return {
      synced,
      activityId: recording.activityId,
      stats: recording.stats(),
      points: recording.recordedPoints(),
      state: recording.syncState,
    };
  },
  async state() {
    return { state: recording.syncState };
  },
};

for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line);
  try {
    answer(await commands[command.cmd](command));
  } catch (error) {
    answer({ error: { code: 'APP', message: String(error?.stack ?? error) } });
  }
}
await client.close();
