import { averageSpeedMps, clockText, distanceKmText, speedLabels, speedText } from '@pacegraph/track-math';

/** Statuses after which the figures are final and come from the stored stats, not the live stream. */
export const finishedStatuses = ['STOPPED', 'COMPLETED', 'DISCARDED'];

/**
 * The heart rate figure, when there is a reading: the latest fix's while the
 * activity is recorded, the average over moving time once the stored activity
 * is finished (a live update saying it stopped comes before the stored stats
 * that hold the final average: until they come, the latest reading stays).
 * Null without one (no sensor): the page then shows no heart rate at all.
 */
export function heartRateText({ live, stored }) {
  const finished = finishedStatuses.includes(stored?.status);
  const bpm = finished || !live ? stored?.stats?.averageHeartRateBpm : live.lastPoint?.heartRate;
  if (bpm == null) return null;
  return { label: finished ? 'Avg heart rate bpm' : 'Heart rate bpm', value: String(Math.round(bpm)) };
}

/**
 * The six figures the page shows, as text: from the latest live update while
 * the activity is recorded, from its stats once it is finished (or before the
 * first live update arrives). `extraSeconds` runs the elapsed clock on between
 * updates of an ACTIVE activity. The climb comes from the stats either way
 * (live updates carry none).
 */
export function figureTexts({ sport, status, live, stats, extraSeconds = 0 }) {
  const labels = speedLabels(sport);
  const finished = finishedStatuses.includes(status);
  const climb = stats ? String(Math.round(stats.elevationGainMeters)) : '–';
  if ((finished || !live) && stats) {
    return {
      distance: distanceKmText(stats.distanceMeters),
      elapsed: clockText(stats.elapsedTimeSeconds),
      moving: clockText(stats.movingTimeSeconds),
      currentLabel: finished ? labels.best : labels.current,
      current: finished ? speedText(sport, stats.maxSpeedMps) : '–',
      averageLabel: labels.average,
      average: speedText(sport, averageSpeedMps(stats.distanceMeters, stats.movingTimeSeconds)),
      climb,
    };
  }
  return {
    distance: distanceKmText(live?.distanceMeters ?? 0),
    elapsed: clockText((live?.elapsedTimeSeconds ?? 0) + extraSeconds),
    moving: clockText(live?.movingTimeSeconds ?? 0),
    currentLabel: labels.current,
    current: live ? speedText(sport, live.currentSpeedMps) : '–',
    averageLabel: labels.average,
    average: live ? speedText(sport, averageSpeedMps(live.distanceMeters, live.movingTimeSeconds)) : '–',
    climb,
  };
}
