export interface RunToReplay {
  startedAt: Date;
  endedAt: Date;
  points: { seq: number; time: Date; lat: number; lon: number; elevation?: number | null; accuracy?: number | null }[];
  pauses: { from: Date; to: Date }[];
}

export function runToReplay(seed: number, startMs: number): RunToReplay;

export function recordRun(recording: import('../../src/index.js').Recording, run: RunToReplay, until: number): Promise<void>;

export function finishRun(
  recording: import('../../src/index.js').Recording,
  run: RunToReplay,
): Promise<import('../../src/index.js').Result<void>>;
