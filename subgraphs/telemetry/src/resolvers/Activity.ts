import type { TelemetryContext } from '../context.js';

interface ActivityReference {
  id: string;
}

export const Activity = {
  __resolveReference: (reference: ActivityReference) => reference,
  trackPointCount: ({ id }: ActivityReference, _: unknown, { loaders }: TelemetryContext) =>
    loaders.trackPointCountByActivity.load(id),
};
