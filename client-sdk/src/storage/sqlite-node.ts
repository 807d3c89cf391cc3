import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import sqlite from 'node-sqlite3-wasm';
import type { RecordingStore, StoredPoint, StoredRecording } from '../recorder/recording-store.js';

/** What the SQLite store keeps on disk. */
export interface SqliteRecordingStoreOptions {
  /** The database file; created with its directory when missing. */
  path: string;
}

const schema = `
  CREATE TABLE IF NOT EXISTS recordings (
    id TEXT PRIMARY KEY,
    created_ms INTEGER NOT NULL,
    body TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS points (
    recording_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    time_ms INTEGER NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    elevation REAL,
    accuracy REAL,
    heart_rate INTEGER,
    cadence INTEGER,
    state TEXT NOT NULL,
    reason TEXT,
    PRIMARY KEY (recording_id, seq)
  ) WITHOUT ROWID;
`;

interface PointRow {
  seq: number;
  time_ms: number;
  lat: number;
  lon: number;
  elevation: number | null;
  accuracy: number | null;
  heart_rate: number | null;
  cadence: number | null;
  state: StoredPoint['state'];
  reason: string | null;
}

/**
 * A durable store for Node: SQLite (compiled to WebAssembly, so nothing
 * native to install) in a file, every write committed with fsync before it
 * resolves. One process at a time may open a file.
 */
export function sqliteRecordingStore(options: SqliteRecordingStoreOptions): RecordingStore {
  mkdirSync(dirname(options.path), { recursive: true });
  const release = claimFile(options.path);
  let db: InstanceType<typeof sqlite.Database>;
  try {
    db = new sqlite.Database(options.path);
    db.exec(`PRAGMA synchronous = FULL; ${schema}`);
  } catch (error) {
    release();
    throw error;
  }
  /** One commit for all of `work`, or none of it. */
  const inTransaction = (work: () => void) => {
    db.exec('BEGIN');
    try {
      work();
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  };
  return {
    async saveRecording(recording) {
      db.run(
        `INSERT INTO recordings (id, created_ms, body) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body`,
        [recording.id, Date.now(), JSON.stringify(recording)],
      );
    },
    async recordings() {
      const rows = db.all('SELECT body FROM recordings ORDER BY created_ms, id') as { body: string }[];
      return rows.map((row) => JSON.parse(row.body) as StoredRecording);
    },
    async addPoint(recordingId, point) {
      db.run(
        `INSERT INTO points (recording_id, seq, time_ms, lat, lon, elevation, accuracy, heart_rate, cadence, state, reason)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          recordingId,
          point.seq,
          point.timeMs,
          point.lat,
          point.lon,
          point.elevation,
          point.accuracy,
          point.heartRate,
          point.cadence,
          point.state,
          point.reason,
        ],
      );
    },
    async points(recordingId) {
      const rows = db.all('SELECT * FROM points WHERE recording_id = ? ORDER BY seq', [recordingId]) as unknown as PointRow[];
      return rows.map((row) => ({
        seq: row.seq,
        timeMs: row.time_ms,
        lat: row.lat,
        lon: row.lon,
        elevation: row.elevation,
        accuracy: row.accuracy,
        heartRate: row.heart_rate,
        cadence: row.cadence,
        state: row.state,
        reason: row.reason,
      }));
    },
    async markPoints(recordingId, { synced, rejected }) {
      inTransaction(() => {
        db.run(
          `UPDATE points SET state = 'synced', reason = NULL
           WHERE recording_id = ? AND seq IN (SELECT value FROM json_each(?))`,
          [recordingId, JSON.stringify(synced)],
        );
        for (const { seq, reason } of rejected) {
          db.run(`UPDATE points SET state = 'rejected', reason = ? WHERE recording_id = ? AND seq = ?`, [reason, recordingId, seq]);
        }
      });
    },
    async deleteRecording(recordingId) {
      inTransaction(() => {
        db.run('DELETE FROM points WHERE recording_id = ?', [recordingId]);
        db.run('DELETE FROM recordings WHERE id = ?', [recordingId]);
      });
    },
    async close() {
      if (db.isOpen) db.close();
      release();
    },
  };
}

/**
 * Takes the file for this process. SQLite's lock here is a `<file>.lock`
 * directory, which a killed process leaves behind: when the process that
 * owned the file is gone, its lock is cleared; while it lives, opening fails.
 */
function claimFile(path: string): () => void {
  const ownerFile = `${path}.owner`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // Created only if absent: of two processes opening at once, one gets it.
      writeFileSync(ownerFile, String(process.pid), { flag: 'wx' });
      rmSync(`${path}.lock`, { recursive: true, force: true });
      return () => rmSync(ownerFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(ownerFile, 'utf8'));
      if (owner === process.pid) throw new Error(`${path} is already open in this process`, { cause: error });
      if (owner && isAlive(owner)) throw new Error(`${path} is in use by process ${owner}`, { cause: error });
      // Its process is gone (killed, or the phone restarted): the file is free.
      rmSync(ownerFile, { force: true });
    }
  }
  throw new Error(`${path} could not be claimed`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
