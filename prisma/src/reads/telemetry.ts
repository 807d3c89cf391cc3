/**
 * The reads the telemetry subgraph publishes of its tables (`track_points`,
 * `archived_tracks`, `track_chunks`) for the other subgraphs. Only telemetry
 * writes those tables; whoever else needs them calls a function here, so a
 * change to them touches their owner's code only (see docs/architecture.md).
 */
export {};
