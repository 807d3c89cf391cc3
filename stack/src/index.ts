export { loadOrCreateSecrets, type StackSecrets } from './secrets.js';
export { startStack, type RunningStack, type StackOptions } from './stack.js';
