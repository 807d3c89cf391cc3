import type { RecordingStore, StoredPoint, StoredRecording } from '../recorder/recording-store.js';

/**
 * A store that lives as long as the process: for tests, and for apps that
 * accept losing an unsynced recording when killed. Copies in and out, so
 * nobody shares its objects.
 */
export function memoryRecordingStore(): RecordingStore {
  const recordings = new Map<string, StoredRecording>();
  const points = new Map<string, Map<number, StoredPoint>>();
  // Plain JSON data; JSON rather than structuredClone, which React Native's engine lacks.
  const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  return {
    async saveRecording(recording) {
      recordings.set(recording.id, copy(recording));
    },
    async recordings() {
      return [...recordings.values()].map(copy);
    },
    async addPoint(recordingId, point) {
      let stored = points.get(recordingId);
      if (!stored) points.set(recordingId, (stored = new Map<number, StoredPoint>()));
      if (stored.has(point.seq)) throw new Error(`seq ${point.seq} is already stored in ${recordingId}`);
      stored.set(point.seq, copy(point));
    },
    async points(recordingId) {
      return [...(points.get(recordingId)?.values() ?? [])].sort((a, b) => a.seq - b.seq).map(copy);
    },
    async markPoints(recordingId, { synced, rejected }) {
      const stored = points.get(recordingId);
      for (const seq of synced) {
        const point = stored?.get(seq);
        if (point) Object.assign(point, { state: 'synced', reason: null });
      }
      for (const { seq, reason } of rejected) {
        const point = stored?.get(seq);
        if (point) Object.assign(point, { state: 'rejected', reason });
      }
    },
    async deleteRecording(recordingId) {
      recordings.delete(recordingId);
      points.delete(recordingId);
    },
    async close() {},
  };
}
