import type { LoggerService } from '@nestjs/common';

/** The signals an operator, a terminal or an orchestrator stops a service with (Nest listens for these among others). */
export const STOP_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT'] as const;

/**
 * A shutdown hook that never ends (a broker that stops answering, say) would keep a stopping
 * service alive until an orchestrator kills it without a word: after `timeoutMs` the process ends
 * with exit code 1 and says so. The timer keeps the process alive, so a hook waiting on something
 * that can no longer happen ends there too rather than in a silent exit 0. The consumer, the
 * outbox and the alert feed log as they stop, which narrows down what hung; the HTTP server and
 * the database pool do not, and Nest runs one module's hooks side by side.
 */
export function limitShutdown(timeoutMs: number, logger: Pick<LoggerService, 'fatal'>): void {
  const armOnce = (signal: NodeJS.Signals) => {
    // One timer is enough; Nest ends the process itself once its hooks have run (bootstrap.ts).
    for (const other of STOP_SIGNALS) process.removeListener(other, armOnce);
    setTimeout(() => {
      logger.fatal?.({ message: `still stopping ${timeoutMs} ms after ${signal}: exiting without waiting for the rest`, signal, timeoutMs });
      process.exit(1);
    }, timeoutMs);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, armOnce);
}
