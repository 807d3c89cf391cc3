import type { StoredAction, StoredPoint, StoredRecording } from './recording-store.js';
import { nextSyncStep } from './sync-plan.js';

const at = '2026-11-30T07:00:00.000Z';
const header = (actions: StoredAction[], activityId: string | null = 'activity-1'): StoredRecording => ({
  id: 'client-1',
  sport: 'RUN',
  title: null,
  visibility: null,
  athleteId: 'athlete-1',
  activityId,
  actions,
  failure: null,
});
const pending = (count: number): StoredPoint[] =>
  Array.from({ length: count }, (_, seq) => ({
    seq,
    timeMs: seq * 1000,
    lat: 52,
    lon: 5,
    elevation: null,
    accuracy: null,
    heartRate: null,
    cadence: null,
    state: 'pending',
    reason: null,
  }));

describe('what the sync sends next', () => {
  it('creates the activity before anything else', () => {
    expect(nextSyncStep(header([{ kind: 'start', at, synced: false }], null), pending(3), 50)).toEqual({ kind: 'create' });
  });

  it('starts it before sending fixes, which the server refuses until then', () => {
    const step = nextSyncStep(header([{ kind: 'start', at, synced: false }]), pending(3), 50);
    expect(step).toMatchObject({ kind: 'transition', action: { kind: 'start' } });
  });

  it('sends fixes in batches of at most the limit once started', () => {
    const step = nextSyncStep(header([{ kind: 'start', at, synced: true }]), pending(120), 50);
    expect(step.kind === 'points' && step.points.map(({ seq }) => seq)).toEqual(pending(50).map(({ seq }) => seq));
  });

  it('sends fixes and pauses in the order they happened', () => {
    const actions: StoredAction[] = [
      { kind: 'start', at, synced: true },
      { kind: 'pause', at: new Date(Date.parse(at) + 2500).toISOString(), synced: false },
      { kind: 'resume', at: new Date(Date.parse(at) + 9000).toISOString(), synced: false },
    ];
    const fixes = pending(6).map((point) => ({ ...point, timeMs: Date.parse(at) + point.timeMs * 2 }));
    const first = nextSyncStep(header(actions), fixes, 50);
    expect(first.kind === 'points' && first.points.map(({ seq }) => seq)).toEqual([0, 1]);
    expect(nextSyncStep(header(actions), fixes.slice(2), 50)).toMatchObject({ kind: 'transition', action: { kind: 'pause' } });
  });

  it('saves only once every fix is on the server', () => {
    const actions: StoredAction[] = [
      { kind: 'start', at, synced: true },
      { kind: 'stop', at, synced: true },
      { kind: 'complete', input: {}, synced: false },
    ];
    expect(nextSyncStep(header(actions), pending(5), 50).kind).toBe('points');
    expect(nextSyncStep(header(actions), [], 50)).toMatchObject({ kind: 'transition', action: { kind: 'complete' } });
    actions[2]!.synced = true;
    expect(nextSyncStep(header(actions), [], 50)).toEqual({ kind: 'done' });
  });

  it('discards without sending the fixes, and is done then', () => {
    const actions: StoredAction[] = [
      { kind: 'start', at, synced: true },
      { kind: 'discard', synced: false },
    ];
    expect(nextSyncStep(header(actions), pending(5), 50)).toMatchObject({ kind: 'transition', action: { kind: 'discard' } });
    actions[1]!.synced = true;
    expect(nextSyncStep(header(actions), pending(5), 50)).toEqual({ kind: 'done' });
  });

  it('waits for more while recording with nothing unsent, and stops after a refusal', () => {
    expect(nextSyncStep(header([{ kind: 'start', at, synced: true }]), [], 50)).toEqual({ kind: 'idle' });
    const failed = { ...header([{ kind: 'start', at, synced: false }]), failure: { code: 'FORBIDDEN', message: 'Not yours' } };
    expect(nextSyncStep(failed, pending(5), 50)).toEqual({ kind: 'failed' });
  });
});
