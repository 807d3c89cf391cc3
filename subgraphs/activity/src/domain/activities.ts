import type { Activity, PrismaClient } from '@pacegraph/db';
import { UnauthenticatedError } from '@pacegraph/service-kit';
import { activityTitle, type Sport } from './activity-rules.js';

/** The viewer's id, or UNAUTHENTICATED: recording needs an athlete. */
export function requireViewer(viewerId: string | null): string {
  if (!viewerId) throw new UnauthenticatedError('AUTH.REQUIRED', 'Sign in to record activities');
  return viewerId;
}

/** Creates an activity owned by the viewer. */
export async function createActivity(
  prisma: PrismaClient,
  viewerId: string | null,
  input: { sport: Sport; title?: string | null },
): Promise<Activity> {
  const athleteId = requireViewer(viewerId);
  return prisma.activity.create({
    data: { athleteId, sport: input.sport, title: activityTitle(input.sport, input.title) },
  });
}
