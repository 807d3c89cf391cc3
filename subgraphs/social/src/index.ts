export { defaultAccountLimits, type AccountLimits } from './account-limits.js';
export { socialConfigFromEnv } from './env.js';
export { socialSubgraph, type SocialConfig } from './server.js';
export { mailText } from './domain/mail-outbox.js';
export { latestMail } from './store/outbound-mail.js';
export { SocialReason } from './domain/reasons.js';
export { units, maxHeartRateBpmRange } from './domain/preferences.js';
export { avatarUrlMaxLength, bioMaxLength, cityMaxLength } from './domain/profile.js';
