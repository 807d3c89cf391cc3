import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { dataOf, type Result } from '../errors.js';
import {
  CompleteActivityDocument,
  CreateActivityDocument,
  DiscardActivityDocument,
  PauseActivityDocument,
  RecordTrackPointsDocument,
  ResumeActivityDocument,
  StartActivityDocument,
  StopActivityDocument,
} from '../generated/graphql.js';
import type { Execute } from '../http-transport.js';
import { toTrackPoint, type StoredAction, type StoredPoint, type StoredRecording } from './recording-store.js';

/** The requests a recording's sync makes; each is safe to repeat. */
export interface SyncRequests {
  /** The signed-in athlete's id (the token's subject); null when signed out. */
  athlete(): string | null;
  /** Creates the activity (once per client id); resolves with the server's id. */
  create(recording: StoredRecording): Promise<Result<string>>;
  transition(activityId: string, action: StoredAction): Promise<Result<void>>;
  recordPoints(activityId: string, points: readonly StoredPoint[]): Promise<Result<{ rejected: { seq: number; reason: string }[] }>>;
}

/** start…stop take the same variables and are answered alike: one document per kind. */
const timedDocuments: Record<'start' | 'pause' | 'resume' | 'stop', DocumentTypeDecoration<unknown, { id: string; at: string }>> = {
  start: StartActivityDocument,
  pause: PauseActivityDocument,
  resume: ResumeActivityDocument,
  stop: StopActivityDocument,
};

/** The sync's requests over the client's transport, as the athlete whose token it sends. */
export function syncRequests(execute: Execute, token: () => string | null): SyncRequests {
  return {
    athlete: () => subjectOf(token()),
    async create(recording) {
      const created = await execute(CreateActivityDocument, {
        input: {
          sport: recording.sport,
          clientId: recording.id,
          ...(recording.title !== null ? { title: recording.title } : {}),
          ...(recording.visibility !== null ? { visibility: recording.visibility } : {}),
        },
      });
      // A partial answer (a service that adds to the activity was down) still made it: go on with its id.
      return dataOf(created, (data) => data.createActivity.id);
    },
    async transition(activityId, action) {
      const done =
        action.kind === 'complete'
          ? await execute(CompleteActivityDocument, { id: activityId, input: action.input })
          : action.kind === 'discard'
            ? await execute(DiscardActivityDocument, { id: activityId })
            : await execute(timedDocuments[action.kind], { id: activityId, at: action.at });
      return dataOf(done, () => undefined);
    },
    async recordPoints(activityId, points) {
      const recorded = await execute(RecordTrackPointsDocument, {
        activityId,
        points: points.map(toTrackPoint).map((point) => ({ ...point, time: point.time.toISOString() })),
      });
      return dataOf(recorded, (data) => ({ rejected: data.recordTrackPoints.rejected }));
    },
  };
}

/** The subject of a JWT, read without checking it (the server does): whom the token speaks for. */
function subjectOf(token: string | null): string | null {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const subject = (JSON.parse(json) as { sub?: unknown }).sub;
    return typeof subject === 'string' ? subject : null;
  } catch {
    return null;
  }
}
