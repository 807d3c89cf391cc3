export { socialConfigFromEnv } from './env.js';
export { startSocialServer, socialTypeDefs, type SocialConfig } from './server.js';
