// Test support: synthetic tracks with their known truth, for tests and
// benchmarks. Kept out of the runtime entry, which apps and servers import.
export * from './synthetic-track.js';
