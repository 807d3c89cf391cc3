import type { PrismaClient } from '@pacegraph/db';
import { athleteRelationLoader, rowsByIdLoader } from '@pacegraph/subgraph-host';
import { activitiesByIds } from './store/activities.js';

/** Per-request batch loaders. */
export function createLoaders(prisma: PrismaClient, viewerId: string | null) {
  return {
    activityById: rowsByIdLoader((ids) => activitiesByIds(prisma, ids)),
    /** The viewer's relation to each athlete: who may see which activity. */
    relationToAthlete: athleteRelationLoader(prisma, viewerId),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
