/**
 * Account limits for a benchmark's stack: every athlete signs up from this
 * one address, so the per-address sign-up limits are raised far above what a
 * run needs (the other limits stay as deployed).
 */
export const benchAccountLimits = {
  signUpsPerAddress: { points: 10_000, windowSeconds: 3600 },
  signUpConfirmationsPerAddress: { points: 10_000, windowSeconds: 3600 },
};
