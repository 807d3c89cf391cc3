export * from './geodesy.js';
export * from './sports.js';
export * from './track-point.js';
export * from './track-point-rules.js';
