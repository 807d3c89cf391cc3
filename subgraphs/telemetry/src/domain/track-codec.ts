import type { TrackPoint } from '@pacegraph/track-math';

/**
 * The cold form of a track: consecutive fixes packed column by column, each
 * column as its first value then differences, zigzag varints. A fix every few
 * seconds moves a few metres, so most differences fit in one or two bytes;
 * times go one step further (differences of differences), because a phone
 * samples at a steady rate and most of them are then zero.
 *
 * What a fix keeps: time to the millisecond (as stored hot), positions to
 * 1e-7° (about 1 cm), elevation and accuracy to the centimetre, heart rate and
 * cadence whole.
 */
const formatVersion = 1;
const degreeScale = 1e7;
const meterScale = 100;

/** Fixes per chunk: large enough that a row's overhead is a rounding error, small enough to read a slice. @default 2,000 */
export const pointsPerChunk = 2000;

/** Splits fixes ordered by seq into chunks of at most `size`. */
export function chunkTrack(points: TrackPoint[], size = pointsPerChunk): TrackPoint[][] {
  const chunks: TrackPoint[][] = [];
  for (let start = 0; start < points.length; start += size) chunks.push(points.slice(start, start + size));
  return chunks;
}

/** Packs fixes (ordered by seq) into one chunk. */
export function encodeTrackChunk(points: TrackPoint[]): Uint8Array<ArrayBuffer> {
  const out = new ByteWriter();
  out.varint(formatVersion);
  out.varint(points.length);
  out.column(points.map((point) => point.seq));
  out.column(differences(points.map((point) => point.time.getTime())));
  out.column(points.map((point) => Math.round(point.lat * degreeScale)));
  out.column(points.map((point) => Math.round(point.lon * degreeScale)));
  out.optionalColumn(points.map((point) => scaled(point.elevation, meterScale)));
  out.optionalColumn(points.map((point) => scaled(point.accuracy, meterScale)));
  out.optionalColumn(points.map((point) => scaled(point.heartRate, 1)));
  out.optionalColumn(points.map((point) => scaled(point.cadence, 1)));
  return out.bytes();
}

/** Unpacks a chunk made by {@link encodeTrackChunk}. */
export function decodeTrackChunk(data: Uint8Array): TrackPoint[] {
  const input = new ByteReader(data);
  const version = input.varint();
  if (version !== formatVersion) throw new Error(`Unknown track chunk format ${version}`);
  const count = input.varint();
  const seqs = input.column(count);
  const times = sums(input.column(count));
  const lats = input.column(count);
  const lons = input.column(count);
  const elevations = input.optionalColumn(count);
  const accuracies = input.optionalColumn(count);
  const heartRates = input.optionalColumn(count);
  const cadences = input.optionalColumn(count);
  return seqs.map((seq, index) => ({
    seq,
    time: new Date(times[index]!),
    lat: lats[index]! / degreeScale,
    lon: lons[index]! / degreeScale,
    elevation: unscaled(elevations[index]!, meterScale),
    accuracy: unscaled(accuracies[index]!, meterScale),
    heartRate: heartRates[index]!,
    cadence: cadences[index]!,
  }));
}

/** First value, then each difference from the one before. */
function differences(values: number[]): number[] {
  return values.map((value, index) => (index === 0 ? value : value - values[index - 1]!));
}

/** The inverse of {@link differences}. */
function sums(values: number[]): number[] {
  let total = 0;
  return values.map((value) => (total += value));
}

function scaled(value: number | null | undefined, scale: number): number | null {
  return value == null ? null : Math.round(value * scale);
}

function unscaled(value: number | null, scale: number): number | null {
  return value === null ? null : value / scale;
}

/** How an optional column is stored: absent throughout, present throughout, or a presence bitmap first. */
const Presence = { None: 0, All: 1, Some: 2 } as const;

class ByteWriter {
  private readonly buffer: number[] = [];

  /** A non-negative integer up to 2^53, 7 bits per byte. */
  varint(value: number): void {
    let rest = value;
    while (rest >= 0x80) {
      this.buffer.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.buffer.push(rest);
  }

  /** First value, then each difference from the one before, zigzagged so small negatives stay small. */
  column(values: number[]): void {
    let previous = 0;
    for (const value of values) {
      this.varint(zigzag(value - previous));
      previous = value;
    }
  }

  optionalColumn(values: (number | null)[]): void {
    const present = values.filter((value): value is number => value !== null);
    if (present.length === 0) return this.varint(Presence.None);
    if (present.length === values.length) {
      this.varint(Presence.All);
    } else {
      this.varint(Presence.Some);
      for (let start = 0; start < values.length; start += 8) {
        let bits = 0;
        for (let bit = 0; bit < 8 && start + bit < values.length; bit++) if (values[start + bit] !== null) bits |= 1 << bit;
        this.buffer.push(bits);
      }
    }
    this.column(present);
  }

  bytes(): Uint8Array<ArrayBuffer> {
    return Uint8Array.from(this.buffer);
  }
}

class ByteReader {
  private offset = 0;

  constructor(private readonly data: Uint8Array) {}

  varint(): number {
    let value = 0;
    let factor = 1;
    for (;;) {
      if (this.offset >= this.data.length) throw new Error('Track chunk ends early');
      const byte = this.data[this.offset++]!;
      value += (byte & 0x7f) * factor;
      if (byte < 0x80) return value;
      factor *= 0x80;
    }
  }

  column(count: number): number[] {
    const values = new Array<number>(count);
    let previous = 0;
    for (let index = 0; index < count; index++) {
      previous += unzigzag(this.varint());
      values[index] = previous;
    }
    return values;
  }

  optionalColumn(count: number): (number | null)[] {
    const presence = this.varint();
    if (presence === Presence.None) return new Array<null>(count).fill(null);
    if (presence === Presence.All) return this.column(count);
    const present: boolean[] = [];
    for (let start = 0; start < count; start += 8) {
      const bits = this.data[this.offset++]!;
      for (let bit = 0; bit < 8 && start + bit < count; bit++) present.push((bits & (1 << bit)) !== 0);
    }
    const values = this.column(present.filter(Boolean).length);
    let next = 0;
    return present.map((isPresent) => (isPresent ? values[next++]! : null));
  }
}

function zigzag(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

function unzigzag(value: number): number {
  return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
}
