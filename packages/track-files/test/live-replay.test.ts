import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Sport } from '@pacegraph/activity-rules';
import {
  advanceAnalyzedLiveTrack,
  analyzedLiveTrack,
  computeActivityStats,
  emptyLiveTrack,
  liveFigures,
  type LiveTrack,
  type RecordedTrack,
} from '@pacegraph/track-math';
import { readActivityFile } from '../src/index.js';

// The real recordings of data/tracks replayed as a phone sends them: in batches, the live figures
// advanced per batch (as the telemetry subgraph's live feed advances them), compared with the
// stats of the fixes so far. Issue 18: the live distance within 1% of those stats throughout, and
// the final figures the saved stats.
const tracksDirectory = fileURLToPath(new URL('../../../data/tracks/', import.meta.url));
const files = JSON.parse(readFileSync(`${tracksDirectory}tracks.json`, 'utf8')) as { name: string; fallbackSport?: Sport }[];

/** Fixes per batch, as the SDK's recorder sends them. */
const batchSize = 10;
/** Batches compared with the stats of the fixes so far, spread over each recording (every batch would analyse it thousands of times). */
const comparedBatches = 25;
const goalPercent = 1;
/** Longer recordings are replayed over their first 1800 fixes: all of them would take minutes. */
const maxReplayedFixes = 1800;

/** The recording as it stood after its first `count` fixes: pauses begun by then, no end yet. */
function recordedSoFar(activity: RecordedTrack, count: number): RecordedTrack {
  const points = activity.points.slice(0, count);
  const lastTime = Math.max(...points.map((point) => point.time.getTime()));
  return {
    ...activity,
    points,
    endedAt: null,
    pauses: (activity.pauses ?? []).filter((pause) => pause.from.getTime() <= lastTime),
  };
}

describe('live figures replayed from real recordings', () => {
  const rows: string[] = [];
  afterAll(() => console.log(['live distance against the stats of the fixes so far (worst |error|, analyses):', ...rows].join('\n')));

  it.each(files)('keeps $name within 1% of its stats so far and ends on its saved stats', ({ name, fallbackSport }) => {
    const file = readActivityFile(name, readFileSync(tracksDirectory + name));
    const activity: RecordedTrack = { ...file, sport: (file.sport ?? fallbackSport)!, points: file.points.slice(0, maxReplayedFixes) };
    if (file.points.length > maxReplayedFixes) activity.endedAt = null;
    const batches = Math.ceil(activity.points.length / batchSize);
    const compared = new Set(
      Array.from({ length: comparedBatches }, (_, index) => Math.floor(((index + 1) * batches) / comparedBatches) - 1),
    );
    let track: LiveTrack = emptyLiveTrack(activity.sport);
    let analyses = 0;
    let analysisMs = 0;
    let worst = 0;
    for (let batch = 0; batch < batches; batch++) {
      const count = Math.min(activity.points.length, (batch + 1) * batchSize);
      // As the server's live feed and the phone's recorder take them in: fix by fix, analysed where due.
      track = advanceAnalyzedLiveTrack(track, activity.points.slice(batch * batchSize, count), (lastSeq) => {
        const started = performance.now();
        const stats = computeActivityStats(recordedSoFar(activity, lastSeq + 1));
        analysisMs += performance.now() - started;
        analyses++;
        return stats;
      });
      if (!compared.has(batch)) continue;
      const soFar = computeActivityStats(recordedSoFar(activity, count)).distanceMeters;
      const errorPercent = soFar > 0 ? (100 * Math.abs(liveFigures(track).distanceMeters - soFar)) / soFar : 0;
      worst = Math.max(worst, errorPercent);
    }
    const started = performance.now();
    const saved = computeActivityStats(activity);
    const onceMs = performance.now() - started;
    rows.push(
      `  ${name.padEnd(52)} ${worst.toFixed(3)}%  ${analyses} analyses over ${batches} batches, ${(analysisMs / 1000).toFixed(1)} s: ${(analysisMs / onceMs).toFixed(0)}× one of the whole`,
    );
    expect([name, worst <= goalPercent]).toEqual([name, true]);
    // Once stopped, the live figures are the analysis of every fix with the timer's end: the saved stats.
    const final = liveFigures(analyzedLiveTrack(track, saved));
    expect(final).toMatchObject({
      distanceMeters: saved.distanceMeters,
      movingTimeSeconds: saved.movingTimeSeconds,
      averagePaceSecondsPerKm: saved.averagePaceSecondsPerKm,
      elevationGainMeters: saved.elevationGainMeters,
    });
  });
});
