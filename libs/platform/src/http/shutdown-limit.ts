import type { LoggerService } from '@nestjs/common';

/** The signals an operator, a terminal or an orchestrator stops a service with (Nest listens for these among others). */
export const STOP_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT'] as const;

/**
 * A shutdown hook that never ends (a broker that stops answering, say) would keep a stopping
 * service alive until an orchestrator kills it without a word: after `timeoutMs` the process ends
 * with exit code 1 and says so. The timer keeps the process alive, so a hook waiting on something
 * that can no longer happen ends there too rather than in a silent exit 0. A stop signal a second
 * or more after the first (Ctrl-C pressed again) ends the process at once, also with exit code 1:
 * Nest ignores repeated signals while its hooks run. One within the second is the same stop
 * delivered twice (a terminal signals `npm run` and the service, and npm passes it on). The
 * consumer, the outbox and the alert feed log as they stop, which narrows down what hung; the HTTP
 * server and the database pool do not, and Nest runs one module's hooks side by side.
 */
export function limitShutdown(timeoutMs: number, logger: Pick<LoggerService, 'fatal'>, repeatAfterMs = 1_000): void {
  let firstAt = 0;
  const exitOnRepeat = (signal: NodeJS.Signals) => {
    if (performance.now() - firstAt < repeatAfterMs) return;
    logger.fatal?.({ message: `${signal} again while stopping: exiting without waiting for the rest`, signal });
    process.exit(1);
  };
  const armOnce = (signal: NodeJS.Signals) => {
    firstAt = performance.now();
    // One timer is enough; Nest ends the process itself once its hooks have run (bootstrap.ts).
    for (const other of STOP_SIGNALS) {
      process.removeListener(other, armOnce);
      process.on(other, exitOnRepeat);
    }
    setTimeout(() => {
      logger.fatal?.({ message: `still stopping ${timeoutMs} ms after ${signal}: exiting without waiting for the rest`, signal, timeoutMs });
      process.exit(1);
    }, timeoutMs);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, armOnce);
}
