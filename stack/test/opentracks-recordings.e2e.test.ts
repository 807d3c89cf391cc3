import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readGpx } from '@pacegraph/track-files';
import { bearer, graphql, signUpAthlete, useStack } from './support/stack.js';

// Real OpenTracks recordings from the repository's data/tracks (see SOURCES.md there).
const tracksDirectory = fileURLToPath(new URL('../../data/tracks/', import.meta.url));
const recordings = (
  JSON.parse(readFileSync(`${tracksDirectory}tracks.json`, 'utf8')) as { name: string; fixesWithPosition: number }[]
).filter(({ name }) => name.includes('opentracks'));

const record = `mutation ($activityId: ID!, $points: [TrackPointInput!]!) {
  recordTrackPoints(activityId: $activityId, points: $points) { accepted duplicates rejected { seq reason } droppedValues { seq field } }
}`;
const stored =
  'query ($id: ID!) { activity(id: $id) { trackPointCount stats { distanceMeters averageHeartRateBpm heartRateZones { seconds } } } }';

describe('real OpenTracks recordings sent through the gateway', () => {
  const harness = useStack();

  it('are three', () => {
    expect(recordings).toHaveLength(3);
  });

  it.each(recordings)('$name: every fix kept, its heart rate of 0 read as no reading', async ({ name, fixesWithPosition }) => {
    const text = readFileSync(tracksDirectory + name, 'utf8');
    // OpenTracks writes a heart rate of 0 on every fix when no sensor is connected.
    expect(text.match(/<gpxtpx:hr>0<\/gpxtpx:hr>/g)).toHaveLength(fixesWithPosition);
    const track = readGpx(text);
    expect(track.points).toHaveLength(fixesWithPosition);

    // The recording, shifted to have ended a minute ago; each fix sent as the file has it.
    const shift = Date.now() - 60_000 - track.endedAt.getTime();
    const at = (time: Date) => new Date(time.getTime() + shift).toISOString();
    const athlete = await signUpAthlete(harness.url);
    const call = (query: string, variables: Record<string, unknown>) => graphql(harness.url, query, variables, bearer(athlete.token));
    const sport = name.startsWith('ride') ? 'RIDE' : 'HIKE';
    const id = (await call('mutation ($sport: Sport!) { createActivity(input: { sport: $sport }) { id } }', { sport })).data!.createActivity
      .id as string;
    await call('mutation ($id: ID!, $at: DateTime) { startActivity(id: $id, at: $at) { id } }', { id, at: at(track.startedAt) });
    const fixes = track.points.map((point) => ({
      seq: point.seq,
      time: at(point.time),
      lat: point.lat,
      lon: point.lon,
      elevation: point.elevation,
      heartRate: 0,
    }));
    let accepted = 0;
    for (let start = 0; start < fixes.length; start += 1000) {
      const result = (await call(record, { activityId: id, points: fixes.slice(start, start + 1000) })).data!.recordTrackPoints;
      expect(result).toMatchObject({ duplicates: 0, rejected: [], droppedValues: [] });
      accepted += result.accepted;
    }
    expect(accepted).toBe(fixesWithPosition);
    const activity = (await call(stored, { id })).data!.activity;
    expect(activity.trackPointCount).toBe(fixesWithPosition);
    expect(activity.stats).toMatchObject({ averageHeartRateBpm: null, heartRateZones: null });
    expect(activity.stats.distanceMeters).toBeGreaterThan(0);
  });
});
