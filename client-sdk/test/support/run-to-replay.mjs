import { syntheticTrack } from '@pacegraph/track-math/testing';

/**
 * A run of about 25 minutes with stops, two explicit pauses, a signal gap
 * and outliers, its times shifted to start at `startMs`: the same for every
 * process given the same seed.
 */
export function runToReplay(seed, startMs) {
  const track = syntheticTrack({
    seed,
    sport: 'RUN',
    movingSeconds: 1_200,
    samplingSeconds: 3,
    noiseMeters: 5,
    stops: 2,
    stopSeconds: [30, 90],
    pauses: 2,
    gaps: 1,
  });
  const shift = (date) => new Date(date.getTime() - track.startedAt.getTime() + startMs);
  return {
    startedAt: shift(track.startedAt),
    endedAt: shift(track.endedAt),
    points: track.points.map((point) => ({ ...point, time: shift(point.time) })),
    pauses: track.pauses.map((pause) => ({ from: shift(pause.from), to: shift(pause.to) })),
  };
}

/**
 * Records the run's fixes into `recording` from where it stands up to fix
 * `until`, with the run's explicit pauses between them (nothing is recorded
 * while paused). Throws on any refusal.
 */
export async function recordRun(recording, run, until) {
  for (let index = recording.recordedPoints().length; index < Math.min(until, run.points.length); index++) {
    const fix = run.points[index];
    const recorded = recording.recordedPoints();
    const previous = recorded.length ? new Date(recorded[recorded.length - 1].timeMs) : run.startedAt;
    for (const pause of run.pauses.filter(({ from }) => from >= previous && from < fix.time)) {
      await ok(recording.pause(pause.from));
      await ok(recording.resume(pause.to));
    }
    await ok(recording.addPoint(fix));
  }
}

/** Stops the recording after the run's last fix, saves it, and waits until the server has it all. */
export async function finishRun(recording, run) {
  await ok(recording.stop(run.endedAt));
  await ok(recording.save({ title: 'Forest loop, saved' }));
  return recording.synced();
}

async function ok(pending) {
  const result = await pending;
  if (result.error) throw new Error(`${result.error.code}: ${result.error.message}`);
}
