export * from './lifecycle.js';
export * from './limits.js';
export * from './reasons.js';
export * from './value-lists.js';
export * from './audio-cues.js';
