import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Sport } from '@pacegraph/activity-rules';
import { computeActivityStats } from '@pacegraph/track-math';
import { naiveDistanceMeters } from '@pacegraph/track-math/testing';
import { readActivityFile } from '../src/index.js';

// Real recordings by real devices, in the repository's data/tracks (see SOURCES.md there).
const tracksDirectory = fileURLToPath(new URL('../../../data/tracks/', import.meta.url));

/** Each file with what SOURCES.md says of it, listed beside them in tracks.json. */
const files = JSON.parse(readFileSync(`${tracksDirectory}tracks.json`, 'utf8')) as {
  name: string;
  fixesWithPosition: number;
  /** The sport, where the file names none. */
  fallbackSport?: Sport;
}[];

/** Issue 3's goal: within 2% of the distance a file states itself. */
const goalPercent = 2;

/**
 * Files whose stated distance is not one a GPS track gives, with the evidence
 * read from the file; each keeps a guard just above today's error instead of
 * the goal, against regressions.
 */
const notGpsDistances: Record<string, { guardPercent: number; why: string }> = {
  'ride-togeojson-edge520-long-stop.tcx': {
    guardPercent: 6.5,
    why:
      'the Edge 520 integrates its speed reading (sensor or Doppler): over the 1 s steps its distance grows 1678.8 m, ' +
      'speed × time gives 1680.2 m, the positions 1705.1 m; across the recording gaps (20 s, 66.5 min, 23 s) the ' +
      "positions move 5.7 + 42.0 + 38.3 m and its distance 0 + 1.4 + 3.6 m. Our 1791 m is the positions' own 1792 m.",
  },
  'run-fitparse-garmin-2013.fit': {
    guardPercent: 4.5,
    why:
      'the Forerunner 110 states 4835 m, 1% more than the raw polyline through every fix (4789 m) and than its own ' +
      "records' speed × time (4787 m): no smoothing of these positions can reach it. And 110 m of that polyline lies in " +
      'stops where its own speed reads 0 (12:31:26-12:36:07 and six shorter ones): jitter, which must not add distance.',
  },
};

describe('real recordings', () => {
  const rows: { name: string; stated: number | null; ours: number; naive: number }[] = [];

  afterAll(() => {
    const judged = rows.filter((row) => row.stated);
    const withinGoal = judged.filter((row) => Math.abs(row.ours - row.stated!) / row.stated! <= goalPercent / 100).length;
    const lines = rows.map((row) => {
      const error = (value: number) => (row.stated ? `${((100 * (value - row.stated)) / row.stated).toFixed(2)}%` : '—');
      const note = notGpsDistances[row.name] ? '  (stated is not a GPS distance)' : '';
      return `  ${row.name.padEnd(52)} stated ${row.stated?.toFixed(0).padStart(6) ?? '     —'} m  ours ${row.ours.toFixed(0).padStart(6)} m (${error(row.ours)})  naive ${row.naive.toFixed(0).padStart(6)} m (${error(row.naive)})${note}`;
    });
    const reasons = Object.entries(notGpsDistances).map(([name, { why }]) => `  ${name}: ${why}`);
    console.log(
      [`distance against what each file states (${withinGoal}/${judged.length} within ${goalPercent}%):`, ...lines, ...reasons].join('\n'),
    );
  });

  it.each(files)('reads $name: every fix with a position, and its sport', async ({ name, fixesWithPosition, fallbackSport }) => {
    const activity = readActivityFile(name, await readFile(tracksDirectory + name));
    expect(activity.points).toHaveLength(fixesWithPosition);
    // Every reading is one a device can give; OpenTracks' 0 heart rate without a sensor is no reading.
    expect(activity.droppedValues).toEqual([]);
    if (name.includes('opentracks')) expect(activity.points.filter((point) => point.heartRate !== null)).toEqual([]);
    expect(activity.sport ?? fallbackSport).toBe(
      name.startsWith('run') ? 'RUN' : name.startsWith('ride') ? 'RIDE' : name.startsWith('walk') ? 'WALK' : 'HIKE',
    );
    const stats = computeActivityStats({ ...activity, sport: (activity.sport ?? fallbackSport)! });
    rows.push({ name, stated: activity.statedDistanceMeters, ours: stats.distanceMeters, naive: naiveDistanceMeters(activity.points) });
    if (activity.statedDistanceMeters) {
      const errorPercent = (100 * Math.abs(stats.distanceMeters - activity.statedDistanceMeters)) / activity.statedDistanceMeters;
      expect([name, errorPercent <= (notGpsDistances[name]?.guardPercent ?? goalPercent)]).toEqual([name, true]);
    }
  });

  it('ships every recording with its source and a licence that allows it (MIT or BSD) in SOURCES.md', async () => {
    const sources = await readFile(`${tracksDirectory}SOURCES.md`, 'utf8');
    const licences = new Map(
      sources.split('\n').flatMap((line) => {
        const cells = line.split('|').map((cell) => cell.trim());
        return /^\d+$/.test(cells[1] ?? '') ? [[cells[2], cells[6]] as const] : [];
      }),
    );
    const recordings = (await readdir(tracksDirectory)).filter((name) => !['SOURCES.md', 'tracks.json'].includes(name)).sort();
    expect(recordings).toEqual(files.map((file) => file.name).sort());
    expect(recordings.filter((name) => !/^(MIT|BSD-2-Clause)$/.test(licences.get(name) ?? ''))).toEqual([]);
  });
});
