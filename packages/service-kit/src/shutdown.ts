import type { Logger } from './logger.js';

/** How long a shutdown may take before the process exits anyway. @default 20 s */
export const shutdownDeadlineMs = 20_000;

/**
 * Runs `close` once on SIGINT or SIGTERM, then exits: 0 when it finished, 1
 * when it failed or passed the deadline. Later signals are ignored: Ctrl-C
 * under `npm start` reaches the process twice (from the terminal and from npm).
 */
export function closeOnSignal(close: () => Promise<void>, log: Logger, deadlineMs = shutdownDeadlineMs): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error({ deadlineMs }, 'shutdown took too long; exiting');
      process.exit(1);
    }, deadlineMs).unref();
    close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
