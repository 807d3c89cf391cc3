export { loadOrCreateSecrets, type StackSecrets } from './secrets.js';
export { startStack, type RunningStack, type StackOptions } from './stack.js';
export { startCluster, type ClusterOptions, type RunningCluster } from './cluster.js';
export { readSignUpCode } from './outbox.js';
export { apiReasonCatalogues } from './reasons.js';
