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

/** Issue 18's goals against what a device states: climb within 10% of its total ascent, moving time within 5% of its own. */
const climbGoalPercent = 10;
const movingTimeGoalPercent = 5;

/**
 * The recordings that state their ascent split in two: the minimum climb
 * hysteresis (packages/track-math/src/stats.ts) was chosen on the tuning
 * set; the held-out set only checks it.
 */
const climbTuningSet = [
  'run-fitparse-fenix2-gps-glitch.fit',
  'walk-geoactivity-garmin-nieuwvliet.fit',
  'ride-fitparse-edge500-autopause.fit',
];

/** Files whose stated ascent our climb misses by more than the goal, with the evidence read from the file, and a guard just above today's error. */
const climbMisses: Record<string, { guardPercent: number; why: string }> = {
  'run-fitparse-fenix2-gps-glitch.fit': {
    guardPercent: 15.5,
    why:
      'the fenix 2 records its altitude every second, and it wanders: every rise of it adds up to 257 m, the rises of ' +
      'at least 3 m to 154 m. The stated 64 m comes from its own filtered altitude, which the file does not hold. A ' +
      'minimum hysteresis of 3 m would give 66 m (+3%), but puts a synthetic track beyond the climb guard (22.5%).',
  },
  'run-geoactivity-garmin-landalpark.fit': {
    guardPercent: 16.5,
    why:
      'the Venu Sq writes enhanced_altitude only (no barometric altitude field) and states 109 m: every rise of its ' +
      'altitudes adds up to 139 m, the rises of at least 5 m still to 121 m, 11% above its statement.',
  },
  'ride-fitparse-garmin-timer-pauses.fit': {
    guardPercent: 25,
    why:
      'the Edge 200 records a fix every 7 s (median) and states 66 m: every rise of the altitudes it wrote adds up to ' +
      '63 m, already below its statement (it sums samples the file does not hold); smoothing those sparse samples loses ' +
      'more (54 m with no minimum hysteresis).',
  },
  'walk-geoactivity-garmin-nieuwvliet.fit': {
    guardPercent: 31,
    why:
      'the Venu Sq states 86 m; every rise of its altitudes adds up to 163 m, the rises of at least 4 m to 97 m, of at ' +
      'least 5 m to 84 m: its ascent counts only swings of several metres, more than the synthetic tracks let a ' +
      'hysteresis be.',
  },
};

/**
 * Files whose stated moving (or timer) time our moving time misses by more
 * than the goal, with the evidence read from the file, and a guard just above
 * today's error.
 */
const movingTimeMisses: Record<string, { guardPercent: number; why: string }> = {
  'run-fitparse-garmin-2013.fit': {
    guardPercent: 21,
    why:
      'its timer started once (12:11:14) and stopped once (12:54:59): the stated 2625 s is the elapsed time, stops ' +
      'included (no auto-pause). Its own speed reads below 0.3 m/s for 499 s of its records: 2126 s moving, ours 2103 s (-1.1%).',
  },
  'ride-fitparse-coros-pace2.fit': {
    guardPercent: 9.5,
    why:
      'its timer ran through stops (no auto-pause): between its six timer starts and stops its own speed reads below ' +
      '0.3 m/s for 1029 s: 10258 s moving, ours 10357 s (+1.0%).',
  },
  'walk-geoactivity-garmin-nieuwvliet.fit': {
    guardPercent: 16,
    why:
      'its timer started once (08:11:11) and stopped once (09:18:35): the stated 4042 s is the elapsed time. Its own ' +
      'speed reads below 0.3 m/s for 976 s of its records: 3066 s moving, ours 3432 s (+12%): slow steps we count as walking.',
  },
  'hike-geoactivity-opentracks-cadzand-evening.gpx': {
    guardPercent: 12,
    why:
      'OpenTracks states 2104 s, less than its own speeds say: the intervals between fixes (under 60 s) ending at a speed it ' +
      'wrote of at least 0.7 m/s, a slow walk, add up to 2247 s, at least 0.2 m/s to 2306 s; ours 2338 s is 1.4% above that.',
  },
  'hike-geoactivity-opentracks-cadzand-stop-noise.gpx': {
    guardPercent: 28,
    why:
      'OpenTracks states 1573 s; the intervals ending at a speed it wrote of at least 0.2 m/s add up to 1789 s, of at ' +
      'least 0.7 m/s to 1692 s. Ours, 1993 s, is 11% above even the first: jitter in the long stop taken for slow walking, a miss of ours.',
  },
};

/** Signed error in percent against a stated figure; null where none is stated. */
const errorPercent = (ours: number, stated: number | null) => (stated ? (100 * (ours - stated)) / stated : null);
const percentText = (error: number | null) => (error === null ? '—' : `${error >= 0 ? '+' : ''}${error.toFixed(1)}%`);

describe('real recordings', () => {
  const rows: { name: string; stated: number | null; ours: number; naive: number }[] = [];
  const figures: {
    name: string;
    distance: [number, number | null];
    movingTime: [number, number | null];
    climb: [number, number | null];
  }[] = [];

  afterAll(() => {
    const cell = ([ours, stated]: [number, number | null], digits = 0) =>
      `${ours.toFixed(digits).padStart(6)} / ${stated?.toFixed(digits).padStart(6) ?? '     —'} ${percentText(errorPercent(ours, stated)).padStart(7)}`;
    const set = (name: string) => (climbTuningSet.includes(name) ? 'tuning' : 'held-out');
    const lines = figures.map(
      (row) =>
        `  ${row.name.padEnd(52)} ${cell(row.distance)} | ${cell(row.movingTime)} | ${cell(row.climb)} ${row.climb[1] ? set(row.name) : ''}`,
    );
    const reasons = Object.entries(climbMisses).map(([name, { why }]) => `  climb, ${name}: ${why}`);
    const movingReasons = Object.entries(movingTimeMisses).map(([name, { why }]) => `  moving time, ${name}: ${why}`);
    console.log(
      [
        'ours / stated (error): distance m | moving time s | climb m (set the climb goal was tuned on or checked on)',
        ...lines,
        ...reasons,
        ...movingReasons,
      ].join('\n'),
    );
  });

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
    const statedMoving = activity.statedMovingTimeSeconds ?? activity.statedTimerTimeSeconds;
    figures.push({
      name,
      distance: [stats.distanceMeters, activity.statedDistanceMeters],
      movingTime: [stats.movingTimeSeconds, statedMoving],
      climb: [stats.elevationGainMeters, activity.statedAscentMeters],
    });
    const climbError = errorPercent(stats.elevationGainMeters, activity.statedAscentMeters);
    if (climbError !== null) {
      expect([name, Math.abs(climbError) <= (climbMisses[name]?.guardPercent ?? climbGoalPercent)]).toEqual([name, true]);
    }
    const movingError = errorPercent(stats.movingTimeSeconds, statedMoving);
    if (movingError !== null) {
      expect([name, Math.abs(movingError) <= (movingTimeMisses[name]?.guardPercent ?? movingTimeGoalPercent)]).toEqual([name, true]);
    }
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
