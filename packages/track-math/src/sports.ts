import type { Sport } from '@pacegraph/activity-rules';

/**
 * Speeds no athlete of the sport reaches, in m/s: a fix that needs one to be
 * where it is is a GPS glitch. RUN 12 m/s is above Bolt's top speed (12.4 m/s
 * lasts a few metres; between fixes seconds apart it averages lower); RIDE
 * 30 m/s is 108 km/h, a fast descent.
 */
export const impossibleSpeedMps: Record<Sport, number> = { RUN: 12, RIDE: 30, WALK: 7, HIKE: 7 };

/**
 * Below this speed the athlete is stopped (an automatic pause): the time is
 * not moving time and GPS jitter adds no distance. In m/s.
 */
export const stoppedBelowMps: Record<Sport, number> = { RUN: 0.8, RIDE: 1.0, WALK: 0.4, HIKE: 0.3 };
