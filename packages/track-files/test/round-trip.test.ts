import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Sport } from '@pacegraph/activity-rules';
import { computeActivityStats } from '@pacegraph/track-math';
import { activityFileFormats, readActivityFile, writeActivityFile } from '../src/index.js';

const tracksDirectory = fileURLToPath(new URL('../../../data/tracks/', import.meta.url));
const files = JSON.parse(readFileSync(`${tracksDirectory}tracks.json`, 'utf8')) as { name: string; fallbackSport?: Sport }[];

/** Distance, moving time and climb: what a round trip must keep. */
const figures = (activity: ReturnType<typeof readActivityFile>, sport: Sport) => {
  const stats = computeActivityStats({ ...activity, sport });
  return {
    distanceMeters: stats.distanceMeters,
    movingTimeSeconds: stats.movingTimeSeconds,
    elevationGainMeters: stats.elevationGainMeters,
  };
};

describe('writing an activity file and reading it back', () => {
  const rows: string[] = [];
  afterAll(() => console.log(['round trip: change of distance, moving time and climb', ...rows].join('\n')));

  it.each(activityFileFormats.flatMap((format) => files.map(({ name, fallbackSport }) => ({ format, name, fallbackSport }))))(
    '$format keeps the fixes and figures of $name',
    ({ format, name, fallbackSport }) => {
      const original = readActivityFile(name, readFileSync(tracksDirectory + name));
      const sport = (original.sport ?? fallbackSport)!;
      const written = writeActivityFile(format, { name: `Round trip of ${name}`, ...original, sport });
      const read = readActivityFile(`export.${written.extension}`, written.bytes);

      expect(read.points).toHaveLength(original.points.length);
      if (format === 'FIT') expect(read.pauses).toEqual(original.pauses);
      // TCX names runs and rides only.
      if (format !== 'TCX' || sport === 'RUN' || sport === 'RIDE') expect(read.sport).toBe(sport);
      expect(read.points.map((point) => [point.heartRate, point.cadence])).toEqual(
        original.points.map((point) => [point.heartRate, point.cadence]),
      );
      // GPX and TCX carry no timer start and end (a reader takes the first and last fix): judged against the original so read.
      const carried = format === 'FIT' ? original : { ...original, startedAt: read.startedAt, endedAt: read.endedAt };
      const before = figures(carried, sport);
      const after = figures(read, sport);
      const change = (key: keyof typeof before) => Math.abs(after[key] - before[key]) / Math.max(1, before[key]);
      rows.push(
        `  ${format} ${name.padEnd(52)} ${(['distanceMeters', 'movingTimeSeconds', 'elevationGainMeters'] as const)
          .map((key) => `${(100 * change(key)).toFixed(3)}%`)
          .join('  ')}`,
      );
      // GPX and TCX carry a pause only as a break between two fixes (running from the fix before to the fix after), so
      // files with pauses, or with fixes out of time order, move a little; a pause with fixes in it cannot be written at
      // all (those figures are printed, not judged). FIT keeps the timer and the pauses' own times, but whole seconds
      // (OpenTracks' GPX has milliseconds), positions to 1 cm and altitude to 0.2 m.
      const times = original.points.map((point) => point.time.getTime());
      const xmlCarriesAll = original.pauses.length === 0 && times.every((time, index) => index === 0 || time > times[index - 1]!);
      const fixesInPauses = original.pauses.some((pause) => times.some((time) => time > pause.from.getTime() && time < pause.to.getTime()));
      const subSecond = times.some((time) => time % 1000 !== 0);
      const within = (share: number) => ({ distanceMeters: share, movingTimeSeconds: share, elevationGainMeters: share });
      let tolerance = within(0.001);
      if (format === 'FIT') tolerance = { ...within(0.001), movingTimeSeconds: subSecond ? 0.015 : 0.001, elevationGainMeters: 0.002 };
      else if (fixesInPauses) tolerance = within(Infinity);
      else if (!xmlCarriesAll) tolerance = within(0.02);
      for (const key of ['distanceMeters', 'movingTimeSeconds', 'elevationGainMeters'] as const) {
        expect([name, key, change(key) <= tolerance[key]]).toEqual([name, key, true]);
      }
    },
  );
});
