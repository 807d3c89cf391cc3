// An app outside this repository, using the SDK as installed from its
// tarball. The packed-SDK test copies this file, unchanged, into a fresh
// project twice: as an ES module (.ts) and as CommonJS (.cts). It signs up
// (the code mailed to the email is typed in on stdin), records a short run,
// watches it live, completes it, and prints the activity's id and its live
// page; any failure exits non-zero.
//
//   PACEGRAPH_URL=http://127.0.0.1:4000/graphql [RECORDINGS_DB=runs.db] node consumer.js
import { randomBytes } from 'node:crypto';
import { stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline/promises';
import { createClient, type Fix, type PaceGraphError, type Result } from '@pacegraph/client-sdk';
import { memoryRecordingStore } from '@pacegraph/client-sdk/storage/memory';
import { sqliteRecordingStore } from '@pacegraph/client-sdk/storage/sqlite-node';
import WebSocket from 'ws';

const fixCount = 12;
const fixSeconds = 3;

async function main(): Promise<void> {
  const url = process.env.PACEGRAPH_URL;
  if (!url) throw new Error('PACEGRAPH_URL is not set');
  const path = process.env.RECORDINGS_DB;
  const client = createClient({ url, webSocketImpl: WebSocket, storage: path ? sqliteRecordingStore({ path }) : memoryRecordingStore() });
  try {
    const email = `packed-${randomBytes(4).toString('hex')}@example.com`;
    const mailedTo = ok(await client.signUp({ input: { name: 'Packed Runner', email, password: 'correct horse battery' } })).signUp.email;
    const code = await ask(`Code sent to ${mailedTo}: `);
    client.setToken(ok(await client.confirmSignUp({ email, code })).confirmSignUp.token);

    const startedAt = new Date(Date.now() - (fixCount + 5) * fixSeconds * 1_000);
    const fixes = Array.from({ length: fixCount }, (_, index) => ({
      time: new Date(startedAt.getTime() + (index + 1) * fixSeconds * 1_000),
      lat: 52.0907 + index * 0.0001,
      lon: 5.1214,
      accuracy: 4,
    })) satisfies Fix[];
    const recording = ok(await client.recorder.start({ sport: 'RUN', title: 'Packed SDK run', visibility: 'EVERYONE', at: startedAt }));
    const activityId = ok(await recording.created());

    // Fixes recorded before the server holds the subscription are not announced to it: record until one is.
    const updates = client.subscribe.liveActivity(activityId);
    const firstUpdate = updates.next();
    let announced: Awaited<typeof firstUpdate> | undefined;
    let recorded = 0;
    while (!announced && recorded < fixes.length) {
      ok(await recording.addPoint(fixes[recorded++]!));
      announced = await Promise.race([firstUpdate, sleep(300).then(() => undefined)]);
    }
    if (!announced || announced.done) throw new Error(`no live update after ${recorded} fixes`);
    const live = ok(announced.value).liveActivity;
    console.log(`Live: ${live.status} ${Math.round(live.distanceMeters)} m`);

    for (const fix of fixes.slice(recorded)) ok(await recording.addPoint(fix));
    ok(await recording.stop(fixes[fixes.length - 1]!.time));
    ok(await recording.save({ title: 'Packed SDK run, saved' }));
    ok(await recording.synced());
    await updates.return?.();

    const activity = ok(await client.activity({ id: activityId })).activity;
    if (!activity) throw new Error(`activity ${activityId} is not there`);
    console.log(`Saved ${activity.status} with ${activity.trackPointCount} fixes`);
    console.log(`Activity ${activityId}`);
    console.log(`Watch live: ${new URL(url).origin}/live/${activityId}`);
  } finally {
    await client.close();
  }
}

function ok<T>(result: Result<T>): T {
  if (result.error) throw new Error(describe(result.error));
  return result.data;
}

function describe(error: PaceGraphError): string {
  return `${error.code}: ${error.message}`;
}

async function ask(question: string): Promise<string> {
  const lines = createInterface({ input: stdin, output: stdout, terminal: false });
  try {
    return (await lines.question(question)).trim();
  } finally {
    lines.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
