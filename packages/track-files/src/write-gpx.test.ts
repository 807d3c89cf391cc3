import { readGpx } from './read-xml-track.js';
import { writeGpx } from './write-gpx.js';

describe('writing GPX', () => {
  const at = (seconds: number) => new Date(Date.UTC(2026, 11, 1, 7, 0, seconds));
  const points = Array.from({ length: 6 }, (_, seq) => ({
    seq,
    time: at(seq * 5),
    lat: 52.1 + seq * 0.0001,
    lon: 5.1,
    elevation: seq === 2 ? null : 3 + seq,
    heartRate: seq === 0 ? null : 140 + seq,
    cadence: 170,
  }));

  it('reads back as what was written: positions, times, elevation, heart rate, cadence, the sport and the pauses', () => {
    const text = writeGpx({ name: 'Dawn <tempo> & "hills"', sport: 'RUN', points, pauses: [{ from: at(11), to: at(14) }] });
    const read = readGpx(text);
    expect(read.sport).toBe('RUN');
    expect(
      read.points.map(({ time, lat, lon, elevation, heartRate, cadence }) => ({ time, lat, lon, elevation, heartRate, cadence })),
    ).toEqual(points.map(({ time, lat, lon, elevation, heartRate, cadence }) => ({ time, lat, lon, elevation, heartRate, cadence })));
    expect(read.pauses).toEqual([{ from: at(10), to: at(15) }]);
    expect(text).toContain('<name>Dawn &lt;tempo&gt; &amp; &quot;hills&quot;</name>');
  });
});
