import type { LoggerService } from '@nestjs/common';

/**
 * A shutdown hook that never ends (a broker that stops answering, say) would keep a stopping
 * service alive until an orchestrator kills it without a word: after `timeoutMs` the process ends
 * with exit code 1 and says so. The hooks log their steps, so the line before it names the one that hung.
 */
export function limitShutdown(timeoutMs: number, logger: Pick<LoggerService, 'fatal'>): void {
  // `once`, so no listener of ours is left when Nest re-raises the signal to end the process.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        logger.fatal?.({ message: `still stopping ${timeoutMs} ms after ${signal}: exiting without waiting for the rest`, signal, timeoutMs });
        process.exit(1);
      }, timeoutMs).unref();
    });
  }
}
