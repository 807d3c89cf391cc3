import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordingStore, StoredPoint, StoredRecording } from '../recorder/recording-store.js';
import { memoryRecordingStore } from './memory.js';
import { sqliteRecordingStore } from './sqlite-node.js';

const recording = (id: string): StoredRecording => ({
  id,
  sport: 'RUN',
  title: 'Morning run',
  visibility: null,
  athleteId: 'athlete-1',
  activityId: null,
  actions: [{ kind: 'start', at: '2026-11-30T07:00:00.000Z', synced: false }],
  failure: null,
});

const point = (seq: number): StoredPoint => ({
  seq,
  timeMs: Date.UTC(2026, 10, 30, 7, 0, seq),
  lat: 52.1 + seq * 1e-5,
  lon: 5.1,
  elevation: seq % 2 ? 12.5 : null,
  accuracy: 4,
  heartRate: null,
  cadence: 170,
  state: 'pending',
  reason: null,
});

const newDatabaseFile = () => join(mkdtempSync(join(tmpdir(), 'pacegraph-store-')), 'recordings.db');

// One suite for every store: the recorder relies on each of them alike.
describe.each([
  ['in memory', () => memoryRecordingStore()],
  ['SQLite (Node)', () => sqliteRecordingStore({ path: newDatabaseFile() })],
])('the %s recording store', (_name, open: () => RecordingStore) => {
  let store: RecordingStore;
  beforeEach(() => (store = open()));
  afterEach(() => store.close());

  it('keeps recordings, oldest first, each replaced by its latest save', async () => {
    await store.saveRecording(recording('a'));
    await store.saveRecording(recording('b'));
    await store.saveRecording({
      ...recording('a'),
      activityId: 'server-a',
      actions: [{ kind: 'start', at: '2026-11-30T07:00:00.000Z', synced: true }],
    });
    const stored = await store.recordings();
    expect(stored.map(({ id, activityId }) => [id, activityId])).toEqual([
      ['a', 'server-a'],
      ['b', null],
    ]);
    expect(stored[0]!.actions).toEqual([{ kind: 'start', at: '2026-11-30T07:00:00.000Z', synced: true }]);
  });

  it('gives fixes back in seq order, exactly as stored, and refuses a seq twice', async () => {
    for (const seq of [2, 0, 1]) await store.addPoint('a', point(seq));
    expect(await store.points('a')).toEqual([point(0), point(1), point(2)]);
    await expect(store.addPoint('a', { ...point(1), lat: 10 })).rejects.toThrow();
    expect((await store.points('a'))[1]).toEqual(point(1));
    expect(await store.points('b')).toEqual([]);
  });

  it('marks fixes synced or rejected with the reason', async () => {
    for (const seq of [0, 1, 2, 3]) await store.addPoint('a', point(seq));
    await store.markPoints('a', { synced: [0, 2], rejected: [{ seq: 3, reason: 'IMPOSSIBLE_SPEED' }] });
    expect((await store.points('a')).map(({ seq, state, reason }) => [seq, state, reason])).toEqual([
      [0, 'synced', null],
      [1, 'pending', null],
      [2, 'synced', null],
      [3, 'rejected', 'IMPOSSIBLE_SPEED'],
    ]);
  });

  it('forgets a recording with its fixes, and only that one', async () => {
    await store.saveRecording(recording('a'));
    await store.saveRecording(recording('b'));
    await store.addPoint('a', point(0));
    await store.addPoint('b', point(0));
    await store.deleteRecording('a');
    expect((await store.recordings()).map(({ id }) => id)).toEqual(['b']);
    expect(await store.points('a')).toEqual([]);
    expect(await store.points('b')).toHaveLength(1);
  });
});

describe('the SQLite recording store on disk', () => {
  it('has everything after it is closed and opened again', async () => {
    const path = newDatabaseFile();
    const first = sqliteRecordingStore({ path });
    await first.saveRecording(recording('a'));
    await first.addPoint('a', point(0));
    await first.close();
    const second = sqliteRecordingStore({ path });
    expect(await second.recordings()).toEqual([recording('a')]);
    expect(await second.points('a')).toEqual([point(0)]);
    await second.close();
  });

  it('opens a file whose process was killed holding its lock', async () => {
    const path = newDatabaseFile();
    const killed = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    mkdirSync(`${path}.lock`);
    writeFileSync(`${path}.owner`, String(killed));
    const store = sqliteRecordingStore({ path });
    await store.saveRecording(recording('a'));
    expect(await store.recordings()).toHaveLength(1);
    await store.close();
  });

  it('refuses a file this process has open already', async () => {
    const path = newDatabaseFile();
    const store = sqliteRecordingStore({ path });
    expect(() => sqliteRecordingStore({ path })).toThrow(/already open in this process/);
    await store.close();
    await sqliteRecordingStore({ path }).close();
  });

  it('refuses a file another live process has open', () => {
    const path = newDatabaseFile();
    writeFileSync(`${path}.owner`, String(process.ppid));
    expect(() => sqliteRecordingStore({ path })).toThrow(/in use by process/);
  });
});
