import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs, one logger per service, tagged with its name. */
export function createLogger(service: string, level: string): Logger {
  return pino({ level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}
