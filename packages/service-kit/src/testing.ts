// Test support, apart from the runtime entry: what tests of several packages share.
export * from './testing/own-redis.js';
