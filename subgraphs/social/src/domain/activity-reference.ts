import type { Sport } from '@pacegraph/db';

/** The summary fields social serves for an activity (shared with the activity subgraph). */
export interface ActivitySummary {
  athleteId: string;
  title: string;
  sport: Sport;
  startedAt: Date | null;
}

/**
 * An activity as the social subgraph knows it: its id, and its summary where
 * the list it came from had it at hand (otherwise it is loaded by id).
 */
export interface ActivityReference extends Partial<ActivitySummary> {
  id: string;
}
